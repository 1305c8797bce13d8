/**
 * The entries of a history index (`history-index.ts`): by id and in both orders, kept sorted as
 * sessions are inserted, replaced and removed, and read a page at a time with keyset positions.
 */
import { isInRange } from '../../domain/past-room-stream.js';
import { compareSortKeys, reverseOrder, type PastRoomOrderField, type SortKey } from '../../domain/ordering.js';
import { parseKeysetPosition, toKeysetPosition } from '../../domain/positions.js';
import type { PastRoomFilter, PastRoomRead } from '../../domain/provider.js';
import type { HistoryFacts, HistoryPage } from './history-index.js';

/** One session in the index, with its sort key in each order. */
export interface Entry<T> {
  item: T;
  facts: HistoryFacts;
  keys: Record<PastRoomOrderField, SortKey>;
}

/** A sorted list per order field, ascending. */
export type SortedEntries<T> = Record<PastRoomOrderField, Entry<T>[]>;

/** The entries of one index; `factsOf` tells what the index needs to know of an item. */
export function createHistoryEntries<T>(factsOf: (item: T) => HistoryFacts) {
  const sorted: SortedEntries<T> = { CREATED_AT: [], ENDED_AT: [] };
  const byId = new Map<string, Entry<T>>();
  const toEntry = (item: T): Entry<T> => {
    const facts = factsOf(item);
    return { item, facts, keys: { CREATED_AT: keyOf(facts, 'CREATED_AT'), ENDED_AT: keyOf(facts, 'ENDED_AT') } };
  };
  const remove = (id: string) => {
    const old = byId.get(id);
    if (!old) return;
    for (const field of FIELDS) sorted[field].splice(lowerBound(sorted[field], old.keys[field], field), 1);
    byId.delete(id);
  };
  const upsert = (item: T) => {
    const entry = toEntry(item);
    remove(entry.facts.id);
    for (const field of FIELDS) sorted[field].splice(lowerBound(sorted[field], entry.keys[field], field), 0, entry);
    byId.set(entry.facts.id, entry);
  };
  return {
    sorted,
    size: () => byId.size,
    replaceAll(items: readonly T[]) {
      byId.clear();
      for (const entry of items.map(toEntry)) byId.set(entry.facts.id, entry);
      for (const field of FIELDS) sorted[field] = [...byId.values()].sort((a, b) => compareSortKeys(a.keys[field], b.keys[field], 'ASC'));
    },
    /** Drops `removedIds`, then inserts or replaces `items` (by id). */
    apply(items: readonly T[], removedIds: readonly string[] = []) {
      for (const id of removedIds) remove(id);
      for (const item of items) upsert(item);
    },
  };
}

const FIELDS = ['CREATED_AT', 'ENDED_AT'] as const;

function keyOf(facts: HistoryFacts, field: PastRoomOrderField): SortKey {
  const value = field === 'CREATED_AT' ? facts.createdAt.getTime() : (facts.endedAt?.getTime() ?? Number.MAX_SAFE_INTEGER);
  return { value, sessionId: facts.id };
}

/** The first index whose key is ≥ `key` (ascending list). */
function lowerBound<T>(list: readonly Entry<T>[], key: SortKey, field: PastRoomOrderField, strict = false): number {
  let [low, high] = [0, list.length];
  while (low < high) {
    const middle = (low + high) >>> 1;
    const comparison = compareSortKeys(list[middle]!.keys[field], key, 'ASC');
    if (comparison < 0 || (strict && comparison === 0)) low = middle + 1;
    else high = middle;
  }
  return low;
}

function matches(facts: HistoryFacts, filter: PastRoomFilter): boolean {
  if (filter.roomIds && !filter.roomIds.includes(facts.roomId)) return false;
  return isInRange(facts.createdAt, filter.createdAt);
}

/**
 * One page in read order: exactly what `readSortedPastRooms` answers for the same entries.
 * `totals` keeps filtered counts for the entries as they are (the caller clears it when they change).
 */
export function readHistoryPage<T>(sorted: SortedEntries<T>, read: PastRoomRead, totals: Map<string, number>): HistoryPage<T> {
  const order = read.direction === 'forward' ? read.order : reverseOrder(read.order);
  const list = sorted[order.field];
  const ascending = order.direction === 'ASC';
  const anchor = read.after === null ? null : parseKeysetPosition(read.after);
  const step = ascending ? 1 : -1;
  let index = ascending ? 0 : list.length - 1;
  // Ascending: the first key after the anchor (or at it, inclusive). Descending: the last key before it.
  if (anchor) index = ascending ? lowerBound(list, anchor, order.field, !read.inclusive) : lowerBound(list, anchor, order.field, read.inclusive) - 1;
  const found: Entry<T>[] = [];
  // Bounded by the list: each turn moves one entry.
  for (; index >= 0 && index < list.length && found.length <= read.count; index += step) {
    if (matches(list[index]!.facts, read.filter)) found.push(list[index]!);
  }
  return {
    items: found.slice(0, read.count).map((entry) => ({ item: entry.item, position: toKeysetPosition(entry.keys[order.field]) })),
    hasMore: found.length > read.count,
    totalCount: countMatches(list, read.filter, totals),
  };
}

function countMatches<T>(list: readonly Entry<T>[], filter: PastRoomFilter, totals: Map<string, number>): number {
  if (!filter.roomIds && !filter.createdAt) return list.length;
  const key = JSON.stringify(filter);
  let total = totals.get(key);
  if (total === undefined) {
    total = list.reduce((sum, entry) => sum + (matches(entry.facts, filter) ? 1 : 0), 0);
    // Bounded: one entry per distinct filter since the last sync, at most 1 000.
    if (totals.size < 1_000) totals.set(key, total);
  }
  return total;
}

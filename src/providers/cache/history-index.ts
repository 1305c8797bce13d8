import { isInRange } from '../../domain/past-room-stream.js';
import { compareSortKeys, reverseOrder, type PastRoomOrderField, type SortKey } from '../../domain/ordering.js';
import { parseKeysetPosition, toKeysetPosition } from '../../domain/positions.js';
import type { PastRoomFilter, PastRoomRead } from '../../domain/provider.js';
import { createSingleFlight } from './single-flight.js';
import type { UpstreamCache } from './upstream-cache.js';

/** What the index needs to know of one ended session. */
export interface HistoryFacts {
  id: string;
  roomId: string;
  createdAt: Date;
  endedAt: Date | null;
}

/** How an index reads its provider's history: whole, or what ended since a time. */
export interface HistorySync<T> {
  /** Every ended session (within the read bounds). */
  readAll(signal: AbortSignal): Promise<T[]>;
  /** At least every session that ended at or after `since` (more is harmless: entries are replaced by id). */
  readEndedSince(since: Date, signal: AbortSignal): Promise<T[]>;
  factsOf(item: T): HistoryFacts;
}

/** A page of the index in read order, with keyset positions (the same as `readSortedPastRooms`'). */
export interface HistoryPage<T> {
  items: { item: T; position: string }[];
  hasMore: boolean;
  totalCount: number;
}

/** An incrementally maintained, sorted index of a provider's ended sessions; see `createHistoryIndex`. */
export interface HistoryIndex<T> {
  /** Brings the index up to date when it is older than the mutable TTL (once for all callers), then reads it. */
  read(read: PastRoomRead, signal?: AbortSignal): Promise<HistoryPage<T>>;
  size(): number;
}

interface Entry<T> {
  item: T;
  facts: HistoryFacts;
  keys: Record<PastRoomOrderField, SortKey>;
}

/** How far before the last sync a delta read starts: covers clock skew and late-reported ends. */
const DELTA_MARGIN_MS = 10 * 60_000;

/**
 * For orders and filters the upstream cannot serve: the first read builds the index from every
 * ended session; later reads (once the mutable TTL has passed, or a room change was announced)
 * fetch only the sessions that ended since the last sync and insert them in place, so a page's
 * upstream cost depends on what is new, not on the size of history. A page is a binary search and
 * a walk of `count` entries; a filtered totalCount is counted once per index version. The index is
 * rebuilt whole every `rebuildMs` (sessions deleted upstream), and when it grows past `maxEntries`.
 */
export function createHistoryIndex<T>(sync: HistorySync<T>, cache: UpstreamCache, options: { rebuildMs: number; maxEntries: number }): HistoryIndex<T> {
  const sorted: Record<PastRoomOrderField, Entry<T>[]> = { CREATED_AT: [], ENDED_AT: [] };
  const byId = new Map<string, Entry<T>>();
  const totals = new Map<string, number>();
  const flight = createSingleFlight();
  const state = { builtAt: -Infinity, syncedAt: -Infinity, generation: cache.generation() };

  const upsert = (item: T) => {
    const facts = sync.factsOf(item);
    const old = byId.get(facts.id);
    const entry: Entry<T> = { item, facts, keys: { CREATED_AT: keyOf(facts, 'CREATED_AT'), ENDED_AT: keyOf(facts, 'ENDED_AT') } };
    for (const field of ['CREATED_AT', 'ENDED_AT'] as const) {
      const list = sorted[field];
      if (old) list.splice(lowerBound(list, old.keys[field], field), 1);
      list.splice(lowerBound(list, entry.keys[field], field), 0, entry);
    }
    byId.set(facts.id, entry);
  };
  const refresh = async (signal: AbortSignal) => {
    const startedAt = Date.now();
    const generation = cache.generation();
    if (startedAt - state.builtAt > options.rebuildMs || byId.size > options.maxEntries) {
      const all = await sync.readAll(signal);
      byId.clear();
      sorted.CREATED_AT = [];
      sorted.ENDED_AT = [];
      const entries = all.map((item) => ({ item, facts: sync.factsOf(item) }));
      for (const { item, facts } of entries) byId.set(facts.id, { item, facts, keys: { CREATED_AT: keyOf(facts, 'CREATED_AT'), ENDED_AT: keyOf(facts, 'ENDED_AT') } });
      for (const field of ['CREATED_AT', 'ENDED_AT'] as const) sorted[field] = [...byId.values()].sort((a, b) => compareSortKeys(a.keys[field], b.keys[field], 'ASC'));
      state.builtAt = startedAt;
    } else {
      for (const item of await sync.readEndedSince(new Date(state.syncedAt - DELTA_MARGIN_MS), signal)) upsert(item);
    }
    totals.clear();
    Object.assign(state, { syncedAt: startedAt, generation });
  };
  const isFresh = () => Date.now() - state.syncedAt < cache.mutableTtlMs && state.generation === cache.generation() && Date.now() - state.builtAt <= options.rebuildMs;

  return {
    async read(read, signal) {
      if (!isFresh()) await flight.run('sync', refresh, signal);
      return readPage(sorted, read, totals);
    },
    size: () => byId.size,
  };
}

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

/** One page in read order: exactly what `readSortedPastRooms` answers for the same entries. */
function readPage<T>(sorted: Record<PastRoomOrderField, Entry<T>[]>, read: PastRoomRead, totals: Map<string, number>): HistoryPage<T> {
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

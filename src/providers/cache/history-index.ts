import { UpstreamError } from '../../domain/errors.js';
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

/** What one sync read: sessions to insert or replace, ids that are no past rooms any more, and the cursor the next delta starts from. */
export interface HistoryRead<T, C> {
  items: T[];
  /** Sessions the index may hold that are no past rooms (e.g. a plugNmeet row taken for stale that is live after all). */
  removedIds?: readonly string[];
  cursor: C;
}

/**
 * How an index reads its provider's history: whole, or what changed since the previous read.
 * `C` is what a provider's delta needs to know of the previous read (VideoSDK: the sessions that
 * were live; plugNmeet: the rows still running and where the list ended); the index keeps it.
 */
export interface HistorySync<T, C = null> {
  /** Every ended session (within the read bounds). */
  readAll(signal: AbortSignal): Promise<HistoryRead<T, C>>;
  /**
   * At least every session that ended at or after `since` which no earlier read of this index
   * returned ended, given the previous read's `cursor` (more is harmless: entries are replaced by
   * id); `rebuild` when the delta cannot be read exactly (the index then reads everything).
   */
  readEndedSince(since: Date, cursor: C, signal: AbortSignal): Promise<HistoryRead<T, C> | 'rebuild'>;
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

/** Whether an index read failed because the index is too large to build or sync within the read bounds (a narrower read may still fit). */
export function isIndexRefusal(error: unknown): boolean {
  return error instanceof UpstreamError && error.code === 'UPSTREAM_LIMIT_EXCEEDED';
}

/** How far before the last sync a delta read starts (`since`): covers clock skew and late-reported ends. */
export const HISTORY_DELTA_MARGIN_MS = 10 * 60_000;

/**
 * For orders and filters the upstream cannot serve: the first read builds the index from every
 * ended session; later reads (once the mutable TTL has passed, or a room change was announced)
 * fetch only what changed since the last sync and insert it in place, so a page's upstream cost
 * depends on what is new, not on the size of history. A page is a binary search and a walk of
 * `count` entries; a filtered totalCount is counted once per index version. The index is rebuilt
 * whole every `rebuildMs` (sessions deleted upstream), when it grows past `maxEntries`, and when a
 * delta says it cannot be exact. A sync refused for its size (UPSTREAM_LIMIT_EXCEEDED) is not
 * tried again for the mutable TTL: reads meanwhile fail with the same error, at no upstream cost.
 */
export function createHistoryIndex<T, C = null>(sync: HistorySync<T, C>, cache: UpstreamCache, options: { rebuildMs: number; maxEntries: number }): HistoryIndex<T> {
  const entries = createEntries(sync);
  const totals = new Map<string, number>();
  const flight = createSingleFlight();
  const state: SyncState<C> = { builtAt: -Infinity, syncedAt: -Infinity, generation: cache.generation(), cursor: null, refused: null };

  const rebuild = async (signal: AbortSignal, startedAt: number) => {
    const all = await sync.readAll(signal);
    entries.replaceAll(all.items);
    Object.assign(state, { builtAt: startedAt, cursor: { value: all.cursor } });
  };
  const refresh = async (signal: AbortSignal) => {
    const startedAt = Date.now();
    const generation = cache.generation();
    try {
      const whole = !state.cursor || startedAt - state.builtAt > options.rebuildMs || entries.size() > options.maxEntries;
      const delta = whole ? 'rebuild' : await sync.readEndedSince(new Date(state.syncedAt - HISTORY_DELTA_MARGIN_MS), state.cursor!.value, signal);
      if (delta === 'rebuild') await rebuild(signal, startedAt);
      else {
        entries.apply(delta);
        state.cursor = { value: delta.cursor };
      }
    } catch (error) {
      if (isIndexRefusal(error)) state.refused = { error: error as UpstreamError, at: startedAt, generation };
      throw error;
    }
    totals.clear();
    Object.assign(state, { syncedAt: startedAt, generation, refused: null });
  };
  const isFresh = () => Date.now() - state.syncedAt < cache.mutableTtlMs && state.generation === cache.generation() && Date.now() - state.builtAt <= options.rebuildMs;
  const refusal = () => {
    const refused = state.refused;
    return refused && Date.now() - refused.at < cache.mutableTtlMs && refused.generation === cache.generation() ? refused.error : null;
  };

  return {
    async read(read, signal) {
      if (!isFresh()) {
        const refused = refusal();
        if (refused) throw refused;
        await flight.run('sync', refresh, signal);
      }
      return readPage(entries.sorted, read, totals);
    },
    size: () => entries.size(),
  };
}

/** What an index remembers of its syncs. */
interface SyncState<C> {
  builtAt: number;
  syncedAt: number;
  generation: number;
  /** The last read's cursor; null until the first build. */
  cursor: { value: C } | null;
  /** The last sync, when it was refused for its size. */
  refused: { error: UpstreamError; at: number; generation: number } | null;
}

/** The index's entries by id and in both orders, kept sorted as sessions are inserted, replaced and removed. */
function createEntries<T, C>(sync: HistorySync<T, C>) {
  const sorted: Record<PastRoomOrderField, Entry<T>[]> = { CREATED_AT: [], ENDED_AT: [] };
  const byId = new Map<string, Entry<T>>();
  const toEntry = (item: T): Entry<T> => {
    const facts = sync.factsOf(item);
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
    apply(delta: HistoryRead<T, C>) {
      for (const id of delta.removedIds ?? []) remove(id);
      for (const item of delta.items) upsert(item);
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

import { UpstreamError } from '../../domain/errors.js';
import type { PastRoomRead } from '../../domain/provider.js';
import { createHistoryEntries, readHistoryPage } from './history-entries.js';
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
 * delta says it cannot be exact. A build may come from the HTTP cache (another replica's listing,
 * up to the mutable TTL old), so the delta after it reaches back that much further; deltas
 * themselves must read the upstream. A sync refused for its size (UPSTREAM_LIMIT_EXCEEDED) is not
 * tried again for the mutable TTL: reads meanwhile fail with the same error, at no upstream cost.
 */
export function createHistoryIndex<T, C = null>(sync: HistorySync<T, C>, cache: UpstreamCache, options: { rebuildMs: number; maxEntries: number }): HistoryIndex<T> {
  const entries = createHistoryEntries(sync.factsOf);
  const totals = new Map<string, number>();
  const flight = createSingleFlight();
  const state: SyncState<C> = { builtAt: -Infinity, syncedAt: -Infinity, dataAt: -Infinity, generation: cache.generation(), cursor: null, refused: null };

  const rebuild = async (signal: AbortSignal, startedAt: number) => {
    const all = await sync.readAll(signal);
    entries.replaceAll(all.items);
    // A build may be read through the HTTP cache (e.g. another replica's listing): its data may be a mutable TTL old.
    Object.assign(state, { builtAt: startedAt, dataAt: startedAt - cache.mutableTtlMs, cursor: { value: all.cursor } });
  };
  const refresh = async (signal: AbortSignal) => {
    const startedAt = Date.now();
    const generation = cache.generation();
    try {
      const whole = !state.cursor || startedAt - state.builtAt > options.rebuildMs || entries.size() > options.maxEntries;
      const delta = whole ? 'rebuild' : await sync.readEndedSince(new Date(state.dataAt - HISTORY_DELTA_MARGIN_MS), state.cursor!.value, signal);
      if (delta === 'rebuild') await rebuild(signal, startedAt);
      else {
        entries.apply(delta.items, delta.removedIds);
        Object.assign(state, { dataAt: startedAt, cursor: { value: delta.cursor } });
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
      return readHistoryPage(entries.sorted, read, totals);
    },
    size: () => entries.size(),
  };
}

/** What an index remembers of its syncs. */
interface SyncState<C> {
  builtAt: number;
  syncedAt: number;
  /** How recent the index's data is at least: a delta's start, or a build's less the mutable TTL. */
  dataAt: number;
  generation: number;
  /** The last read's cursor; null until the first build. */
  cursor: { value: C } | null;
  /** The last sync, when it was refused for its size. */
  refused: { error: UpstreamError; at: number; generation: number } | null;
}

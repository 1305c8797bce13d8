/**
 * What the cross-request cache knows about plugNmeet (README, "Cache"): whose account a call
 * spends, when a past room is settled, and the incrementally maintained index of past rooms that
 * serves the orders and filters fetchPastRooms cannot (ENDED_AT, createdAt ranges). plugNmeet ends
 * a room asynchronously: the row keeps a zero `ended` for up to ~10 s after the end and analytics
 * follow ~50 s later (reference/plugnmeet-api.md §3.5, fidelity-audit P6), so a row is immutable
 * only once its `ended` is set and older than the settle window; a running row never is.
 *
 * The index's delta. fetchPastRooms has no time filter, but its rows are ordered by insertion id
 * and paged by offset (§3.1), new sessions are appended, and a row changes only when its session
 * ends (in place). So a sync remembers how many rows there were, the sid of the last one, and the
 * offsets of the rows still running; the next sync reads, 100 rows a call, the windows holding
 * those running rows and everything from the old last row on. A row that ends was running at the
 * last sync or is new, so nothing is missed, and the cost is one call per cluster of running rows
 * plus the new rows, whatever the history. Every remembered row is checked at its offset (the
 * same sid): a row deleted upstream shifts the offsets and makes the index rebuild whole. Running
 * rows are told live or not by one getActiveRoomsInfo after the rows, as the request path does
 * (a running row with no live session is a past room with no end, P3). Delta reads bypass the
 * HTTP cache (they are what makes the index fresh); a build may come from it (another replica's
 * rows), which the next delta corrects, since it re-reads every row that could have changed.
 */
import pMap from 'p-map';
import { toPastRoomKey, type PastRoomKey } from '../../domain/keys.js';
import type { PastRoom } from '../../domain/model.js';
import { createHistoryIndex, type HistoryRead } from '../cache/history-index.js';
import { isSettledEnd, withImmutableCache, type BatchLoad } from '../cache/immutable-batch.js';
import type { UpstreamCache } from '../cache/upstream-cache.js';
import type { ReadBounds } from '../http/upstream-options.js';
import { PLUGNMEET_MAX_LIMIT, type PlugnmeetClient } from './plugnmeet-client.js';
import { toActiveRoom } from './plugnmeet-mapping.js';
import { isLiveRow, type PlugnmeetHistoryIndex } from './plugnmeet-past-rooms.js';
import type { PlugnmeetConfig } from './plugnmeet-provider.js';
import type { PlugnmeetActiveRoom, PlugnmeetPastRoomInfo } from './plugnmeet-wire.js';

/** The parts that tell one plugNmeet server and key from another; hashed into the cache namespace, never stored. */
export function toPlugnmeetAccount(config: PlugnmeetConfig): string[] {
  return [config.url, config.apiKey, config.apiSecret];
}

/** Past rooms by key: cached once settled. */
export function cachePlugnmeetPastRooms(cache: UpstreamCache | undefined, load: BatchLoad<PastRoomKey, PastRoom | null>): BatchLoad<PastRoomKey, PastRoom | null> {
  return withImmutableCache(cache, { keyOf: (key) => `past-room:${toPastRoomKey(key)}`, isSettled: (pastRoom) => isSettledEnd(pastRoom.endedAt, cache!) }, load);
}

/** Where the row list stood at the last sync. */
interface RowCursor {
  rowCount: number;
  /** The sid of the row at `rowCount - 1` (null when there were none). */
  lastSid: string | null;
  /** The rows still running, sid by offset. */
  running: ReadonlyMap<number, string>;
}

type Row = PlugnmeetPastRoomInfo;

/**
 * The index of every past room of a plugNmeet server; `clientFor` gives a client tied to a sync's
 * signal, through the HTTP cache (a build: another replica's rows serve it) or not (`fresh`: a
 * delta). The live rooms a sync reads are kept for the requests that waited for it, so that a
 * request does not read them again (`lastLive`).
 */
export function createPlugnmeetHistory(clientFor: (scope: { signal: AbortSignal; fresh: boolean }) => PlugnmeetClient, cache: UpstreamCache, bounds: ReadBounds, rebuildMs: number): PlugnmeetHistoryIndex {
  let lastLive: { at: number; rooms: PlugnmeetActiveRoom[] } | null = null;
  const readLive = (client: PlugnmeetClient) => async () => {
    const at = Date.now();
    const rooms = await client.getActiveRoomsInfo();
    lastLive = { at, rooms };
    return rooms;
  };
  const index = createHistoryIndex<Row, RowCursor>(
    {
      readAll: async (signal) => {
        const client = clientFor({ signal, fresh: false });
        const rows = await client.fetchAllPastRooms(null);
        return toHistoryRead(readLive(client), new Map(rows.map((row, offset) => [offset, row])), rows.length, null);
      },
      // The cursor, not the time, says what may have changed: rows carry no update time to filter on.
      readEndedSince: async (_since, cursor, signal) => {
        const client = clientFor({ signal, fresh: true });
        const changed = await readChangedRows(client, cursor, bounds);
        return changed === 'rebuild' ? changed : toHistoryRead(readLive(client), changed.rows, changed.rowCount, cursor);
      },
      factsOf: (row) => ({ id: row.room_sid, roomId: row.room_id, createdAt: row.created, endedAt: row.ended }),
    },
    cache,
    { rebuildMs, maxEntries: bounds.maxRows * 4 },
  );
  return { ...index, lastLive: () => lastLive };
}

/**
 * The rows that may have changed since `cursor`, by offset: the 100-row windows over the rows that
 * were running, and every row from the last one on; `rebuild` when a remembered row is not where it
 * was (rows were deleted) or the windows and new rows need more than `maxPages` calls.
 */
async function readChangedRows(client: PlugnmeetClient, cursor: RowCursor, bounds: ReadBounds): Promise<{ rows: Map<number, Row>; rowCount: number } | 'rebuild'> {
  const tailFrom = Math.max(0, cursor.rowCount - 1);
  const starts = toWindowStarts([...cursor.running.keys()], tailFrom);
  if (starts.length > bounds.maxPages) return 'rebuild';
  const fetch = (from: number) => client.fetchPastRooms({ roomIds: null, from, limit: PLUGNMEET_MAX_LIMIT, orderBy: 'ASC' });
  const pages = await pMap(starts, fetch, { concurrency: bounds.pageConcurrency });
  const rows = new Map<number, Row>();
  const collect = (from: number, list: readonly Row[]) => list.forEach((row, index) => rows.set(from + index, row));
  pages.forEach((page, index) => collect(starts[index]!, page.rooms_list));
  let next = starts.at(-1)! + pages.at(-1)!.rooms_list.length;
  // Bounded: at most maxPages calls in all; each turn reads one more page of new rows.
  for (let total = pages.at(-1)!.total_rooms, calls = starts.length; next < total; calls += 1) {
    if (calls >= bounds.maxPages) return 'rebuild';
    const page = await fetch(next);
    if (page.rooms_list.length === 0) break;
    collect(next, page.rooms_list);
    next += page.rooms_list.length;
    total = page.total_rooms;
  }
  const moved = [...cursor.running].some(([offset, sid]) => rows.get(offset)?.room_sid !== sid);
  if (moved || (cursor.lastSid !== null && rows.get(cursor.rowCount - 1)?.room_sid !== cursor.lastSid)) return 'rebuild';
  const changed = [...rows].filter(([offset]) => offset >= cursor.rowCount || cursor.running.has(offset));
  return { rows: new Map(changed), rowCount: Math.max(next, cursor.rowCount) };
}

/** Where 100-row windows start so that they cover every offset, the last one covering `tailFrom`. */
function toWindowStarts(offsets: readonly number[], tailFrom: number): number[] {
  const starts: number[] = [];
  for (const offset of [...offsets, tailFrom].sort((a, b) => a - b)) {
    if (starts.length === 0 || offset >= starts.at(-1)! + PLUGNMEET_MAX_LIMIT) starts.push(offset);
  }
  return starts;
}

/**
 * Rows as the index takes them: the past rooms among them (a running row is one unless it is its
 * room's live session: getActiveRoomsInfo, read after the rows), the live ones to drop, and the cursor.
 */
async function toHistoryRead(readLive: () => Promise<PlugnmeetActiveRoom[]>, rows: ReadonlyMap<number, Row>, rowCount: number, before: RowCursor | null): Promise<HistoryRead<Row, RowCursor>> {
  const running = [...rows].filter(([, row]) => row.ended === null);
  const live = running.length === 0 ? new Map() : new Map((await readLive()).map((active) => [active.room_info.room_id, toActiveRoom(active)]));
  const [past, current] = [[...rows.values()].filter((row) => !isLiveRow(row, live)), [...rows.values()].filter((row) => isLiveRow(row, live))];
  const lastSid = rows.get(rowCount - 1)?.room_sid ?? before?.lastSid ?? null;
  return { items: past, removedIds: current.map((row) => row.room_sid), cursor: { rowCount, lastSid, running: new Map(running.map(([offset, row]) => [offset, row.room_sid])) } };
}

import { UpstreamError } from '../../domain/errors.js';
import type { Room } from '../../domain/model.js';
import { parseIndexPosition, toIndexPosition } from '../../domain/positions.js';
import type { PastRoomRead, PastRoomSlice } from '../../domain/provider.js';
import { isIndexRefusal, type HistoryIndex } from '../cache/history-index.js';
import { PLUGNMEET_MAX_LIMIT, type FetchPastRoomsRequest, type PlugnmeetClient } from './plugnmeet-client.js';
import { toPastRoom } from './plugnmeet-mapping.js';
import type { PlugnmeetActiveRoom, PlugnmeetPastRoomInfo, PlugnmeetPastRoomsResult } from './plugnmeet-wire.js';

/**
 * plugNmeet's past-room stream, read natively. fetchPastRooms orders by the row's insertion id,
 * which is creation order (reference §3.1), and pages by offset. A position is the row's index in
 * ascending insertion order (`p:<index>`): rows are never deleted and new sessions are appended,
 * so positions stay valid while history grows. fetchPastRooms also lists the rows of sessions
 * still running (with a zero `ended`); the rows of the live sessions (getActiveRoomsInfo, once
 * per request) are left out, so that the count is exact: total rows minus live rooms. A running
 * row with no live session behind it (the server stopped while it ran, fidelity-audit P3) is a
 * past room with no end. A room that is ending (P6) is live until its row is ended.
 */

/** The rooms live now, by room id: getActiveRoomsInfo, shared by the whole request. */
export type LiveRooms = () => Promise<ReadonlyMap<string, Room>>;

/** A row together with its ascending index in the upstream stream of its filter. */
interface IndexedRow {
  row: PlugnmeetPastRoomInfo;
  index: number;
}

/** Whether a row is the row of a live session (and so no past room). */
export function isLiveRow(row: PlugnmeetPastRoomInfo, live: ReadonlyMap<string, Room>): boolean {
  return row.ended === null && live.get(row.room_id)?.activeSessionId === row.room_sid;
}

/** The rows that are past rooms; getActiveRoomsInfo is asked only when some row says running. */
export async function pastRoomRows(rows: readonly PlugnmeetPastRoomInfo[], liveRooms: LiveRooms): Promise<PlugnmeetPastRoomInfo[]> {
  if (rows.every((row) => row.ended !== null)) return [...rows];
  const live = await liveRooms();
  return rows.filter((row) => !isLiveRow(row, live));
}

/** The server's index of past rooms (see `createPlugnmeetHistory`), with the live rooms its last sync read. */
export interface PlugnmeetHistoryIndex extends HistoryIndex<PlugnmeetPastRoomInfo> {
  /** The getActiveRoomsInfo answer of the last sync that read one, and when that read started; null before any. */
  lastLive(): { at: number; rooms: PlugnmeetActiveRoom[] } | null;
}

/** The server's index of past rooms, and the signal of the request that reads it. */
export interface PlugnmeetHistory {
  index: PlugnmeetHistoryIndex;
  signal: AbortSignal;
}

/**
 * A read fetchPastRooms cannot serve, from the index (keyset positions, as the whole-list read
 * gives); null when the index is too large to build within the read bounds (a room's rows may fit).
 */
export async function readIndexedPastRooms({ index, signal }: PlugnmeetHistory, read: PastRoomRead): Promise<PastRoomSlice | null> {
  const page = await index.read(read, signal).catch((error: unknown) => (isIndexRefusal(error) ? null : Promise.reject(error)));
  return page && { items: page.items.map(({ item, position }) => ({ pastRoom: toPastRoom(item), position })), hasMore: page.hasMore, totalCount: page.totalCount };
}

/** Whether a read can be served by fetchPastRooms' own order and filters. */
export function isNativeRead(read: PastRoomRead): boolean {
  return read.order.field === 'CREATED_AT' && read.filter.createdAt === null;
}

/**
 * Serves a native read, usually with one offset call: the page is widened by the number of live
 * rooms in the filter, since their rows are skipped, and totalCount leaves them out. The live rooms
 * are read beside the first page (one round, not two): until they are known, the page is widened
 * by `LIVE_MARGIN_GUESS`, and the scan reads on if more of its rows turn out to be live.
 */
export async function readNativePastRooms(client: PlugnmeetClient, read: PastRoomRead, liveRooms: LiveRooms): Promise<PastRoomSlice> {
  const scan = createScan(client, read, liveRooms);
  const after = exclusiveAfter(read);
  await (isDescending(read) ? scanDown(scan, after) : scanUp(scan, after));
  return toSlice(scan.found, read.count, Math.max(0, scan.total - scan.margin));
}

/** Live rows a first page is widened by before the live rooms are known. */
const LIVE_MARGIN_GUESS = 8;

/** How many live rooms the read's filter covers: the rows its stream holds that are no past rooms. */
function liveMargin(read: PastRoomRead, live: ReadonlyMap<string, Room>): number {
  return [...live.keys()].filter((roomId) => !read.filter.roomIds || read.filter.roomIds.includes(roomId)).length;
}

/** Answers a read from every row of its filter, in ascending insertion order, with no call. */
export async function sliceCompleteRows(rowsAscending: readonly PlugnmeetPastRoomInfo[], read: PastRoomRead, liveRooms: LiveRooms): Promise<PastRoomSlice> {
  const past = new Set(await pastRoomRows(rowsAscending, liveRooms));
  const indexed = rowsAscending.map((row, index) => ({ row, index }));
  const after = exclusiveAfter(read);
  const ordered = isDescending(read) ? indexed.reverse() : indexed;
  const following = after === null ? ordered : ordered.filter(({ index }) => (isDescending(read) ? index < after : index > after));
  return toSlice(following.filter(({ row }) => past.has(row)), read.count, past.size);
}

/** Whether the read walks the upstream stream from newer to older rows. */
function isDescending(read: PastRoomRead): boolean {
  return (read.direction === 'forward') === (read.order.direction === 'DESC');
}

/** A bounded offset scan: at most `bounds.maxPages` calls, each checked against its limit. */
interface Scan {
  found: IndexedRow[];
  total: number;
  /** The live rows of the stream (a guess until the first page is back). */
  margin: number;
  /** How many more rows a call should ask for: what is still missing plus the live rows it may meet. */
  want(): number;
  fetch(request: Omit<FetchPastRoomsRequest, 'roomIds'>): Promise<PlugnmeetPastRoomsResult>;
  collect(rows: IndexedRow[]): void;
  isDone(): boolean;
}

function createScan(client: PlugnmeetClient, read: PastRoomRead, liveRooms: LiveRooms): Scan {
  let calls = 0;
  let live: ReadonlyMap<string, Room> = new Map();
  const scan: Scan = {
    found: [],
    total: 0,
    margin: LIVE_MARGIN_GUESS,
    want: () => Math.min(PLUGNMEET_MAX_LIMIT, read.count + 1 - scan.found.length + scan.margin),
    async fetch(request) {
      calls += 1;
      const call = { provider: 'plugnmeet', method: 'POST', path: '/auth/room/fetchPastRooms' } as const;
      if (calls > client.bounds.maxPages) {
        throw new UpstreamError('UPSTREAM_LIMIT_EXCEEDED', call, `the scan needs more than UPSTREAM_MAX_PAGES=${client.bounds.maxPages} pages`);
      }
      // getActiveRoomsInfo is read once per request: only the first page waits for it.
      const [page, liveNow] = await Promise.all([client.fetchPastRooms({ ...request, roomIds: read.filter.roomIds }), liveRooms()]);
      live = liveNow;
      scan.margin = liveMargin(read, live);
      if (page.rooms_list.length > request.limit) {
        throw new UpstreamError('UPSTREAM_BAD_RESPONSE', call, `a page of ${request.limit} held ${page.rooms_list.length} rows`);
      }
      scan.total = page.total_rooms;
      return page;
    },
    collect: (rows) => void scan.found.push(...rows.filter(({ row }) => !isLiveRow(row, live))),
    isDone: () => scan.found.length > read.count,
  };
  return scan;
}

/** Reads ascending from just after `after` until `count + 1` past rooms are found or the end. */
async function scanUp(scan: Scan, after: number | null): Promise<void> {
  for (let from = after === null ? 0 : after + 1; ; ) {
    const page = await scan.fetch({ from, limit: scan.want(), orderBy: 'ASC' });
    scan.collect(page.rooms_list.map((row, offset) => ({ row, index: from + offset })));
    from += page.rooms_list.length;
    // A start beyond the end answers an empty page: one call.
    if (scan.isDone() || page.rooms_list.length === 0 || from >= scan.total) return;
  }
}

/** Reads descending from just before `after` (or the newest row) until `count + 1` past rooms. */
async function scanDown(scan: Scan, after: number | null): Promise<void> {
  let low = after ?? Infinity;
  if (after === null) {
    const page = await scan.fetch({ from: 0, limit: scan.want(), orderBy: 'DESC' });
    scan.collect(page.rooms_list.map((row, offset) => ({ row, index: page.total_rooms - 1 - offset })));
    low = page.total_rooms - page.rooms_list.length;
  }
  while (!scan.isDone() && low > 0) {
    const from = Math.max(0, low - scan.want());
    const page = await scan.fetch({ from, limit: low - from, orderBy: 'ASC' });
    if (from >= scan.total && low > scan.total) {
      // A position beyond the end: the rows before it are the newest rows, read from the true end.
      low = scan.total;
      continue;
    }
    scan.collect(page.rooms_list.map((row, offset) => ({ row, index: from + offset })).reverse());
    low = from;
  }
  // Nothing precedes the first row, but the total is still owed: one row fetched for it.
  if (after === 0) await scan.fetch({ from: 0, limit: 1, orderBy: 'ASC' });
}

function toSlice(found: readonly IndexedRow[], count: number, totalCount: number): PastRoomSlice {
  return {
    items: found.slice(0, count).map(({ row, index }) => ({ pastRoom: toPastRoom(row), position: toIndexPosition(index) })),
    hasMore: found.length > count,
    totalCount,
  };
}

/** The read's start as an exclusive index: an inclusive start is one step further back. */
function exclusiveAfter(read: PastRoomRead): number | null {
  if (read.after === null) return null;
  const index = parseIndexPosition(read.after);
  if (!read.inclusive) return index;
  return isDescending(read) ? index + 1 : index - 1;
}

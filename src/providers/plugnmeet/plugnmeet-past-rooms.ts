import { parseIndexPosition, toIndexPosition } from '../../domain/positions.js';
import type { PastRoomRead, PastRoomSlice } from '../../domain/provider.js';
import { PLUGNMEET_MAX_LIMIT, type PlugnmeetClient } from './plugnmeet-client.js';
import { isRunningSession, toPastRoom } from './plugnmeet-mapping.js';
import type { PlugnmeetPastRoomInfo } from './plugnmeet-wire.js';

/**
 * plugNmeet's past-room stream, read natively. fetchPastRooms orders by the row's insertion id,
 * which is creation order (`created` is the row's insert time, reference §3.1), and pages by
 * offset. A position is the row's index in ascending insertion order (`p:<index>`): new sessions
 * are appended, so positions stay valid while history grows. Rows of sessions still running are
 * part of the upstream stream (with a zero `ended`) but not of ours, so reads skip them.
 */

/** A row together with its ascending index in the upstream stream of its filter. */
interface IndexedRow {
  row: PlugnmeetPastRoomInfo;
  index: number;
}

/** Whether a read can be served by fetchPastRooms' own order and filters. */
export function isNativeRead(read: PastRoomRead): boolean {
  return read.order.field === 'CREATED_AT' && read.filter.createdAt === null;
}

/**
 * Serves a native read, usually with one offset call. `countRunning` answers how many sessions in
 * the filter are still running (getActiveRoomsInfo, shared by the whole request): the page is
 * widened by that many rows, since those rows are skipped, and totalCount leaves them out.
 */
export async function readNativePastRooms(
  client: PlugnmeetClient,
  read: PastRoomRead,
  countRunning: () => Promise<number>,
): Promise<PastRoomSlice> {
  const after = exclusiveAfter(read);
  const running = await countRunning();
  const scan = isDescending(read) ? scanDown(client, read, after, running) : scanUp(client, read, after, running);
  const { ended, total } = await scan;
  return toSlice(ended, read.count, Math.max(0, total - running));
}

/** Answers a read from every row of its filter, in ascending insertion order, with no call. */
export function sliceCompleteRows(rowsAscending: readonly PlugnmeetPastRoomInfo[], read: PastRoomRead): PastRoomSlice {
  const indexed = rowsAscending.map((row, index) => ({ row, index }));
  const after = exclusiveAfter(read);
  const ordered = isDescending(read) ? indexed.reverse() : indexed;
  const following = after === null ? ordered : ordered.filter(({ index }) => (isDescending(read) ? index < after : index > after));
  const ended = following.filter(({ row }) => !isRunningSession(row));
  const runningCount = rowsAscending.filter(isRunningSession).length;
  return toSlice(ended, read.count, rowsAscending.length - runningCount);
}

/** Every row for the rooms (all rooms when null), ascending, in pages of 100. */
export async function fetchAllRows(client: PlugnmeetClient, roomIds: readonly string[] | null): Promise<PlugnmeetPastRoomInfo[]> {
  const rows: PlugnmeetPastRoomInfo[] = [];
  for (let from = 0; ; from += PLUGNMEET_MAX_LIMIT) {
    const page = await client.fetchPastRooms({ roomIds, from, limit: PLUGNMEET_MAX_LIMIT, orderBy: 'ASC' });
    rows.push(...page.rooms_list);
    if (page.rooms_list.length === 0 || from + PLUGNMEET_MAX_LIMIT >= page.total_rooms) return rows;
  }
}

/** Whether the read walks the upstream stream from newer to older rows. */
function isDescending(read: PastRoomRead): boolean {
  return (read.direction === 'forward') === (read.order.direction === 'DESC');
}

interface Scan {
  ended: IndexedRow[];
  total: number;
}

/** Reads ascending from just after `after` until `count + 1` ended rows are found or the end. */
async function scanUp(client: PlugnmeetClient, read: PastRoomRead, after: number | null, margin: number): Promise<Scan> {
  const scan: Scan = { ended: [], total: 0 };
  for (let from = after === null ? 0 : after + 1; ; ) {
    const limit = Math.min(PLUGNMEET_MAX_LIMIT, read.count + 1 - scan.ended.length + margin);
    const page = await client.fetchPastRooms({ roomIds: read.filter.roomIds, from, limit, orderBy: 'ASC' });
    scan.total = page.total_rooms;
    collect(scan, page.rooms_list.map((row, offset) => ({ row, index: from + offset })));
    from += page.rooms_list.length;
    if (scan.ended.length > read.count || page.rooms_list.length === 0 || from >= scan.total) return scan;
  }
}

/** Reads descending from just before `after` (or the newest row) until `count + 1` ended rows. */
async function scanDown(client: PlugnmeetClient, read: PastRoomRead, after: number | null, margin: number): Promise<Scan> {
  const scan: Scan = { ended: [], total: 0 };
  let low = after;
  if (low === null) {
    const limit = Math.min(PLUGNMEET_MAX_LIMIT, read.count + 1 + margin);
    const page = await client.fetchPastRooms({ roomIds: read.filter.roomIds, from: 0, limit, orderBy: 'DESC' });
    scan.total = page.total_rooms;
    collect(scan, page.rooms_list.map((row, offset) => ({ row, index: page.total_rooms - 1 - offset })));
    low = page.total_rooms - page.rooms_list.length;
  }
  while (scan.ended.length <= read.count && low > 0) {
    const from = Math.max(0, low - Math.min(PLUGNMEET_MAX_LIMIT, read.count + 1 - scan.ended.length + margin));
    const page = await client.fetchPastRooms({ roomIds: read.filter.roomIds, from, limit: low - from, orderBy: 'ASC' });
    scan.total = page.total_rooms;
    collect(scan, page.rooms_list.map((row, offset) => ({ row, index: from + offset })).reverse());
    low = from;
  }
  if (after === 0) {
    // Nothing precedes the first row, but the total is still owed: one row fetched for it.
    scan.total = (await client.fetchPastRooms({ roomIds: read.filter.roomIds, from: 0, limit: 1, orderBy: 'ASC' })).total_rooms;
  }
  return scan;
}

function collect(scan: Scan, rows: IndexedRow[]): void {
  scan.ended.push(...rows.filter(({ row }) => !isRunningSession(row)));
}

function toSlice(ended: readonly IndexedRow[], count: number, totalCount: number): PastRoomSlice {
  return {
    items: ended.slice(0, count).map(({ row, index }) => ({ pastRoom: toPastRoom(row), position: toIndexPosition(index) })),
    hasMore: ended.length > count,
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

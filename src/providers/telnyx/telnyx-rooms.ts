import type { Room } from '../../domain/model.js';
import { isInRange } from '../../domain/past-room-stream.js';
import type { TimeRange } from '../../domain/provider.js';
import { TELNYX_MAX_PAGE_SIZE, type TelnyxRoomListParams } from './telnyx-client.js';
import { toDate, toDayFilter, toRoom } from './telnyx-mapping.js';
import { fetchAllPages } from './telnyx-paging.js';
import type { TelnyxPage, TelnyxRoom } from './telnyx-wire.js';

/** Which rooms a room listing covers, in provider-neutral terms; every part is applied exactly. */
export interface TelnyxRoomFilter {
  /** Rooms created in this range (`from` inclusive, `to` exclusive). */
  createdAt?: TimeRange | null;
  /** Rooms last updated in this range (`from` inclusive, `to` exclusive). */
  updatedAt?: TimeRange | null;
  /** The room whose `unique_name` is exactly this. */
  name?: string | null;
}

/** Reads one page of `GET /rooms`: the client itself, or a request's caching loader. */
export type RoomPageReader = (params: TelnyxRoomListParams) => Promise<TelnyxPage<TelnyxRoom>>;

/**
 * Every room matching the filter, oldest first (creation time, then id; Telnyx documents no order
 * of its own). The ranges go upstream as the day-granular `filter[date_created_at]` /
 * `filter[date_updated_at]` that cover them and the name as `filter[unique_name]`; the exact
 * match is made here, so a range that is not day-aligned never lets a room of a boundary day
 * through. Rooms without the timestamp a range asks about do not match it.
 */
export async function listTelnyxRooms(readPage: RoomPageReader, filter: TelnyxRoomFilter, pageSize = TELNYX_MAX_PAGE_SIZE): Promise<Room[]> {
  const upstream: TelnyxRoomListParams['filter'] = {
    date_created_at: toDayFilter(filter.createdAt),
    date_updated_at: toDayFilter(filter.updatedAt),
    unique_name: filter.name ?? undefined,
  };
  const rooms = await fetchAllPages((number) => readPage({ filter: upstream, page: { size: pageSize, number } }));
  return rooms
    .filter((room) => matchesRoomFilter(room, filter))
    .map((room) => toRoom(room))
    .sort((a, b) => (a.createdAt?.getTime() ?? 0) - (b.createdAt?.getTime() ?? 0) || (a.roomId < b.roomId ? -1 : a.roomId > b.roomId ? 1 : 0));
}

/** Whether a room passes every part of the filter exactly. */
export function matchesRoomFilter(room: TelnyxRoom, filter: TelnyxRoomFilter): boolean {
  if (filter.name != null && room.unique_name !== filter.name) return false;
  return isTimeInRange(room.created_at, filter.createdAt) && isTimeInRange(room.updated_at, filter.updatedAt);
}

function isTimeInRange(time: string | undefined, range: TimeRange | null | undefined): boolean {
  if (!range || (range.from === null && range.to === null)) return true;
  return time !== undefined && isInRange(toDate(time), range);
}

import type { PastRoom, Room } from './model.js';
import { compareSortKeys, reverseOrder, toSortKey } from './ordering.js';
import { parseKeysetPosition, toKeysetPosition } from './positions.js';
import type { PastRoomFilter, PastRoomRead, PastRoomSlice, RoomFilter, TimeRange } from './provider.js';

/** Whether a past room passes every part of a filter. */
export function matchesPastRoomFilter(pastRoom: PastRoom, filter: PastRoomFilter): boolean {
  if (filter.roomIds && !filter.roomIds.includes(pastRoom.roomId)) return false;
  return isInRange(pastRoom.createdAt, filter.createdAt);
}

/** Whether a room passes every part of a room filter; a room without the time a range asks about fails it. */
export function matchesRoomFilter(room: Room, filter: RoomFilter): boolean {
  if (filter.name !== null && room.title !== filter.name) return false;
  return isOptionalTimeInRange(room.createdAt, filter.createdAt) && isOptionalTimeInRange(room.updatedAt, filter.updatedAt);
}

function isOptionalTimeInRange(time: Date | null, range: TimeRange | null): boolean {
  if (!range || (range.from === null && range.to === null)) return true;
  return time !== null && isInRange(time, range);
}

/** Whether a time lies in a range (`from` inclusive, `to` exclusive). */
export function isInRange(time: Date, range: TimeRange | null): boolean {
  if (!range) return true;
  if (range.from && time < range.from) return false;
  if (range.to && time >= range.to) return false;
  return true;
}

/**
 * Serves a stream read from the complete list of a provider's matching past rooms, for upstreams
 * that cannot sort: the list is sorted here, and positions are keysets (order value + session id),
 * so a position stays valid when rooms are added or removed between requests.
 */
export function readSortedPastRooms(all: readonly PastRoom[], read: PastRoomRead): PastRoomSlice {
  const order = read.direction === 'forward' ? read.order : reverseOrder(read.order);
  const keyed = all.map((pastRoom) => ({ pastRoom, key: toSortKey(pastRoom, order.field) }));
  keyed.sort((a, b) => compareSortKeys(a.key, b.key, order.direction));
  let start = 0;
  if (read.after !== null) {
    const anchor = parseKeysetPosition(read.after);
    const index = keyed.findIndex(({ key }) => compareSortKeys(key, anchor, order.direction) > (read.inclusive ? -1 : 0));
    start = index === -1 ? keyed.length : index;
  }
  const page = keyed.slice(start, start + read.count);
  return {
    items: page.map(({ pastRoom, key }) => ({ pastRoom, position: toKeysetPosition(key) })),
    hasMore: start + page.length < keyed.length,
    totalCount: keyed.length,
  };
}

import { PROVIDER_NAMES, type PastRoom, type Room } from './model.js';

/** Sort direction of a connection. */
export type OrderDirection = 'ASC' | 'DESC';

/** The fields past rooms can be ordered by. */
export type PastRoomOrderField = 'CREATED_AT' | 'ENDED_AT';

/** How a past-room connection is ordered. */
export interface PastRoomOrder {
  field: PastRoomOrderField;
  direction: OrderDirection;
}

export const DEFAULT_PAST_ROOM_ORDER: PastRoomOrder = { field: 'CREATED_AT', direction: 'DESC' };

/** Where a past room stands in an order: the order field's value, then its session id. */
export interface SortKey {
  value: number;
  sessionId: string;
}

/** The sort key of a past room; a session without an end sorts as the newest by ENDED_AT. */
export function toSortKey(pastRoom: PastRoom, field: PastRoomOrderField): SortKey {
  const value = field === 'CREATED_AT' ? pastRoom.createdAt.getTime() : (pastRoom.endedAt?.getTime() ?? Number.MAX_SAFE_INTEGER);
  return { value, sessionId: pastRoom.sessionId };
}

/**
 * The one comparator of the graph's orders: two keys compared part by part, ascending (numbers as
 * numbers, strings by code unit). Every order's key is a tuple ending in an id, so it is total.
 */
export function compareKeyParts(a: readonly (number | string)[], b: readonly (number | string)[]): number {
  for (let index = 0; index < Math.min(a.length, b.length); index += 1) {
    const [x, y] = [a[index]!, b[index]!];
    if (x !== y) return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

/** Compares two sort keys in the given direction: the value first, then the session id. */
export function compareSortKeys(a: SortKey, b: SortKey, direction: OrderDirection): number {
  return (direction === 'ASC' ? 1 : -1) * compareKeyParts([a.value, a.sessionId], [b.value, b.sessionId]);
}

/**
 * A total order on past rooms of one provider: the order field, then the session id, both in the
 * requested direction so that reading backwards is the exact reverse of reading forwards.
 */
export function comparePastRooms(order: PastRoomOrder): (a: PastRoom, b: PastRoom) => number {
  return (a, b) => compareSortKeys(toSortKey(a, order.field), toSortKey(b, order.field), order.direction);
}

/** The same field in the opposite direction. */
export function reverseOrder(order: PastRoomOrder): PastRoomOrder {
  return { field: order.field, direction: order.direction === 'ASC' ? 'DESC' : 'ASC' };
}

/** The fields rooms can be ordered by. */
export type RoomOrderField = 'CREATED_AT' | 'TITLE';

/** How a room connection is ordered. */
export interface RoomOrder {
  field: RoomOrderField;
  direction: OrderDirection;
}

/** A room's place in a room order: the order value, the provider's rank, the room id. */
export type RoomSortKey = [number | string, number, string];

/** The sort key of a room; a room without a creation time sorts as the oldest. */
export function toRoomSortKey(room: Room, order: RoomOrder): RoomSortKey {
  const value = order.field === 'TITLE' ? room.title : (room.createdAt?.getTime() ?? 0);
  return [value, PROVIDER_NAMES.indexOf(room.provider), room.roomId];
}

/** Compares two room sort keys in the given direction. */
export function compareRoomSortKeys(a: RoomSortKey, b: RoomSortKey, direction: OrderDirection): number {
  return (direction === 'ASC' ? 1 : -1) * compareKeyParts(a, b);
}

import type { PastRoom } from './model.js';

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

/** Compares two sort keys in the given direction: the value first, then the session id. */
export function compareSortKeys(a: SortKey, b: SortKey, direction: OrderDirection): number {
  const sign = direction === 'ASC' ? 1 : -1;
  if (a.value !== b.value) return sign * (a.value - b.value);
  return sign * (a.sessionId < b.sessionId ? -1 : a.sessionId > b.sessionId ? 1 : 0);
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

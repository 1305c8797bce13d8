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

/** The value a past room is sorted by; a session without an end sorts as the newest. */
export function orderValue(pastRoom: PastRoom, field: PastRoomOrderField): number {
  if (field === 'CREATED_AT') return pastRoom.createdAt.getTime();
  return pastRoom.endedAt?.getTime() ?? Number.MAX_SAFE_INTEGER;
}

/**
 * A total order on past rooms of one provider: the order field, then the session id, both in the
 * requested direction so that reading backwards is the exact reverse of reading forwards.
 */
export function comparePastRooms(order: PastRoomOrder): (a: PastRoom, b: PastRoom) => number {
  const sign = order.direction === 'ASC' ? 1 : -1;
  return (a, b) => {
    const byField = orderValue(a, order.field) - orderValue(b, order.field);
    if (byField !== 0) return sign * byField;
    return sign * (a.sessionId < b.sessionId ? -1 : a.sessionId > b.sessionId ? 1 : 0);
  };
}

/**
 * The one codec of stream positions, the per-provider part of a past-room cursor (the cursor
 * itself, signed and fingerprinted, is `schema/cursors.ts`). Two kinds exist: an index into an
 * upstream's own ordered stream (`p:<index>`, plugNmeet's offsets) and a keyset of the order value
 * and session id (`k:<value>:<sessionId>`, for streams the gateway sorts itself). Parsers refuse
 * anything malformed or out of range with INVALID_CURSOR before any upstream call.
 */
import { InvalidCursorError } from './errors.js';
import type { SortKey } from './ordering.js';

/** The largest index position accepted; an upstream stream longer than this cannot be paged by offset. */
export const MAX_INDEX_POSITION = 999_999_999;

/** The longest session id a keyset position may carry. */
export const MAX_POSITION_ID_LENGTH = 128;

const NOT_OURS = 'The cursor does not belong to this connection.';

export function toIndexPosition(index: number): string {
  return `p:${index}`;
}

/** The index of an index position; INVALID_CURSOR when it is not one or is out of range. */
export function parseIndexPosition(position: string): number {
  const match = /^p:(\d{1,9})$/.exec(position);
  const index = match ? Number(match[1]) : -1;
  if (index < 0 || index > MAX_INDEX_POSITION) throw new InvalidCursorError(NOT_OURS);
  return index;
}

export function toKeysetPosition(key: SortKey): string {
  return `k:${key.value}:${key.sessionId}`;
}

/** The sort key of a keyset position; INVALID_CURSOR when it is not one or is out of range. */
export function parseKeysetPosition(position: string): SortKey {
  const match = /^k:(-?\d{1,16}):(.+)$/s.exec(position);
  const value = match ? Number(match[1]) : NaN;
  if (!match || !Number.isSafeInteger(value) || match[2]!.length > MAX_POSITION_ID_LENGTH) throw new InvalidCursorError(NOT_OURS);
  return { value, sessionId: match[2]! };
}

import { toActiveRoomJson, toCommonResponse, toPastRoomInfoJson } from './plugnmeet-encoding.js';
import { parsePlugnmeetRequest } from './plugnmeet-request.js';
import type { PlugnmeetStore } from './plugnmeet-store.js';

/** A handler of one authenticated route: raw body in, the JSON body of an HTTP 200 reply out. */
export type PlugnmeetRoute = (body: Buffer) => object;

const FETCH_PAST_ROOMS_REQ = { room_ids: 'repeated string', from: 'uint32', limit: 'uint32', order_by: 'string' } as const;
const ROOM_ID_REQ = { room_id: 'string' } as const;
const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 100;

/** How the simulated server finishes an end: after `delayMs`, through `later` (the simulator's timers). */
export interface PlugnmeetEndTiming {
  delayMs: number;
  later(run: () => void, delayMs: number): void;
}

/** The POST routes under `/auth` the simulator serves, keyed by full path (reference §3.1–3.5). */
export function createPlugnmeetRoutes(store: PlugnmeetStore, endTiming: PlugnmeetEndTiming): Record<string, PlugnmeetRoute> {
  return {
    '/auth/room/fetchPastRooms': (body) => fetchPastRooms(store, body),
    '/auth/room/getActiveRoomInfo': (body) => getActiveRoomInfo(store, body),
    '/auth/room/getActiveRoomsInfo': () => getActiveRoomsInfo(store),
    '/auth/room/isRoomActive': (body) => isRoomActive(store, body),
    '/auth/room/endRoom': (body) => endRoom(store, body, endTiming),
  };
}

/**
 * Sessions ordered by row id. Mimics the live server deliberately: running sessions are listed
 * too, with `ended` = Go's zero time, because the server's `is_running = 0` condition is a GORM
 * zero-value struct field and so ignored (reference §3.1, "INFERRED / UNCERTAIN").
 */
function fetchPastRooms(store: PlugnmeetStore, body: Buffer): object {
  const parsed = parsePlugnmeetRequest(body, FETCH_PAST_ROOMS_REQ);
  if (!parsed.ok) return toCommonResponse(false, parsed.msg, 'INVALID_PARAMETERS');
  const request = parsed.value;
  const roomIds = new Set(request.room_ids);
  const rows = store.sessions().filter((row) => roomIds.size === 0 || roomIds.has(row.roomId));
  if (rows.length === 0) return toCommonResponse(false, 'no room found', 'NOT_FOUND');
  const limit = request.limit === 0 ? DEFAULT_LIMIT : Math.min(request.limit, MAX_LIMIT);
  // Only the exact string "ASC" sorts ascending; the request value is echoed verbatim ("asc" too).
  const ordered = request.order_by === 'ASC' ? rows : rows.reverse();
  return {
    ...toCommonResponse(true, 'success', 'SUCCESS'),
    result: {
      total_rooms: String(rows.length),
      from: request.from,
      limit,
      order_by: request.order_by === '' ? 'DESC' : request.order_by,
      rooms_list: ordered.slice(request.from, request.from + limit).map(toPastRoomInfoJson),
    },
  };
}

/** A running DB row whose NATS entry is gone or not created/active is marked ended as a side effect. */
function getActiveRoomInfo(store: PlugnmeetStore, body: Buffer): object {
  const parsed = parseRoomId(body);
  if (typeof parsed !== 'string') return parsed;
  const session = store.runningSession(parsed);
  if (!session) return { ...toCommonResponse(false, 'room not found in active state', 'ROOM_NOT_FOUND'), room: null };
  const status = store.roomStatus(parsed);
  if (status !== 'created' && status !== 'active') {
    store.endRoom(parsed);
    store.setRoomStatus(parsed, status); // the server only updates the DB row, NATS stays as it was
    return { ...toCommonResponse(false, 'room is not active', 'ROOM_NOT_ACTIVE'), room: null };
  }
  return { ...toCommonResponse(true, 'success', 'SUCCESS'), room: toActiveRoomJson(session) };
}

/**
 * Running DB rows with a NATS entry; the body is never read. NOT_FOUND only when no DB row is
 * running: when every running row was skipped (no NATS entry), the reply is a success with no
 * rooms (fidelity-audit P2).
 */
function getActiveRoomsInfo(store: PlugnmeetStore): object {
  const running = store.runningSessions();
  if (running.length === 0) return { ...toCommonResponse(false, 'no active room found', 'NOT_FOUND'), rooms: [] };
  const rooms = running.filter((session) => store.roomStatus(session.roomId) !== null);
  return { ...toCommonResponse(true, 'success', 'SUCCESS'), rooms: rooms.map(toActiveRoomJson) };
}

/** NATS only; `status` stays true when the room is not active (reference §3.4). */
function isRoomActive(store: PlugnmeetStore, body: Buffer): object {
  const parsed = parseRoomId(body);
  if (typeof parsed !== 'string') return parsed;
  const status = store.roomStatus(parsed);
  if (status === 'created' || status === 'active') return { ...toCommonResponse(true, 'room is active', 'SUCCESS'), is_active: true };
  if (status) return { ...toCommonResponse(true, 'room is not active', 'ROOM_NOT_ACTIVE'), is_active: false };
  return { ...toCommonResponse(true, 'room not found', 'ROOM_NOT_FOUND'), is_active: false };
}

/**
 * The server's end (reference §3.5, fidelity-audit P6): it answers at once and marks the NATS
 * status `triggered_end`; the DB row stays running and getActiveRoomsInfo keeps listing the room
 * with `is_running:1` until, `delayMs` later, the row is ended and the NATS entry dropped. A room
 * already ending answers success again; a room with no NATS entry but a running row is ended now.
 */
function endRoom(store: PlugnmeetStore, body: Buffer, timing: PlugnmeetEndTiming): object {
  const parsed = parseRoomId(body);
  if (typeof parsed !== 'string') return parsed;
  const status = store.roomStatus(parsed);
  if (status === null) {
    if (!store.endRoom(parsed)) return toCommonResponse(false, 'room not found or not active', 'ROOM_NOT_FOUND');
  } else if (status !== 'triggered_end') {
    store.setRoomStatus(parsed, 'triggered_end');
    timing.later(() => void store.endRoom(parsed), timing.delayMs);
  }
  return toCommonResponse(true, 'success', 'SUCCESS');
}

/** The required `room_id` of a request, or the INVALID_PARAMETERS reply (protovalidate's wording). */
function parseRoomId(body: Buffer): string | ReturnType<typeof toCommonResponse> {
  const parsed = parsePlugnmeetRequest(body, ROOM_ID_REQ);
  if (!parsed.ok) return toCommonResponse(false, parsed.msg, 'INVALID_PARAMETERS');
  if (parsed.value.room_id === '') {
    return toCommonResponse(false, 'validation error: room_id: value is required', 'INVALID_PARAMETERS');
  }
  return parsed.value.room_id;
}

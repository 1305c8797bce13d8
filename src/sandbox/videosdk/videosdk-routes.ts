import {
  isConnected,
  statusOf,
  toActiveDocument,
  toActiveParticipantJson,
  toParticipantJson,
  toParticipantsDocument,
  toRoomJson,
  toSessionDetailJson,
  toSessionJson,
} from './videosdk-render.js';
import { listInDefaultOrder, type VideosdkListOrder, type VideosdkSimSession, type VideosdkStore } from './videosdk-store.js';

/** What a route answers: a status and a JSON body. */
export interface VideosdkReply {
  status: number;
  body: unknown;
}

export interface VideosdkRouteOptions {
  apiKey: string;
  /** The largest perPage accepted; a larger one is refused with 400 (the real cap is undocumented). */
  maxPerPage: number;
  listOrder: VideosdkListOrder;
  now: () => Date;
}

/** A GET request already authenticated: path segments after `/v2`, decoded, and the query. */
export type VideosdkRoute = (segments: string[], query: URLSearchParams, origin: string) => VideosdkReply;

const SESSION_ID = /^[0-9a-f]{24}$/;

/** Answers the read endpoints of VideoSDK's v2 API; anything else is 404. */
export function createVideosdkRoutes(store: VideosdkStore, options: VideosdkRouteOptions): VideosdkRoute {
  const paged = (query: URLSearchParams, items: unknown[], toData: (page: unknown[]) => unknown): VideosdkReply => {
    const paging = parsePaging(query, options.maxPerPage);
    if ('message' in paging) return { status: 400, body: paging };
    const lastPage = Math.max(1, Math.ceil(items.length / paging.perPage));
    const page = items.slice((paging.page - 1) * paging.perPage, paging.page * paging.perPage);
    const pageInfo = { currentPage: paging.page, perPage: paging.perPage, lastPage, total: items.length };
    return { status: 200, body: { pageInfo, data: toData(page) } };
  };

  const listSessions = (query: URLSearchParams, origin: string): VideosdkReply => {
    const filtered = filterSessions(store, query);
    if ('message' in filtered) return { status: filtered.status, body: { message: filtered.message } };
    // Only the page is rendered: a long history (SANDBOX_HISTORY) costs a sort per call, not a render of every session.
    const sessions = listInDefaultOrder(filtered, options.listOrder);
    return paged(query, sessions, (page) => (page as VideosdkSimSession[]).map((session) => toSessionJson(store, session, origin)));
  };

  const sessionRoute = (sessionId: string, rest: string[], query: URLSearchParams, origin: string): VideosdkReply => {
    if (!SESSION_ID.test(sessionId)) return { status: 400, body: { message: 'Invalid sessionId.' } };
    const session = store.findSession(sessionId);
    if (!session) return { status: 404, body: { message: 'Session not found.' } };
    if (rest.length === 0) return { status: 200, body: toSessionDetailJson(store, session, origin, options.now()) };
    if (rest[0] !== 'participants' || rest.length > 2) return notFound();
    if (rest.length === 1) {
      const items = session.participants.map((participant) => toParticipantJson(participant, true));
      return paged(query, items, (page) => toParticipantsDocument(store, session, page, origin));
    }
    if (rest[1] === 'active') {
      const items = session.participants.filter(isConnected).map(toActiveParticipantJson);
      return paged(query, items, (page) => [toActiveDocument(session, page, origin, options.apiKey)]);
    }
    const participant = session.participants.find((candidate) => candidate.participantId === rest[1]);
    if (!participant) return { status: 404, body: { message: 'Participant not found.' } };
    return { status: 200, body: toParticipantJson(participant, true) };
  };

  const roomRoute = (rest: string[], query: URLSearchParams, origin: string): VideosdkReply => {
    if (rest.length === 0) {
      const wanted = query.get('query');
      const rooms = store.rooms.filter((room) => !wanted || room.roomId === wanted || room.customRoomId === wanted);
      return paged(query, listInDefaultOrder(rooms, options.listOrder).map((room) => toRoomJson(room, origin)), (page) => page);
    }
    const validate = rest[0] === 'validate';
    if (rest.length !== (validate ? 2 : 1)) return notFound();
    const room = store.findRoom(rest[rest.length - 1]!);
    if (room) return { status: 200, body: toRoomJson(room, origin) };
    // The SDK documents 400 "Room not found." for validate; a plain fetch of an unknown room is 404.
    return { status: validate ? 400 : 404, body: { message: 'Room not found.' } };
  };

  return (segments, query, origin) => {
    const [resource, ...rest] = segments;
    if (resource === 'sessions' && rest.length === 0) return listSessions(query, origin);
    if (resource === 'sessions') return sessionRoute(rest[0]!, rest.slice(1), query, origin);
    if (resource === 'rooms') return roomRoute(rest, query, origin);
    return notFound();
  };
}

/**
 * The documented filters (`roomId`, `customRoomId`) and the SDK's extras (`query`, `status`,
 * `startDate`/`endDate` in epoch ms, both inclusive, on the session start). A room id or custom
 * room id the account does not have is 402 "Room not found.": the SDK reads 402 as not found.
 */
function filterSessions(store: VideosdkStore, query: URLSearchParams): VideosdkSimSession[] | { status: number; message: string } {
  const roomId = query.get('roomId') || null;
  const customRoomId = query.get('customRoomId') || null;
  const status = query.get('status') || null;
  const wanted = query.get('query') || null;
  const unknownRoom = roomId && !store.rooms.some((room) => room.roomId === roomId);
  const unknownCustomRoom = customRoomId && !store.rooms.some((room) => room.customRoomId === customRoomId);
  if (unknownRoom || unknownCustomRoom) return { status: 402, message: 'Room not found.' };
  if (status !== null && status !== 'ongoing' && status !== 'ended') {
    return { status: 400, message: '"status" must be one of [ongoing, ended]' };
  }
  const startDate = parseEpoch(query.get('startDate'));
  const endDate = parseEpoch(query.get('endDate'));
  if (Number.isNaN(startDate) || Number.isNaN(endDate)) {
    return { status: 400, message: '"startDate" and "endDate" must be epoch milliseconds' };
  }
  return store.sessions.filter((session) => {
    const room = store.findRoom(session.roomId);
    if (roomId && session.roomId !== roomId) return false;
    if (customRoomId && room?.customRoomId !== customRoomId) return false;
    if (wanted && session.roomId !== wanted && room?.customRoomId !== wanted) return false;
    if (status && statusOf(session) !== status) return false;
    return session.start.getTime() >= (startDate ?? -Infinity) && session.start.getTime() <= (endDate ?? Infinity);
  });
}

/**
 * `page` and `perPage` (defaults 1 and 20). A `perPage` above the cap is refused with 400 in the
 * validator's words, as an API that validates its query does (audit V1: VideoSDK documents no cap,
 * so a client must see the refusal, never an empty list).
 */
function parsePaging(query: URLSearchParams, maxPerPage: number): { page: number; perPage: number } | { message: string } {
  const page = parseCount(query.get('page'), 1);
  const perPage = parseCount(query.get('perPage'), 20);
  if (page === null) return { message: '"page" must be a positive integer' };
  if (perPage === null) return { message: '"perPage" must be a positive integer' };
  if (perPage > maxPerPage) return { message: `"perPage" must be less than or equal to ${maxPerPage}` };
  return { page, perPage };
}

function parseCount(value: string | null, fallback: number): number | null {
  if (value === null || value === '') return fallback;
  return /^\d{1,9}$/.test(value) && Number(value) >= 1 ? Number(value) : null;
}

function parseEpoch(value: string | null): number | null {
  if (value === null || value === '') return null;
  return /^\d{1,15}$/.test(value) ? Number(value) : Number.NaN;
}

function notFound(): VideosdkReply {
  return { status: 404, body: { message: 'Not found.' } };
}

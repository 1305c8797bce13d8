import { matchesDays, readBoolean, readDayFilter, readPage, toPageBody } from './telnyx-query.js';
import { participantsOf, sessionsOf, toWireParticipant, toWireRoom, toWireSession } from './telnyx-records.js';
import { byId, type StoredSession, type TelnyxStore } from './telnyx-store.js';

/** What a route answers: a status and a JSON body. */
export interface TelnyxReply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

type Query = Map<string, string>;

/** Telnyx's error body (reference B4): `errors[]` with a string `code`, `title`, `detail`, optional `source`. */
export function toErrorBody(code: string, title: string, detail: string, source?: { parameter?: string; pointer?: string }) {
  const error = { code, title, detail, ...(source ? { source } : {}), meta: { url: `https://developers.telnyx.com/docs/overview/errors/${code}` } };
  return { errors: [error] };
}

/** 404 for an unknown id or path: code 10005 "Resource not found". */
export function notFound(): TelnyxReply {
  return { status: 404, body: toErrorBody('10005', 'Resource not found', 'The requested resource or URL could not be found.') };
}

/**
 * Routes a GET below `/v2` (path segments already split and decoded) to its handler; null when no
 * route matches. Handlers may throw QueryError for an invalid parameter.
 */
export function routeTelnyx(store: TelnyxStore, segments: readonly string[], query: Query): TelnyxReply | null {
  const [collection, id, child, ...rest] = segments;
  if (rest.length > 0) return null;
  if (collection === 'rooms') {
    if (id === undefined) return listRooms(store, query);
    if (child === undefined) return getRoom(store, id, query);
    if (child === 'sessions') return store.rooms.some((room) => room.id === id) ? listSessions(store, query, id) : notFound();
  }
  if (collection === 'room_sessions') {
    if (id === undefined) return listSessions(store, query, null);
    if (child === undefined) return getSession(store, id, query);
    if (child === 'participants') return listParticipants(store, id, query);
  }
  return null;
}

/** `GET /rooms`: date filters by day, `filter[unique_name]` exact. */
function listRooms(store: TelnyxStore, query: Query): TelnyxReply {
  const page = readPage(query);
  const created = readDayFilter(query, 'filter[date_created_at]');
  const updated = readDayFilter(query, 'filter[date_updated_at]');
  const name = query.get('filter[unique_name]');
  const includeSessions = readBoolean(query, 'include_sessions') ?? false;
  const rooms = store.rooms
    .filter((room) => matchesDays(room.created_at, created) && matchesDays(room.updated_at, updated))
    .filter((room) => name === undefined || room.unique_name === name)
    .sort(byId);
  const body = toPageBody(rooms, page);
  return { status: 200, body: { ...body, data: body.data.map((room) => toWireRoom(store, room, includeSessions)) } };
}

function getRoom(store: TelnyxStore, id: string, query: Query): TelnyxReply {
  const includeSessions = readBoolean(query, 'include_sessions') ?? false;
  const room = store.rooms.find((candidate) => candidate.id === id);
  return room ? { status: 200, body: { data: toWireRoom(store, room, includeSessions) } } : notFound();
}

/** `GET /room_sessions` and `GET /rooms/:id/sessions` (the latter scoped to a room, without `filter[room_id]`). */
function listSessions(store: TelnyxStore, query: Query, roomId: string | null): TelnyxReply {
  const page = readPage(query);
  const filters = {
    roomId: roomId ?? query.get('filter[room_id]'),
    active: readBoolean(query, 'filter[active]'),
    created: readDayFilter(query, 'filter[date_created_at]'),
    updated: readDayFilter(query, 'filter[date_updated_at]'),
    ended: readDayFilter(query, 'filter[date_ended_at]'),
  };
  const includeParticipants = readBoolean(query, 'include_participants') ?? false;
  const matches = (session: StoredSession) =>
    (filters.roomId === undefined || session.room_id === filters.roomId) &&
    (filters.active === undefined || session.active === filters.active) &&
    matchesDays(session.created_at, filters.created) &&
    matchesDays(session.updated_at, filters.updated) &&
    matchesDays(session.ended_at, filters.ended);
  const sessions = (roomId ? sessionsOf(store, roomId) : [...store.sessions].sort(byId)).filter(matches);
  const body = toPageBody(sessions, page);
  return { status: 200, body: { ...body, data: body.data.map((session) => toWireSession(store, session, includeParticipants)) } };
}

function getSession(store: TelnyxStore, id: string, query: Query): TelnyxReply {
  const includeParticipants = readBoolean(query, 'include_participants') ?? false;
  const session = store.sessions.find((candidate) => candidate.id === id);
  return session ? { status: 200, body: { data: toWireSession(store, session, includeParticipants) } } : notFound();
}

/** `GET /room_sessions/:id/participants`: date filters by day, `filter[context]` exact. */
function listParticipants(store: TelnyxStore, sessionId: string, query: Query): TelnyxReply {
  if (!store.sessions.some((session) => session.id === sessionId)) return notFound();
  const page = readPage(query);
  const joined = readDayFilter(query, 'filter[date_joined_at]');
  const updated = readDayFilter(query, 'filter[date_updated_at]');
  const left = readDayFilter(query, 'filter[date_left_at]');
  const context = query.get('filter[context]');
  const participants = participantsOf(store, sessionId).filter(
    (participant) =>
      matchesDays(participant.joined_at, joined) &&
      matchesDays(participant.updated_at, updated) &&
      matchesDays(participant.left_at, left) &&
      (context === undefined || participant.context === context),
  );
  const body = toPageBody(participants, page);
  return { status: 200, body: { ...body, data: body.data.map(toWireParticipant) } };
}

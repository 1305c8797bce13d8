import { matchesDays, readBoolean, readDayFilter, readPage, toPageBody, type DateComparison, type DayFilter } from './telnyx-query.js';
import { participantsOf, sessionsOf, toWireParticipant, toWireRoom, toWireSession } from './telnyx-records.js';
import { byId, type StoredSession, type TelnyxStore } from './telnyx-store.js';

/** What a route answers: a status and a JSON body. */
export interface TelnyxReply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

type Query = Map<string, string>;

/** Where the real API's behaviour is unknown, which way the simulator answers (see the simulator options). */
export interface TelnyxBehaviour {
  dateComparison: DateComparison;
  pageMeta: 'full' | 'minimal';
}

const DEFAULT_BEHAVIOUR: TelnyxBehaviour = { dateComparison: 'calendar-day', pageMeta: 'full' };

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
export function routeTelnyx(store: TelnyxStore, segments: readonly string[], query: Query, behaviour = DEFAULT_BEHAVIOUR): TelnyxReply | null {
  const [collection, id, child, ...rest] = segments;
  if (rest.length > 0) return null;
  if (collection === 'rooms') {
    if (id === undefined) return listRooms(store, query, behaviour);
    if (child === undefined) return getRoom(store, id, query);
    if (child === 'sessions') return store.rooms.some((room) => room.id === id) ? listSessions(store, query, id, behaviour) : notFound();
  }
  if (collection === 'room_sessions') {
    if (id === undefined) return listSessions(store, query, null, behaviour);
    if (child === undefined) return getSession(store, id, query);
    if (child === 'participants') return listParticipants(store, id, query, behaviour);
  }
  return null;
}

/** Whether a path names a list (its 4XX answers have their own shape in the spec). */
export function isListPath(segments: readonly string[]): boolean {
  return segments.length === 1 || (segments.length === 3 && (segments[2] === 'sessions' || segments[2] === 'participants'));
}

/** How a list route reads its day filters and writes its page, under one behaviour. */
interface ListReader {
  days(prefix: string): (time: string | undefined) => boolean;
  page<T>(items: readonly T[]): { data: T[]; meta: Record<string, number> };
}

/** Checks `page[size]`/`page[number]` first, as every list does before its filters. */
function toListReader(query: Query, behaviour: TelnyxBehaviour): ListReader {
  const page = readPage(query);
  return {
    days: (prefix) => {
      const filter: DayFilter = readDayFilter(query, prefix);
      return (time) => matchesDays(time, filter, behaviour.dateComparison);
    },
    page: (items) => toPageBody(items, page, behaviour.pageMeta),
  };
}

/** `GET /rooms`: date filters by day, `filter[unique_name]` exact. */
function listRooms(store: TelnyxStore, query: Query, behaviour: TelnyxBehaviour): TelnyxReply {
  const lists = toListReader(query, behaviour);
  const created = lists.days('filter[date_created_at]');
  const updated = lists.days('filter[date_updated_at]');
  const name = query.get('filter[unique_name]');
  const includeSessions = readBoolean(query, 'include_sessions') ?? false;
  const rooms = store.rooms
    .filter((room) => created(room.created_at) && updated(room.updated_at))
    .filter((room) => name === undefined || room.unique_name === name)
    .sort(byId);
  const body = lists.page(rooms);
  return { status: 200, body: { ...body, data: body.data.map((room) => toWireRoom(store, room, includeSessions)) } };
}

function getRoom(store: TelnyxStore, id: string, query: Query): TelnyxReply {
  const includeSessions = readBoolean(query, 'include_sessions') ?? false;
  const room = store.rooms.find((candidate) => candidate.id === id);
  return room ? { status: 200, body: { data: toWireRoom(store, room, includeSessions) } } : notFound();
}

/** `GET /room_sessions` and `GET /rooms/:id/sessions` (the latter scoped to a room, without `filter[room_id]`). */
function listSessions(store: TelnyxStore, query: Query, roomId: string | null, behaviour: TelnyxBehaviour): TelnyxReply {
  const lists = toListReader(query, behaviour);
  const filters = {
    roomId: roomId ?? query.get('filter[room_id]'),
    active: readBoolean(query, 'filter[active]'),
    created: lists.days('filter[date_created_at]'),
    updated: lists.days('filter[date_updated_at]'),
    ended: lists.days('filter[date_ended_at]'),
  };
  const includeParticipants = readBoolean(query, 'include_participants') ?? false;
  const matches = (session: StoredSession) =>
    (filters.roomId === undefined || session.room_id === filters.roomId) &&
    (filters.active === undefined || session.active === filters.active) &&
    filters.created(session.created_at) &&
    filters.updated(session.updated_at) &&
    filters.ended(session.ended_at);
  const sessions = (roomId ? sessionsOf(store, roomId) : [...store.sessions].sort(byId)).filter(matches);
  const body = lists.page(sessions);
  return { status: 200, body: { ...body, data: body.data.map((session) => toWireSession(store, session, includeParticipants)) } };
}

function getSession(store: TelnyxStore, id: string, query: Query): TelnyxReply {
  const includeParticipants = readBoolean(query, 'include_participants') ?? false;
  const session = store.sessions.find((candidate) => candidate.id === id);
  return session ? { status: 200, body: { data: toWireSession(store, session, includeParticipants) } } : notFound();
}

/** `GET /room_sessions/:id/participants`: date filters by day, `filter[context]` exact. */
function listParticipants(store: TelnyxStore, sessionId: string, query: Query, behaviour: TelnyxBehaviour): TelnyxReply {
  if (!store.sessions.some((session) => session.id === sessionId)) return notFound();
  const lists = toListReader(query, behaviour);
  const joined = lists.days('filter[date_joined_at]');
  const updated = lists.days('filter[date_updated_at]');
  const left = lists.days('filter[date_left_at]');
  const context = query.get('filter[context]');
  const participants = participantsOf(store, sessionId).filter(
    (participant) =>
      joined(participant.joined_at) &&
      updated(participant.updated_at) &&
      left(participant.left_at) &&
      (context === undefined || participant.context === context),
  );
  const body = lists.page(participants);
  return { status: 200, body: { ...body, data: body.data.map(toWireParticipant) } };
}

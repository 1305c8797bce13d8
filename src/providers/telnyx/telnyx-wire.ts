/**
 * Telnyx Video's wire format (reference/videosdk-telnyx-api.md, B4–B5): snake_case names verbatim,
 * never leaving this folder. The spec marks every field optional; the parsers require what the
 * graph cannot do without (ids, a session's room and start, a list's `total_pages`), read JSON
 * `null` as "absent", parse each time once (kit/wire-time.ts, range-checked) and reject anything
 * else as UPSTREAM_BAD_RESPONSE naming the offending field.
 */
import type { UpstreamCall } from '../../domain/errors.js';
import { asArray, asBoolean, asCount, asId, asObject, asString, MalformedError, optional, parseBody, type Json } from '../kit/wire-readers.js';
import { asIsoTime } from '../kit/wire-time.js';

/** `RoomParticipant`; `left_at` is absent while the participant is connected. */
export interface TelnyxRoomParticipant {
  id: string;
  session_id: string;
  context?: string;
  joined_at?: Date;
  updated_at?: Date;
  left_at?: Date;
}

/** `RoomSession`; `ended_at` is absent while active, `participants` is `[]` unless asked for. */
export interface TelnyxRoomSession {
  id: string;
  room_id: string;
  active: boolean;
  created_at: Date;
  updated_at?: Date;
  ended_at?: Date;
  participants?: TelnyxRoomParticipant[];
}

/** `Room`; `active_session_id` only while a session is live, `sessions` only with include_sessions. */
export interface TelnyxRoom {
  id: string;
  unique_name?: string;
  max_participants?: number;
  active_session_id?: string;
  created_at?: Date;
  updated_at?: Date;
  sessions?: TelnyxRoomSession[];
}

/**
 * `PaginationMeta`, read as the official client reads it (telnyx@7.24.0 `core/pagination.mjs`
 * `DefaultFlatPagination`): it pages on `page_number` (defaulting to 1) and `total_pages` only.
 * `total_pages` is required here, since the page walk needs it; the others are checked when present.
 */
export interface TelnyxPageMeta {
  page_number?: number;
  page_size?: number;
  total_pages: number;
  total_results?: number;
}

/** The list envelope `{data, meta}`. */
export interface TelnyxPage<T> {
  data: T[];
  meta: TelnyxPageMeta;
}

/** `POST /rooms` body (`CreateRoomRequest`, reference B5): max_participants 2..50. */
export interface TelnyxCreateRoomBody {
  unique_name: string;
  max_participants?: number;
  enable_recording?: boolean;
}

/** `generate_join_client_token` answer's `data` (telnyx@7.24.0 `ActionGenerateJoinClientTokenResponse`). */
export interface TelnyxJoinClientToken {
  token: string;
  token_expires_at: Date;
  refresh_token: string;
  refresh_token_expires_at: Date;
}

/** `generate_join_client_token` answer (`{data: {...}}`); every field is required here, since a client needs them all. */
export function parseJoinClientToken(body: unknown, call: UpstreamCall): TelnyxJoinClientToken {
  return parseBody(call, () => {
    const data = asObject(asObject(body, 'body').data, 'data');
    return {
      token: asId(data.token, 'data.token'),
      token_expires_at: asIsoTime(data.token_expires_at, 'data.token_expires_at'),
      refresh_token: asId(data.refresh_token, 'data.refresh_token'),
      refresh_token_expires_at: asIsoTime(data.refresh_token_expires_at, 'data.refresh_token_expires_at'),
    };
  });
}

/** A session action's answer (`{data: {result: "ok"}}`); only the envelope is required. */
export function parseActionResult(body: unknown, call: UpstreamCall): { result: string | null } {
  return parseBody(call, () => ({ result: optional(asObject(asObject(body, 'body').data, 'data').result, 'data.result', asString) ?? null }));
}

/** `GET /rooms` answer. */
export function parseRoomList(body: unknown, call: UpstreamCall): TelnyxPage<TelnyxRoom> {
  return parseBody(call, () => readPage(body, readRoom));
}

/** `GET /rooms/:id` answer (`{data: room}`). */
export function parseRoomData(body: unknown, call: UpstreamCall): TelnyxRoom {
  return parseBody(call, () => readRoom(asObject(body, 'body').data, 'data'));
}

/** `GET /room_sessions` answer. */
export function parseSessionList(body: unknown, call: UpstreamCall): TelnyxPage<TelnyxRoomSession> {
  return parseBody(call, () => readPage(body, readSession));
}

/** `GET /room_sessions/:id` answer (`{data: session}`). */
export function parseSessionData(body: unknown, call: UpstreamCall): TelnyxRoomSession {
  return parseBody(call, () => readSession(asObject(body, 'body').data, 'data'));
}

/** `GET /room_sessions/:id/participants` answer. */
export function parseParticipantList(body: unknown, call: UpstreamCall): TelnyxPage<TelnyxRoomParticipant> {
  return parseBody(call, () => readPage(body, readParticipant));
}

/**
 * The description in a Telnyx error body, `title: detail (code)`, from any documented shape
 * (audit T4): `{errors: [video_Error]}` (platform examples), a bare `video_Error` (the video spec's
 * 404) or `{message, success: false}` (the video spec's list 4XX). Null when the body is none of them.
 */
export function parseErrorDescription(body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return null;
  const object = body as Json;
  const error = Array.isArray(object.errors) ? object.errors[0] : object;
  return toErrorText(error) ?? (typeof object.message === 'string' && object.message !== '' ? object.message : null);
}

function toErrorText(error: unknown): string | null {
  if (typeof error !== 'object' || error === null) return null;
  const { title, detail, code } = error as Json;
  const parts = [title, detail].filter((part): part is string => typeof part === 'string' && part !== '');
  if (parts.length === 0) return null;
  return typeof code === 'string' && code !== '' ? `${parts.join(': ')} (${code})` : parts.join(': ');
}

function readPage<T>(body: unknown, readItem: (value: unknown, path: string) => T): TelnyxPage<T> {
  const object = asObject(body, 'body');
  const meta = asObject(object.meta, 'meta');
  return {
    data: asArray(object.data, 'data').map((item, index) => readItem(item, `data[${index}]`)),
    meta: {
      page_number: optional(meta.page_number, 'meta.page_number', asCount),
      page_size: optional(meta.page_size, 'meta.page_size', asCount),
      total_pages: asCount(meta.total_pages, 'meta.total_pages'),
      total_results: optional(meta.total_results, 'meta.total_results', asCount),
    },
  };
}

function readRoom(value: unknown, path: string): TelnyxRoom {
  const room = asObject(value, path);
  return {
    id: asId(room.id, `${path}.id`),
    unique_name: optional(room.unique_name, `${path}.unique_name`, asString),
    max_participants: optional(room.max_participants, `${path}.max_participants`, asCount),
    active_session_id: optional(room.active_session_id, `${path}.active_session_id`, asId),
    created_at: optional(room.created_at, `${path}.created_at`, asIsoTime),
    updated_at: optional(room.updated_at, `${path}.updated_at`, asIsoTime),
    sessions: optional(room.sessions, `${path}.sessions`, (list, at) => asArray(list, at).map((item, index) => readSession(item, `${at}[${index}]`))),
  };
}

function readSession(value: unknown, path: string): TelnyxRoomSession {
  const session = asObject(value, path);
  const id = asId(session.id, `${path}.id`);
  const roomId = asId(session.room_id, `${path}.room_id`);
  const createdAt = asIsoTime(session.created_at, `${path}.created_at`);
  const endedAt = notBefore(optional(session.ended_at, `${path}.ended_at`, asIsoTime), createdAt, `${path}.ended_at`);
  return {
    id,
    room_id: roomId,
    // `active` is optional in the spec; a session without an end is the live one.
    active: optional(session.active, `${path}.active`, asBoolean) ?? endedAt === undefined,
    created_at: createdAt,
    updated_at: optional(session.updated_at, `${path}.updated_at`, asIsoTime),
    ended_at: endedAt,
    participants: optional(session.participants, `${path}.participants`, (list, at) =>
      asArray(list, at).map((item, index) => readParticipant(item, `${at}[${index}]`)),
    ),
  };
}

function readParticipant(value: unknown, path: string): TelnyxRoomParticipant {
  const participant = asObject(value, path);
  const joinedAt = optional(participant.joined_at, `${path}.joined_at`, asIsoTime);
  return {
    id: asId(participant.id, `${path}.id`),
    session_id: asId(participant.session_id, `${path}.session_id`),
    context: optional(participant.context, `${path}.context`, asString),
    joined_at: joinedAt,
    updated_at: optional(participant.updated_at, `${path}.updated_at`, asIsoTime),
    left_at: notBefore(optional(participant.left_at, `${path}.left_at`, asIsoTime), joinedAt, `${path}.left_at`),
  };
}

/** An end that comes before its start would make a negative duration: a bad response, never data. */
function notBefore(end: Date | undefined, start: Date | undefined, path: string): Date | undefined {
  if (end && start && end.getTime() < start.getTime()) throw new MalformedError(`${path} is before the start it ends`);
  return end;
}

/**
 * Telnyx Video's wire format (reference/videosdk-telnyx-api.md, B4–B5): snake_case names verbatim,
 * never leaving this folder. The spec marks every field optional; the parsers require what the
 * graph cannot do without (ids, a session's room and start), read JSON `null` as "absent", and
 * reject anything else as UPSTREAM_BAD_RESPONSE naming the offending field.
 */
import type { UpstreamCall } from '../../domain/errors.js';
import { asArray, asBoolean, asCount, asId, asObject, asString, optional, parseBody, type Json } from '../kit/wire-readers.js';
import { asTelnyxTime } from './telnyx-time.js';

/** `RoomParticipant`; `left_at` is absent while the participant is connected. */
export interface TelnyxRoomParticipant {
  id: string;
  session_id: string;
  context?: string;
  joined_at?: string;
  updated_at?: string;
  left_at?: string;
}

/** `RoomSession`; `ended_at` is absent while active, `participants` is `[]` unless asked for. */
export interface TelnyxRoomSession {
  id: string;
  room_id: string;
  active: boolean;
  created_at: string;
  updated_at?: string;
  ended_at?: string;
  participants?: TelnyxRoomParticipant[];
}

/** `Room`; `active_session_id` only while a session is live, `sessions` only with include_sessions. */
export interface TelnyxRoom {
  id: string;
  unique_name?: string;
  max_participants?: number;
  active_session_id?: string;
  created_at?: string;
  updated_at?: string;
  sessions?: TelnyxRoomSession[];
}

/** `meta` of every list answer. */
export interface TelnyxPageMeta {
  page_number: number;
  page_size: number;
  total_pages: number;
  total_results: number;
}

/** The list envelope `{data, meta}`. */
export interface TelnyxPage<T> {
  data: T[];
  meta: TelnyxPageMeta;
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

/** `errors[0]` of a Telnyx error body as `title: detail (code)`; null when the body is not one. */
export function parseErrorDescription(body: unknown): string | null {
  const errors = typeof body === 'object' && body !== null ? (body as Json).errors : undefined;
  const first = Array.isArray(errors) ? (errors[0] as Json | undefined) : undefined;
  if (typeof first !== 'object' || first === null) return null;
  const parts = [first.title, first.detail].filter((part): part is string => typeof part === 'string' && part !== '');
  if (parts.length === 0) return null;
  return typeof first.code === 'string' ? `${parts.join(': ')} (${first.code})` : parts.join(': ');
}

function readPage<T>(body: unknown, readItem: (value: unknown, path: string) => T): TelnyxPage<T> {
  const object = asObject(body, 'body');
  const meta = asObject(object.meta, 'meta');
  return {
    data: asArray(object.data, 'data').map((item, index) => readItem(item, `data[${index}]`)),
    meta: {
      page_number: asCount(meta.page_number, 'meta.page_number'),
      page_size: asCount(meta.page_size, 'meta.page_size'),
      total_pages: asCount(meta.total_pages, 'meta.total_pages'),
      total_results: asCount(meta.total_results, 'meta.total_results'),
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
    created_at: optional(room.created_at, `${path}.created_at`, asTelnyxTime),
    updated_at: optional(room.updated_at, `${path}.updated_at`, asTelnyxTime),
    sessions: optional(room.sessions, `${path}.sessions`, (list, at) => asArray(list, at).map((item, index) => readSession(item, `${at}[${index}]`))),
  };
}

function readSession(value: unknown, path: string): TelnyxRoomSession {
  const session = asObject(value, path);
  const endedAt = optional(session.ended_at, `${path}.ended_at`, asTelnyxTime);
  return {
    id: asId(session.id, `${path}.id`),
    room_id: asId(session.room_id, `${path}.room_id`),
    // `active` is optional in the spec; a session without an end is the live one.
    active: optional(session.active, `${path}.active`, asBoolean) ?? endedAt === undefined,
    created_at: asTelnyxTime(session.created_at, `${path}.created_at`),
    updated_at: optional(session.updated_at, `${path}.updated_at`, asTelnyxTime),
    ended_at: endedAt,
    participants: optional(session.participants, `${path}.participants`, (list, at) =>
      asArray(list, at).map((item, index) => readParticipant(item, `${at}[${index}]`)),
    ),
  };
}

function readParticipant(value: unknown, path: string): TelnyxRoomParticipant {
  const participant = asObject(value, path);
  return {
    id: asId(participant.id, `${path}.id`),
    session_id: asId(participant.session_id, `${path}.session_id`),
    context: optional(participant.context, `${path}.context`, asString),
    joined_at: optional(participant.joined_at, `${path}.joined_at`, asTelnyxTime),
    updated_at: optional(participant.updated_at, `${path}.updated_at`, asTelnyxTime),
    left_at: optional(participant.left_at, `${path}.left_at`, asTelnyxTime),
  };
}


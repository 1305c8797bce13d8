import type { UpstreamCall } from '../../domain/errors.js';
import { asArray, asId, asObject, MalformedError, parseBody, type Json } from '../kit/wire-readers.js';
import { asIsoTime } from '../kit/wire-time.js';

/**
 * VideoSDK's wire format (reference Part A2), field names verbatim; these types never leave this
 * folder. The parsers keep only what the graph uses, read each time once (range-checked), and
 * reject anything else as a malformed body (UPSTREAM_BAD_RESPONSE naming the field). Fields the
 * graph ignores (`links`, `initTime`, `deviceInfo`, …) are never read, whatever their shape.
 */

/**
 * Page metadata, normalized as the official SDK's `normalizePaginated` does. `lastPage` and
 * `total` stay null when the body does not say (the SDK defaults them to 1 and the page length):
 * the page walk then derives the page count from whichever of the two is known.
 */
export interface VideosdkPageInfo {
  currentPage: number;
  perPage: number;
  lastPage: number | null;
  total: number | null;
}

export interface VideosdkPage<T> {
  pageInfo: VideosdkPageInfo;
  data: T[];
}

/** One connection of a participant; `end` is null while still connected. */
export interface VideosdkTimelog {
  start: Date;
  end: Date | null;
}

export interface VideosdkParticipant {
  participantId: string;
  name: string | null;
  timelog: VideosdkTimelog[];
}

/** A session as `/v2/sessions` lists it and `/v2/sessions/:id` returns it. */
export interface VideosdkSession {
  id: string;
  roomId: string;
  customRoomId: string | null;
  start: Date;
  end: Date | null;
  /** `ongoing` or `ended`; derived from `end` when the body leaves it out (as the SDK does). */
  status: string;
  participants: VideosdkParticipant[];
}

/** A page of `/participants/active`, with the session document it is wrapped in. */
export interface VideosdkParticipantsPage {
  pageInfo: VideosdkPageInfo;
  /** Null when the page came without its session document (an empty `data` array). */
  roomId: string | null;
  participants: VideosdkParticipant[];
}

export interface VideosdkRoom {
  id: string;
  roomId: string;
  customRoomId: string | null;
  disabled: boolean;
  createdAt: Date | null;
  updatedAt: Date | null;
}

/** `POST /v2/rooms` body (reference A2): every field optional; the gateway sets the customRoomId. */
export interface VideosdkCreateRoomBody {
  customRoomId: string;
}

/** A page of sessions. */
export function parseSessionPage(body: unknown, call: UpstreamCall): VideosdkPage<VideosdkSession> {
  return parseBody(call, () => parsePageOf(body, parseSessionDocument));
}

/** One session document. */
export function parseSession(body: unknown, call: UpstreamCall): VideosdkSession {
  return parseBody(call, () => parseSessionDocument(body, 'body'));
}

/** A page of rooms. */
export function parseRoomPage(body: unknown, call: UpstreamCall): VideosdkPage<VideosdkRoom> {
  return parseBody(call, () => parsePageOf(body, parseRoomDocument));
}

/** One room document. */
export function parseRoom(body: unknown, call: UpstreamCall): VideosdkRoom {
  return parseBody(call, () => parseRoomDocument(body, 'body'));
}

/**
 * A page of `/participants/active`. `data` is an array holding one session document in the 2024
 * docs and one object (without `pageInfo`) in the older rendering (reference A2, "UNCERTAIN which
 * shape is live"); both are accepted, as is an empty `data` array. Like the SDK's
 * `fetchParticipants`, only `pageInfo` is read for paging. The document names its id `_id`.
 */
export function parseParticipantsPage(body: unknown, call: UpstreamCall): VideosdkParticipantsPage {
  return parseBody(call, () => {
    const object = asObject(body, 'body');
    const path = Array.isArray(object.data) ? 'body.data[0]' : 'body.data';
    const document = Array.isArray(object.data) ? object.data[0] : object.data;
    const session = document === undefined ? { participants: [] } : asObject(document, path);
    const participants = asArray(session.participants ?? [], `${path}.participants`).map((item, index) =>
      parseParticipantDocument(item, `${path}.participants[${index}]`),
    );
    return {
      pageInfo: parsePageInfo({ pageInfo: object.pageInfo }, participants.length),
      roomId: document === undefined ? null : asId(session.roomId, `${path}.roomId`),
      participants,
    };
  });
}

/** `{pageInfo|pagination, data[]}`, or a bare array, as `normalizePaginated` accepts them. */
function parsePageOf<T>(body: unknown, toItem: (item: unknown, path: string) => T): VideosdkPage<T> {
  const object: Json = Array.isArray(body) ? { data: body } : asObject(body, 'body');
  const data = asArray(object.data, 'body.data').map((item, index) => toItem(item, `body.data[${index}]`));
  return { pageInfo: parsePageInfo(object, data.length), data };
}

/**
 * `pageInfo` (`currentPage`/`lastPage`, or `page`/`totalPages`), else `pagination`
 * (`page`/`totalPages`), else nothing. Like the SDK, only numbers count (anything else takes the
 * default); unlike it, a number that cannot be a count is a bad response, never data.
 */
function parsePageInfo(object: Json, itemCount: number): VideosdkPageInfo {
  const { info, path, current, last } = pageMetadataOf(object);
  const read = (keys: string[]) => {
    const key = keys.find((candidate) => info[candidate] != null) ?? keys[0]!;
    return readCount(info[key], `${path}.${key}`);
  };
  return { currentPage: read(current) ?? 1, perPage: read(['perPage']) ?? itemCount, lastPage: read(last), total: read(['total']) };
}

function pageMetadataOf(object: Json): { info: Json; path: string; current: string[]; last: string[] } {
  if (isObject(object.pageInfo)) return { info: object.pageInfo, path: 'body.pageInfo', current: ['currentPage', 'page'], last: ['lastPage', 'totalPages'] };
  if (isObject(object.pagination)) return { info: object.pagination, path: 'body.pagination', current: ['page'], last: ['totalPages'] };
  return { info: {}, path: 'body', current: ['currentPage'], last: ['lastPage'] };
}

function readCount(value: unknown, path: string): number | null {
  if (typeof value !== 'number') return null;
  if (!Number.isSafeInteger(value) || value < 0) throw new MalformedError(`${path} is not a count`);
  return value;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseSessionDocument(value: unknown, path: string): VideosdkSession {
  const session = asObject(value, path);
  const start = asIsoTime(session.start, `${path}.start`);
  const end = session.end == null ? null : asIsoTime(session.end, `${path}.end`);
  if (end !== null && end < start) throw new MalformedError(`${path}.end is before its start`);
  return {
    id: asId(session.id ?? session._id, `${path}.id`),
    roomId: asId(session.roomId, `${path}.roomId`),
    customRoomId: optionalString(session.customRoomId, `${path}.customRoomId`),
    start,
    end,
    status: session.status == null ? (end === null ? 'ongoing' : 'ended') : asId(session.status, `${path}.status`),
    participants: asArray(session.participants ?? [], `${path}.participants`).map((item, index) =>
      parseParticipantDocument(item, `${path}.participants[${index}]`),
    ),
  };
}

function parseParticipantDocument(value: unknown, path: string): VideosdkParticipant {
  const participant = asObject(value, path);
  return {
    participantId: asId(participant.participantId, `${path}.participantId`),
    name: optionalString(participant.name, `${path}.name`),
    timelog: asArray(participant.timelog ?? [], `${path}.timelog`).map((item, index) => parseTimelog(item, `${path}.timelog[${index}]`)),
  };
}

function parseTimelog(value: unknown, path: string): VideosdkTimelog {
  const entry = asObject(value, path);
  const start = asIsoTime(entry.start, `${path}.start`);
  const end = entry.end == null ? null : asIsoTime(entry.end, `${path}.end`);
  if (end !== null && end < start) throw new MalformedError(`${path}.end is before its start`);
  return { start, end };
}

function parseRoomDocument(value: unknown, path: string): VideosdkRoom {
  const room = asObject(value, path);
  return {
    id: asId(room.id ?? room.roomId, `${path}.id`),
    roomId: asId(room.roomId, `${path}.roomId`),
    customRoomId: optionalString(room.customRoomId, `${path}.customRoomId`),
    disabled: room.disabled === true,
    createdAt: room.createdAt == null ? null : asIsoTime(room.createdAt, `${path}.createdAt`),
    updatedAt: room.updatedAt == null ? null : asIsoTime(room.updatedAt, `${path}.updatedAt`),
  };
}

function optionalString(value: unknown, path: string): string | null {
  if (value == null || value === '') return null;
  if (typeof value !== 'string') throw new MalformedError(`${path} is not a string`);
  return value;
}

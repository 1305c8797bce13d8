import type { UpstreamCall } from '../../domain/errors.js';
import { asArray, asCount, asId, asObject, MalformedError, parseBody, type Json } from '../kit/wire-readers.js';

/**
 * VideoSDK's wire format (reference Part A2), field names verbatim; these types never leave this
 * folder. The parsers keep only what the graph uses and reject anything else as a malformed body
 * (UPSTREAM_BAD_RESPONSE naming the field).
 */

/** The page envelope of every list endpoint. */
export interface VideosdkPageInfo {
  currentPage: number;
  perPage: number;
  lastPage: number;
  total: number;
}

export interface VideosdkPage<T> {
  pageInfo: VideosdkPageInfo;
  data: T[];
}

/** One connection of a participant; `end` is null while still connected. */
export interface VideosdkTimelog {
  start: string;
  end: string | null;
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
  start: string;
  end: string | null;
  /** `ongoing` or `ended`; derived from `end` when the body leaves it out. */
  status: string;
  participants: VideosdkParticipant[];
}

/** The session-shaped document the participants endpoints wrap their page in. */
export interface VideosdkParticipantsPage {
  pageInfo: VideosdkPageInfo;
  /** Null when the page came without its session document (an empty `data` array). */
  sessionId: string | null;
  roomId: string | null;
  participants: VideosdkParticipant[];
}

export interface VideosdkRoom {
  id: string;
  roomId: string;
  customRoomId: string | null;
  disabled: boolean;
  createdAt: string | null;
  updatedAt: string | null;
}


/** A `{pageInfo, data[]}` page of sessions. */
export function parseSessionPage(body: unknown, call: UpstreamCall): VideosdkPage<VideosdkSession> {
  return parseBody(call, () => parsePageOf(body, parseSessionDocument));
}

/** One session document. */
export function parseSession(body: unknown, call: UpstreamCall): VideosdkSession {
  return parseBody(call, () => parseSessionDocument(body, 'body'));
}

/** A `{pageInfo, data[]}` page of rooms. */
export function parseRoomPage(body: unknown, call: UpstreamCall): VideosdkPage<VideosdkRoom> {
  return parseBody(call, () => parsePageOf(body, parseRoomDocument));
}

/** One room document. */
export function parseRoom(body: unknown, call: UpstreamCall): VideosdkRoom {
  return parseBody(call, () => parseRoomDocument(body, 'body'));
}

/**
 * A page of `/participants` or `/participants/active`. `data` is one session document for the
 * former and an array holding one for the latter (reference A2, "UNCERTAIN which shape is live");
 * both are accepted, as are an empty `data` array and the older rendering without `pageInfo`. The
 * active endpoint's document names its id `_id`.
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
    const fallback = { currentPage: 1, perPage: participants.length, lastPage: 1, total: participants.length };
    return {
      pageInfo: object.pageInfo === undefined ? fallback : parsePageInfo(object.pageInfo),
      sessionId: document === undefined ? null : asId(session.id ?? session._id, `${path}.id`),
      roomId: document === undefined ? null : asId(session.roomId, `${path}.roomId`),
      participants,
    };
  });
}


function parsePageOf<T>(body: unknown, toItem: (item: unknown, path: string) => T): VideosdkPage<T> {
  const object = asObject(body, 'body');
  return {
    pageInfo: parsePageInfo(object.pageInfo),
    data: asArray(object.data, 'body.data').map((item, index) => toItem(item, `body.data[${index}]`)),
  };
}

function parsePageInfo(value: unknown): VideosdkPageInfo {
  const info = asObject(value, 'body.pageInfo');
  const count = (key: keyof VideosdkPageInfo) => asCount(info[key], `body.pageInfo.${key}`);
  return { currentPage: count('currentPage'), perPage: count('perPage'), lastPage: count('lastPage'), total: count('total') };
}

function parseSessionDocument(value: unknown, path: string): VideosdkSession {
  const session = asObject(value, path);
  const end = session.end == null ? null : asTime(session.end, `${path}.end`);
  return {
    id: asId(session.id ?? session._id, `${path}.id`),
    roomId: asId(session.roomId, `${path}.roomId`),
    customRoomId: optionalString(session.customRoomId, `${path}.customRoomId`),
    start: asTime(session.start, `${path}.start`),
    end,
    status: session.status === undefined ? (end === null ? 'ongoing' : 'ended') : asId(session.status, `${path}.status`),
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
  return { start: asTime(entry.start, `${path}.start`), end: entry.end == null ? null : asTime(entry.end, `${path}.end`) };
}

function parseRoomDocument(value: unknown, path: string): VideosdkRoom {
  const room = asObject(value, path);
  return {
    id: asId(room.id ?? room.roomId, `${path}.id`),
    roomId: asId(room.roomId, `${path}.roomId`),
    customRoomId: optionalString(room.customRoomId, `${path}.customRoomId`),
    disabled: room.disabled === true,
    createdAt: room.createdAt == null ? null : asTime(room.createdAt, `${path}.createdAt`),
    updatedAt: room.updatedAt == null ? null : asTime(room.updatedAt, `${path}.updatedAt`),
  };
}




function optionalString(value: unknown, path: string): string | null {
  if (value == null || value === '') return null;
  if (typeof value !== 'string') throw new MalformedError(`${path} is not a string`);
  return value;
}

function asTime(value: unknown, path: string): string {
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) throw new MalformedError(`${path} is not an ISO-8601 time`);
  return value;
}


/**
 * plugNmeet's wire format (reference/plugnmeet-api.md §2–3): protojson with snake_case names,
 * int64 values as strings, `is_*` flags as 0/1 numbers. Field names stay verbatim and never leave
 * this folder. The parsers read what the gateway needs, default what the official SDKs default,
 * accept what older servers sent (numbers for int64, booleans for flags, the pre-1.7.0 time format)
 * and reject anything else, times included, as a malformed body.
 */
import { decodeJwt } from 'jose';
import { asArray, asObject, asString, MalformedError } from '../kit/wire-readers.js';
import { asIsoTime, asUnixMilliseconds, asUnixSeconds } from '../kit/wire-time.js';

/** The fields every reply carries; `status_code` exists from server v2.1.7 on. */
export interface PlugnmeetEnvelope {
  status: boolean;
  msg: string;
  status_code: string | null;
}

/** `PastRoomInfo` of fetchPastRooms; `ended` is null while the DB row still says running. */
export interface PlugnmeetPastRoomInfo {
  room_title: string;
  room_id: string;
  room_sid: string;
  created: Date;
  ended: Date | null;
}

/** `ActiveRoomInfo` of getActiveRoomInfo / getActiveRoomsInfo. */
export interface PlugnmeetActiveRoomInfo {
  room_title: string;
  room_id: string;
  sid: string;
  is_running: boolean;
  is_breakout_room: boolean;
  /** `""` for a room that is no breakout room. */
  parent_room_id: string;
  creation_time: Date;
}

/** The part of livekit's `ParticipantInfo` the graph uses. */
export interface PlugnmeetParticipantInfo {
  sid: string;
  identity: string;
  name: string;
  /** `JOINING`, `JOINED`, `ACTIVE` or `DISCONNECTED` (reference §3.2). */
  state: string;
  /** `joined_at_ms`, else `joined_at` (older LiveKit sends seconds only). */
  joined_at: Date;
  /** livekit `permission.hidden`: set for hidden users (and bots joining hidden). */
  hidden: boolean;
}

/** `ActiveRoomWithParticipant`. */
export interface PlugnmeetActiveRoom {
  room_info: PlugnmeetActiveRoomInfo;
  participants_info: PlugnmeetParticipantInfo[];
}

/** fetchPastRooms' `result`. */
export interface PlugnmeetPastRoomsResult {
  total_rooms: number;
  rooms_list: PlugnmeetPastRoomInfo[];
}

/** `CreateRoomReq` (reference §3.6): `metadata.room_title` and `metadata.room_features` are required. */
export interface PlugnmeetCreateRoomBody {
  room_id: string;
  max_participants?: number;
  empty_timeout?: number;
  metadata: { room_title: string; welcome_message?: string; room_features: Record<string, boolean> };
}

/** `GenerateTokenReq` (reference §3.6): `user_info.name` is required. */
export interface PlugnmeetJoinTokenBody {
  room_id: string;
  user_info: { name: string; user_id: string; is_admin: boolean; is_hidden: boolean };
}

/** getJoinToken's `token`, with the expiry its (HS256 JWT) `exp` claim carries. */
export interface PlugnmeetJoinToken {
  token: string;
  expires_at: Date;
}

export function parseEnvelope(body: unknown): PlugnmeetEnvelope {
  const object = asObject(body, 'body');
  if (typeof object.status !== 'boolean') throw new MalformedError('body.status is not a boolean');
  return {
    status: object.status,
    msg: typeof object.msg === 'string' ? object.msg : '',
    status_code: typeof object.status_code === 'string' ? object.status_code : null,
  };
}

export function parsePastRoomsResult(value: unknown): PlugnmeetPastRoomsResult {
  const result = asObject(value, 'result');
  return {
    total_rooms: asInteger(result.total_rooms, 'result.total_rooms'),
    rooms_list: asArray(result.rooms_list ?? [], 'result.rooms_list').map((room, index) =>
      parsePastRoomInfo(room, `result.rooms_list[${index}]`),
    ),
  };
}

export function parseActiveRoom(value: unknown, path: string): PlugnmeetActiveRoom {
  const room = asObject(value, path);
  return {
    room_info: parseActiveRoomInfo(room.room_info, `${path}.room_info`),
    participants_info: asArray(room.participants_info ?? [], `${path}.participants_info`).map((participant, index) =>
      parseParticipantInfo(participant, `${path}.participants_info[${index}]`),
    ),
  };
}

export function parseActiveRooms(value: unknown): PlugnmeetActiveRoom[] {
  return asArray(value ?? [], 'rooms').map((room, index) => parseActiveRoom(room, `rooms[${index}]`));
}

/** create's `room_info` (an `ActiveRoomInfo`). */
export function parseCreatedRoom(value: unknown): PlugnmeetActiveRoomInfo {
  return parseActiveRoomInfo(value, 'room_info');
}

/** getJoinToken's `token`: a JWT whose `exp` (Unix seconds) is read, never verified (the server signed it). */
export function parseJoinToken(value: unknown): PlugnmeetJoinToken {
  const token = asString(value, 'token');
  let exp: unknown;
  try {
    exp = decodeJwt(token).exp;
  } catch {
    throw new MalformedError('token is not a JWT');
  }
  return { token, expires_at: asUnixSeconds(exp, 'token.exp') };
}

function parsePastRoomInfo(value: unknown, path: string): PlugnmeetPastRoomInfo {
  const room = asObject(value, path);
  return {
    room_title: asString(room.room_title ?? '', `${path}.room_title`),
    room_id: asString(room.room_id, `${path}.room_id`),
    room_sid: asString(room.room_sid, `${path}.room_sid`),
    created: asServerTime(room.created, `${path}.created`),
    ended: isZeroTime(room.ended) ? null : asServerTime(room.ended, `${path}.ended`),
  };
}

function parseActiveRoomInfo(value: unknown, path: string): PlugnmeetActiveRoomInfo {
  const room = asObject(value, path);
  return {
    room_title: asString(room.room_title ?? '', `${path}.room_title`),
    room_id: asString(room.room_id, `${path}.room_id`),
    sid: asString(room.sid, `${path}.sid`),
    is_running: asFlag(room.is_running, `${path}.is_running`),
    is_breakout_room: asFlag(room.is_breakout_room ?? 0, `${path}.is_breakout_room`),
    parent_room_id: asString(room.parent_room_id ?? '', `${path}.parent_room_id`),
    creation_time: asUnixSeconds(room.creation_time, `${path}.creation_time`),
  };
}

function parseParticipantInfo(value: unknown, path: string): PlugnmeetParticipantInfo {
  const participant = asObject(value, path);
  const permission = participant.permission == null ? {} : asObject(participant.permission, `${path}.permission`);
  const joinedAtMs = participant.joined_at_ms;
  return {
    sid: asString(participant.sid, `${path}.sid`),
    identity: asString(participant.identity ?? '', `${path}.identity`),
    name: asString(participant.name ?? '', `${path}.name`),
    // protojson writes every enum; JOINING is the zero value (what an absent key would mean).
    state: asString(participant.state ?? 'JOINING', `${path}.state`),
    joined_at:
      joinedAtMs == null || joinedAtMs === '0' || joinedAtMs === 0
        ? asUnixSeconds(participant.joined_at, `${path}.joined_at`)
        : asUnixMilliseconds(joinedAtMs, `${path}.joined_at_ms`),
    hidden: permission.hidden === true,
  };
}

/** A running row's `ended`: the DB's zero date read as Go's zero time (reference §3.1); `""` from old servers. */
function isZeroTime(value: unknown): boolean {
  return value == null || value === '' || (typeof value === 'string' && value.startsWith('0001-01-01'));
}

const LEGACY_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

/**
 * `created`/`ended`: Go `time.RFC3339` since server 1.7.0, older servers wrote
 * `2006-01-02 15:04:05` in the DB's zone (UTC by default), read as UTC. Outside UTC deployments
 * carry an offset, which the ISO reader honours; `created` (MariaDB's clock) and `ended` (Go's)
 * may then disagree in zone, which no client can detect (fidelity-audit P7, reference §3.1).
 */
function asServerTime(value: unknown, path: string): Date {
  const text = asString(value, path);
  return asIsoTime(LEGACY_TIME.test(text) ? `${text.replace(' ', 'T')}Z` : text, path);
}

/** int64 arrives as a decimal string; older servers and 32-bit fields send numbers. Never negative. */
function asInteger(value: unknown, path: string): number {
  const number = typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isSafeInteger(number) || number < 0) throw new MalformedError(`${path} is not a count`);
  return number;
}

/** `is_*` flags are int32 0/1 (the docs wrongly say boolean; accept both). */
function asFlag(value: unknown, path: string): boolean {
  if (value === 0 || value === 1) return value === 1;
  if (typeof value === 'boolean') return value;
  throw new MalformedError(`${path} is not a 0/1 flag`);
}

/**
 * plugNmeet's wire format (reference/plugnmeet-api.md §2–3): protojson with snake_case names,
 * int64 values as strings, `is_*` flags as 0/1 numbers. Field names stay verbatim and never leave
 * this folder. The parsers accept what the server sends and what older servers sent (numbers for
 * int64, booleans for flags) and reject anything else as a malformed body.
 */
import { asArray, asObject, asString, MalformedError } from '../kit/wire-readers.js';

/** The fields every reply carries; `status_code` exists from server v2.1.7 on. */
export interface PlugnmeetEnvelope {
  status: boolean;
  msg: string;
  status_code: string | null;
}

/** `PastRoomInfo` of fetchPastRooms. */
export interface PlugnmeetPastRoomInfo {
  room_title: string;
  room_id: string;
  room_sid: string;
  joined_participants: number;
  created: string;
  ended: string;
  analytics_file_id: string | null;
}

/** `ActiveRoomInfo` of getActiveRoomInfo / getActiveRoomsInfo. */
export interface PlugnmeetActiveRoomInfo {
  room_title: string;
  room_id: string;
  sid: string;
  joined_participants: number;
  is_running: boolean;
  creation_time: number;
}

/** The part of livekit's `ParticipantInfo` the graph uses. */
export interface PlugnmeetParticipantInfo {
  sid: string;
  identity: string;
  name: string;
  state: string;
  joined_at: number;
  joined_at_ms: number | null;
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
    rooms_list: asArray(result.rooms_list, 'result.rooms_list').map((room, index) =>
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

function parsePastRoomInfo(value: unknown, path: string): PlugnmeetPastRoomInfo {
  const room = asObject(value, path);
  return {
    room_title: asString(room.room_title ?? '', `${path}.room_title`),
    room_id: asString(room.room_id, `${path}.room_id`),
    room_sid: asString(room.room_sid, `${path}.room_sid`),
    joined_participants: asInteger(room.joined_participants ?? 0, `${path}.joined_participants`),
    created: asTime(room.created, `${path}.created`),
    ended: room.ended === '' || room.ended == null ? '' : asTime(room.ended, `${path}.ended`),
    analytics_file_id: typeof room.analytics_file_id === 'string' ? room.analytics_file_id : null,
  };
}

function parseActiveRoomInfo(value: unknown, path: string): PlugnmeetActiveRoomInfo {
  const room = asObject(value, path);
  return {
    room_title: asString(room.room_title ?? '', `${path}.room_title`),
    room_id: asString(room.room_id, `${path}.room_id`),
    sid: asString(room.sid, `${path}.sid`),
    joined_participants: asInteger(room.joined_participants ?? 0, `${path}.joined_participants`),
    is_running: asFlag(room.is_running, `${path}.is_running`),
    creation_time: asInteger(room.creation_time, `${path}.creation_time`),
  };
}

function parseParticipantInfo(value: unknown, path: string): PlugnmeetParticipantInfo {
  const participant = asObject(value, path);
  return {
    sid: asString(participant.sid, `${path}.sid`),
    identity: asString(participant.identity ?? '', `${path}.identity`),
    name: asString(participant.name ?? '', `${path}.name`),
    state: asString(participant.state ?? 'ACTIVE', `${path}.state`),
    joined_at: asInteger(participant.joined_at ?? 0, `${path}.joined_at`),
    joined_at_ms: participant.joined_at_ms == null ? null : asInteger(participant.joined_at_ms, `${path}.joined_at_ms`),
  };
}




/** RFC3339 (server ≥ 1.7.0) or the older `2006-01-02 15:04:05`; anything unparseable is malformed. */
function asTime(value: unknown, path: string): string {
  const text = asString(value, path);
  if (Number.isNaN(Date.parse(text.replace(' ', 'T')))) throw new MalformedError(`${path} is not a time`);
  return text;
}

/** int64 arrives as a decimal string; older servers and 32-bit fields send numbers. */
function asInteger(value: unknown, path: string): number {
  const number = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isSafeInteger(number)) throw new MalformedError(`${path} is not an integer`);
  return number;
}

/** `is_*` flags are int32 0/1 (the docs wrongly say boolean; accept both). */
function asFlag(value: unknown, path: string): boolean {
  if (value === 0 || value === 1) return value === 1;
  if (typeof value === 'boolean') return value;
  throw new MalformedError(`${path} is not a 0/1 flag`);
}

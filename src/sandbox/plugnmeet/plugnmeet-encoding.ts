/**
 * The server's reply encoding (reference §2.1): protojson with EmitUnpopulated and proto names, so
 * keys are snake_case in declaration order, zero values are present, int64 values are strings,
 * enums are names, `is_*` flags are int32 0/1, unset proto3 `optional` fields are omitted and unset
 * messages are `null`. The random spaces protojson inserts after commas are not reproduced.
 */
import type { PlugnmeetParticipant, PlugnmeetSession } from './plugnmeet-session.js';

/** The `StatusCode` enum names the simulator answers with. */
export type PlugnmeetStatusCode =
  | 'SUCCESS'
  | 'NOT_FOUND'
  | 'INVALID_TOKEN_OR_SIGNATURE'
  | 'INVALID_API_KEY'
  | 'INVALID_PARAMETERS'
  | 'MISSING_REQUIRED_PARAMETER'
  | 'ROOM_NOT_FOUND'
  | 'ROOM_NOT_ACTIVE';

/** Go's zero `time.Time` in RFC3339: what a running session's `ended` reads as (reference §3.1). */
export const ZERO_TIME_RFC3339 = '0001-01-01T00:00:00Z';

/** `CommonResponse`: the only shape of auth failures and handler errors (no `result`/`room` key). */
export function toCommonResponse(status: boolean, msg: string, statusCode: PlugnmeetStatusCode) {
  return { status, msg, status_code: statusCode };
}

/** Go's `time.RFC3339` in UTC, without fractional seconds. */
export function toRfc3339(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A `PastRoomInfo` row of fetchPastRooms; a running session's `ended` is Go's zero time. */
export function toPastRoomInfoJson(session: PlugnmeetSession) {
  return {
    room_title: session.roomTitle,
    room_id: session.roomId,
    room_sid: session.sid,
    joined_participants: int64(session.joinedParticipants),
    webhook_url: session.webhookUrl,
    created: toRfc3339(session.createdAt),
    ended: session.endedAt ? toRfc3339(session.endedAt) : ZERO_TIME_RFC3339,
    // proto3 `optional string`: omitted, not null, when the session has no analytics artifact.
    ...(session.analyticsFileId !== null ? { analytics_file_id: session.analyticsFileId } : {}),
  };
}

/** `ActiveRoomWithParticipant` of getActiveRoomInfo / getActiveRoomsInfo. */
export function toActiveRoomJson(session: PlugnmeetSession) {
  return {
    room_info: {
      room_title: session.roomTitle,
      room_id: session.roomId,
      sid: session.sid,
      joined_participants: int64(session.joinedParticipants),
      is_running: flag(session.endedAt === null),
      is_recording: flag(session.isRecording),
      is_active_rtmp: flag(session.isActiveRtmp),
      webhook_url: session.webhookUrl,
      is_breakout_room: flag(session.isBreakoutRoom),
      parent_room_id: session.parentRoomId,
      creation_time: int64(unixSeconds(session.createdAt)),
      metadata: session.metadata,
    },
    participants_info: session.participants.map(toParticipantInfoJson),
  };
}

/**
 * A `livekit.ParticipantInfo` with every key of livekit/protocol v1.50 (reference §3.2). The
 * simulator publishes no tracks; `permission` carries LiveKit's usual grants for a room member,
 * `hidden` set for hidden users.
 */
export function toParticipantInfoJson(participant: PlugnmeetParticipant) {
  return {
    sid: participant.sid,
    identity: participant.identity,
    state: participant.state,
    tracks: [],
    metadata: participant.metadata,
    joined_at: int64(unixSeconds(participant.joinedAt)),
    name: participant.name,
    version: 2,
    permission: {
      can_subscribe: true,
      can_publish: true,
      can_publish_data: true,
      can_publish_sources: [],
      hidden: participant.hidden,
      can_update_metadata: false,
    },
    region: '',
    is_publisher: false,
    kind: 'STANDARD',
    attributes: {},
    disconnect_reason: 'UNKNOWN_REASON',
    joined_at_ms: int64(participant.joinedAt.getTime()),
    kind_details: [],
    data_tracks: [],
    client_protocol: 0,
    capabilities: [],
  };
}

/** protojson writes 64-bit integers as decimal strings. */
function int64(value: number): string {
  return String(Math.trunc(value));
}

function flag(value: boolean): 0 | 1 {
  return value ? 1 : 0;
}

function unixSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}

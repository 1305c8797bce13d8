import type { Participant, PastRoom, Room } from '../../domain/model.js';
import type { CreateRoomRequest, JoinToken, JoinTokenRequest } from '../../domain/room-control.js';
import type {
  PlugnmeetActiveRoom,
  PlugnmeetCreateRoomBody,
  PlugnmeetJoinToken,
  PlugnmeetJoinTokenBody,
  PlugnmeetParticipantInfo,
  PlugnmeetPastRoomInfo,
} from './plugnmeet-wire.js';

/**
 * A fetchPastRooms row as a PastRoom. `joined_participants` is an online gauge that is about 0
 * once a session has ended (fidelity-audit P1), so no participant figure is given. A row still
 * marked running that is not a live session (the server stopped while it ran, P3) has no end.
 */
export function toPastRoom(info: PlugnmeetPastRoomInfo): PastRoom {
  return {
    provider: 'plugnmeet',
    roomId: info.room_id,
    sessionId: info.room_sid,
    title: info.room_title,
    createdAt: info.created,
    endedAt: info.ended,
    participantCount: null,
    participants: null,
  };
}

/** The identities plugNmeet's recorder and RTMP bots join with (reference: `pkg/config/constants.go`). */
const BOT_IDENTITIES = new Set(['RECORDER_BOT', 'RTMP_BOT']);

/**
 * Whether a listed participant is a person in the room: not a recorder/RTMP bot, not a hidden
 * user, and not gone. LiveKit lists people still connecting (`JOINING`, `JOINED`) beside `ACTIVE`
 * ones; they have joined the room as far as the server knows, so they count (fidelity-audit P4).
 */
export function isPresentPerson(info: PlugnmeetParticipantInfo): boolean {
  return !BOT_IDENTITIES.has(info.identity) && !info.hidden && info.state !== 'DISCONNECTED';
}

/** A live room, with the people the server listed; a breakout room names its parent. */
export function toActiveRoom(active: PlugnmeetActiveRoom): Room {
  const info = active.room_info;
  return {
    provider: 'plugnmeet',
    roomId: info.room_id,
    title: info.room_title,
    isActive: info.is_running,
    createdAt: info.creation_time,
    updatedAt: null,
    activeSessionId: info.is_running ? info.sid : null,
    parentRoomId: info.is_breakout_room && info.parent_room_id !== '' ? info.parent_room_id : null,
    participants: active.participants_info.filter(isPresentPerson).map((participant) => toParticipant(participant, info.room_id, info.sid)),
  };
}

/** An idle room, known from its most recent session (past rows carry no breakout link). */
export function toIdleRoom(latest: PlugnmeetPastRoomInfo): Room {
  return {
    provider: 'plugnmeet',
    roomId: latest.room_id,
    title: latest.room_title,
    isActive: false,
    createdAt: latest.created,
    updatedAt: null,
    activeSessionId: null,
    parentRoomId: null,
    participants: [],
  };
}

/** A LiveKit participant of a live session, connected since `joined_at`. */
export function toParticipant(info: PlugnmeetParticipantInfo, roomId: string, sessionId: string): Participant {
  return {
    provider: 'plugnmeet',
    roomId,
    sessionId,
    participantId: info.sid,
    userId: info.identity || null,
    name: info.name || null,
    joinedAt: info.joined_at,
    leftAt: null,
    presences: [{ joinedAt: info.joined_at, leftAt: null }],
  };
}

/** The room features a new room gets: plugNmeet requires the object; these are its demo client's usual choices. */
const DEFAULT_ROOM_FEATURES = {
  allow_webcams: true,
  mute_on_start: false,
  allow_screen_share: true,
  allow_view_other_webcams: true,
  allow_view_other_users_list: true,
  admin_only_webcams: false,
  enable_analytics: false,
};

/** A `room/create` body for the request, creating room `roomId`. */
export function toCreateRoomBody(request: CreateRoomRequest, roomId: string): PlugnmeetCreateRoomBody {
  const options = request.plugnmeet;
  return {
    room_id: roomId,
    ...(request.maxParticipants !== null ? { max_participants: request.maxParticipants } : {}),
    ...(options?.emptyTimeoutSeconds != null ? { empty_timeout: options.emptyTimeoutSeconds } : {}),
    metadata: {
      room_title: request.title,
      ...(options?.welcomeMessage != null ? { welcome_message: options.welcomeMessage } : {}),
      room_features: DEFAULT_ROOM_FEATURES,
    },
  };
}

/** A `room/getJoinToken` body: HOST is plugNmeet's admin; nobody joins hidden through the gateway. */
export function toJoinTokenBody(request: JoinTokenRequest): PlugnmeetJoinTokenBody {
  return {
    room_id: request.room.roomId,
    user_info: { name: request.name, user_id: request.userId, is_admin: request.role === 'HOST', is_hidden: false },
  };
}

/** A join token; plugNmeet's own client opens at `<server>/?access_token=<token>`. */
export function toJoinToken(token: PlugnmeetJoinToken, request: JoinTokenRequest, serverUrl: string): JoinToken {
  return {
    provider: 'plugnmeet',
    roomId: request.room.roomId,
    token: token.token,
    expiresAt: token.expires_at,
    joinUrl: `${serverUrl}/?access_token=${encodeURIComponent(token.token)}`,
    userId: request.userId,
    telnyx: null,
  };
}

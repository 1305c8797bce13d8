import type { ParticipantKey, RoomKey } from '../../domain/keys.js';
import { RoomControlRefusal, type RoomControl } from '../../domain/room-control.js';
import { mintVideosdkParticipantToken, type VideosdkCredentials } from './videosdk-auth.js';
import type { VideosdkClient } from './videosdk-client.js';
import { isConnected, isEndedSession, toJoinToken, toPermissions, toRoom } from './videosdk-mapping.js';

/** A participant token's lifetime when the request names none; VideoSDK advises short ones (reference A1). */
export const VIDEOSDK_JOIN_TOKEN_SECONDS = 600;

/** What VideoSDK room control needs besides one request's client: the key and secret to mint tokens. */
export interface VideosdkControlOptions {
  credentials: VideosdkCredentials;
  now?: () => number;
}

/**
 * VideoSDK room control (reference A1–A2). Rooms are created by customRoomId (the title);
 * participant tokens are JWTs the gateway mints itself, after checking the room exists; ending and
 * removing first read the live session, so a room or person that is not live is refused precisely
 * before any write. The writes themselves (`sessions/end`, `participants/remove`) are never retried.
 */
export function createVideosdkControl(client: VideosdkClient, options: VideosdkControlOptions): RoomControl {
  const now = options.now ?? Date.now;

  /** The room's ongoing session id; refusals for an unknown or idle room. */
  async function liveSessionOf(room: RoomKey): Promise<string> {
    // `status` is an SDK-only filter (reference A2): the answer is checked again here.
    const live = (await client.listAllSessions({ roomId: room.roomId, status: 'ongoing' })).find((session) => !isEndedSession(session));
    if (live) return live.id;
    if (!(await client.getRoom(room.roomId))) throw roomNotFound(room.roomId);
    throw new RoomControlRefusal('ROOM_NOT_ACTIVE', `VideoSDK room "${room.roomId}" has no session running.`, ['input', 'room']);
  }

  async function checkLiveParticipant(key: ParticipantKey): Promise<void> {
    const session = await client.getSession(key.sessionId);
    const participant = session?.roomId === key.roomId ? session.participants.find((entry) => entry.participantId === key.participantId) : undefined;
    if (!session || !participant) throw participantNotFound(key.participantId);
    if (isEndedSession(session)) throw new RoomControlRefusal('ROOM_NOT_ACTIVE', 'The participant\'s VideoSDK session has ended.', ['input', 'participant']);
    if (!isConnected(participant)) throw participantNotFound(key.participantId);
  }

  return {
    createRoom: async (request) => {
      if (request.maxParticipants !== null) {
        throw new RoomControlRefusal('UNSUPPORTED_BY_PROVIDER', 'VideoSDK rooms take no participant limit.', ['input', 'maxParticipants']);
      }
      return toRoom(await client.createRoom({ customRoomId: request.title }), null);
    },
    createJoinToken: async (request) => {
      const room = await client.getRoom(request.room.roomId);
      if (!room) throw roomNotFound(request.room.roomId);
      if (room.disabled) throw new RoomControlRefusal('ROOM_NOT_ACTIVE', `VideoSDK room "${room.roomId}" is disabled.`, ['input', 'room']);
      const issuedAt = Math.floor(now() / 1000);
      const lifetime = request.ttlSeconds ?? VIDEOSDK_JOIN_TOKEN_SECONDS;
      const grant = { roomId: room.roomId, participantId: request.userId, permissions: toPermissions(request.role) };
      const token = await mintVideosdkParticipantToken(options.credentials, grant, issuedAt, lifetime);
      return toJoinToken(token, room.roomId, request.userId, new Date((issuedAt + lifetime) * 1000));
    },
    endRoom: async (room) => {
      const sessionId = await liveSessionOf(room);
      if (!(await client.endSession({ roomId: room.roomId, sessionId }))) throw roomNotFound(room.roomId);
      return { room, completion: 'IMMEDIATE' };
    },
    removeParticipant: async (key) => {
      await checkLiveParticipant(key);
      const removed = await client.removeParticipant({ participantId: key.participantId, roomId: key.roomId, sessionId: key.sessionId });
      if (!removed) throw participantNotFound(key.participantId);
      return { participant: key };
    },
  };
}

function roomNotFound(roomId: string): RoomControlRefusal {
  return new RoomControlRefusal('ROOM_NOT_FOUND', `VideoSDK has no room "${roomId}".`, ['input', 'room']);
}

function participantNotFound(participantId: string): RoomControlRefusal {
  return new RoomControlRefusal('PARTICIPANT_NOT_FOUND', `VideoSDK has no connected participant "${participantId}" in that session.`, ['input', 'participant']);
}

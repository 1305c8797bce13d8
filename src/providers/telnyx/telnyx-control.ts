import type { ParticipantKey } from '../../domain/keys.js';
import { RoomControlRefusal, type RoomControl } from '../../domain/room-control.js';
import type { TelnyxClient } from './telnyx-client.js';
import { toCreateRoomBody, toJoinToken, toRoom } from './telnyx-mapping.js';

/** `max_participants` on create: 2 to 50 (reference B5). */
const MAX_PARTICIPANTS = { min: 2, max: 50 } as const;

/** The longest client token Telnyx issues (`token_ttl_secs`, 10..3600; default 600). */
export const TELNYX_MAX_TOKEN_SECONDS = 3600;

/**
 * Telnyx Video room control (reference B5). Creating first looks the unique_name up, so a taken
 * name is refused without a write (a create is never retried). Join tokens come from
 * `generate_join_client_token` with a refresh token beside them; they name no participant.
 * Ending and kicking act on the live room session, read first so that an idle room or a person
 * who already left is refused precisely; the actions themselves are never retried.
 */
export function createTelnyxControl(client: TelnyxClient): RoomControl {
  async function checkLiveParticipant(key: ParticipantKey): Promise<void> {
    const session = await client.getRoomSession(key.sessionId, { include_participants: true });
    const participant = session?.room_id === key.roomId ? session.participants?.find((entry) => entry.id === key.participantId) : undefined;
    if (!session || !participant || participant.left_at) {
      throw new RoomControlRefusal('PARTICIPANT_NOT_FOUND', `Telnyx has no connected participant "${key.participantId}" in that session.`, ['input', 'participant']);
    }
    if (!session.active) throw new RoomControlRefusal('ROOM_NOT_ACTIVE', "The participant's Telnyx room session has ended.", ['input', 'participant']);
  }

  return {
    createRoom: async (request) => {
      const { maxParticipants } = request;
      if (maxParticipants !== null && (maxParticipants < MAX_PARTICIPANTS.min || maxParticipants > MAX_PARTICIPANTS.max)) {
        throw new RoomControlRefusal('INVALID_INPUT', `A Telnyx room takes ${MAX_PARTICIPANTS.min} to ${MAX_PARTICIPANTS.max} participants.`, ['input', 'maxParticipants']);
      }
      const taken = await client.listRooms({ filter: { unique_name: request.title }, page: { size: 1 } });
      if (taken.data.length > 0) {
        throw new RoomControlRefusal('ROOM_ALREADY_EXISTS', 'A Telnyx room with this unique name exists already.', ['input', 'title']);
      }
      return toRoom(await client.createRoom(toCreateRoomBody(request)));
    },
    createJoinToken: async (request) => {
      if (request.ttlSeconds !== null && request.ttlSeconds > TELNYX_MAX_TOKEN_SECONDS) {
        throw new RoomControlRefusal('INVALID_INPUT', `Telnyx client tokens live at most ${TELNYX_MAX_TOKEN_SECONDS} seconds.`, ['input', 'ttlSeconds']);
      }
      const body = request.ttlSeconds === null ? {} : { token_ttl_secs: request.ttlSeconds };
      const token = await client.generateJoinClientToken(request.room.roomId, body);
      if (!token) throw roomNotFound(request.room.roomId);
      return toJoinToken(token, request.room.roomId);
    },
    endRoom: async (room) => {
      const current = await client.getRoom(room.roomId);
      if (!current) throw roomNotFound(room.roomId);
      const sessionId = toRoom(current).activeSessionId;
      if (!sessionId) throw new RoomControlRefusal('ROOM_NOT_ACTIVE', `Telnyx room "${room.roomId}" has no session running.`, ['input', 'room']);
      if (!(await client.endSession(sessionId))) throw new RoomControlRefusal('ROOM_NOT_ACTIVE', 'The Telnyx room session is gone.', ['input', 'room']);
      return { room, completion: 'IMMEDIATE' };
    },
    removeParticipant: async (key) => {
      await checkLiveParticipant(key);
      if (!(await client.kickParticipants(key.sessionId, [key.participantId]))) {
        throw new RoomControlRefusal('ROOM_NOT_ACTIVE', 'The Telnyx room session is gone.', ['input', 'participant']);
      }
      return { participant: key };
    },
  };
}

function roomNotFound(roomId: string): RoomControlRefusal {
  return new RoomControlRefusal('ROOM_NOT_FOUND', `Telnyx has no room "${roomId.slice(0, 64)}".`, ['input', 'room']);
}

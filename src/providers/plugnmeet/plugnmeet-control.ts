import { randomUUID } from 'node:crypto';
import { RoomControlRefusal, unsupportedBy, type RoomControl } from '../../domain/room-control.js';
import type { PlugnmeetClient } from './plugnmeet-client.js';
import { toActiveRoom, toCreateRoomBody, toJoinToken, toJoinTokenBody } from './plugnmeet-mapping.js';

/** The room ids plugNmeet accepts (reference §3.6), minus the patterns it reserves for itself. */
const ROOM_ID = /^[a-zA-Z0-9_-]{1,64}$/;
const RESERVED_ROOM_ID = /-FIELD_|^user_/;

/**
 * plugNmeet room control over one request's client: `room/create`, `room/getJoinToken`,
 * `room/endRoom` (asynchronous: the room stays listed as running while the server ends it,
 * reference §3.5). Its server API has no call to remove one participant, so that is refused;
 * tokens live as long as the server's `token_validity`, so a requested lifetime is refused too.
 */
export function createPlugnmeetControl(client: PlugnmeetClient, serverUrl: string): RoomControl {
  return {
    createRoom: async (request) => {
      const roomId = request.plugnmeet?.roomId ?? `room-${randomUUID()}`;
      if (!ROOM_ID.test(roomId) || RESERVED_ROOM_ID.test(roomId)) {
        const message = 'A plugNmeet room id is 1 to 64 letters, digits, `-` or `_`, not starting with `user_` nor containing `-FIELD_`.';
        throw new RoomControlRefusal('INVALID_INPUT', message, ['input', 'plugnmeet', 'roomId']);
      }
      const info = await client.createRoom(toCreateRoomBody(request, roomId));
      return toActiveRoom({ room_info: info, participants_info: [] });
    },
    createJoinToken: async (request) => {
      if (request.ttlSeconds !== null) {
        throw new RoomControlRefusal('UNSUPPORTED_BY_PROVIDER', "plugNmeet tokens live as long as the server's token_validity; leave ttlSeconds out.", ['input', 'ttlSeconds']);
      }
      const token = await client.getJoinToken(toJoinTokenBody(request));
      if (!token) throw new RoomControlRefusal('ROOM_NOT_ACTIVE', `plugNmeet room "${request.room.roomId}" is not running: create it first.`, ['input', 'room']);
      return toJoinToken(token, request, serverUrl);
    },
    endRoom: async (room) => {
      if (!(await client.endRoom(room.roomId))) {
        throw new RoomControlRefusal('ROOM_NOT_FOUND', `plugNmeet has no running room "${room.roomId}".`, ['input', 'room']);
      }
      return { room, completion: 'ASYNCHRONOUS' };
    },
    removeParticipant: async () => {
      throw unsupportedBy('plugnmeet', 'remove a participant (its server API has no such call)');
    },
  };
}

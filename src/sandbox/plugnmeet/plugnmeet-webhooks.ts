/**
 * The plugNmeet simulator's webhooks (reference/webhooks.md §4): store changes with the
 * `CommonNotifyEvent` bodies the server sends for them (protojson, proto names, int64 as strings),
 * signed as `webhook/notifier.go` does: an HS256 JWT (iss = API key, 5-minute validity, `sha256`
 * claim of the body) in both `Authorization` and `Hash-Token`.
 */
import { createHash, randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import type { LiveDriver } from '../live-driver.js';
import type { PlugnmeetCredentials } from './plugnmeet-auth.js';
import type { PlugnmeetParticipant, PlugnmeetSession } from './plugnmeet-session.js';
import type { PlugnmeetStore } from './plugnmeet-store.js';

/** Rooms the timeline starts sessions in (they also have demo history). */
const ROOMS: Record<string, string> = { 'design-review': 'Design review', 'book-club': 'Book club', 'support-clinic': 'Support clinic', 'sales-demo': 'Sales demo' };

const unix = (at: Date) => String(Math.floor(at.getTime() / 1000));

function toRoom(session: PlugnmeetSession, withCounts: boolean) {
  const people = session.participants.filter((participant) => !participant.hidden && participant.identity !== 'RECORDER_BOT');
  return {
    sid: session.sid,
    room_id: session.roomId,
    creation_time: unix(session.createdAt),
    metadata: session.metadata,
    ...(withCounts ? { empty_timeout: 0, max_participants: 0, num_participants: people.length } : {}),
  };
}

function toParticipant(participant: PlugnmeetParticipant, state: 'ACTIVE' | 'DISCONNECTED') {
  return { sid: participant.sid, identity: participant.identity, name: participant.name, state, joined_at: unix(participant.joinedAt), metadata: participant.metadata };
}

function toEvent(event: string, at: Date, fields: Record<string, unknown>) {
  return { event, ...fields, id: randomUUID(), created_at: unix(at) };
}

/** The live driver of a plugNmeet simulator's store, signing with its API key and secret. */
export function createPlugnmeetLiveDriver(store: PlugnmeetStore, credentials: PlugnmeetCredentials): LiveDriver {
  const running = (roomId: string) => {
    const session = store.runningSession(roomId);
    if (!session) throw new Error(`plugNmeet room ${roomId} is not running`);
    return session;
  };
  return {
    provider: 'plugnmeet',
    env: {},
    liveRooms: () =>
      store.runningSessions().map((session) => ({
        roomId: session.roomId,
        participants: session.participants.filter((person) => !person.hidden && person.identity !== 'RECORDER_BOT').map((person) => person.sid),
      })),
    idleRooms: () => Object.keys(ROOMS).filter((roomId) => !store.runningSession(roomId)),
    startSession: (roomId, at) => [toEvent('room_started', at, { room: toRoom(store.startRoom({ roomId, roomTitle: ROOMS[roomId] ?? roomId, createdAt: at }), true) })],
    endSession: (roomId, at) => {
      const session = running(roomId);
      const room = toRoom(session, false);
      store.endRoom(roomId, at);
      return [toEvent('session_ended', at, { room }), toEvent('room_finished', at, { room: { ...room, num_participants: 0 } })];
    },
    join: (roomId, name, at) => {
      const identity = name.toLowerCase().replace(/[^a-z]+/g, '-');
      const participant = store.addParticipant(roomId, { identity, name, joinedAt: at });
      return [toEvent('participant_joined', at, { room: toRoom(running(roomId), true), participant: toParticipant(participant, 'ACTIVE') })];
    },
    leave: (roomId, participantId, at) => {
      const participant = running(roomId).participants.find((person) => person.sid === participantId);
      if (!participant) return [];
      store.removeParticipant(roomId, participantId);
      return [toEvent('participant_left', at, { room: toRoom(running(roomId), true), participant: toParticipant(participant, 'DISCONNECTED') })];
    },
    sign: async (payload) => {
      const body = JSON.stringify(payload);
      const token = await new SignJWT({ sha256: createHash('sha256').update(body).digest('base64') })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setIssuer(credentials.apiKey)
        .setIssuedAt()
        .setNotBefore('0s')
        .setExpirationTime('5m')
        .sign(new TextEncoder().encode(credentials.apiSecret));
      return { body, headers: { 'content-type': 'application/json', authorization: token, 'hash-token': token } };
    },
  };
}

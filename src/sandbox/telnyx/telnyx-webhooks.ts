/**
 * The Telnyx simulator's video room webhooks (reference/webhooks.md, "Telnyx video room
 * webhooks"): store changes with the v2 event envelopes Telnyx sends, signed as Telnyx does:
 * Ed25519 over `<timestamp>|<body>` in `telnyx-signature-ed25519`, with `telnyx-timestamp`, by a
 * demo key pair whose raw public key goes to the gateway as TELNYX_PUBLIC_KEY (base64).
 */
import { generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import type { LiveDriver } from '../live-driver.js';
import { toTelnyxTime, type StoredSession, type TelnyxStore } from './telnyx-store.js';

const seconds = (from: string, to: Date) => Math.max(0, Math.round((to.getTime() - Date.parse(from)) / 1000));

/** The live driver of a Telnyx simulator's store, with a fresh demo Ed25519 key pair. */
export function createTelnyxLiveDriver(store: TelnyxStore): LiveDriver {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const rawPublicKey = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url').toString('base64');
  const liveSession = (roomId: string): StoredSession => {
    const session = store.sessions.find((candidate) => candidate.room_id === roomId && candidate.active);
    if (!session) throw new Error(`Telnyx room ${roomId} has no live session`);
    return session;
  };
  const connectedIn = (sessionId: string) => store.participants.filter((person) => person.session_id === sessionId && person.left_at === undefined);
  const event = (type: string, at: Date, payload: Record<string, unknown>) => ({ record_type: 'event', event_type: type, id: randomUUID(), occurred_at: toTelnyxTime(at), payload });
  return {
    provider: 'telnyx',
    env: { TELNYX_PUBLIC_KEY: rawPublicKey },
    liveRooms: () =>
      store.sessions.filter((session) => session.active).map((session) => ({ roomId: session.room_id, participants: connectedIn(session.id).map((person) => person.id) })),
    idleRooms: () => store.rooms.filter((room) => !store.sessions.some((session) => session.room_id === room.id && session.active)).map((room) => room.id),
    startSession: (roomId, at) => {
      const session: StoredSession = { id: randomUUID(), room_id: roomId, active: true, created_at: toTelnyxTime(at), updated_at: toTelnyxTime(at) };
      store.sessions.push(session);
      return [event('video.room.session.started', at, { session_id: session.id, room_id: roomId })];
    },
    endSession: (roomId, at) => {
      const session = liveSession(roomId);
      Object.assign(session, { active: false, ended_at: toTelnyxTime(at), updated_at: toTelnyxTime(at) });
      // `ended_reason` values are enumerated nowhere (reference): this one is a stand-in.
      return [event('video.room.session.ended', at, { session_id: session.id, room_id: roomId, duration_secs: seconds(session.created_at, at), ended_reason: 'all_participants_left' })];
    },
    join: (roomId, name, at) => {
      const session = liveSession(roomId);
      const participant = { id: randomUUID(), session_id: session.id, context: name, joined_at: toTelnyxTime(at), updated_at: toTelnyxTime(at) };
      store.participants.push(participant);
      return [event('video.room.participant.joined', at, { session_id: session.id, room_id: roomId, context: name, participant_id: participant.id })];
    },
    leave: (roomId, participantId, at) => {
      const session = liveSession(roomId);
      const participant = connectedIn(session.id).find((person) => person.id === participantId);
      if (!participant) return [];
      Object.assign(participant, { left_at: toTelnyxTime(at), updated_at: toTelnyxTime(at) });
      const payload = { session_id: session.id, room_id: roomId, context: participant.context, participant_id: participant.id, duration_secs: seconds(participant.joined_at, at), left_reason: 'left' };
      return [event('video.room.participant.left', at, payload)];
    },
    sign: async (data, targetUrl) => {
      const body = JSON.stringify({ data, meta: { attempt: 1, delivered_to: targetUrl } });
      const timestamp = String(Math.floor(Date.now() / 1000));
      const signature = sign(null, Buffer.from(`${timestamp}|${body}`), privateKey).toString('base64');
      return { body, headers: { 'content-type': 'application/json', 'telnyx-signature-ed25519': signature, 'telnyx-timestamp': timestamp } };
    },
  };
}

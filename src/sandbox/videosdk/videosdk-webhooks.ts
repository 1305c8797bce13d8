/**
 * The VideoSDK simulator's webhooks (reference/webhooks.md, "VideoSDK webhooks"): store changes
 * with the `{webhookType, data}` bodies VideoSDK sends (`meetingId` = roomId), each signed as
 * VideoSDK does: base64 RSA-SHA256 over exactly the bytes sent, in `videosdk-signature`, with a
 * demo key pair whose public half goes to the gateway as VIDEOSDK_WEBHOOK_PUBLIC_KEY.
 */
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import type { LiveDriver } from '../live-driver.js';
import type { VideosdkSimParticipant, VideosdkSimSession, VideosdkStore } from './videosdk-store.js';

/** VideoSDK writes webhook times like `2022-07-05T15:55:35.047+00:00`. */
const toVideosdkTime = (at: Date) => at.toISOString().replace('Z', '+00:00');

const connected = (participant: VideosdkSimParticipant) => participant.timelog.at(-1)?.end === null;

/** The live driver of a VideoSDK simulator's store, with a fresh demo RSA key pair. */
export function createVideosdkLiveDriver(store: VideosdkStore): LiveDriver {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const liveSession = (roomId: string): VideosdkSimSession => {
    const session = store.sessions.filter((candidate) => candidate.roomId === roomId && candidate.end === null).at(-1);
    if (!session) throw new Error(`VideoSDK room ${roomId} has no live session`);
    return session;
  };
  const participantEvent = (type: string, session: VideosdkSimSession, participant: VideosdkSimParticipant) => ({
    webhookType: type,
    data: { meetingId: session.roomId, sessionId: session.id, participantId: participant.participantId, participantName: participant.name },
  });
  return {
    provider: 'videosdk',
    env: { VIDEOSDK_WEBHOOK_PUBLIC_KEY: publicKey.export({ type: 'spki', format: 'pem' }).toString() },
    liveRooms: () =>
      store.sessions
        .filter((session) => session.end === null)
        .map((session) => ({ roomId: session.roomId, participants: session.participants.filter(connected).map((person) => person.participantId) })),
    idleRooms: () => store.rooms.filter((room) => !store.sessions.some((session) => session.roomId === room.roomId && session.end === null)).map((room) => room.roomId),
    startSession: (roomId, at) => {
      const session = store.addSession({ roomId, start: at, end: null, participants: [] });
      return [{ webhookType: 'session-started', data: { sessionId: session.id, meetingId: roomId, start: toVideosdkTime(at) } }];
    },
    endSession: (roomId, at) => {
      const session = liveSession(roomId);
      session.end = at;
      for (const participant of session.participants.filter(connected)) participant.timelog.at(-1)!.end = at;
      return [{ webhookType: 'session-ended', data: { sessionId: session.id, meetingId: roomId, start: toVideosdkTime(session.start), end: toVideosdkTime(at) } }];
    },
    join: (roomId, name, at) => {
      const session = liveSession(roomId);
      const participant = { objectId: randomBytes(12).toString('hex'), participantId: randomBytes(4).toString('hex'), name, timelog: [{ start: at, end: null }] };
      session.participants.push(participant);
      return [participantEvent('participant-joined', session, participant)];
    },
    leave: (roomId, participantId, at) => {
      const session = liveSession(roomId);
      const participant = session.participants.find((person) => person.participantId === participantId && connected(person));
      if (!participant) return [];
      participant.timelog.at(-1)!.end = at;
      return [participantEvent('participant-left', session, participant)];
    },
    sign: async (payload) => {
      const body = JSON.stringify(payload);
      const signature = sign('RSA-SHA256', Buffer.from(body), privateKey).toString('base64');
      return { body, headers: { 'content-type': 'application/json', 'videosdk-signature': signature } };
    },
  };
}

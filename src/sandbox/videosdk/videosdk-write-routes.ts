import { statusOf, toSessionJson } from './videosdk-render.js';
import type { VideosdkReply } from './videosdk-routes.js';
import type { VideosdkSimRoom, VideosdkSimSession, VideosdkStore } from './videosdk-store.js';

/** A POST already authenticated: path segments after `/v2`, decoded, the raw body, the origin called. */
export type VideosdkWriteRoute = (segments: string[], body: Buffer, origin: string) => VideosdkReply;

type Json = Record<string, unknown>;

/**
 * VideoSDK's write endpoints (reference A2): `POST /v2/rooms` (idempotent on `customRoomId`: the
 * existing room answers again), `POST /v2/sessions/end` and `POST /v2/sessions/participants/remove`
 * (the live session of `roomId`, or the given `sessionId`). Ends and removals close the open
 * timelog segments, so the read endpoints show them at once. Exact error bodies are undocumented
 * (reference A1): the simulator answers `{message}` with 400 for validation and 404 for unknown ids.
 */
export function createVideosdkWriteRoutes(store: VideosdkStore, now: () => Date): VideosdkWriteRoute {
  return (segments, rawBody, origin) => {
    const body = parseBody(rawBody);
    if (body === null) return reply(400, 'Invalid JSON body.');
    const path = segments.join('/');
    if (path === 'rooms') return createRoom(store, body, origin, now());
    if (path === 'sessions/end') return withLiveSession(store, body, (session) => endSession(store, session, origin, now()));
    if (path === 'sessions/participants/remove') return removeParticipant(store, body, origin, now());
    return reply(404, 'Not found.');
  };
}

function createRoom(store: VideosdkStore, body: Json, origin: string, at: Date): VideosdkReply {
  const customRoomId = body.customRoomId ?? null;
  if (customRoomId !== null && (typeof customRoomId !== 'string' || customRoomId === '')) return reply(400, '"customRoomId" must be a non-empty string');
  const room = (customRoomId && store.rooms.find((candidate) => candidate.customRoomId === customRoomId)) || store.addRoom({ customRoomId, createdAt: at });
  return { status: 200, body: toCreatedRoomJson(room, origin) };
}

/** The session a write names: `sessionId` when given (it must be live and the room's), else the room's live one. */
function withLiveSession(store: VideosdkStore, body: Json, act: (session: VideosdkSimSession) => VideosdkReply): VideosdkReply {
  if (typeof body.roomId !== 'string' || body.roomId === '') return reply(400, '"roomId" is required');
  const room = store.findRoom(body.roomId);
  if (!room) return reply(404, 'Room not found.');
  const sessionId = typeof body.sessionId === 'string' ? body.sessionId : null;
  const session = store.sessions.find((candidate) => candidate.roomId === room.roomId && candidate.end === null && (sessionId === null || candidate.id === sessionId));
  if (!session) return reply(400, sessionId ? 'The session is not ongoing in this room.' : 'No ongoing session in this room.');
  return act(session);
}

function endSession(store: VideosdkStore, session: VideosdkSimSession, origin: string, at: Date): VideosdkReply {
  session.end = at;
  for (const participant of session.participants) closeOpenSegment(participant.timelog, at);
  return { status: 200, body: toSessionJson(store, session, origin) };
}

function removeParticipant(store: VideosdkStore, body: Json, origin: string, at: Date): VideosdkReply {
  if (typeof body.participantId !== 'string' || body.participantId === '') return reply(400, '"participantId" is required');
  return withLiveSession(store, body, (session) => {
    const participant = session.participants.find((candidate) => candidate.participantId === body.participantId);
    if (!participant || participant.timelog.at(-1)?.end !== null) return reply(404, 'Participant not found.');
    closeOpenSegment(participant.timelog, at);
    return { status: 200, body: { ...toSessionJson(store, session, origin), status: statusOf(session) } };
  });
}

function closeOpenSegment(timelog: { end: Date | null }[], at: Date): void {
  for (const segment of timelog) if (segment.end === null) segment.end = at;
}

/** The room document `POST /v2/rooms` answers (reference A2: `userId`, not the embedded `user`). */
function toCreatedRoomJson(room: VideosdkSimRoom, origin: string): Json {
  return {
    roomId: room.roomId,
    customRoomId: room.customRoomId,
    userId: '64a0c0ffee00000000000001',
    disabled: room.disabled,
    createdAt: room.createdAt.toISOString(),
    updatedAt: room.updatedAt.toISOString(),
    id: room.id,
    links: { get_room: `${origin}/v2/rooms/${room.roomId}`, get_session: `${origin}/v2/sessions/?roomId=${room.roomId}` },
  };
}

function parseBody(body: Buffer): Json | null {
  if (body.length === 0) return {};
  try {
    const value = JSON.parse(body.toString('utf8')) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : null;
  } catch {
    return null;
  }
}

function reply(status: number, message: string): VideosdkReply {
  return { status, body: { message } };
}

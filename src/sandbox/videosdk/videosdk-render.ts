import type { VideosdkSimParticipant, VideosdkSimRoom, VideosdkSimSession, VideosdkStore } from './videosdk-store.js';

/**
 * The JSON documents VideoSDK answers with, copied from the 2024 doc examples (reference A2):
 * `links` are absolute URLs on the origin the client called, times are ISO-8601 with milliseconds
 * and `Z`, and live values (`end`, a connected participant's timelog `end`) are null.
 */

type Json = Record<string, unknown>;

/** The demo account's owner, as the room documents embed it. */
const DEMO_USER = { email: 'demo@example.com', name: 'Sandbox Demo', discontinuedReason: null, id: '64a0c0ffee00000000000001' };

/** `ongoing` while the session has no end. */
export function statusOf(session: VideosdkSimSession): 'ongoing' | 'ended' {
  return session.end === null ? 'ongoing' : 'ended';
}

/** Whether a participant is connected now (its last segment is open). */
export function isConnected(participant: VideosdkSimParticipant): boolean {
  return participant.timelog.at(-1)?.end === null;
}

/** A participant as sessions list it; `detail` adds the fields of the single-session document. */
export function toParticipantJson(participant: VideosdkSimParticipant, detail = false): Json {
  const timelog = participant.timelog.map((segment) => ({ start: segment.start.toISOString(), end: segment.end?.toISOString() ?? null }));
  const base = { participantId: participant.participantId, name: participant.name, timelog };
  return detail ? { _id: participant.objectId, ...base } : base;
}

/** A connected participant as `/participants/active` lists it, with its media and device detail. */
export function toActiveParticipantJson(participant: VideosdkSimParticipant): Json {
  return {
    ...toParticipantJson(participant, true),
    events: { mic: [], webcam: [], screenShare: [], screenShareAudio: [] },
    // As the current doc page renders them (audit V6): a number, and a parsed user agent.
    initTime: 0.123,
    deviceInfo: {
      sdkType: 'react',
      sdkVersion: '0.1.89',
      platform: 'desktop',
      browserUserAgent: { browser: { name: 'Firefox', version: '115.0' }, os: { name: 'Linux' }, platform: { type: 'desktop' } },
    },
    changeModeHistory: [],
    mode: 'CONFERENCE',
    geoLocation: { city: 'Mumbai', region: 'Maharashtra', country: 'India' },
  };
}

/** A session as `GET /v2/sessions` lists it (`customRoomId` only when the room has one). */
export function toSessionJson(store: VideosdkStore, session: VideosdkSimSession, origin: string): Json {
  const customRoomId = store.findRoom(session.roomId)?.customRoomId;
  return {
    id: session.id,
    roomId: session.roomId,
    ...(customRoomId ? { customRoomId } : {}),
    start: session.start.toISOString(),
    end: session.end?.toISOString() ?? null,
    participants: session.participants.map((participant) => toParticipantJson(participant)),
    status: statusOf(session),
    region: session.region,
    links: sessionLinks(session, origin),
  };
}

/** A session as `GET /v2/sessions/:sessionId` returns it. */
export function toSessionDetailJson(store: VideosdkStore, session: VideosdkSimSession, origin: string, now: Date): Json {
  const end = session.end ?? now;
  return {
    id: session.id,
    userId: DEMO_USER.id,
    roomId: session.roomId,
    customRoomId: store.findRoom(session.roomId)?.customRoomId ?? null,
    start: session.start.toISOString(),
    end: session.end?.toISOString() ?? null,
    participants: session.participants.map((participant) => toParticipantJson(participant, true)),
    activeDuration: Math.round((end.getTime() - session.start.getTime()) / 1000),
    chatLink: `${origin}/files/chats/${session.id}.csv`,
    status: statusOf(session),
    links: sessionLinks(session, origin),
  };
}

/** The session document `/participants` wraps one page of participants in (`data` is an object). */
export function toParticipantsDocument(store: VideosdkStore, session: VideosdkSimSession, page: unknown[], origin: string): Json {
  return {
    id: session.id,
    roomId: session.roomId,
    customRoomId: store.findRoom(session.roomId)?.customRoomId ?? null,
    participants: page,
    links: sessionLinks(session, origin),
  };
}

/** The session document `/participants/active` wraps its page in (inside a one-element array). */
export function toActiveDocument(session: VideosdkSimSession, page: unknown[], origin: string, apiKey: string): Json {
  return {
    _id: session.id,
    apiKey,
    start: session.start.toISOString(),
    end: session.end?.toISOString() ?? null,
    participants: page,
    region: session.region,
    hlsLog: [],
    roomId: session.roomId,
    status: statusOf(session),
    links: {
      get_session: `${origin}/v2/sessions/${session.id}`,
      get_all_participants: `${origin}/v2/sessions/${session.id}/participants`,
    },
  };
}

/** A room as the fetch and list endpoints return it. */
export function toRoomJson(room: VideosdkSimRoom, origin: string): Json {
  return {
    roomId: room.roomId,
    customRoomId: room.customRoomId,
    user: DEMO_USER,
    disabled: room.disabled,
    createdAt: room.createdAt.toISOString(),
    updatedAt: room.updatedAt.toISOString(),
    id: room.id,
    links: { get_room: `${origin}/v2/rooms/${room.roomId}`, get_session: `${origin}/v2/sessions/?roomId=${room.roomId}` },
  };
}

function sessionLinks(session: VideosdkSimSession, origin: string): Json {
  return { get_room: `${origin}/v2/rooms/${session.roomId}`, get_session: `${origin}/v2/sessions/${session.id}` };
}

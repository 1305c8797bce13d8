import type { Participant, PastRoom, Presence, Room } from '../../domain/model.js';
import type { VideosdkParticipant, VideosdkRoom, VideosdkSession } from './videosdk-wire.js';

/** Whether a session has ended (and so is a PastRoom); a live one has `status: "ongoing"`. */
export function isEndedSession(session: VideosdkSession): boolean {
  return session.status === 'ended';
}

/** Whether a participant is connected now: one of its timelog segments is still open. */
export function isConnected(participant: VideosdkParticipant): boolean {
  return participant.timelog.some((segment) => segment.end === null);
}

/**
 * A participant of a session. Each timelog segment becomes a presence, in start order; `joinedAt`
 * is the first start and `leftAt` the last end, null while any segment is open.
 */
export function toParticipant(participant: VideosdkParticipant, roomId: string, sessionId: string): Participant {
  const presences: Presence[] = participant.timelog
    .map((segment) => ({ joinedAt: new Date(segment.start), leftAt: segment.end === null ? null : new Date(segment.end) }))
    .sort((a, b) => a.joinedAt.getTime() - b.joinedAt.getTime());
  const open = presences.some((presence) => presence.leftAt === null);
  const ends = presences.map((presence) => presence.leftAt?.getTime() ?? 0);
  return {
    provider: 'videosdk',
    roomId,
    sessionId,
    participantId: participant.participantId,
    userId: null,
    name: participant.name,
    joinedAt: presences[0]?.joinedAt ?? null,
    leftAt: open || presences.length === 0 ? null : new Date(Math.max(...ends)),
    presences,
  };
}

/**
 * An ended session as a PastRoom, with the participants the session document embeds. The title
 * is the room's customRoomId when the document carries it, else the roomId.
 */
export function toPastRoom(session: VideosdkSession): PastRoom {
  return {
    provider: 'videosdk',
    roomId: session.roomId,
    sessionId: session.id,
    title: session.customRoomId ?? session.roomId,
    createdAt: new Date(session.start),
    endedAt: session.end === null ? null : new Date(session.end),
    participantCount: session.participants.length,
    participants: session.participants.map((participant) => toParticipant(participant, session.roomId, session.id)),
  };
}

/** The connected participants of a live session. */
export function toLiveParticipants(session: VideosdkSession): Participant[] {
  return session.participants.filter(isConnected).map((participant) => toParticipant(participant, session.roomId, session.id));
}

/**
 * A room; its ongoing session (null when idle) gives `isActive`, `activeSessionId` and the live
 * participants (an idle room's list is known to be empty).
 */
export function toRoom(room: VideosdkRoom, liveSession: VideosdkSession | null): Room {
  return {
    provider: 'videosdk',
    roomId: room.roomId,
    title: room.customRoomId ?? room.roomId,
    isActive: liveSession !== null,
    createdAt: room.createdAt === null ? null : new Date(room.createdAt),
    updatedAt: room.updatedAt === null ? null : new Date(room.updatedAt),
    activeSessionId: liveSession?.id ?? null,
    parentRoomId: null,
    participants: liveSession ? toLiveParticipants(liveSession) : [],
  };
}

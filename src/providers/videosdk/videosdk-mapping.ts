import type { Participant, PastRoom, Presence, Room } from '../../domain/model.js';
import type { JoinRole, JoinToken } from '../../domain/room-control.js';
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
 * When the open timelog segments of a session's participants closed: the session's `end` once it
 * has ended (nobody stays in a session that is over; audit V4), null while it is live.
 */
export function toClosingTime(session: VideosdkSession): Date | null {
  return isEndedSession(session) ? session.end : null;
}

/**
 * A participant of a session. Each timelog segment becomes a presence, in start order; a segment
 * still open is closed at `closedAt` (never before its own start) when that is given. `joinedAt`
 * is the first start and `leftAt` the last end, null while any presence is open.
 */
export function toParticipant(participant: VideosdkParticipant, session: VideosdkSession, closedAt: Date | null): Participant {
  const presences: Presence[] = participant.timelog
    .map((segment) => ({ joinedAt: segment.start, leftAt: segment.end ?? closeAt(segment.start, closedAt) }))
    .sort((a, b) => a.joinedAt.getTime() - b.joinedAt.getTime());
  const open = presences.some((presence) => presence.leftAt === null);
  const ends = presences.map((presence) => presence.leftAt?.getTime() ?? 0);
  return {
    provider: 'videosdk',
    roomId: session.roomId,
    sessionId: session.id,
    participantId: participant.participantId,
    userId: null,
    name: participant.name,
    joinedAt: presences[0]?.joinedAt ?? null,
    leftAt: open || presences.length === 0 ? null : new Date(Math.max(...ends)),
    presences,
  };
}

function closeAt(start: Date, closedAt: Date | null): Date | null {
  return closedAt === null ? null : new Date(Math.max(start.getTime(), closedAt.getTime()));
}

/**
 * An ended session as a PastRoom, with the participants the session document embeds. The title
 * is the room's customRoomId when the document carries it, else the roomId.
 */
export function toPastRoom(session: VideosdkSession): PastRoom {
  const closedAt = toClosingTime(session);
  return {
    provider: 'videosdk',
    roomId: session.roomId,
    sessionId: session.id,
    title: session.customRoomId ?? session.roomId,
    createdAt: session.start,
    endedAt: session.end,
    participantCount: session.participants.length,
    participants: session.participants.map((participant) => toParticipant(participant, session, closedAt)),
  };
}

/**
 * The live session of each room among `ongoing` sessions. Should a room have several (a stale one
 * whose end was lost), the latest `start` wins, then the greater id: VideoSDK documents no list
 * order, so the order never decides (audit V3).
 */
export function toLiveSessionsByRoom(sessions: readonly VideosdkSession[]): Map<string, VideosdkSession> {
  const byRoom = new Map<string, VideosdkSession>();
  for (const session of sessions) {
    const current = byRoom.get(session.roomId);
    const newer = !current || session.start > current.start || (session.start.getTime() === current.start.getTime() && session.id > current.id);
    if (!isEndedSession(session) && newer) byRoom.set(session.roomId, session);
  }
  return byRoom;
}

/**
 * A room; its live session (null when idle) gives `isActive`, `activeSessionId` and the
 * participants connected now (an idle room's list is known to be empty).
 */
export function toRoom(room: VideosdkRoom, liveSession: VideosdkSession | null): Room {
  return {
    provider: 'videosdk',
    roomId: room.roomId,
    title: room.customRoomId ?? room.roomId,
    isActive: liveSession !== null,
    createdAt: room.createdAt,
    updatedAt: room.updatedAt,
    activeSessionId: liveSession?.id ?? null,
    parentRoomId: null,
    participants: liveSession ? toLiveParticipants(liveSession, liveSession.participants) : [],
  };
}

/** The connected ones among a live session's participants. */
export function toLiveParticipants(session: VideosdkSession, participants: readonly VideosdkParticipant[]): Participant[] {
  return participants.filter(isConnected).map((participant) => toParticipant(participant, session, null));
}

/** A room known only from its live session (its room document could not be found). */
export function toRoomOfSession(session: VideosdkSession): VideosdkRoom {
  return { id: session.roomId, roomId: session.roomId, customRoomId: session.customRoomId, disabled: false, createdAt: null, updatedAt: null };
}

/** The permissions a role's token carries: hosts may moderate (remove people, end the meeting). */
export function toPermissions(role: JoinRole): ('allow_join' | 'allow_mod')[] {
  return role === 'HOST' ? ['allow_join', 'allow_mod'] : ['allow_join'];
}

/** A participant token the gateway minted for `roomId` (the client SDK's `token`, with `meetingId` = roomId). */
export function toJoinToken(token: string, roomId: string, participantId: string, expiresAt: Date): JoinToken {
  return { provider: 'videosdk', roomId, token, expiresAt, joinUrl: null, userId: participantId, telnyx: null };
}

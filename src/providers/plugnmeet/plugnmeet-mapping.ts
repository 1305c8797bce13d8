import type { Participant, PastRoom, Room } from '../../domain/model.js';
import type { PlugnmeetActiveRoom, PlugnmeetParticipantInfo, PlugnmeetPastRoomInfo } from './plugnmeet-wire.js';

/**
 * The `ended` of a session that is still running: the DB's zero date read as Go's zero time
 * (reference §3.1, "active rooms are included too").
 */
const ZERO_TIME_PREFIX = '0001-01-01';

/** Whether a fetchPastRooms row is a session that has not ended (and so is no PastRoom). */
export function isRunningSession(info: PlugnmeetPastRoomInfo): boolean {
  return info.ended === '' || info.ended.startsWith(ZERO_TIME_PREFIX);
}

/** An ended fetchPastRooms row as a PastRoom; `joined_participants` is the server's (inexact) gauge. */
export function toPastRoom(info: PlugnmeetPastRoomInfo): PastRoom {
  return {
    provider: 'plugnmeet',
    roomId: info.room_id,
    sessionId: info.room_sid,
    title: info.room_title,
    createdAt: parseTime(info.created),
    endedAt: isRunningSession(info) ? null : parseTime(info.ended),
    participantCount: info.joined_participants,
    participants: null,
  };
}

/** A live room, with the participants the server listed. */
export function toActiveRoom(active: PlugnmeetActiveRoom): Room {
  const info = active.room_info;
  return {
    provider: 'plugnmeet',
    roomId: info.room_id,
    title: info.room_title,
    isActive: info.is_running,
    createdAt: fromUnixSeconds(info.creation_time),
    updatedAt: null,
    activeSessionId: info.is_running ? info.sid : null,
    participants: active.participants_info.map((participant) => toParticipant(participant, info.room_id, info.sid)),
  };
}

/** An idle room, known from its most recent session. */
export function toIdleRoom(latest: PlugnmeetPastRoomInfo): Room {
  return {
    provider: 'plugnmeet',
    roomId: latest.room_id,
    title: latest.room_title,
    isActive: false,
    createdAt: parseTime(latest.created),
    updatedAt: null,
    activeSessionId: null,
    participants: [],
  };
}

/** A livekit participant of a live session; `joined_at_ms` is preferred for precision. */
export function toParticipant(info: PlugnmeetParticipantInfo, roomId: string, sessionId: string): Participant {
  const joinedAt = info.joined_at_ms ? new Date(info.joined_at_ms) : fromUnixSeconds(info.joined_at);
  return {
    provider: 'plugnmeet',
    roomId,
    sessionId,
    participantId: info.sid,
    userId: info.identity || null,
    name: info.name || null,
    joinedAt,
    leftAt: null,
    presences: joinedAt ? [{ joinedAt, leftAt: null }] : [],
  };
}

function fromUnixSeconds(seconds: number): Date | null {
  return seconds > 0 ? new Date(seconds * 1000) : null;
}

/**
 * RFC3339 since server 1.7.0; older servers wrote `2006-01-02 15:04:05` in the DB's zone (UTC by
 * default), which is read as UTC here. The wire parser has already checked that it parses.
 */
function parseTime(text: string): Date {
  return new Date(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(text) ? `${text.replace(' ', 'T')}Z` : text);
}

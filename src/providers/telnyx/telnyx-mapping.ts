import type { Participant, PastRoom, Room } from '../../domain/model.js';
import type { CreateRoomRequest, JoinToken } from '../../domain/room-control.js';
import { isInRange } from '../../domain/past-room-stream.js';
import type { TimeRange } from '../../domain/provider.js';
import type { TelnyxDateFilter } from './telnyx-client.js';
import type { TelnyxCreateRoomBody, TelnyxJoinClientToken, TelnyxRoom, TelnyxRoomParticipant, TelnyxRoomSession } from './telnyx-wire.js';

/**
 * A room. It is active while it names an `active_session_id` or embeds an active session. Pass
 * `liveSession` only when it was read with `include_participants=true`: its connected participants
 * become the room's; without it the participants are null (still to be fetched).
 */
export function toRoom(room: TelnyxRoom, liveSession: TelnyxRoomSession | null = null): Room {
  const activeSessionId = liveSession?.id ?? room.active_session_id ?? room.sessions?.find((session) => session.active)?.id ?? null;
  return {
    provider: 'telnyx',
    roomId: room.id,
    title: room.unique_name || room.id,
    isActive: activeSessionId !== null,
    createdAt: room.created_at ?? null,
    updatedAt: room.updated_at ?? null,
    activeSessionId,
    parentRoomId: null,
    participants: liveSession ? (liveSession.participants ?? []).filter(isConnected).map((participant) => toParticipant(participant, room.id)) : null,
  };
}

/** How much is known about a session's surroundings when it becomes a PastRoom. */
export interface PastRoomContext {
  /** The room's `unique_name`, when the room is known. */
  roomName: string | null;
  /** Whether the session was read with `include_participants=true` (else its `participants` is `[]` regardless). */
  participantsIncluded: boolean;
}

/**
 * An ended room session; titled by its room's unique_name (else the room id), counted when included.
 * The count is the length of the embedded `participants` list, which Telnyx does not document as
 * complete or capped (audit T3; nothing here can check it against a live upstream).
 */
export function toPastRoom(session: TelnyxRoomSession, context: PastRoomContext): PastRoom {
  const participants = context.participantsIncluded ? (session.participants ?? []) : null;
  return {
    provider: 'telnyx',
    roomId: session.room_id,
    sessionId: session.id,
    title: context.roomName || session.room_id,
    createdAt: session.created_at,
    endedAt: session.ended_at ?? null,
    participantCount: participants ? participants.length : null,
    participants: participants ? participants.map((participant) => toParticipant(participant, session.room_id)) : null,
  };
}

/**
 * A participant of a session of room `roomId` (the wire names only the session). Its `context`
 * becomes the name when it is plain text; Telnyx keeps one presence per participant record.
 */
export function toParticipant(participant: TelnyxRoomParticipant, roomId: string): Participant {
  const joinedAt = participant.joined_at ?? null;
  const leftAt = participant.left_at ?? null;
  return {
    provider: 'telnyx',
    roomId,
    sessionId: participant.session_id,
    participantId: participant.id,
    userId: null,
    name: toContextName(participant.context),
    joinedAt,
    leftAt,
    presences: joinedAt ? [{ joinedAt, leftAt }] : [],
    telnyx: { context: participant.context ?? null },
  };
}

/** Whether the participant is still in the session (`left_at` is absent while connected). */
export function isConnected(participant: TelnyxRoomParticipant): boolean {
  return participant.left_at === undefined;
}

/**
 * The name a `context` stands for: the trimmed text when it is plain text; null when it is empty
 * or a JSON object/array (structured data the application defined, exposed raw instead).
 */
export function toContextName(context: string | undefined): string | null {
  const text = context?.trim() ?? '';
  if (text === '') return null;
  if (text.startsWith('{') || text.startsWith('[')) {
    try {
      JSON.parse(text);
      return null;
    } catch {
      return text;
    }
  }
  return text;
}

/** Which rooms a room listing covers, in provider-neutral terms; every part is applied exactly. */
export interface TelnyxRoomFilter {
  /** Rooms created in this range (`from` inclusive, `to` exclusive). */
  createdAt?: TimeRange | null;
  /** Rooms last updated in this range (`from` inclusive, `to` exclusive). */
  updatedAt?: TimeRange | null;
  /** The room whose `unique_name` is exactly this. */
  name?: string | null;
}

/** Whether a room passes every part of the filter exactly; a room without the time a range asks about does not. */
export function matchesRoomFilter(room: TelnyxRoom, filter: TelnyxRoomFilter): boolean {
  if (filter.name != null && room.unique_name !== filter.name) return false;
  return isTimeInRange(room.created_at, filter.createdAt) && isTimeInRange(room.updated_at, filter.updatedAt);
}

function isTimeInRange(time: Date | undefined, range: TimeRange | null | undefined): boolean {
  if (!range || (range.from === null && range.to === null)) return true;
  return time !== undefined && isInRange(time, range);
}

/**
 * A day-granular Telnyx filter that surely covers a range (`from` inclusive, `to` exclusive), one
 * day wider at each end: `gte` = the day before from's UTC day, `lte` = the day after the UTC day of
 * the last instant before `to`. No source says how Telnyx compares a timestamp with a date: the
 * spec says "on or after / on or before", the older page "after / before", and a comparison with
 * the date at midnight would drop the last day (audit T1). The widening costs at most two days of
 * extra rows, and the caller filters exactly. Undefined for a range open at both ends.
 */
export function toDayFilter(range: TimeRange | null | undefined): TelnyxDateFilter | undefined {
  const gte = range?.from ? toDay(range.from.getTime() - DAY) : undefined;
  const lte = range?.to ? toDay(range.to.getTime() - 1 + DAY) : undefined;
  if (gte === undefined && lte === undefined) return undefined;
  return { ...(gte !== undefined ? { gte } : {}), ...(lte !== undefined ? { lte } : {}) };
}

const DAY = 86_400_000;

/** `YYYY-MM-DD` of the instant in UTC. */
function toDay(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}

/** A `POST /rooms` body: the title is the room's unique_name. */
export function toCreateRoomBody(request: CreateRoomRequest): TelnyxCreateRoomBody {
  return {
    unique_name: request.title,
    ...(request.maxParticipants !== null ? { max_participants: request.maxParticipants } : {}),
    ...(request.telnyx?.enableRecording != null ? { enable_recording: request.telnyx.enableRecording } : {}),
  };
}

/** A client token of room `roomId`; Telnyx tokens name no participant (the client sets its `context` when joining). */
export function toJoinToken(token: TelnyxJoinClientToken, roomId: string): JoinToken {
  return {
    provider: 'telnyx',
    roomId,
    token: token.token,
    expiresAt: token.token_expires_at,
    joinUrl: null,
    userId: null,
    telnyx: { refreshToken: token.refresh_token, refreshTokenExpiresAt: token.refresh_token_expires_at },
  };
}

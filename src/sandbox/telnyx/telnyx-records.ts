import { byId, type StoredParticipant, type StoredRoom, type StoredSession, type TelnyxStore } from './telnyx-store.js';

/**
 * Stored data as Telnyx sends it (reference B5): `record_type` on every object,
 * `active_session_id` only while a session is live, `sessions` only when asked for, and a
 * session's `participants` filled only when asked for (`[]` otherwise, as the spec examples show).
 */

/** A room; with `includeSessions`, its sessions (their participants left empty). */
export function toWireRoom(store: TelnyxStore, room: StoredRoom, includeSessions: boolean): Record<string, unknown> {
  const live = store.sessions.find((session) => session.room_id === room.id && session.active);
  return {
    id: room.id,
    unique_name: room.unique_name,
    max_participants: room.max_participants,
    enable_recording: room.enable_recording,
    webhook_event_url: room.webhook_event_url,
    webhook_event_failover_url: room.webhook_event_failover_url,
    webhook_timeout_secs: room.webhook_timeout_secs,
    ...(live ? { active_session_id: live.id } : {}),
    created_at: room.created_at,
    updated_at: room.updated_at,
    ...(includeSessions ? { sessions: sessionsOf(store, room.id).map((session) => toWireSession(store, session, false)) } : {}),
    record_type: 'room',
  };
}

/** A session; with `includeParticipants`, all its participants. */
export function toWireSession(store: TelnyxStore, session: StoredSession, includeParticipants: boolean): Record<string, unknown> {
  return {
    id: session.id,
    room_id: session.room_id,
    active: session.active,
    created_at: session.created_at,
    updated_at: session.updated_at,
    ...(session.ended_at !== undefined ? { ended_at: session.ended_at } : {}),
    participants: includeParticipants ? participantsOf(store, session.id).map(toWireParticipant) : [],
    record_type: 'room_session',
  };
}

/** A participant; `left_at` stays absent while connected. */
export function toWireParticipant(participant: StoredParticipant): Record<string, unknown> {
  return {
    id: participant.id,
    session_id: participant.session_id,
    ...(participant.context !== undefined ? { context: participant.context } : {}),
    joined_at: participant.joined_at,
    updated_at: participant.updated_at,
    ...(participant.left_at !== undefined ? { left_at: participant.left_at } : {}),
    record_type: 'room_participant',
  };
}

/** A room's sessions in the default order. */
export function sessionsOf(store: TelnyxStore, roomId: string): StoredSession[] {
  return store.sessions.filter((session) => session.room_id === roomId).sort(byId);
}

/** A session's participants in the default order. */
export function participantsOf(store: TelnyxStore, sessionId: string): StoredParticipant[] {
  return store.participants.filter((participant) => participant.session_id === sessionId).sort(byId);
}

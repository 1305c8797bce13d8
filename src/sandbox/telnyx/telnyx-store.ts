/**
 * The Telnyx simulator's data, stored with the upstream field names (reference B5). Timestamps are
 * kept as the strings the API sends (microseconds, `Z`), so their UTC day is their first ten
 * characters. `ended_at` / `left_at` are absent while live.
 */

/** A room's own fields; `active_session_id` and `sessions` are derived when it is sent. */
export interface StoredRoom {
  id: string;
  unique_name: string;
  max_participants: number;
  enable_recording: boolean;
  webhook_event_url: string;
  webhook_event_failover_url: string;
  webhook_timeout_secs: number | null;
  created_at: string;
  updated_at: string;
}

/** A room session; `ended_at` is absent while it is active. */
export interface StoredSession {
  id: string;
  room_id: string;
  active: boolean;
  created_at: string;
  updated_at: string;
  ended_at?: string;
}

/** A participant record of one session; `left_at` is absent while connected. */
export interface StoredParticipant {
  id: string;
  session_id: string;
  context?: string;
  joined_at: string;
  updated_at: string;
  left_at?: string;
}

/** The simulator's live state; tests may change it between requests. */
export interface TelnyxStore {
  rooms: StoredRoom[];
  sessions: StoredSession[];
  participants: StoredParticipant[];
}

/** An empty store. */
export function createTelnyxStore(): TelnyxStore {
  return { rooms: [], sessions: [], participants: [] };
}

/**
 * A Telnyx timestamp: the instant's ISO form with three more (sub-millisecond) digits, so it
 * parses back to the very same millisecond.
 */
export function toTelnyxTime(time: Date, microseconds = 0): string {
  return time.toISOString().replace('Z', `${String(Math.floor(microseconds) % 1000).padStart(3, '0')}Z`);
}

/** A deterministic version-4 UUID drawn from `random`. */
export function toSeededUuid(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');
  const variant = '89ab'[Math.floor(random() * 4)]!;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The default order of every list: by id, deterministic and unrelated to time (Telnyx documents none). */
export function byId<T extends { id: string }>(a: T, b: T): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

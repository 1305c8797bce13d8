import { randomBytes, randomUUID } from 'node:crypto';
import { toHs256Jwt } from '../sandbox-jwt.js';
import { participantsOf, toWireRoom } from './telnyx-records.js';
import { notFound, toErrorBody, type TelnyxReply } from './telnyx-routes.js';
import { toTelnyxTime, type StoredRoom, type TelnyxStore } from './telnyx-store.js';

type Json = Record<string, unknown>;

/** Where a body value must lie (reference B5 and telnyx@7.24.0's parameter docs). */
const RANGES = {
  max_participants: [2, 50],
  token_ttl_secs: [10, 3600],
  refresh_token_ttl_secs: [60, 86_400],
} as const;

/**
 * Telnyx's write endpoints (reference B5): `POST /rooms` (201; unique_name unique in the account),
 * `rooms/:id/actions/generate_join_client_token` (a JWT client token and a refresh token, each
 * with its expiry), `room_sessions/:id/actions/end` and `.../kick` (`{data: {result: "ok"}}`).
 * Invalid values answer 422 naming the field in `source.pointer`; ends and kicks stamp `ended_at`
 * and `left_at` now, so the read endpoints show them at once. Null when no write route matches.
 */
export function routeTelnyxWrite(store: TelnyxStore, segments: readonly string[], rawBody: Buffer, now = new Date()): TelnyxReply | null {
  const body = parseBody(rawBody);
  if (body === null) return invalid('/', 'The request body is not a JSON object.');
  const [collection, id, actions, action, ...rest] = segments;
  if (rest.length > 0) return null;
  if (collection === 'rooms' && id === undefined) return createRoom(store, body, now);
  if (collection === 'rooms' && actions === 'actions' && action === 'generate_join_client_token') return generateToken(store, id!, body, now);
  if (collection === 'room_sessions' && actions === 'actions' && (action === 'end' || action === 'kick')) return sessionAction(store, id!, action, body, now);
  return null;
}

function createRoom(store: TelnyxStore, body: Json, now: Date): TelnyxReply {
  const problem = checkRange(body, 'max_participants') ?? checkType(body, 'unique_name', 'string') ?? checkType(body, 'enable_recording', 'boolean');
  if (problem) return problem;
  if (typeof body.unique_name === 'string' && store.rooms.some((room) => room.unique_name === body.unique_name)) {
    return invalid('/unique_name', 'unique_name has already been taken.');
  }
  const time = toTelnyxTime(now);
  const room: StoredRoom = {
    id: randomUUID(),
    unique_name: (body.unique_name as string | undefined) ?? '',
    max_participants: (body.max_participants as number | undefined) ?? 10,
    enable_recording: (body.enable_recording as boolean | undefined) ?? false,
    webhook_event_url: typeof body.webhook_event_url === 'string' ? body.webhook_event_url : '',
    webhook_event_failover_url: '',
    webhook_timeout_secs: null,
    created_at: time,
    updated_at: time,
  };
  store.rooms.push(room);
  return { status: 201, body: { data: toWireRoom(store, room, false) } };
}

function generateToken(store: TelnyxStore, roomId: string, body: Json, now: Date): TelnyxReply {
  if (!store.rooms.some((room) => room.id === roomId)) return notFound();
  const problem = checkRange(body, 'token_ttl_secs') ?? checkRange(body, 'refresh_token_ttl_secs');
  if (problem) return problem;
  const seconds = Math.floor(now.getTime() / 1000);
  const ttl = (body.token_ttl_secs as number | undefined) ?? 600;
  const refreshTtl = (body.refresh_token_ttl_secs as number | undefined) ?? 3600;
  // Signed with a throw-away key: only Telnyx's media servers read client tokens.
  const sign = (claims: Json) => toHs256Jwt({ iss: 'telnyx-sandbox', room_id: roomId, iat: seconds, jti: randomUUID(), ...claims }, randomBytes(32).toString('hex'));
  const data = {
    token: sign({ exp: seconds + ttl, typ: 'client' }),
    token_expires_at: toTelnyxTime(new Date((seconds + ttl) * 1000)),
    refresh_token: sign({ exp: seconds + refreshTtl, typ: 'refresh' }),
    refresh_token_expires_at: toTelnyxTime(new Date((seconds + refreshTtl) * 1000)),
  };
  return { status: 201, body: { data } };
}

function sessionAction(store: TelnyxStore, sessionId: string, action: 'end' | 'kick', body: Json, now: Date): TelnyxReply {
  const session = store.sessions.find((candidate) => candidate.id === sessionId);
  if (!session) return notFound();
  if (!session.active) return invalid('/', 'The room session has already ended.');
  const wanted = body.participants;
  if (action === 'kick' && wanted !== 'all' && !(Array.isArray(wanted) && wanted.every((item) => typeof item === 'string'))) {
    return invalid('/participants', 'participants must be "all" or a list of participant ids.');
  }
  const time = toTelnyxTime(now);
  const excluded = new Set(Array.isArray(body.exclude) ? (body.exclude as string[]) : []);
  for (const participant of participantsOf(store, sessionId)) {
    const chosen = action === 'end' || wanted === 'all' || (wanted as string[]).includes(participant.id);
    if (chosen && !excluded.has(participant.id) && participant.left_at === undefined) Object.assign(participant, { left_at: time, updated_at: time });
  }
  if (action === 'end') Object.assign(session, { active: false, ended_at: time, updated_at: time });
  return { status: 200, body: { data: { result: 'ok' } } };
}

function checkRange(body: Json, field: keyof typeof RANGES): TelnyxReply | null {
  const value = body[field];
  const [min, max] = RANGES[field];
  if (value === undefined || value === null) return null;
  return Number.isInteger(value) && (value as number) >= min && (value as number) <= max ? null : invalid(`/${field}`, `${field} must be an integer from ${min} to ${max}.`);
}

function checkType(body: Json, field: string, type: 'string' | 'boolean'): TelnyxReply | null {
  const value = body[field];
  return value === undefined || value === null || typeof value === type ? null : invalid(`/${field}`, `${field} must be a ${type}.`);
}

function invalid(pointer: string, detail: string): TelnyxReply {
  return { status: 422, body: toErrorBody('10015', 'Invalid parameter', detail, { pointer }) };
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

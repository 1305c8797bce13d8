import { toHs256Jwt } from '../sandbox-jwt.js';
import type { PlugnmeetCredentials } from './plugnmeet-auth.js';
import { toActiveRoomJson, toCommonResponse } from './plugnmeet-encoding.js';
import { parsePlugnmeetRequest } from './plugnmeet-request.js';
import type { PlugnmeetRoute } from './plugnmeet-routes.js';
import type { PlugnmeetStore } from './plugnmeet-store.js';

/** The server's default `client.token_validity`: join tokens live 10 minutes. */
export const PLUGNMEET_TOKEN_VALIDITY_SECONDS = 600;

const ROOM_ID_PATTERN = /^[a-zA-Z0-9-_]+$/;

type Json = Record<string, unknown>;

/**
 * The write routes the gateway uses (reference §3.6): `room/create` validates like protovalidate
 * (every violation listed), refuses the reserved room-id patterns as the server does (an
 * INTERNAL_SERVER_ERROR with the error text) and answers the running session when the room runs
 * already; `room/getJoinToken` needs a running room and signs an HS256 JWT with the API secret
 * (`iss` = API key, `sub` = user id, the user's claims beside). `room/endRoom` lives with the reads.
 */
export function createPlugnmeetWriteRoutes(store: PlugnmeetStore, credentials: PlugnmeetCredentials): Record<string, PlugnmeetRoute> {
  return {
    '/auth/room/create': (body) => createRoom(store, body),
    '/auth/room/getJoinToken': (body) => getJoinToken(store, body, credentials),
  };
}

function createRoom(store: PlugnmeetStore, body: Buffer): object {
  const parsed = parseObject(body);
  if ('status' in parsed) return parsed;
  const roomId = readString(parsed, 'room_id');
  const metadata = readObject(parsed, 'metadata');
  const violations = [
    ...(roomId === '' ? ['room_id: value is required'] : []),
    ...(roomId !== '' && !ROOM_ID_PATTERN.test(roomId) ? ['room_id: value does not match regex pattern `^[a-zA-Z0-9-_]+$`'] : []),
    ...(metadata === null ? ['metadata: value is required'] : []),
    ...(metadata !== null && readString(metadata, 'room_title') === '' ? ['metadata.room_title: value is required'] : []),
    ...(metadata !== null && readObject(metadata, 'room_features') === null ? ['metadata.room_features: value is required'] : []),
  ];
  if (violations.length > 0) return toCommonResponse(false, toValidationMessage(violations), 'INVALID_PARAMETERS');
  if (/-FIELD_|^user_/.test(roomId)) return { status: false, msg: 'room_id contains a reserved pattern', status_code: 'INTERNAL_SERVER_ERROR' };
  const running = store.runningSession(roomId);
  const session = running ?? store.startRoom({ roomId, roomTitle: readString(metadata!, 'room_title'), webhookUrl: readString(metadata!, 'webhook_url') });
  return { ...toCommonResponse(true, 'success', 'SUCCESS'), room_info: toActiveRoomJson(session).room_info };
}

function getJoinToken(store: PlugnmeetStore, body: Buffer, credentials: PlugnmeetCredentials): object {
  const parsed = parseObject(body);
  if ('status' in parsed) return parsed;
  const roomId = readString(parsed, 'room_id');
  const user = readObject(parsed, 'user_info');
  const violations = [
    ...(roomId === '' ? ['room_id: value is required'] : []),
    ...(user === null ? ['user_info: value is required'] : []),
    ...(user !== null && readString(user, 'name') === '' ? ['user_info.name: value is required'] : []),
  ];
  if (violations.length > 0) return toCommonResponse(false, toValidationMessage(violations), 'INVALID_PARAMETERS');
  const status = store.roomStatus(roomId);
  if (!store.runningSession(roomId) || (status !== 'created' && status !== 'active')) {
    return toCommonResponse(false, 'room is not active. create room first', 'ROOM_NOT_ACTIVE');
  }
  const now = Math.floor(Date.now() / 1000);
  const userId = readString(user!, 'user_id');
  const claims = {
    iss: credentials.apiKey,
    sub: userId,
    nbf: now,
    exp: now + PLUGNMEET_TOKEN_VALIDITY_SECONDS,
    name: readString(user!, 'name'),
    user_id: userId,
    room_id: roomId,
    is_admin: user!.is_admin === true || user!.isAdmin === true,
    is_hidden: user!.is_hidden === true || user!.isHidden === true,
  };
  return { ...toCommonResponse(true, 'success', 'SUCCESS'), token: toHs256Jwt(claims, credentials.apiSecret) };
}

/** The body as an object (protojson's own errors for an empty or non-object body). */
function parseObject(body: Buffer): Json | ReturnType<typeof toCommonResponse> {
  const envelope = parsePlugnmeetRequest(body, { room_id: 'string' });
  if (!envelope.ok) return toCommonResponse(false, envelope.msg, 'INVALID_PARAMETERS');
  return JSON.parse(body.toString('utf8')) as Json;
}

/** A field by its proto name or its lowerCamelCase JSON name (reference §2.2); '' when unset or not a string. */
function readString(object: Json, name: string): string {
  const value = object[name] ?? object[toCamelCase(name)];
  return typeof value === 'string' ? value : '';
}

function readObject(object: Json, name: string): Json | null {
  const value = object[name] ?? object[toCamelCase(name)];
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : null;
}

function toCamelCase(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());
}

/** protovalidate's wording for one or several violations (reference §2.2). */
function toValidationMessage(violations: string[]): string {
  return violations.length === 1 ? `validation error: ${violations[0]}` : `validation errors:${violations.map((line) => `\n - ${line}`).join('')}`;
}

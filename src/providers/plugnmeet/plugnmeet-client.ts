import { createHmac } from 'node:crypto';
import type { PlugnmeetConfig } from '../../config.js';
import { UpstreamError, type UpstreamCall, type UpstreamErrorCode } from '../../domain/errors.js';
import { createUpstreamHttp, type UpstreamState } from '../http/upstream-http.js';
import type { UpstreamOptions } from '../http/upstream-options.js';
import {
  parseActiveRoom,
  parseActiveRooms,
  parseEnvelope,
  parsePastRoomsResult,
  type PlugnmeetActiveRoom,
  type PlugnmeetEnvelope,
  type PlugnmeetPastRoomsResult,
} from './plugnmeet-wire.js';
import { parseBody } from '../kit/wire-readers.js';

export interface FetchPastRoomsRequest {
  roomIds: readonly string[] | null;
  /** SQL offset. */
  from: number;
  /** 1..100 (the server clamps 0 to 20 and anything above to 100). */
  limit: number;
  orderBy: 'ASC' | 'DESC';
}

/** The four plugNmeet endpoints the graph is built on; "nothing found" answers are empty results. */
export interface PlugnmeetClient {
  fetchPastRooms(request: FetchPastRoomsRequest): Promise<PlugnmeetPastRoomsResult>;
  getActiveRoomInfo(roomId: string): Promise<PlugnmeetActiveRoom | null>;
  getActiveRoomsInfo(): Promise<PlugnmeetActiveRoom[]>;
  isRoomActive(roomId: string): Promise<boolean>;
  /** The upstream's circuit state, for readiness. */
  state(): UpstreamState;
  close(): Promise<void>;
}

/** The largest page fetchPastRooms serves. */
export const PLUGNMEET_MAX_LIMIT = 100;

/**
 * Signs every call the way the server checks it (reference §1.2): `API-KEY`, and `HASH-SIGNATURE`
 * = lowercase hex HMAC-SHA256 of the exact body bytes sent, keyed with the API secret.
 */
export function createPlugnmeetClient(config: PlugnmeetConfig, upstream: UpstreamOptions): PlugnmeetClient {
  const http = createUpstreamHttp({
    provider: 'plugnmeet',
    baseUrl: config.url,
    ...upstream,
    describeErrorBody: describeAuthError,
  });

  /**
   * POSTs a signed body; resolves the parsed reply, or `null` when the server answers one of its
   * "not found" replies. Failures sent as HTTP 200 with `status: false` reject with a coded error.
   */
  async function call<T>(path: string, payload: object, parse: (body: Record<string, unknown>) => T): Promise<T | null> {
    const upstreamCall: UpstreamCall = { provider: 'plugnmeet', method: 'POST', path: `/auth${path}` };
    const body = JSON.stringify(payload);
    const signature = createHmac('sha256', config.apiSecret).update(body).digest('hex');
    const response = await http.request({
      method: 'POST',
      path: upstreamCall.path,
      headers: { 'content-type': 'application/json', 'api-key': config.apiKey, 'hash-signature': signature },
      body,
      // Every endpoint used here only reads, so a retry cannot change anything upstream.
      idempotent: true,
    });
    const envelope = parseBody(upstreamCall, () => parseEnvelope(response.body));
    if (!envelope.status) {
      if (isNotFound(envelope)) return null;
      throw new UpstreamError(failureCode(envelope), upstreamCall, describe(envelope));
    }
    return parseBody(upstreamCall, () => parse(response.body as Record<string, unknown>));
  }

  return {
    fetchPastRooms: async (request) =>
      (await call(
        '/room/fetchPastRooms',
        { room_ids: request.roomIds ?? [], from: request.from, limit: request.limit, order_by: request.orderBy },
        (body) => parsePastRoomsResult(body.result),
      )) ?? { total_rooms: 0, rooms_list: [] },
    getActiveRoomInfo: (roomId) => call('/room/getActiveRoomInfo', { room_id: roomId }, (body) => parseActiveRoom(body.room, 'room')),
    getActiveRoomsInfo: async () => (await call('/room/getActiveRoomsInfo', {}, (body) => parseActiveRooms(body.rooms))) ?? [],
    isRoomActive: async (roomId) =>
      (await call('/room/isRoomActive', { room_id: roomId }, (body) => body.is_active === true)) ?? false,
    state: () => http.state(),
    close: () => http.close(),
  };
}

/** Codes and, for servers before v2.1.7 that send no status_code, messages meaning "nothing there". */
const NOT_FOUND_CODES = new Set(['NOT_FOUND', 'ROOM_NOT_FOUND', 'ROOM_NOT_ACTIVE']);
const NOT_FOUND_MESSAGES = new Set([
  'no room found',
  'no active room found',
  'room not found in active state',
  'room is not active',
  'room not found',
]);

function isNotFound(envelope: PlugnmeetEnvelope): boolean {
  if (envelope.status_code !== null) return NOT_FOUND_CODES.has(envelope.status_code);
  return NOT_FOUND_MESSAGES.has(envelope.msg);
}

function failureCode(envelope: PlugnmeetEnvelope): UpstreamErrorCode {
  switch (envelope.status_code) {
    case 'INVALID_TOKEN_OR_SIGNATURE':
    case 'INVALID_API_KEY':
    case 'PERMISSION_DENIED':
      return 'UPSTREAM_UNAUTHORIZED';
    case 'INVALID_PARAMETERS':
    case 'MISSING_REQUIRED_PARAMETER':
      return 'UPSTREAM_REJECTED';
    default:
      return 'UPSTREAM_ERROR';
  }
}

function describe(envelope: { msg: string; status_code: string | null }): string {
  const message = envelope.msg || 'the server reported a failure';
  return envelope.status_code ? `${message} (${envelope.status_code})` : message;
}

/** 401 replies carry the CommonResponse shape (reference §1.3). */
function describeAuthError(body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return null;
  const { msg, status_code } = body as { msg?: unknown; status_code?: unknown };
  if (typeof msg !== 'string') return null;
  return describe({ msg, status_code: typeof status_code === 'string' ? status_code : null });
}

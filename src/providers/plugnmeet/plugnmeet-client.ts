import { UpstreamError, type UpstreamCall, type UpstreamErrorCode } from '../../domain/errors.js';
import type { UpstreamHttp } from '../http/upstream-http.js';
import type { ReadBounds } from '../http/upstream-options.js';
import { fetchEveryPage, type PageCounts } from '../kit/page-walk.js';
import { parseBody } from '../kit/wire-readers.js';
import { toPlugnmeetAuthHeaders, type PlugnmeetCredentials } from './plugnmeet-auth.js';
import {
  parseActiveRooms,
  parseCreatedRoom,
  parseEnvelope,
  parseJoinToken,
  parsePastRoomsResult,
  type PlugnmeetActiveRoom,
  type PlugnmeetActiveRoomInfo,
  type PlugnmeetCreateRoomBody,
  type PlugnmeetEnvelope,
  type PlugnmeetJoinToken,
  type PlugnmeetJoinTokenBody,
  type PlugnmeetPastRoomInfo,
  type PlugnmeetPastRoomsResult,
} from './plugnmeet-wire.js';

export interface FetchPastRoomsRequest {
  roomIds: readonly string[] | null;
  /** SQL offset. */
  from: number;
  /** 1..100 (the server clamps 0 to 20 and anything above to 100). */
  limit: number;
  orderBy: 'ASC' | 'DESC';
}

/** The plugNmeet endpoints the graph is built on; "nothing found" answers are empty results. */
export interface PlugnmeetClient {
  fetchPastRooms(request: FetchPastRoomsRequest): Promise<PlugnmeetPastRoomsResult>;
  /** Every row for the rooms (all rooms when null), ascending, within the read bounds. */
  fetchAllPastRooms(roomIds: readonly string[] | null): Promise<PlugnmeetPastRoomInfo[]>;
  getActiveRoomsInfo(): Promise<PlugnmeetActiveRoom[]>;
  /**
   * `room/create`. Sent as idempotent: for a room id that is running, the server answers the
   * running session instead of creating another (reference §3.6), so a retry creates nothing new.
   */
  createRoom(body: PlugnmeetCreateRoomBody): Promise<PlugnmeetActiveRoomInfo>;
  /** `room/getJoinToken` (stateless, so retried like a read); null when the room is not running. */
  getJoinToken(body: PlugnmeetJoinTokenBody): Promise<PlugnmeetJoinToken | null>;
  /**
   * `room/endRoom`, never retried: a retry after an end that went through would answer "room not
   * found". False when the server does not know the room. The end completes asynchronously (§3.5).
   */
  endRoom(roomId: string): Promise<boolean>;
  /** The read bounds every scan of this client keeps to. */
  bounds: ReadBounds;
}

/** What a client is made of: one request's view of the provider's HTTP pool, and its limits. */
export interface PlugnmeetClientOptions {
  http: UpstreamHttp;
  credentials: PlugnmeetCredentials;
  bounds: ReadBounds;
  signal?: AbortSignal;
  /** Page counts of the row lists read before (kept by the provider across requests): their pages go out together. */
  pageCounts?: PageCounts;
}

/** The largest page fetchPastRooms serves. */
export const PLUGNMEET_MAX_LIMIT = 100;

const FETCH_PAST_ROOMS: UpstreamCall = { provider: 'plugnmeet', method: 'POST', path: '/auth/room/fetchPastRooms' };

/** A client over `options.http`: signed POSTs, replies parsed, failures sent as HTTP 200 typed. */
export function createPlugnmeetClient(options: PlugnmeetClientOptions): PlugnmeetClient {
  const { http, credentials } = options;

  /**
   * POSTs a signed body; resolves the parsed reply, or `null` when the server answers one of its
   * "not found" replies. Failures sent as HTTP 200 with `status: false` reject with a coded error.
   */
  async function call<T>(path: string, payload: object, parse: (body: Record<string, unknown>) => T, idempotent = true): Promise<T | null> {
    const upstreamCall: UpstreamCall = { provider: 'plugnmeet', method: 'POST', path: `/auth${path}` };
    const body = JSON.stringify(payload);
    const response = await http.request({
      method: 'POST',
      path: upstreamCall.path,
      headers: { 'content-type': 'application/json', ...toPlugnmeetAuthHeaders(body, credentials) },
      body,
      // Reads, and the writes whose repetition changes nothing (see each method), may be retried.
      idempotent,
    });
    const envelope = parseBody(upstreamCall, () => parseEnvelope(response.body));
    if (!envelope.status) {
      if (isNotFound(envelope)) return null;
      throw new UpstreamError(failureCode(envelope), upstreamCall, describe(envelope));
    }
    return parseBody(upstreamCall, () => parse(response.body as Record<string, unknown>));
  }

  const fetchPastRooms = async (request: FetchPastRoomsRequest) =>
    (await call(
      '/room/fetchPastRooms',
      { room_ids: request.roomIds ?? [], from: request.from, limit: request.limit, order_by: request.orderBy },
      (body) => parsePastRoomsResult(body.result),
    )) ?? { total_rooms: 0, rooms_list: [] };

  return {
    fetchPastRooms,
    fetchAllPastRooms: async (roomIds) =>
      (await fetchEveryPage({
        call: FETCH_PAST_ROOMS,
        pageSize: PLUGNMEET_MAX_LIMIT,
        bounds: options.bounds,
        signal: options.signal,
        remembered: options.pageCounts && { counts: options.pageCounts, key: JSON.stringify(roomIds ? [...new Set(roomIds)].sort() : null) },
        readPage: async (pageNumber) => {
          const from = (pageNumber - 1) * PLUGNMEET_MAX_LIMIT;
          const page = await fetchPastRooms({ roomIds, from, limit: PLUGNMEET_MAX_LIMIT, orderBy: 'ASC' });
          return { items: page.rooms_list, totalPages: null, totalItems: page.total_rooms };
        },
      })) ?? [],
    // NOT_FOUND (no running row at all) and `status:true` with no rooms (every running row lacks
    // its NATS entry, fidelity-audit P2) both mean "nothing live".
    getActiveRoomsInfo: async () => (await call('/room/getActiveRoomsInfo', {}, (body) => parseActiveRooms(body.rooms))) ?? [],
    createRoom: async (body) => {
      const created = await call('/room/create', body, (reply) => parseCreatedRoom(reply.room_info));
      if (!created) throw new UpstreamError('UPSTREAM_BAD_RESPONSE', { provider: 'plugnmeet', method: 'POST', path: '/auth/room/create' }, 'create answered "not found"');
      return created;
    },
    getJoinToken: (body) => call('/room/getJoinToken', body, (reply) => parseJoinToken(reply.token)),
    endRoom: async (roomId) => (await call('/room/endRoom', { room_id: roomId }, () => true, false)) ?? false,
    bounds: options.bounds,
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
  'room not found or not active',
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

/** 401 replies carry the CommonResponse shape (reference §1.3); the provider gives this to its HTTP layer. */
export function describePlugnmeetErrorBody(body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return null;
  const { msg, status_code } = body as { msg?: unknown; status_code?: unknown };
  if (typeof msg !== 'string') return null;
  return describe({ msg, status_code: typeof status_code === 'string' ? status_code : null });
}

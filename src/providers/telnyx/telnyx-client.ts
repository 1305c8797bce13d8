import type { TelnyxConfig } from '../../config.js';
import { UpstreamError, type UpstreamCall } from '../../domain/errors.js';
import { createUpstreamHttp, type UpstreamState } from '../http/upstream-http.js';
import type { UpstreamOptions } from '../http/upstream-options.js';
import {
  parseErrorDescription,
  parseParticipantList,
  parseRoomData,
  parseRoomList,
  parseSessionData,
  parseSessionList,
  type TelnyxPage,
  type TelnyxRoom,
  type TelnyxRoomParticipant,
  type TelnyxRoomSession,
} from './telnyx-wire.js';

/** Day-granular date filter (`YYYY-MM-DD`): eq = that UTC day, gte = on or after, lte = on or before. */
export interface TelnyxDateFilter {
  eq?: string;
  gte?: string;
  lte?: string;
}

/** `page[size]` (1..250) and `page[number]` (≥ 1). */
export interface TelnyxPageParams {
  size?: number;
  number?: number;
}

/** Query of `GET /rooms`. */
export interface TelnyxRoomListParams {
  filter?: { date_created_at?: TelnyxDateFilter; date_updated_at?: TelnyxDateFilter; unique_name?: string };
  include_sessions?: boolean;
  page?: TelnyxPageParams;
}

/** Query of `GET /room_sessions`. */
export interface TelnyxSessionListParams {
  filter?: {
    room_id?: string;
    active?: boolean;
    date_created_at?: TelnyxDateFilter;
    date_ended_at?: TelnyxDateFilter;
    date_updated_at?: TelnyxDateFilter;
  };
  include_participants?: boolean;
  page?: TelnyxPageParams;
}

/** The Telnyx Video reads the graph is built on; by-id reads answer null for an unknown id. */
export interface TelnyxClient {
  listRooms(params?: TelnyxRoomListParams): Promise<TelnyxPage<TelnyxRoom>>;
  getRoom(roomId: string, params?: { include_sessions?: boolean }): Promise<TelnyxRoom | null>;
  listRoomSessions(params?: TelnyxSessionListParams): Promise<TelnyxPage<TelnyxRoomSession>>;
  getRoomSession(sessionId: string, params?: { include_participants?: boolean }): Promise<TelnyxRoomSession | null>;
  listSessionParticipants(sessionId: string, params?: { page?: TelnyxPageParams }): Promise<TelnyxPage<TelnyxRoomParticipant> | null>;
  /** The upstream's circuit state, for readiness. */
  state(): UpstreamState;
  close(): Promise<void>;
}

/** The largest `page[size]` Telnyx serves (reference B5). */
export const TELNYX_MAX_PAGE_SIZE = 250;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a string has the shape of a Telnyx id (a UUID); no other string names anything upstream. */
export function isTelnyxId(id: string): boolean {
  return UUID.test(id);
}

type Query = Record<string, string | number | boolean | undefined>;

/**
 * A pooled client sending `Authorization: Bearer <key>`, with deepObject query keys
 * (`filter[date_created_at][gte]`, percent-encoded on the wire). A by-id read of an id that is not
 * a UUID answers null without a call; a 404 on a by-id read answers null; every other failure
 * rejects with the HTTP layer's UpstreamError naming Telnyx, and never with the key in it.
 */
export function createTelnyxClient(config: TelnyxConfig, upstream: UpstreamOptions): TelnyxClient {
  const http = createUpstreamHttp({
    provider: 'telnyx',
    baseUrl: config.apiUrl,
    ...upstream,
    describeErrorBody: (body) => redact(parseErrorDescription(body), config.apiKey),
    // A 429 carries `x-ratelimit-reset`, the seconds until the window resets (reference B4).
    waitHeaders: ['retry-after', 'x-ratelimit-reset'],
  });
  const headers = { authorization: `Bearer ${config.apiKey}`, accept: 'application/json' };

  async function get<T>(path: string, params: object, parse: (body: unknown, call: UpstreamCall) => T): Promise<T> {
    const response = await http.request({ method: 'GET', path, query: toQuery(params), headers });
    return parse(response.body, { provider: 'telnyx', method: 'GET', path });
  }

  /** A by-id read: null for a non-UUID id and for a 404. */
  async function getById<T>(id: string, path: string, params: object, parse: (body: unknown, call: UpstreamCall) => T): Promise<T | null> {
    if (!isTelnyxId(id)) return null;
    try {
      return await get(path, params, parse);
    } catch (error) {
      if (error instanceof UpstreamError && error.code === 'UPSTREAM_NOT_FOUND') return null;
      throw error;
    }
  }

  return {
    listRooms: (params = {}) => get('/rooms', params, parseRoomList),
    getRoom: (roomId, params = {}) => getById(roomId, `/rooms/${encodeURIComponent(roomId)}`, params, parseRoomData),
    listRoomSessions: (params = {}) => get('/room_sessions', params, parseSessionList),
    getRoomSession: (sessionId, params = {}) =>
      getById(sessionId, `/room_sessions/${encodeURIComponent(sessionId)}`, params, parseSessionData),
    listSessionParticipants: (sessionId, params = {}) =>
      getById(sessionId, `/room_sessions/${encodeURIComponent(sessionId)}/participants`, params, parseParticipantList),
    state: () => http.state(),
    close: () => http.close(),
  };
}

/** Flattens nested params into deepObject keys: `{filter: {room_id: 'x'}}` → `filter[room_id]=x`. */
function toQuery(params: object, prefix = ''): Query {
  const query: Query = {};
  for (const [name, value] of Object.entries(params)) {
    const key = prefix ? `${prefix}[${name}]` : name;
    if (typeof value === 'object' && value !== null) Object.assign(query, toQuery(value as object, key));
    else if (value !== undefined) query[key] = value as string | number | boolean;
  }
  assertPageSize(query['page[size]']);
  return query;
}

function assertPageSize(size: Query[string]): void {
  if (size !== undefined && !(Number.isInteger(size) && Number(size) >= 1 && Number(size) <= TELNYX_MAX_PAGE_SIZE)) {
    throw new RangeError(`page[size] must be an integer from 1 to ${TELNYX_MAX_PAGE_SIZE}.`);
  }
}

/** Error descriptions come from the upstream; make sure none can ever carry the key back. */
function redact(description: string | null, apiKey: string): string | null {
  return description && apiKey ? description.split(apiKey).join('[redacted]') : description;
}

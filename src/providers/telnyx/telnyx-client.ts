import pMap from 'p-map';
import { UpstreamError, type UpstreamCall } from '../../domain/errors.js';
import { createUpstreamHttp, type UpstreamHttp } from '../http/upstream-http.js';
import type { ReadBounds, UpstreamOptions } from '../http/upstream-options.js';
import { fetchEveryPage, type ListPage, type PageCounts } from '../kit/page-walk.js';
import { toTelnyxAuthHeaders } from './telnyx-auth.js';
import type { ProviderSharing } from '../cache/upstream-sharing.js';
import { toTelnyxCacheFact } from './telnyx-cache.js';
import type { TelnyxConfig } from './telnyx-provider.js';
import * as wire from './telnyx-wire.js';
import type { TelnyxCreateRoomBody, TelnyxJoinClientToken, TelnyxPage, TelnyxRoom, TelnyxRoomParticipant, TelnyxRoomSession } from './telnyx-wire.js';

/** Day-granular date filter (`YYYY-MM-DD`): eq = that day, gte = on or after, lte = on or before. */
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
  filter?: { room_id?: string; active?: boolean; date_created_at?: TelnyxDateFilter; date_ended_at?: TelnyxDateFilter; date_updated_at?: TelnyxDateFilter };
  include_participants?: boolean;
  page?: TelnyxPageParams;
}

/** One list query read page by page (through a request's page cache, or the client itself). */
export interface TelnyxList<T> {
  path: string;
  pageSize: number;
  /** The list's path and filters, the same for the same query: its page count is remembered under it. */
  key?: string;
  readPage(pageNumber: number): Promise<TelnyxPage<T>>;
}

/** The Telnyx Video reads the graph is built on, for one request; by-id reads answer null for an unknown id. */
export interface TelnyxClient {
  listRooms(params?: TelnyxRoomListParams): Promise<TelnyxPage<TelnyxRoom>>;
  getRoom(roomId: string, params?: { include_sessions?: boolean }): Promise<TelnyxRoom | null>;
  listRoomSessions(params?: TelnyxSessionListParams): Promise<TelnyxPage<TelnyxRoomSession>>;
  getRoomSession(sessionId: string, params?: { include_participants?: boolean }): Promise<TelnyxRoomSession | null>;
  listSessionParticipants(sessionId: string, params?: { page?: TelnyxPageParams }): Promise<TelnyxPage<TelnyxRoomParticipant> | null>;
  /** Every item of a list, deduplicated by id, within the read bounds (kit `fetchEveryPage`). */
  readEveryPage<T extends { id: string }>(list: TelnyxList<T>): Promise<T[]>;
  /** Objects by id in the fewest calls, never more than `bounds.maxPages` (see `findByIds`). */
  findByIds<T extends { id: string }>(ids: readonly string[], getOne: (id: string) => Promise<T | null>, list: TelnyxList<T>): Promise<(T | null)[]>;
  /** `POST /rooms` (201), never retried: a create that went through, sent again, makes a second room or a name conflict. */
  createRoom(body: TelnyxCreateRoomBody): Promise<TelnyxRoom>;
  /** `POST /rooms/:id/actions/generate_join_client_token`: mints tokens only, so retried like a read; null for an unknown room. */
  generateJoinClientToken(roomId: string, body: { token_ttl_secs?: number }): Promise<TelnyxJoinClientToken | null>;
  /** `POST /room_sessions/:id/actions/end`, never retried; false for an unknown session. */
  endSession(sessionId: string): Promise<boolean>;
  /** `POST /room_sessions/:id/actions/kick` for these participants, never retried; false for an unknown session. */
  kickParticipants(sessionId: string, participantIds: readonly string[]): Promise<boolean>;
}

/** The largest `page[size]` Telnyx serves (reference B5). */
export const TELNYX_MAX_PAGE_SIZE = 250;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a string has the shape of a Telnyx id (a UUID); no other string names anything upstream. */
export function isTelnyxId(id: string): boolean {
  return UUID.test(id);
}

/**
 * The provider's one pooled HTTP client for Telnyx: error descriptions read from every documented
 * error shape (never carrying the key back), and a 429's `x-ratelimit-reset` (seconds until the
 * window resets, reference B4) read as the wait before a retry.
 */
export function createTelnyxHttp(config: TelnyxConfig, upstream: UpstreamOptions, shared?: ProviderSharing): UpstreamHttp {
  return createUpstreamHttp({
    provider: 'telnyx',
    baseUrl: config.apiUrl,
    ...upstream,
    shared,
    cacheFacts: toTelnyxCacheFact,
    describeErrorBody: (body) => redact(wire.parseErrorDescription(body), config.apiKey),
    waitHeaders: ['retry-after', 'x-ratelimit-reset'],
  });
}

/** What one request's client needs besides its HTTP view. */
export interface TelnyxClientOptions {
  apiKey: string;
  bounds: ReadBounds;
  /** The request's signal; also stops the page walks between pages. */
  signal?: AbortSignal;
  /** Page counts of the lists read before (kept by the provider across requests): their pages go out together. */
  pageCounts?: PageCounts;
}

/**
 * One request's client over `http` (a request's `withSignal` view), with deepObject query keys
 * (`filter[date_created_at][gte]`, percent-encoded on the wire). A by-id read of an id that is not
 * a UUID answers null without a call, and a 404 answers null; every other failure rejects with the
 * HTTP layer's UpstreamError naming Telnyx.
 */
export function createTelnyxClient(http: UpstreamHttp, options: TelnyxClientOptions): TelnyxClient {
  const headers = { ...toTelnyxAuthHeaders(options.apiKey), accept: 'application/json' };

  async function get<T>(path: string, params: object, parse: (body: unknown, call: UpstreamCall) => T): Promise<T> {
    const response = await http.request({ method: 'GET', path, query: toQuery(params), headers });
    return parse(response.body, toCall(path));
  }

  async function getById<T>(id: string, toPath: (id: string) => string, params: object, parse: (body: unknown, call: UpstreamCall) => T): Promise<T | null> {
    if (!isTelnyxId(id)) return null;
    try {
      return await get(toPath(encodeURIComponent(id)), params, parse);
    } catch (error) {
      if (error instanceof UpstreamError && error.code === 'UPSTREAM_NOT_FOUND') return null;
      throw error;
    }
  }

  async function post<T>(path: string, body: object, idempotent: boolean, parse: (body: unknown, call: UpstreamCall) => T): Promise<T> {
    const response = await http.request({ method: 'POST', path, headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body), idempotent });
    return parse(response.body, { provider: 'telnyx', method: 'POST', path });
  }

  /** A POST on an object by id: null without a call for a non-UUID id, null for a 404. */
  async function postById<T>(id: string, toPath: (id: string) => string, body: object, idempotent: boolean, parse: (body: unknown, call: UpstreamCall) => T): Promise<T | null> {
    if (!isTelnyxId(id)) return null;
    try {
      return await post(toPath(encodeURIComponent(id)), body, idempotent, parse);
    } catch (error) {
      if (error instanceof UpstreamError && error.code === 'UPSTREAM_NOT_FOUND') return null;
      throw error;
    }
  }

  async function readEveryPage<T extends { id: string }>(list: TelnyxList<T>): Promise<T[]> {
    const { pageCounts } = options;
    const items = await fetchEveryPage({
      call: toCall(list.path),
      pageSize: list.pageSize,
      readPage: async (pageNumber) => toListPage(await list.readPage(pageNumber)),
      bounds: options.bounds,
      signal: options.signal,
      remembered: pageCounts && list.key ? { counts: pageCounts, key: list.key } : undefined,
    });
    // Telnyx documents no order, so a list that shifted between pages may repeat an item.
    return [...new Map((items ?? []).map((item) => [item.id, item])).values()];
  }

  /**
   * One by-id call for a single id. For several: the list's first page, then whichever is fewer
   * calls of one by-id call per id still missing and the remaining pages; by-id calls only while
   * fewer than `maxPages`, so a lookup of thousands of ids reads the list (within its bounds) instead.
   */
  async function findByIds<T extends { id: string }>(ids: readonly string[], getOne: (id: string) => Promise<T | null>, list: TelnyxList<T>) {
    const wanted = [...new Set(ids.filter(isTelnyxId))];
    const found = new Map<string, T>();
    const collect = (items: readonly (T | null)[]) => items.forEach((item) => item && found.set(item.id, item));
    if (wanted.length === 1) collect([await getOne(wanted[0]!)]);
    if (wanted.length > 1) {
      const first = await list.readPage(1);
      collect(first.data);
      const missing = wanted.filter((id) => !found.has(id));
      const pagesLeft = first.meta.total_pages - 1;
      if (missing.length > 0 && pagesLeft > 0) {
        if (missing.length < pagesLeft && missing.length < options.bounds.maxPages) {
          collect(await pMap(missing, getOne, { concurrency: options.bounds.pageConcurrency, signal: options.signal }));
        } else collect(await readEveryPage(list));
      }
    }
    return ids.map((id) => found.get(id) ?? null);
  }

  return {
    listRooms: (params = {}) => get('/rooms', params, wire.parseRoomList),
    getRoom: (roomId, params = {}) => getById(roomId, (id) => `/rooms/${id}`, params, wire.parseRoomData),
    listRoomSessions: (params = {}) => get('/room_sessions', params, wire.parseSessionList),
    getRoomSession: (sessionId, params = {}) => getById(sessionId, (id) => `/room_sessions/${id}`, params, wire.parseSessionData),
    listSessionParticipants: (sessionId, params = {}) =>
      getById(sessionId, (id) => `/room_sessions/${id}/participants`, params, wire.parseParticipantList),
    readEveryPage,
    findByIds,
    createRoom: (body) => post('/rooms', body, false, wire.parseRoomData),
    generateJoinClientToken: (roomId, body) =>
      postById(roomId, (id) => `/rooms/${id}/actions/generate_join_client_token`, body, true, wire.parseJoinClientToken),
    endSession: async (sessionId) =>
      (await postById(sessionId, (id) => `/room_sessions/${id}/actions/end`, {}, false, wire.parseActionResult)) !== null,
    kickParticipants: async (sessionId, participantIds) =>
      (await postById(sessionId, (id) => `/room_sessions/${id}/actions/kick`, { participants: participantIds }, false, wire.parseActionResult)) !== null,
  };
}

function toCall(path: string): UpstreamCall {
  return { provider: 'telnyx', method: 'GET', path };
}

/**
 * A Telnyx page as the kit's page walk reads it; `total_results` feeds its sanity check when
 * present, and the echoed `page_size`, when there is one, is what the upstream paged by.
 */
function toListPage<T>(page: TelnyxPage<T>): ListPage<T> {
  return { items: page.data, totalPages: page.meta.total_pages, totalItems: page.meta.total_results ?? null, pageSize: page.meta.page_size || undefined };
}

type Query = Record<string, string | number | boolean | undefined>;

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

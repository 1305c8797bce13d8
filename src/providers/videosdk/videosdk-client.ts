import { UpstreamError, type UpstreamCall } from '../../domain/errors.js';
import type { UpstreamHttp } from '../http/upstream-http.js';
import type { ReadBounds } from '../http/upstream-options.js';
import { fetchEveryPage, type ListPage, type PageCounts } from '../kit/page-walk.js';
import type { VideosdkTokenSource } from './videosdk-auth.js';
import {
  parseParticipantsPage,
  parseRoom,
  parseRoomPage,
  parseSession,
  parseSessionPage,
  type VideosdkCreateRoomBody,
  type VideosdkPage,
  type VideosdkParticipant,
  type VideosdkRoom,
  type VideosdkSession,
} from './videosdk-wire.js';

/**
 * Filters of `GET /v2/sessions`. `roomId` is documented; `status` and `startDate`/`endDate`
 * (epoch ms, on the session start) come from the official SDK only, so callers filter again.
 */
export interface VideosdkSessionQuery {
  roomId?: string;
  status?: 'ongoing' | 'ended';
  startDate?: number;
  endDate?: number;
}

/** A live session's connected participants with the room they belong to. */
export interface VideosdkSessionParticipants {
  /** Null when the upstream sent no session document with the (then empty) list. */
  roomId: string | null;
  participants: VideosdkParticipant[];
}

/**
 * The VideoSDK endpoints the graph is built on, for one request. Reads that name an id answer
 * null (lists: empty) when VideoSDK says it does not know it (`isNoSuchId`); every other failure,
 * a refused parameter included, rejects with an UpstreamError. "Every page" reads are bounded.
 */
export interface VideosdkClient {
  /** Every session matching the query (deduplicated by id); empty for an unknown room. */
  listAllSessions(query: VideosdkSessionQuery): Promise<VideosdkSession[]>;
  getSession(sessionId: string): Promise<VideosdkSession | null>;
  /** Every connected participant of a session, all pages; null for an unknown session. */
  getAllActiveParticipants(sessionId: string): Promise<VideosdkSessionParticipants | null>;
  /** Every room of the account, all pages. */
  listAllRooms(): Promise<VideosdkRoom[]>;
  getRoom(roomId: string): Promise<VideosdkRoom | null>;
  /** `POST /v2/rooms`; retried like a read, since creation is idempotent on `customRoomId` (reference A2). */
  createRoom(body: VideosdkCreateRoomBody): Promise<VideosdkRoom>;
  /** `POST /v2/sessions/end`, never retried; false when VideoSDK says it does not know the room or session. */
  endSession(body: { roomId: string; sessionId: string }): Promise<boolean>;
  /** `POST /v2/sessions/participants/remove`, never retried; false when VideoSDK does not know them. */
  removeParticipant(body: { participantId: string; roomId: string; sessionId: string }): Promise<boolean>;
}

/** How a client pages: its page size, the read bounds, the request's signal, and the provider's page counts. */
export interface VideosdkClientOptions {
  pageSize: number;
  bounds: ReadBounds;
  signal: AbortSignal;
  /** Page counts of the lists read before (kept by the provider across requests): their pages go out together. */
  pageCounts?: PageCounts;
}

type Query = Record<string, string | number | undefined>;

/** A client over one request's view of the provider's HTTP pool (`http.withSignal`). */
export function createVideosdkClient(http: UpstreamHttp, tokens: VideosdkTokenSource, options: VideosdkClientOptions): VideosdkClient {
  async function get<T>(path: string, query: Query, parse: (body: unknown, call: UpstreamCall) => T, namesId: boolean): Promise<T | null> {
    const call: UpstreamCall = { provider: 'videosdk', method: 'GET', path };
    const headers = { authorization: await tokens.token(), accept: 'application/json' };
    try {
      return parse((await http.request({ method: 'GET', path, query, headers })).body, call);
    } catch (error) {
      if (namesId && isNoSuchId(error)) return null;
      throw error;
    }
  }

  /** Every page of a list (`query`: its filters), within the read bounds; null when page 1 says the id is unknown. */
  function walk<T>(path: string, query: Query, readPage: (paging: { page: number; perPage: number }) => Promise<ListPage<T> | null>) {
    const { pageSize, bounds, signal, pageCounts } = options;
    const remembered = pageCounts && { counts: pageCounts, key: toListKey(path, query) };
    const call: UpstreamCall = { provider: 'videosdk', method: 'GET', path };
    return fetchEveryPage<T>({ call, pageSize, bounds, signal, remembered, readPage: (page) => readPage({ page, perPage: pageSize }) });
  }

  /** A POST with a JSON body; `idempotent` only where repeating it changes nothing upstream. */
  async function post(path: string, body: object, idempotent: boolean): Promise<unknown> {
    const headers = { authorization: await tokens.token(), accept: 'application/json', 'content-type': 'application/json' };
    return (await http.request({ method: 'POST', path, headers, body: JSON.stringify(body), idempotent })).body;
  }

  /** A write whose "no such id" answer means false. */
  async function write(path: string, body: object): Promise<boolean> {
    try {
      await post(path, body, false);
      return true;
    } catch (error) {
      if (isNoSuchId(error)) return false;
      throw error;
    }
  }

  const sessionPath = (sessionId: string, suffix = '') => `/v2/sessions/${encodeURIComponent(sessionId)}${suffix}`;
  const pageOf = async <T>(read: Promise<VideosdkPage<T> | null>) => toListPage(await read);

  return {
    listAllSessions: async (query) => {
      const path = '/v2/sessions';
      const sessions = await walk(path, { ...query }, (paging) => pageOf(get(path, { ...query, ...paging }, parseSessionPage, query.roomId !== undefined)));
      return dedupeBy(sessions ?? [], (session) => session.id);
    },
    getSession: (sessionId) => get(sessionPath(sessionId), {}, parseSession, true),
    getAllActiveParticipants: async (sessionId) => {
      const path = sessionPath(sessionId, '/participants/active');
      let roomId: string | null = null;
      const participants = await walk(path, {}, async (paging) => {
        const read = await get(path, paging, parseParticipantsPage, true);
        roomId ??= read?.roomId ?? null;
        return read && toListPage({ data: read.participants, pageInfo: read.pageInfo });
      });
      return participants && { roomId, participants: dedupeBy(participants, (participant) => participant.participantId) };
    },
    listAllRooms: async () => (await walk('/v2/rooms', {}, (paging) => pageOf(get('/v2/rooms', paging, parseRoomPage, false)))) ?? [],
    getRoom: (roomId) => get(`/v2/rooms/${encodeURIComponent(roomId)}`, {}, parseRoom, true),
    createRoom: async (body) => parseRoom(await post('/v2/rooms', body, true), { provider: 'videosdk', method: 'POST', path: '/v2/rooms' }),
    endSession: (body) => write('/v2/sessions/end', body),
    removeParticipant: (body) => write('/v2/sessions/participants/remove', body),
  };
}

/** A list's path and filters, the same whatever order the filters were written in. */
function toListKey(path: string, query: Query): string {
  const filters = Object.entries(query).filter(([, value]) => value !== undefined).sort(([a], [b]) => (a < b ? -1 : 1));
  return `${path}?${new URLSearchParams(filters.map(([name, value]) => [name, String(value)])).toString()}`;
}

/** A VideoSDK page as the page walk reads it. */
function toListPage<T>(page: VideosdkPage<T> | null): ListPage<T> | null {
  return page && { items: page.data, totalPages: page.pageInfo.lastPage, totalItems: page.pageInfo.total };
}

/** Statuses VideoSDK answers for an id it does not know: the SDK reads both as not found (reference A1). */
const NOT_FOUND_STATUSES = new Set([402, 404]);

/** A 400 in these words names an unknown or malformed id ("Room not found.", "Invalid sessionId."). */
const NO_SUCH_ID = /not found|\b(room|session|participant)\s*id\b[^.]*\binvalid\b|\binvalid\s+(room|session|participant)\s*id\b/i;

/**
 * Whether a failure says "no such id": 402 or 404, or a 400 whose message says the id is unknown
 * or invalid (the SDK's `rooms.validate` reads those so). Any other 400 — a refused `perPage` or
 * filter — is UPSTREAM_REJECTED and surfaces, never an empty answer (audit V1).
 */
export function isNoSuchId(error: unknown): boolean {
  if (!(error instanceof UpstreamError) || error.status === null) return false;
  if (NOT_FOUND_STATUSES.has(error.status)) return true;
  // The upstream's own words follow the call in the message; the (encoded) path has no spaces.
  const words = error.message.slice(error.message.indexOf(' failed: ') + ' failed: '.length);
  return error.status === 400 && NO_SUCH_ID.test(words);
}

/** Pages of a list that changes while it is read may overlap; the first copy of each id wins. */
function dedupeBy<T>(items: T[], idOf: (item: T) => string): T[] {
  const byId = new Map<string, T>();
  for (const item of items) if (!byId.has(idOf(item))) byId.set(idOf(item), item);
  return [...byId.values()];
}

/**
 * The provider's own words from an error body (the keys the official SDK reads), with anything
 * shaped like a JWT blanked out in case the upstream ever echoes the token.
 */
export function describeVideosdkError(body: unknown): string | null {
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : { message: body };
  const message = ['message', 'error', 'msg', 'statusMessage']
    .map((key) => record[key])
    .find((value) => typeof value === 'string' && value.trim());
  return typeof message === 'string' ? message.replace(/eyJ[\w-]*\.[\w-]*\.[\w-]*/g, '[token]') : null;
}

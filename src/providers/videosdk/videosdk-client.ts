import type { VideosdkConfig } from '../../config.js';
import { UpstreamError, type UpstreamCall } from '../../domain/errors.js';
import { createUpstreamHttp, type UpstreamState } from '../http/upstream-http.js';
import type { UpstreamOptions } from '../http/upstream-options.js';
import { createVideosdkTokenSource } from './videosdk-auth.js';
import {
  parseParticipantsPage,
  parseRoom,
  parseRoomPage,
  parseSession,
  parseSessionPage,
  type VideosdkPage,
  type VideosdkParticipant,
  type VideosdkParticipantsPage,
  type VideosdkRoom,
  type VideosdkSession,
} from './videosdk-wire.js';

/** The largest page the gateway asks for (the upstream's own cap is undocumented). */
export const VIDEOSDK_PER_PAGE = 100;

/** Filters of `GET /v2/sessions`; `status` is sent by the official SDK but not in the docs. */
export interface VideosdkSessionQuery {
  roomId?: string;
  customRoomId?: string;
  status?: 'ongoing' | 'ended';
}

/** A session's participants with the room they belong to. */
export interface VideosdkSessionParticipants {
  /** Null when the upstream sent no session document with the (then empty) list. */
  roomId: string | null;
  participants: VideosdkParticipant[];
}

/**
 * The VideoSDK endpoints the graph is built on. Reads that name a room or session answer null when
 * VideoSDK does not know it (it says so with 400, 402 or 404); every other failure rejects with an
 * UpstreamError.
 */
export interface VideosdkClient {
  listSessions(query: VideosdkSessionQuery, page: number, perPage?: number): Promise<VideosdkPage<VideosdkSession> | null>;
  /** Every session matching the query, all pages (deduplicated by id). */
  listAllSessions(query: VideosdkSessionQuery): Promise<VideosdkSession[]>;
  getSession(sessionId: string): Promise<VideosdkSession | null>;
  listParticipants(sessionId: string, page: number, perPage?: number): Promise<VideosdkParticipantsPage | null>;
  /** Every participant of a session, all pages; null for an unknown session. */
  getAllParticipants(sessionId: string): Promise<VideosdkSessionParticipants | null>;
  /** Every connected participant of a session, all pages; null for an unknown session. */
  getAllActiveParticipants(sessionId: string): Promise<VideosdkSessionParticipants | null>;
  listRooms(page: number, perPage?: number): Promise<VideosdkPage<VideosdkRoom>>;
  /** Every room of the account, all pages. */
  listAllRooms(): Promise<VideosdkRoom[]>;
  getRoom(roomId: string): Promise<VideosdkRoom | null>;
  /** The upstream's circuit state, for readiness. */
  state(): UpstreamState;
  close(): Promise<void>;
}

type Query = Record<string, string | number | undefined>;

/** Statuses VideoSDK answers for an id it does not know (reference A1, the SDK's error map). */
const NOT_FOUND_STATUSES = new Set([400, 402, 404]);

/**
 * A pooled, token-authenticated client. `config.apiUrl` is the origin (a trailing `/v2`, as in the
 * upstream's example `.env`, is tolerated); paths are `/v2/...`.
 */
export function createVideosdkClient(config: VideosdkConfig, upstream: UpstreamOptions): VideosdkClient {
  const http = createUpstreamHttp({
    provider: 'videosdk',
    baseUrl: config.apiUrl.replace(/\/v2\/?$/, ''),
    ...upstream,
    describeErrorBody: describeVideosdkError,
  });
  const tokens = createVideosdkTokenSource(config);

  /** GETs a path and parses the body; null when the call names an id and the upstream does not know it. */
  async function get<T>(path: string, query: Query, parse: (body: unknown, call: UpstreamCall) => T, namesId = true): Promise<T | null> {
    const call: UpstreamCall = { provider: 'videosdk', method: 'GET', path };
    const headers = { authorization: await tokens.token(), accept: 'application/json' };
    try {
      return parse((await http.request({ method: 'GET', path, query, headers })).body, call);
    } catch (error) {
      if (namesId && error instanceof UpstreamError && error.status !== null && NOT_FOUND_STATUSES.has(error.status)) return null;
      throw error;
    }
  }

  const sessionPath = (sessionId: string, suffix = '') => `/v2/sessions/${encodeURIComponent(sessionId)}${suffix}`;
  const listParticipantsAt = (suffix: string) => (sessionId: string, page: number, perPage = VIDEOSDK_PER_PAGE) =>
    get(sessionPath(sessionId, suffix), { page, perPage }, parseParticipantsPage);

  const listSessions = (query: VideosdkSessionQuery, page: number, perPage = VIDEOSDK_PER_PAGE) =>
    get('/v2/sessions', { ...query, page, perPage }, parseSessionPage, Boolean(query.roomId || query.customRoomId));
  const listParticipants = listParticipantsAt('/participants');
  const listActiveParticipants = listParticipantsAt('/participants/active');

  return {
    listSessions,
    listAllSessions: async (query) => {
      const pages = await fetchAllPages((page) => listSessions(query, page));
      return dedupe(pages.flatMap((page) => page.data));
    },
    getSession: (sessionId) => get(sessionPath(sessionId), {}, parseSession),
    listParticipants,
    getAllParticipants: (sessionId) => allParticipants((page) => listParticipants(sessionId, page)),
    getAllActiveParticipants: (sessionId) => allParticipants((page) => listActiveParticipants(sessionId, page)),
    listRooms: async (page, perPage = VIDEOSDK_PER_PAGE) => (await get('/v2/rooms', { page, perPage }, parseRoomPage, false))!,
    listAllRooms: async () =>
      (await fetchAllPages((page) => get('/v2/rooms', { page, perPage: VIDEOSDK_PER_PAGE }, parseRoomPage, false))).flatMap((page) => page.data),
    getRoom: (roomId) => get(`/v2/rooms/${encodeURIComponent(roomId)}`, {}, parseRoom),
    state: () => http.state(),
    close: () => http.close(),
  };
}

/**
 * Page 1, then every further page at once when page 1 tells `lastPage`. A missing page (null)
 * counts as empty; a null page 1 yields no pages at all.
 */
async function fetchAllPages<T extends { pageInfo: { lastPage: number } }>(fetchPage: (page: number) => Promise<T | null>): Promise<T[]> {
  const first = await fetchPage(1);
  if (!first) return [];
  const rest = Array.from({ length: Math.max(0, first.pageInfo.lastPage - 1) }, (_, index) => fetchPage(index + 2));
  const pages: (T | null)[] = await Promise.all(rest);
  return [first, ...pages.filter((page): page is T => page !== null)];
}

async function allParticipants(
  fetchPage: (page: number) => Promise<VideosdkParticipantsPage | null>,
): Promise<VideosdkSessionParticipants | null> {
  const pages = await fetchAllPages(fetchPage);
  if (pages.length === 0) return null;
  const seen = new Map<string, VideosdkParticipant>();
  for (const participant of pages.flatMap((page) => page.participants)) seen.set(participant.participantId, participant);
  return { roomId: pages.find((page) => page.roomId !== null)?.roomId ?? null, participants: [...seen.values()] };
}

/** Pages of a list that changes while it is read may overlap; the first copy of each id wins. */
function dedupe(sessions: VideosdkSession[]): VideosdkSession[] {
  const byId = new Map<string, VideosdkSession>();
  for (const session of sessions) if (!byId.has(session.id)) byId.set(session.id, session);
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

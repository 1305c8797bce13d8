import DataLoader from 'dataloader';
import type { ParticipantKey, PastRoomKey } from '../../domain/keys.js';
import type { Participant, Room } from '../../domain/model.js';
import type { ProviderSource } from '../../domain/provider.js';
import { createKeyedMemo } from '../kit/keyed-memo.js';
import { memo, rethrow } from '../kit/loader-utils.js';
import { TELNYX_MAX_PAGE_SIZE, type TelnyxClient, type TelnyxList, type TelnyxRoomListParams, type TelnyxSessionListParams } from './telnyx-client.js';
import { matchesRoomFilter, toDayFilter, toParticipant, toPastRoom, toRoom, type TelnyxRoomFilter } from './telnyx-mapping.js';
import { createPastRoomReader } from './telnyx-past-rooms.js';
import { cacheTelnyxSessions, readTelnyxHistory } from './telnyx-cache.js';
import type { UpstreamCache } from '../cache/upstream-cache.js';
import type { HistoryIndex } from '../cache/history-index.js';
import type { TelnyxPage, TelnyxRoom, TelnyxRoomSession } from './telnyx-wire.js';

/** A Telnyx source; its room listing also takes a filter with parts left out. */
export interface TelnyxSource extends ProviderSource {
  /** Every room matching the filter exactly, oldest first; the rooms are cached for `loadRooms`. */
  listRooms(filter: TelnyxRoomFilter): Promise<Room[]>;
}

/** Tuning of a source; the defaults are what production uses. */
export interface TelnyxSourceOptions {
  /** Items per list page, 1..250 (default 250; tests use less to exercise paging). */
  pageSize?: number;
  /** The cross-request cache: settled sessions are read from it first. */
  cache?: UpstreamCache;
  /** The account's index of ended sessions, and the request's signal: past-room reads are served from it. */
  history?: { index: HistoryIndex<TelnyxRoomSession>; signal: AbortSignal };
}

/** A session looked up by the room it must belong to and its id. */
interface SessionLookup {
  roomId: string;
  sessionId: string;
}

/**
 * Telnyx reads for one GraphQL request, over one request's client. Live rooms and their people
 * come from one list of active sessions with their participants; past rooms from the list of ended
 * sessions with theirs; rooms and sessions by id from one by-id call, or their list when several
 * are asked at once. Every list page is cached per query and primed into the by-id loaders, so
 * what a request has seen is never fetched again. A session's participants are the list Telnyx
 * embeds with `include_participants=true`, taken as complete: the API does not document it as
 * capped or paged, and nothing here can check it against a live upstream (audit T3).
 */
export function createTelnyxSource(client: TelnyxClient, options: TelnyxSourceOptions = {}): TelnyxSource {
  const pageSize = options.pageSize ?? TELNYX_MAX_PAGE_SIZE;
  const roomPage = createKeyedMemo(async (params: TelnyxRoomListParams) => {
    const page = await client.listRooms(params);
    for (const room of page.data) rooms.prime(room.id, room);
    return page;
  }, toCanonicalKey);
  const sessionPage = createKeyedMemo(async (params: TelnyxSessionListParams) => {
    const page = await client.listRoomSessions(params);
    if (params.include_participants) for (const session of page.data) sessions.prime(toLookup(session), withParticipants(session));
    return page;
  }, toCanonicalKey);
  const roomList = (filter: TelnyxRoomListParams['filter']): TelnyxList<TelnyxRoom> => ({
    path: '/rooms',
    pageSize,
    key: `/rooms ${toCanonicalKey({ filter, size: pageSize })}`,
    readPage: (number) => roomPage({ filter, page: { size: pageSize, number } }),
  });
  const sessionList = (filter: TelnyxSessionListParams['filter']): TelnyxList<TelnyxRoomSession> => ({
    path: '/room_sessions',
    pageSize,
    key: `/room_sessions ${toCanonicalKey({ filter, size: pageSize })}`,
    readPage: (number) => sessionPage({ filter, include_participants: true, page: { size: pageSize, number } }),
  });

  const rooms = new DataLoader<string, TelnyxRoom | null>((ids) => client.findByIds(ids, (id) => client.getRoom(id), roomList(undefined)));
  const sessions = new DataLoader<SessionLookup, TelnyxRoomSession | null, string>(
    cacheTelnyxSessions(options.cache, async (lookups) => {
      const roomIds = [...new Set(lookups.map((lookup) => lookup.roomId))];
      const getOne = async (id: string) => withParticipants(await client.getRoomSession(id, { include_participants: true }));
      const list = sessionList(roomIds.length === 1 ? { room_id: roomIds[0] } : undefined);
      const found = await client.findByIds(lookups.map((lookup) => lookup.sessionId), getOne, list);
      return found.map((session, index) => (session && session.room_id === lookups[index]!.roomId ? session : null));
    }),
    { cacheKeyFn: (lookup) => `${lookup.roomId}/${lookup.sessionId}` },
  );
  const liveSessions = memo(async () => {
    const live = (await client.readEveryPage(sessionList({ active: true }))).filter((session) => session.active);
    return new Map(live.map((session) => [session.room_id, session]));
  });
  const roomNames = async (roomIds: readonly string[]) => {
    const found = rethrow(await rooms.loadMany([...new Set(roomIds)]));
    return new Map(found.flatMap((room) => (room?.unique_name ? [[room.id, room.unique_name] as const] : [])));
  };
  const loadSessions = async (keys: readonly PastRoomKey[]) =>
    rethrow(await sessions.loadMany(keys.map((key) => ({ roomId: key.roomId, sessionId: key.sessionId }))));
  // Ended sessions only: a live session is no past room.
  const loadEnded = async (keys: readonly PastRoomKey[]) => (await loadSessions(keys)).map((session) => (session?.active === false ? session : null));

  return {
    loadRooms: async (roomIds) => rethrow(await rooms.loadMany(roomIds)).map((room) => room && toRoom(room)),
    listActiveRooms: async () => {
      const live = await liveSessions();
      const found = rethrow(await rooms.loadMany([...live.keys()]));
      return found.flatMap((room) => (room ? [toRoom(room, live.get(room.id)!)] : []));
    },
    loadLiveParticipants: async (roomIds) => {
      const live = await liveSessions();
      return roomIds.map((roomId) => toConnected(live.get(roomId)));
    },
    loadPastRooms: async (keys) => {
      const ended = await loadEnded(keys);
      const names = await roomNames(ended.flatMap((session) => (session ? [session.room_id] : [])));
      return ended.map((session) => session && toPastRoom(session, { roomName: names.get(session.room_id) ?? null, participantsIncluded: true }));
    },
    loadPastRoomParticipants: async (keys) => (await loadEnded(keys)).map((session) => session && toParticipants(session)),
    loadParticipants: async (keys: readonly ParticipantKey[]) =>
      (await loadSessions(keys)).map((session, index) => {
        const participant = session?.participants?.find((candidate) => candidate.id === keys[index]!.participantId);
        return participant ? toParticipant(participant, session!.room_id) : null;
      }),
    readPastRooms: options.history
      ? (read) => readTelnyxHistory(options.history!.index, read, options.history!.signal, roomNames)
      : createPastRoomReader({ client, pageSize, sessionPage, roomNames, firstRoomPage: () => roomList(undefined).readPage(1) }),
    listRooms: async (filter) => {
      const upstream = { date_created_at: toDayFilter(filter.createdAt), date_updated_at: toDayFilter(filter.updatedAt), unique_name: filter.name ?? undefined };
      const listed = await client.readEveryPage(roomList(upstream));
      return listed.filter((room) => matchesRoomFilter(room, filter)).map((room) => toRoom(room)).sort(byCreation);
    },
  };
}

/** Oldest first (creation time, then id): Telnyx documents no order of its own. */
function byCreation(a: Room, b: Room): number {
  return (a.createdAt?.getTime() ?? 0) - (b.createdAt?.getTime() ?? 0) || (a.roomId < b.roomId ? -1 : a.roomId > b.roomId ? 1 : 0);
}

function toLookup(session: TelnyxRoomSession): SessionLookup {
  return { roomId: session.room_id, sessionId: session.id };
}

/** A session read with include_participants: a missing list means none. */
function withParticipants(session: TelnyxRoomSession | null): TelnyxRoomSession | null {
  return session && { ...session, participants: session.participants ?? [] };
}

function toParticipants(session: TelnyxRoomSession): Participant[] {
  return (session.participants ?? []).map((participant) => toParticipant(participant, session.room_id));
}

/** Who is connected in a live session (none without one). */
function toConnected(session: TelnyxRoomSession | undefined): Participant[] {
  return session ? toParticipants(session).filter((participant) => participant.leftAt === null) : [];
}

/** The same query always gives the same key, whatever order its fields were written in. */
function toCanonicalKey(value: unknown): string {
  return JSON.stringify(value, (_, field: unknown) =>
    typeof field === 'object' && field !== null && !Array.isArray(field)
      ? Object.fromEntries(Object.entries(field).filter(([, inner]) => inner !== undefined).sort(([a], [b]) => (a < b ? -1 : 1)))
      : field,
  );
}

import DataLoader from 'dataloader';
import { UpstreamError } from '../../domain/errors.js';
import type { ParticipantKey, PastRoomKey } from '../../domain/keys.js';
import type { Room } from '../../domain/model.js';
import { matchesRoomFilter } from '../../domain/past-room-stream.js';
import type { ProviderSource } from '../../domain/provider.js';
import type { ReadBounds } from '../http/upstream-options.js';
import { memo, rethrow, settle } from '../kit/loader-utils.js';
import type { VideosdkClient, VideosdkSessionParticipants } from './videosdk-client.js';
import {
  isConnected,
  isEndedSession,
  toClosingTime,
  toLiveParticipants,
  toLiveSessionsByRoom,
  toParticipant,
  toPastRoom,
  toRoom,
  toRoomOfSession,
} from './videosdk-mapping.js';
import { createVideosdkPastRooms, VIDEOSDK_LIST_THRESHOLD, type VideosdkHistory } from './videosdk-past-rooms.js';
import { cacheVideosdkSessions } from './videosdk-cache.js';
import type { UpstreamCache } from '../cache/upstream-cache.js';
import type { VideosdkRoom, VideosdkSession } from './videosdk-wire.js';

/** What a source shares across requests (both absent without the cross-request cache). */
export interface VideosdkSourceOptions {
  /** Settled sessions are read from it first. */
  cache?: UpstreamCache;
  /** The account's index of ended sessions, and the request's signal: past-room reads are served from it. */
  history?: VideosdkHistory;
}

/**
 * VideoSDK reads for one GraphQL request: DataLoaders by id (sessions, rooms, live participants),
 * the ongoing-session list read at most once, and the ended-session lists once per filter. Every
 * session or room that arrives in a list is primed into the by-id loaders, so nothing is fetched
 * twice, and a batch of many ids is answered from the lists: a bounded number of calls.
 */
export function createVideosdkSource(client: VideosdkClient, bounds: ReadBounds, options: VideosdkSourceOptions = {}): ProviderSource {
  const { sessionLoader, activeParticipants, liveSessions, pastRooms } = createSessionReads(client, bounds, options);
  const rooms = createRoomLoader(client, () => allRooms());
  const allRooms = memo(async () => {
    const list = await client.listAllRooms();
    for (const room of list) rooms.prime(room.roomId, room);
    return list;
  });
  const endedSession = async (key: PastRoomKey) => {
    const session = await sessionLoader.load(key.sessionId);
    return session && isEndedSession(session) && session.roomId === key.roomId ? session : null;
  };

  return {
    loadRooms: async (roomIds) => {
      const [live, found] = await Promise.all([liveSessions(), rooms.loadMany(roomIds).then(rethrow)]);
      return roomIds.map((roomId, index): Room | null => {
        const room = found[index];
        return room && room.roomId === roomId ? toRoom(room, live.get(roomId) ?? null) : null;
      });
    },
    listActiveRooms: async () => {
      const live = [...(await liveSessions()).values()];
      const found = await rooms.loadMany(live.map((session) => session.roomId)).then(rethrow);
      return live.map((session, index) => toRoom(found[index] ?? toRoomOfSession(session), session));
    },
    loadLiveParticipants: async (roomIds) => {
      const live = await liveSessions();
      return Promise.all(
        roomIds.map(async (roomId) => {
          const session = live.get(roomId);
          const active = session ? await activeParticipants.load(session.id) : null;
          return session && active ? toLiveParticipants(session, active.participants) : [];
        }),
      );
    },
    loadPastRooms: async (keys) => (await Promise.all(keys.map(endedSession))).map((session) => session && toPastRoom(session)),
    loadPastRoomParticipants: async (keys) => (await Promise.all(keys.map(endedSession))).map((session) => session && toPastRoom(session).participants),
    loadParticipants: async (keys: readonly ParticipantKey[]) =>
      Promise.all(
        keys.map(async (key) => {
          const session = await sessionLoader.load(key.sessionId);
          const found = session?.roomId === key.roomId ? session.participants.find((each) => each.participantId === key.participantId) : undefined;
          return session && found ? toParticipant(found, session, toClosingTime(session)) : null;
        }),
      ),
    listRooms: async (filter) => {
      const [live, list] = await Promise.all([liveSessions(), allRooms()]);
      return list.map((room) => toRoom(room, live.get(room.roomId) ?? null)).filter((room) => matchesRoomFilter(room, filter));
    },
    readPastRooms: (read) => pastRooms.readPastRooms(read),
  };
}

/** Rooms by id: one `GET /v2/rooms/:id` each for a few, the whole room list (bounded) for many. */
function createRoomLoader(client: VideosdkClient, allRooms: () => Promise<VideosdkRoom[]>): DataLoader<string, VideosdkRoom | null> {
  return new DataLoader(async (roomIds) => {
    if (roomIds.length < VIDEOSDK_LIST_THRESHOLD) return Promise.all(roomIds.map((roomId) => settle(client.getRoom(roomId))));
    const list = await settle(allRooms());
    if (list instanceof Error) return roomIds.map(() => list);
    const byId = new Map(list.map((room) => [room.roomId, room]));
    return roomIds.map((roomId) => byId.get(roomId) ?? null);
  });
}

/**
 * The session reads of a request: sessions and live participants by id, the live session of each
 * room (from the ongoing list, read once), and the past-room lists. Every listed session is primed
 * under its id; a batch of many ids is answered from the lists, an id in none of them is unknown.
 */
function createSessionReads(client: VideosdkClient, bounds: ReadBounds, { cache, history }: VideosdkSourceOptions) {
  const listed = new Map<string, VideosdkSession>();
  const activeParticipants = new DataLoader<string, VideosdkSessionParticipants | null>((ids) =>
    Promise.all(ids.map((id) => settle(client.getAllActiveParticipants(id)))),
  );
  const prime = (sessions: VideosdkSession[]) => {
    for (const session of sessions) {
      listed.set(session.id, session);
      sessionLoader.prime(session.id, session);
      if (!isEndedSession(session)) activeParticipants.prime(session.id, { roomId: session.roomId, participants: session.participants.filter(isConnected) });
    }
    return sessions;
  };
  const pastRooms = createVideosdkPastRooms(client, prime, history);
  // `status` comes from the official SDK, not the docs: the mapping checks it again.
  const liveSessions = memo(async () => toLiveSessionsByRoom(prime(await client.listAllSessions({ status: 'ongoing' }))));
  const byId = (ids: readonly string[]) => Promise.all(ids.map((id) => settle(client.getSession(id))));
  const sessionLoader = new DataLoader<string, VideosdkSession | null>(
    cacheVideosdkSessions(cache, async (ids) => {
      if (ids.length < VIDEOSDK_LIST_THRESHOLD) return byId(ids);
      const lists = await settle(Promise.all([pastRooms.endedSessions(null, null), liveSessions()]));
      const tooLong = lists instanceof UpstreamError && lists.code === 'UPSTREAM_LIMIT_EXCEEDED';
      // Lists too long to read: one call per id, as long as that is no more than a list read may make.
      if (tooLong && ids.length <= bounds.maxPages) return byId(ids);
      return ids.map((id) => (lists instanceof Error ? lists : (listed.get(id) ?? null)));
    }),
  );
  return { sessionLoader, activeParticipants, liveSessions, pastRooms };
}

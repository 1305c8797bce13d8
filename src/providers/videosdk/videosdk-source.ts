import DataLoader from 'dataloader';
import type { ParticipantKey, PastRoomKey } from '../../domain/keys.js';
import type { PastRoom, Room } from '../../domain/model.js';
import { matchesPastRoomFilter, matchesRoomFilter, readSortedPastRooms } from '../../domain/past-room-stream.js';
import type { ProviderSource } from '../../domain/provider.js';
import { VIDEOSDK_PER_PAGE, type VideosdkClient } from './videosdk-client.js';
import { isConnected, isEndedSession, toParticipant, toPastRoom, toRoom } from './videosdk-mapping.js';
import type { VideosdkRoom, VideosdkSession } from './videosdk-wire.js';

/**
 * VideoSDK reads for one GraphQL request: one DataLoader per upstream access pattern (room, session,
 * participants, active participants by id), the ongoing-session list fetched at most once, and the
 * ended-session list at most once per room filter. Every session that arrives in a list (or by id)
 * is primed into the by-id loaders, so nothing is fetched twice.
 */
export function createVideosdkSource(client: VideosdkClient): ProviderSource {
  const loaders = createLoaders(client);
  // `status` comes from the official SDK, not the docs: results are filtered again here.
  const liveSessions = memo(async () => {
    const live = loaders.prime(await client.listAllSessions({ status: 'ongoing' })).filter((session) => !isEndedSession(session));
    return new Map(live.map((session) => [session.roomId, session]));
  });
  const endedSessions = createEndedSessionLists(client, loaders.prime);
  const endedSession = async (key: PastRoomKey) => {
    const session = await loaders.sessions.load(key.sessionId);
    return session && isEndedSession(session) && session.roomId === key.roomId ? session : null;
  };

  return {
    loadRooms: async (roomIds) => {
      const [live, rooms] = await Promise.all([liveSessions(), loaders.rooms.loadMany(roomIds).then(rethrow)]);
      return roomIds.map((roomId, index): Room | null => {
        const room = rooms[index];
        return room && room.roomId === roomId ? toRoom(room, live.get(roomId) ?? null) : null;
      });
    },
    listActiveRooms: async () => {
      const live = [...(await liveSessions()).values()];
      const rooms = await loaders.rooms.loadMany(live.map((session) => session.roomId)).then(rethrow);
      return live.map((session, index) => toRoom(rooms[index] ?? roomOf(session), session));
    },
    loadLiveParticipants: async (roomIds) => {
      const live = await liveSessions();
      return Promise.all(roomIds.map(async (roomId) => {
        const session = live.get(roomId);
        const active = session ? await loaders.activeParticipants.load(session.id) : null;
        return session && active ? active.participants.map((participant) => toParticipant(participant, roomId, session.id)) : [];
      }));
    },
    loadPastRooms: async (keys) => (await Promise.all(keys.map(endedSession))).map((session) => session && toPastRoom(session)),
    loadPastRoomParticipants: (keys) => Promise.all(keys.map(async (key) => {
      // A session fetched by id has primed its participants: the second load costs no call.
      const list = (await endedSession(key)) ? await loaders.participants.load(key.sessionId) : null;
      return list && list.participants.map((participant) => toParticipant(participant, key.roomId, key.sessionId));
    })),
    loadParticipants: (keys: readonly ParticipantKey[]) => Promise.all(keys.map(async (key) => {
      const list = await loaders.participants.load(key.sessionId);
      const inSession = list?.roomId === key.roomId ? list.participants : [];
      const found = inSession.find((participant) => participant.participantId === key.participantId);
      return found ? toParticipant(found, key.roomId, key.sessionId) : null;
    })),
    listRooms: async (filter) => {
      const [live, rooms] = await Promise.all([liveSessions(), client.listAllRooms()]);
      for (const room of rooms) loaders.rooms.prime(room.roomId, room);
      return rooms.map((room) => toRoom(room, live.get(room.roomId) ?? null)).filter((room) => matchesRoomFilter(room, filter));
    },
    readPastRooms: async (read) => {
      const pastRooms = await endedSessions(read.filter.roomIds);
      return readSortedPastRooms(pastRooms.filter((pastRoom) => matchesPastRoomFilter(pastRoom, read.filter)), read);
    },
  };
}

/** The by-id loaders, and `prime`, which files a listed session (and its participants) under its id. */
function createLoaders(client: VideosdkClient) {
  const byId = <T>(fetch: (id: string) => Promise<T>) =>
    new DataLoader<string, T>((ids) => Promise.all(ids.map((id) => settle(fetch(id)))));
  const participants = byId((sessionId) => client.getAllParticipants(sessionId));
  const activeParticipants = byId((sessionId) => client.getAllActiveParticipants(sessionId));
  const primeChildren = (session: VideosdkSession) => {
    participants.prime(session.id, { roomId: session.roomId, participants: session.participants });
    if (!isEndedSession(session)) {
      activeParticipants.prime(session.id, { roomId: session.roomId, participants: session.participants.filter(isConnected) });
    }
  };
  const sessions = byId(async (sessionId) => {
    const session = await client.getSession(sessionId);
    if (session) primeChildren(session);
    return session;
  });
  const rooms: DataLoader<string, VideosdkRoom | null> = new DataLoader((roomIds) =>
    loadRoomBatch(client, roomIds, (room) => rooms.prime(room.roomId, room)),
  );
  const prime = (list: VideosdkSession[]) => {
    for (const session of list) {
      sessions.prime(session.id, session);
      primeChildren(session);
    }
    return list;
  };
  return { sessions, participants, activeParticipants, rooms, prime };
}

/**
 * The ended sessions of some rooms (all rooms when null), fetched whole (every page) because
 * VideoSDK's list order is undocumented; memoized per room set, and served from the all-rooms list
 * when that one is already known.
 */
function createEndedSessionLists(client: VideosdkClient, prime: (list: VideosdkSession[]) => VideosdkSession[]) {
  const lists = new Map<string, Promise<PastRoom[]>>();
  const toPastRooms = (list: VideosdkSession[]) => prime(list).filter(isEndedSession).map(toPastRoom);
  const fetchList = (roomIds: string[] | null): Promise<PastRoom[]> => {
    const all = lists.get('null');
    if (roomIds === null) return client.listAllSessions({ status: 'ended' }).then(toPastRooms);
    if (all) return all.then((pastRooms) => pastRooms.filter((pastRoom) => roomIds.includes(pastRoom.roomId)));
    const perRoom = roomIds.map((roomId) => client.listAllSessions({ roomId, status: 'ended' }).then(toPastRooms));
    return Promise.all(perRoom).then((each) => each.flat());
  };
  return (roomIds: readonly string[] | null): Promise<PastRoom[]> => {
    const unique = roomIds ? [...new Set(roomIds)].sort() : null;
    const key = JSON.stringify(unique);
    if (!lists.has(key)) {
      const list = fetchList(unique);
      lists.set(key, list);
      list.catch(() => lists.delete(key));
    }
    return lists.get(key)!;
  };
}

/**
 * Rooms by id: one `GET /v2/rooms/:id` for a single room; for several, the first page of the room
 * list, which answers for every room when it is the only page, then by id for the ones it missed.
 */
async function loadRoomBatch(
  client: VideosdkClient,
  roomIds: readonly string[],
  prime: (room: VideosdkRoom) => void,
): Promise<(VideosdkRoom | null | Error)[]> {
  if (roomIds.length === 1) return [await settle(client.getRoom(roomIds[0]!))];
  const listed = await settle(client.listRooms(1, VIDEOSDK_PER_PAGE));
  if (listed instanceof Error) return roomIds.map(() => listed);
  const byId = new Map(listed.data.map((room) => [room.roomId, room]));
  const complete = listed.pageInfo.lastPage <= 1;
  for (const room of listed.data) if (!roomIds.includes(room.roomId)) prime(room);
  return Promise.all(roomIds.map((roomId) => byId.get(roomId) ?? (complete ? null : settle(client.getRoom(roomId)))));
}

/** A room known only from its live session (its room document could not be found). */
function roomOf(session: VideosdkSession): VideosdkRoom {
  return { id: session.roomId, roomId: session.roomId, customRoomId: session.customRoomId, disabled: false, createdAt: null, updatedAt: null };
}

/** A failure becomes the value of its key, so one bad id does not fail the others in its batch. */
function settle<T>(promise: Promise<T>): Promise<T | Error> {
  return promise.catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
}

function memo<T>(load: () => Promise<T>): () => Promise<T> {
  let promise: Promise<T> | undefined;
  return () => (promise ??= load().catch((error: unknown) => {
    promise = undefined;
    throw error;
  }));
}

/** DataLoader's loadMany reports errors per key; the source contract rejects instead. */
function rethrow<T>(results: (T | Error)[]): T[] {
  for (const result of results) if (result instanceof Error) throw result;
  return results as T[];
}

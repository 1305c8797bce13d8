import DataLoader from 'dataloader';
import type { ParticipantKey, PastRoomKey } from '../../domain/keys.js';
import type { PastRoom, Room } from '../../domain/model.js';
import { matchesPastRoomFilter, matchesRoomFilter, readSortedPastRooms } from '../../domain/past-room-stream.js';
import type { ProviderSource } from '../../domain/provider.js';
import { VIDEOSDK_PER_PAGE, type VideosdkClient } from './videosdk-client.js';
import { isConnected, isEndedSession, toParticipant, toPastRoom, toRoom } from './videosdk-mapping.js';
import type { VideosdkRoom, VideosdkSession } from './videosdk-wire.js';
import { memo, rethrow, settle } from '../kit/loader-utils.js';

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
  /**
   * VideoSDK fetches sessions one id at a time; for a batch of several, the session lists (every
   * ended and every live session, each read once per request) are cheaper, and prime them all.
   */
  const prefetchSessions = async (keys: readonly PastRoomKey[], includeLive: boolean) => {
    const unknown = new Set(keys.map((key) => key.sessionId).filter((sessionId) => !loaders.isKnown(sessionId)));
    if (unknown.size >= SESSION_LIST_THRESHOLD) await Promise.all([endedSessions(null), includeLive ? liveSessions() : null]);
  };
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
    loadPastRooms: async (keys) => {
      await prefetchSessions(keys, false);
      return (await Promise.all(keys.map(endedSession))).map((session) => session && toPastRoom(session));
    },
    loadPastRoomParticipants: async (keys) => {
      await prefetchSessions(keys, false);
      return Promise.all(keys.map(async (key) => {
      // A session fetched by id has primed its participants: the second load costs no call.
      const list = (await endedSession(key)) ? await loaders.participants.load(key.sessionId) : null;
        return list && list.participants.map((participant) => toParticipant(participant, key.roomId, key.sessionId));
      }));
    },
    loadParticipants: async (keys: readonly ParticipantKey[]) => {
      await prefetchSessions(keys, true);
      return Promise.all(keys.map(async (key) => {
        const list = await loaders.participants.load(key.sessionId);
        const inSession = list?.roomId === key.roomId ? list.participants : [];
        const found = inSession.find((participant) => participant.participantId === key.participantId);
        return found ? toParticipant(found, key.roomId, key.sessionId) : null;
      }));
    },
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

/** From this many distinct sessions in one batch on, the session lists are read instead of each session. */
const SESSION_LIST_THRESHOLD = 3;

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
  const known = new Set<string>();
  const prime = (list: VideosdkSession[]) => {
    for (const session of list) {
      known.add(session.id);
      sessions.prime(session.id, session);
      primeChildren(session);
    }
    return list;
  };
  /** Whether a session already arrived in a list this request. */
  const isKnown = (sessionId: string) => known.has(sessionId);
  return { sessions, participants, activeParticipants, rooms, prime, isKnown };
}

/**
 * The ended sessions of some rooms (all rooms when null), fetched whole (every page) because
 * VideoSDK's list order is undocumented; memoized per room set, and served from the all-rooms list
 * when that one is already known.
 */
function createEndedSessionLists(client: VideosdkClient, prime: (list: VideosdkSession[]) => VideosdkSession[]) {
  const lists = new Map<string, Promise<PastRoom[]>>();
  const toPastRooms = (list: VideosdkSession[]) => prime(list).filter(isEndedSession).map(toPastRoom);
  const allEnded = () => listOf(null);
  // Per-room lists asked for in the same tick share one read of every ended session when there
  // are several of them (the pastRooms of many rooms), else each room is listed on its own.
  const byRoom = new DataLoader<string, PastRoom[]>(async (roomIds) => {
    if (roomIds.length >= SESSION_LIST_THRESHOLD || lists.has('null')) {
      const all = await allEnded();
      return roomIds.map((roomId) => all.filter((pastRoom) => pastRoom.roomId === roomId));
    }
    return Promise.all(roomIds.map((roomId) => settle(client.listAllSessions({ roomId, status: 'ended' }).then(toPastRooms))));
  });
  const fetchList = (roomIds: string[] | null): Promise<PastRoom[]> => {
    if (roomIds === null) return client.listAllSessions({ status: 'ended' }).then(toPastRooms);
    return byRoom.loadMany(roomIds).then((each) => rethrow(each).flat());
  };
  function listOf(roomIds: readonly string[] | null): Promise<PastRoom[]> {
    const unique = roomIds ? [...new Set(roomIds)].sort() : null;
    const key = JSON.stringify(unique);
    if (!lists.has(key)) {
      const list = fetchList(unique);
      lists.set(key, list);
      list.catch(() => lists.delete(key));
    }
    return lists.get(key)!;
  }
  return listOf;
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

import DataLoader from 'dataloader';
import { UpstreamError, UserInputError } from '../../domain/errors.js';
import { toPastRoomKey, type ParticipantKey, type PastRoomKey } from '../../domain/keys.js';
import type { PastRoom, Room } from '../../domain/model.js';
import { matchesPastRoomFilter, matchesRoomFilter, readSortedPastRooms } from '../../domain/past-room-stream.js';
import type { PastRoomRead, PastRoomSlice, ProviderSource } from '../../domain/provider.js';
import { createKeyedMemo } from '../kit/keyed-memo.js';
import { memo, rethrow } from '../kit/loader-utils.js';
import { PLUGNMEET_MAX_LIMIT, type PlugnmeetClient } from './plugnmeet-client.js';
import { toActiveRoom, toIdleRoom, toPastRoom } from './plugnmeet-mapping.js';
import { isNativeRead, pastRoomRows, readIndexedPastRooms, readNativePastRooms, sliceCompleteRows, type LiveRooms, type PlugnmeetHistory } from './plugnmeet-past-rooms.js';
import type { PlugnmeetPastRoomInfo } from './plugnmeet-wire.js';
import { cachePlugnmeetPastRooms } from './plugnmeet-cache.js';
import type { UpstreamCache } from '../cache/upstream-cache.js';

/** What a source shares across requests (both absent without the cross-request cache). */
export interface PlugnmeetSourceOptions {
  /** Settled past rooms are read from it first. */
  cache?: UpstreamCache;
  /** The server's index of past rooms, and the request's signal: reads fetchPastRooms cannot serve come from it. */
  history?: PlugnmeetHistory;
}

/**
 * plugNmeet reads for one GraphQL request. getActiveRoomsInfo answers for every live room at once,
 * so it is called at most once per request and serves every room, live participant and participant
 * lookup; fetchPastRooms takes many room ids, so past-room lookups and first pages of many rooms'
 * past rooms share one call wherever the answer stays exact.
 */
export function createPlugnmeetSource(client: PlugnmeetClient, { cache, history }: PlugnmeetSourceOptions = {}): ProviderSource {
  const startedAt = Date.now();
  // The live rooms a history sync read during this request are as fresh as a read of its own.
  const readLive = async () => {
    const synced = history?.index.lastLive();
    return synced && synced.at >= startedAt ? synced.rooms : client.getActiveRoomsInfo();
  };
  /** The live rooms once read (null until then): a batch of rooms that finds them known reads only the idle ones. */
  let knownLive: ReadonlyMap<string, Room> | null = null;
  const liveRooms: LiveRooms = memo(async () => (knownLive = new Map((await readLive()).map((active) => {
    const room = toActiveRoom(active);
    return [room.roomId, room] as const;
  }))));
  const allRows = createKeyedMemo(
    (roomIds: readonly string[] | null) => client.fetchAllPastRooms(roomIds),
    (roomIds) => JSON.stringify(roomIds ? [...new Set(roomIds)].sort() : null),
  );

  // Several rooms at once (an entity batch) likely include idle ones: unless the live rooms are
  // known already, the rooms' newest rows are read beside them, one round instead of two, at the
  // price of a call when all turn out live. A room alone (`room(...)`) reads the live rooms first:
  // one call when it is live.
  const rooms = new DataLoader<string, Room | null>(async (roomIds) => {
    const idleRead = roomIds.length > 1 && knownLive === null ? loadIdleRooms(client, roomIds) : null;
    idleRead?.catch(() => {});
    const live = await liveRooms();
    const notLive = roomIds.filter((roomId) => !live.has(roomId));
    // Not needed after all: still awaited (its failure ignored), so that no call outlives the request.
    if (notLive.length === 0) await idleRead?.catch(() => null);
    const idle = notLive.length === 0 ? new Map<string, Room>() : await (idleRead ?? loadIdleRooms(client, notLive));
    return roomIds.map((roomId) => live.get(roomId) ?? idle.get(roomId) ?? null);
  });

  const pastRooms = new DataLoader<PastRoomKey, PastRoom | null, string>(
    cachePlugnmeetPastRooms(cache, async (keys) => {
      const rows = await pastRoomRows(await allRows(keys.map((key) => key.roomId)), liveRooms);
      const bySession = new Map(rows.map((row) => [row.room_sid, toPastRoom(row)]));
      return keys.map((key) => {
        const pastRoom = bySession.get(key.sessionId);
        return pastRoom && pastRoom.roomId === key.roomId ? pastRoom : null;
      });
    }),
    { cacheKeyFn: toPastRoomKey },
  );

  const reads = new DataLoader<PastRoomRead, PastRoomSlice, string>(
    (batch) => readBatch(client, batch, { allRows, liveRooms, history }),
    { cacheKeyFn: (read) => JSON.stringify(read) },
  );

  return {
    loadRooms: (roomIds) => rooms.loadMany(roomIds).then(rethrow),
    listActiveRooms: async () => [...(await liveRooms()).values()],
    loadLiveParticipants: async (roomIds) => (await rooms.loadMany(roomIds).then(rethrow)).map((room) => room?.participants ?? []),
    loadPastRooms: (keys) => pastRooms.loadMany(keys).then(rethrow),
    // plugNmeet keeps no participant list of ended sessions (only analytics files).
    loadPastRoomParticipants: async (keys) => keys.map(() => null),
    loadParticipants: async (keys: readonly ParticipantKey[]) => {
      const live = await liveRooms();
      return keys.map((key) => {
        const room = live.get(key.roomId);
        if (!room || room.activeSessionId !== key.sessionId) return null;
        return room.participants?.find((participant) => participant.participantId === key.participantId) ?? null;
      });
    },
    // Every past room a read returns is primed, so resolving it by id afterwards costs no call.
    readPastRooms: async (read) => {
      const slice = await reads.load(read);
      for (const { pastRoom } of slice.items) pastRooms.prime(pastRoom, pastRoom);
      return slice;
    },
    listRooms: async (filter) => {
      if (filter.updatedAt) throw new UserInputError(PLUGNMEET_NO_UPDATED_AT, { argument: 'filter.updatedAt' });
      const [live, rows] = await Promise.all([liveRooms(), allRows(null)]);
      const found = new Map(live);
      // Rows are oldest first: the first row met from the end is a room's newest session.
      for (const row of [...rows].reverse()) if (!found.has(row.room_id)) found.set(row.room_id, toIdleRoom(row));
      return [...found.values()].filter((room) => matchesRoomFilter(room, filter));
    },
  };
}

/** plugNmeet keeps no update time of rooms, so an updatedAt filter cannot be applied exactly. */
export const PLUGNMEET_NO_UPDATED_AT =
  'plugNmeet rooms have no update time, so `filter.updatedAt` cannot apply to them; narrow the filter to `provider: VIDEOSDK` or `provider: TELNYX`.';

interface ReadHelpers {
  allRows(roomIds: readonly string[] | null): Promise<PlugnmeetPastRoomInfo[]>;
  liveRooms: LiveRooms;
  history: PlugnmeetHistory | undefined;
}

/**
 * First pages of several single-room streams share one fetchPastRooms call when that call returns
 * every row of those rooms; otherwise each read is served on its own: natively, from the index
 * (with the cross-request cache), or from every row of its rooms.
 */
async function readBatch(client: PlugnmeetClient, batch: readonly PastRoomRead[], helpers: ReadHelpers): Promise<PastRoomSlice[]> {
  const shareable = batch.filter((read) => isNativeRead(read) && read.after === null && read.filter.roomIds?.length === 1);
  const shared = shareable.length > 1 ? await fetchCompleteRows(client, shareable.map((read) => read.filter.roomIds![0]!)) : null;
  return Promise.all(
    batch.map(async (read) => {
      if (shared && shareable.includes(read)) {
        return sliceCompleteRows(shared.filter((row) => row.room_id === read.filter.roomIds![0]), read, helpers.liveRooms);
      }
      if (isNativeRead(read)) return readNativePastRooms(client, read, helpers.liveRooms);
      const indexed = helpers.history ? await readIndexedPastRooms(helpers.history, read) : null;
      if (indexed) return indexed;
      const rows = await pastRoomRows(await helpers.allRows(read.filter.roomIds), helpers.liveRooms);
      return readSortedPastRooms(rows.map(toPastRoom).filter((pastRoom) => matchesPastRoomFilter(pastRoom, read.filter)), read);
    }),
  );
}

/** All rows of the rooms in one call, ascending, or null when they do not fit in one page. */
async function fetchCompleteRows(client: PlugnmeetClient, roomIds: string[]): Promise<PlugnmeetPastRoomInfo[] | null> {
  const page = await client.fetchPastRooms({ roomIds: [...new Set(roomIds)], from: 0, limit: PLUGNMEET_MAX_LIMIT, orderBy: 'ASC' });
  return page.rooms_list.length >= page.total_rooms ? page.rooms_list : null;
}

/**
 * Rooms that are not live exist for the graph when they have sessions on record; each is described
 * by its newest session. Each call asks for the newest rows of the rooms not yet found, so it finds
 * at least one more room (or learns that the rest have no sessions); at most `maxPages` calls.
 */
async function loadIdleRooms(client: PlugnmeetClient, roomIds: readonly string[]): Promise<Map<string, Room>> {
  const found = new Map<string, Room>();
  let missing = [...new Set(roomIds)];
  for (let calls = 0; missing.length > 0; calls += 1) {
    if (calls === client.bounds.maxPages) {
      const call = { provider: 'plugnmeet', method: 'POST', path: '/auth/room/fetchPastRooms' } as const;
      throw new UpstreamError('UPSTREAM_LIMIT_EXCEEDED', call, `finding ${roomIds.length} rooms needs more than UPSTREAM_MAX_PAGES=${client.bounds.maxPages} calls`);
    }
    const page = await client.fetchPastRooms({ roomIds: missing, from: 0, limit: PLUGNMEET_MAX_LIMIT, orderBy: 'DESC' });
    for (const row of page.rooms_list) if (!found.has(row.room_id)) found.set(row.room_id, toIdleRoom(row));
    if (page.rooms_list.length >= page.total_rooms) return found;
    missing = missing.filter((roomId) => !found.has(roomId));
  }
  return found;
}

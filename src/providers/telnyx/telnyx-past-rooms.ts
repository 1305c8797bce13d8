import DataLoader from 'dataloader';
import type { PastRoom } from '../../domain/model.js';
import { isInRange, readSortedPastRooms } from '../../domain/past-room-stream.js';
import type { PastRoomFilter, PastRoomRead, PastRoomSlice, TimeRange } from '../../domain/provider.js';
import { isTelnyxId, type TelnyxSessionListParams } from './telnyx-client.js';
import { loadRoomNames, type TelnyxLoaders } from './telnyx-loaders.js';
import { toDate, toDayFilter, toPastRoom } from './telnyx-mapping.js';
import { fetchAllPages } from './telnyx-paging.js';
import type { TelnyxRoomSession } from './telnyx-wire.js';
import { settle } from '../kit/loader-utils.js';

/**
 * Telnyx's past-room stream. The API documents no sort order and takes no sort parameter, so a
 * read fetches every ended session of its filter (`GET /room_sessions?filter[active]=false` with
 * their participants, all pages) once per request and filter, and the domain's keyset reader
 * sorts it (order field, then session id), slices it and counts it. Positions are keysets, so
 * `after` works in both directions and stays valid as sessions come and go.
 */
export function createPastRoomReader(loaders: TelnyxLoaders, pageSize: number): (read: PastRoomRead) => Promise<PastRoomSlice> {
  const lists = new Map<string, Promise<PastRoom[]>>();
  const listOf = (filter: PastRoomFilter) => {
    const key = toFilterKey(filter);
    if (!lists.has(key)) lists.set(key, fetchPastRooms(loaders, filter, pageSize));
    return lists.get(key)!;
  };

  const reads = new DataLoader<PastRoomRead, PastRoomSlice, string>(
    async (batch) => {
      for (const group of toRoomGroups(batch.map((read) => read.filter), (filter) => lists.has(toFilterKey(filter)))) {
        shareRoomGroup(loaders, group, pageSize, (filter, list) => lists.set(toFilterKey(filter), list));
      }
      return Promise.all(batch.map((read) => settle(listOf(read.filter).then((list) => readSortedPastRooms(list, read)))));
    },
    { cacheKeyFn: (read) => JSON.stringify(read) },
  );
  return (read) => reads.load(read);
}

/**
 * Every ended session matching the filter exactly. One room id is pushed down as
 * `filter[room_id]`, several are applied here; the createdAt range is pushed down as the
 * day-granular `filter[date_created_at]` covering it and applied exactly here.
 */
async function fetchPastRooms(loaders: TelnyxLoaders, filter: PastRoomFilter, pageSize: number): Promise<PastRoom[]> {
  const roomIds = validRoomIds(filter);
  if (roomIds && roomIds.length === 0) return [];
  const roomId = roomIds?.length === 1 ? roomIds[0]! : null;
  const sessions = await fetchAllPages((number) => loaders.sessionPages.load(toSessionParams(roomId, filter.createdAt, pageSize, number)));
  const matching = sessions.filter((session) => isEndedMatch(session, filter.createdAt, roomIds));
  const names = await loadRoomNames(loaders, matching.map((session) => session.room_id));
  return matching.map((session) => toPastRoom(session, { roomName: names.get(session.room_id) ?? null, participantsIncluded: true }));
}

/** Single-room filters not yet fetched, grouped by their createdAt range. */
interface RoomGroup {
  createdAt: TimeRange | null;
  roomIds: Set<string>;
}

/** Groups the not yet fetched single-room filters of a batch by range; only groups of 2+ rooms. */
function toRoomGroups(filters: readonly PastRoomFilter[], isFetched: (filter: PastRoomFilter) => boolean): RoomGroup[] {
  const groups = new Map<string, RoomGroup>();
  for (const filter of filters) {
    const roomIds = validRoomIds(filter);
    if (roomIds?.length !== 1 || isFetched(filter)) continue;
    const rangeKey = toFilterKey({ roomIds: null, createdAt: filter.createdAt });
    const group = groups.get(rangeKey) ?? { createdAt: filter.createdAt, roomIds: new Set<string>() };
    group.roomIds.add(roomIds[0]!);
    groups.set(rangeKey, group);
  }
  return [...groups.values()].filter((group) => group.roomIds.size > 1);
}

/**
 * Single-room reads of one tick (e.g. `pastRooms` under each of many rooms) share the list of
 * every room's ended sessions when it has no more pages than there are rooms; otherwise each
 * room keeps its own `filter[room_id]` list. `store` receives each room's list.
 */
function shareRoomGroup(
  loaders: TelnyxLoaders,
  { createdAt, roomIds }: RoomGroup,
  pageSize: number,
  store: (filter: PastRoomFilter, list: Promise<PastRoom[]>) => void,
): void {
  const shared = loaders.sessionPages
    .load(toSessionParams(null, createdAt, pageSize, 1))
    .then((first) => (first.meta.total_pages <= roomIds.size ? fetchPastRooms(loaders, { roomIds: [...roomIds], createdAt }, pageSize) : null));
  for (const roomId of roomIds) {
    const filter = { roomIds: [roomId], createdAt };
    const own = (all: PastRoom[] | null) => all?.filter((pastRoom) => pastRoom.roomId === roomId) ?? fetchPastRooms(loaders, filter, pageSize);
    store(filter, shared.then(own));
  }
}

function toSessionParams(roomId: string | null, createdAt: TimeRange | null, pageSize: number, number: number): TelnyxSessionListParams {
  return {
    filter: { active: false, room_id: roomId ?? undefined, date_created_at: toDayFilter(createdAt) },
    include_participants: true,
    page: { size: pageSize, number },
  };
}

function isEndedMatch(session: TelnyxRoomSession, createdAt: TimeRange | null, roomIds: readonly string[] | null): boolean {
  if (session.active) return false;
  if (roomIds && !roomIds.includes(session.room_id)) return false;
  return isInRange(toDate(session.created_at), createdAt);
}

/** The filter's room ids that can exist upstream (Telnyx ids are UUIDs); null for all rooms. */
function validRoomIds(filter: PastRoomFilter): string[] | null {
  return filter.roomIds ? [...new Set(filter.roomIds.filter(isTelnyxId))].sort() : null;
}

function toFilterKey(filter: PastRoomFilter): string {
  const { from, to } = filter.createdAt ?? { from: null, to: null };
  return JSON.stringify({ roomIds: validRoomIds(filter), from: from?.getTime() ?? null, to: to?.getTime() ?? null });
}

import DataLoader from 'dataloader';
import type { PastRoom } from '../../domain/model.js';
import { isInRange, readSortedPastRooms } from '../../domain/past-room-stream.js';
import type { PastRoomFilter, PastRoomRead, PastRoomSlice, TimeRange } from '../../domain/provider.js';
import { createKeyedMemo } from '../kit/keyed-memo.js';
import { memo, settle } from '../kit/loader-utils.js';
import { isTelnyxId, type TelnyxClient, type TelnyxList, type TelnyxSessionListParams } from './telnyx-client.js';
import { toDayFilter, toPastRoom } from './telnyx-mapping.js';
import type { TelnyxPage, TelnyxRoomSession } from './telnyx-wire.js';

/** What the past-room stream reads through: one request's client, cached session pages and room names. */
export interface TelnyxPastRoomReads {
  client: TelnyxClient;
  pageSize: number;
  sessionPage(params: TelnyxSessionListParams): Promise<TelnyxPage<TelnyxRoomSession>>;
  /** The `unique_name` of each room that exists, by room id. */
  roomNames(roomIds: readonly string[]): Promise<Map<string, string>>;
  /** Reads (once per request) the first page of the account's rooms, which `roomNames` of several rooms starts with. */
  firstRoomPage(): Promise<unknown>;
}

/**
 * Telnyx's past-room stream. The API documents no sort order and takes no sort parameter, so a
 * read fetches every ended session of its filter (`GET /room_sessions?filter[active]=false` with
 * their participants, all pages within the read bounds) once per request and filter, and the
 * domain's keyset reader sorts it (order field, then session id), slices it and counts it.
 * Positions are keysets, so `after` works in both directions and stays valid as sessions come and go.
 */
export function createPastRoomReader(reads: TelnyxPastRoomReads): (read: PastRoomRead) => Promise<PastRoomSlice> {
  // A single-room read of a tick that shares its list with the tick's other single-room reads.
  const shared = new Map<string, () => Promise<PastRoom[] | null>>();
  const listOf = createKeyedMemo((filter: PastRoomFilter) => {
    const group = shared.get(toFilterKey(filter));
    if (!group) return fetchPastRooms(reads, filter);
    return group().then((all) => all?.filter((pastRoom) => pastRoom.roomId === validRoomIds(filter)![0]) ?? fetchPastRooms(reads, filter));
  }, toFilterKey);

  const batches = new DataLoader<PastRoomRead, PastRoomSlice, string>(
    async (batch) => {
      for (const group of toRoomGroups(batch.map((read) => read.filter))) {
        const read = memo(() => readSharedList(reads, group));
        for (const roomId of group.roomIds) shared.set(toFilterKey({ roomIds: [roomId], createdAt: group.createdAt }), read);
      }
      const slices = batch.map((read) => settle(listOf(read.filter).then((list) => readSortedPastRooms(list, read))));
      shared.clear();
      return Promise.all(slices);
    },
    { cacheKeyFn: (read) => JSON.stringify(read) },
  );
  return (read) => batches.load(read);
}

/**
 * Every ended session matching the filter exactly. One room id is pushed down as
 * `filter[room_id]`, several are applied here; the createdAt range is pushed down as the
 * day-granular `filter[date_created_at]` covering it and applied exactly here.
 */
async function fetchPastRooms(reads: TelnyxPastRoomReads, filter: PastRoomFilter): Promise<PastRoom[]> {
  const roomIds = validRoomIds(filter);
  if (roomIds && roomIds.length === 0) return [];
  // Sessions of every room name many rooms: their names' first page goes out beside the sessions
  // (one round, not two), wasted when the session list is refused or names one room at most. A
  // failure is left to `roomNames`, which asks again and reports it.
  if (roomIds === null) reads.firstRoomPage().catch(() => {});
  const sessions = await reads.client.readEveryPage(toSessionList(reads, roomIds?.length === 1 ? roomIds[0]! : null, filter.createdAt));
  const matching = sessions.filter((session) => isEndedMatch(session, filter.createdAt, roomIds));
  const names = await reads.roomNames(matching.map((session) => session.room_id));
  return matching.map((session) => toPastRoom(session, { roomName: names.get(session.room_id) ?? null, participantsIncluded: true }));
}

/** Single-room filters of one batch with the same createdAt range. */
interface RoomGroup {
  createdAt: TimeRange | null;
  roomIds: Set<string>;
}

/** Groups the single-room filters of a batch by range; only groups of 2+ rooms. */
function toRoomGroups(filters: readonly PastRoomFilter[]): RoomGroup[] {
  const groups = new Map<string, RoomGroup>();
  for (const filter of filters) {
    const roomIds = validRoomIds(filter);
    if (roomIds?.length !== 1) continue;
    const rangeKey = toFilterKey({ roomIds: null, createdAt: filter.createdAt });
    const group = groups.get(rangeKey) ?? { createdAt: filter.createdAt, roomIds: new Set<string>() };
    group.roomIds.add(roomIds[0]!);
    groups.set(rangeKey, group);
  }
  return [...groups.values()].filter((group) => group.roomIds.size > 1);
}

/**
 * Single-room reads of one tick (e.g. `pastRooms` under each of many rooms) share the list of
 * every room's ended sessions when it has no more pages than there are rooms; null otherwise, and
 * each room then reads its own `filter[room_id]` list. Only started when a room's list is not yet known.
 */
async function readSharedList(reads: TelnyxPastRoomReads, { createdAt, roomIds }: RoomGroup): Promise<PastRoom[] | null> {
  const first = await toSessionList(reads, null, createdAt).readPage(1);
  return first.meta.total_pages <= roomIds.size ? fetchPastRooms(reads, { roomIds: [...roomIds], createdAt }) : null;
}

function toSessionList(reads: TelnyxPastRoomReads, roomId: string | null, createdAt: TimeRange | null): TelnyxList<TelnyxRoomSession> {
  const filter = { active: false, room_id: roomId ?? undefined, date_created_at: toDayFilter(createdAt) };
  return {
    path: '/room_sessions',
    pageSize: reads.pageSize,
    key: `/room_sessions ${JSON.stringify([roomId, filter.date_created_at ?? null, reads.pageSize])}`,
    readPage: (number) => reads.sessionPage({ filter, include_participants: true, page: { size: reads.pageSize, number } }),
  };
}

function isEndedMatch(session: TelnyxRoomSession, createdAt: TimeRange | null, roomIds: readonly string[] | null): boolean {
  if (session.active) return false;
  if (roomIds && !roomIds.includes(session.room_id)) return false;
  return isInRange(session.created_at, createdAt);
}

/** The filter's room ids that can exist upstream (Telnyx ids are UUIDs); null for all rooms. */
function validRoomIds(filter: PastRoomFilter): string[] | null {
  return filter.roomIds ? [...new Set(filter.roomIds.filter(isTelnyxId))].sort() : null;
}

function toFilterKey(filter: PastRoomFilter): string {
  const { from, to } = filter.createdAt ?? { from: null, to: null };
  return JSON.stringify({ roomIds: validRoomIds(filter), from: from?.getTime() ?? null, to: to?.getTime() ?? null });
}

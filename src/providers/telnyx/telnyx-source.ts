import type { ParticipantKey, PastRoomKey } from '../../domain/keys.js';
import type { Participant, Room } from '../../domain/model.js';
import type { ProviderSource } from '../../domain/provider.js';
import { TELNYX_MAX_PAGE_SIZE, type TelnyxClient } from './telnyx-client.js';
import { createTelnyxLoaders, loadRoomNames, type TelnyxLoaders } from './telnyx-loaders.js';
import { toParticipant, toPastRoom, toRoom } from './telnyx-mapping.js';
import { fetchAllPages } from './telnyx-paging.js';
import { createPastRoomReader } from './telnyx-past-rooms.js';
import { listTelnyxRooms, type TelnyxRoomFilter } from './telnyx-rooms.js';
import type { TelnyxRoomSession } from './telnyx-wire.js';
import { memo, rethrow } from '../kit/loader-utils.js';

/** A Telnyx source; its room listing also takes a filter with parts left out. */
export interface TelnyxSource extends ProviderSource {
  /** Every room matching the filter (see `listTelnyxRooms`); the rooms are cached for `loadRooms`. */
  listRooms(filter: TelnyxRoomFilter): Promise<Room[]>;
}

/** Tuning of a source; the defaults are what production uses. */
export interface TelnyxSourceOptions {
  /** Items per list page, 1..250 (default 250; tests use less to exercise paging). */
  pageSize?: number;
}

/**
 * Telnyx reads for one GraphQL request. Live rooms and their people come from one list of active
 * sessions with their participants; past rooms from the list of ended sessions with theirs; rooms
 * by id from one by-id call, or the room list when several are asked at once. Every list answer
 * is primed into the by-id caches, so what a request has seen is never fetched again.
 */
export function createTelnyxSource(client: TelnyxClient, options: TelnyxSourceOptions = {}): TelnyxSource {
  const pageSize = options.pageSize ?? TELNYX_MAX_PAGE_SIZE;
  const loaders = createTelnyxLoaders(client, pageSize);
  const liveSessions = memo(async () => {
    const params = { filter: { active: true }, include_participants: true };
    const sessions = await fetchAllPages((number) => loaders.sessionPages.load({ ...params, page: { size: pageSize, number } }));
    return new Map(sessions.filter((session) => session.active).map((session) => [session.room_id, session]));
  });


  return {
    loadRooms: async (roomIds) => rethrow(await loaders.rooms.loadMany(roomIds)).map((room) => room && toRoom(room)),
    listActiveRooms: async () => {
      const live = await liveSessions();
      const rooms = rethrow(await loaders.rooms.loadMany([...live.keys()]));
      return rooms.flatMap((room) => (room ? [toRoom(room, live.get(room.id)!)] : []));
    },
    loadLiveParticipants: async (roomIds) => {
      const live = await liveSessions();
      return roomIds.map((roomId) => toConnected(live.get(roomId)));
    },
    loadPastRooms: async (keys) => {
      const sessions = await loadEndedSessions(loaders, keys);
      const names = await loadRoomNames(loaders, sessions.flatMap((session) => (session ? [session.room_id] : [])));
      return sessions.map((session) => session && toPastRoom(session, { roomName: names.get(session.room_id) ?? null, participantsIncluded: true }));
    },
    loadPastRoomParticipants: async (keys) =>
      (await loadEndedSessions(loaders, keys)).map((session) => session && toParticipants(session)),
    loadParticipants: async (keys: readonly ParticipantKey[]) =>
      (await loadSessions(loaders, keys)).map((session, index) => {
        const participant = session?.participants?.find((candidate) => candidate.id === keys[index]!.participantId);
        return participant ? toParticipant(participant, session!.room_id) : null;
      }),
    readPastRooms: createPastRoomReader(loaders, pageSize),
    listRooms: (filter) => listTelnyxRooms((params) => loaders.roomPages.load(params), filter, pageSize),
  };
}

/** Sessions with their participants, by the room and session of each key. */
async function loadSessions(loaders: TelnyxLoaders, keys: readonly PastRoomKey[]): Promise<(TelnyxRoomSession | null)[]> {
  return rethrow(await loaders.sessions.loadMany(keys.map((key) => ({ roomId: key.roomId, sessionId: key.sessionId }))));
}

/** Ended sessions only: a live session is no past room. */
async function loadEndedSessions(loaders: TelnyxLoaders, keys: readonly PastRoomKey[]): Promise<(TelnyxRoomSession | null)[]> {
  return (await loadSessions(loaders, keys)).map((session) => (session?.active === false ? session : null));
}

function toParticipants(session: TelnyxRoomSession): Participant[] {
  return (session.participants ?? []).map((participant) => toParticipant(participant, session.room_id));
}

/** Who is connected in a live session (none without one). */
function toConnected(session: TelnyxRoomSession | undefined): Participant[] {
  return session ? toParticipants(session).filter((participant) => participant.leftAt === null) : [];
}

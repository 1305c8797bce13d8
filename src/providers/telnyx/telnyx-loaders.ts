import DataLoader from 'dataloader';
import type { TelnyxClient, TelnyxRoomListParams, TelnyxSessionListParams } from './telnyx-client.js';
import { findByIds } from './telnyx-paging.js';
import type { TelnyxPage, TelnyxRoom, TelnyxRoomSession } from './telnyx-wire.js';
import { rethrow } from '../kit/loader-utils.js';

/** A session looked up by the room it must belong to and its id. */
export interface SessionLookup {
  roomId: string;
  sessionId: string;
}

/**
 * One request's caches, one per upstream access pattern. Every list answer is primed into the
 * by-id caches, so nothing a request has seen in a list is fetched again by id.
 */
export interface TelnyxLoaders {
  /** `GET /rooms` pages by query; their rooms are primed into `rooms`. */
  roomPages: DataLoader<TelnyxRoomListParams, TelnyxPage<TelnyxRoom>, string>;
  /** `GET /room_sessions` pages by query; with include_participants their sessions are primed into `sessions`. */
  sessionPages: DataLoader<TelnyxSessionListParams, TelnyxPage<TelnyxRoomSession>, string>;
  /** Rooms by id (one by-id call, or the room list for several). */
  rooms: DataLoader<string, TelnyxRoom | null>;
  /** Sessions with their participants (`participants` is always the complete list); null when not in that room. */
  sessions: DataLoader<SessionLookup, TelnyxRoomSession | null, string>;
}

/** Fresh, empty loaders over the client, listing `pageSize` items per page. */
export function createTelnyxLoaders(client: TelnyxClient, pageSize: number): TelnyxLoaders {
  const roomPages = new DataLoader<TelnyxRoomListParams, TelnyxPage<TelnyxRoom>, string>(
    (batch) =>
      Promise.all(
        batch.map(async (params) => {
          const page = await client.listRooms(params);
          for (const room of page.data) rooms.prime(room.id, room);
          return page;
        }),
      ),
    { cacheKeyFn: toCanonicalKey },
  );

  const sessionPages = new DataLoader<TelnyxSessionListParams, TelnyxPage<TelnyxRoomSession>, string>(
    (batch) =>
      Promise.all(
        batch.map(async (params) => {
          const page = await client.listRoomSessions(params);
          if (params.include_participants) for (const session of page.data) primeSession(session);
          return page;
        }),
      ),
    { cacheKeyFn: toCanonicalKey },
  );

  const rooms = new DataLoader<string, TelnyxRoom | null>((ids) =>
    findByIds(ids, {
      getOne: (id) => client.getRoom(id),
      readPage: (number) => roomPages.load({ page: { size: pageSize, number } }),
    }),
  );

  const sessions = new DataLoader<SessionLookup, TelnyxRoomSession | null, string>(
    async (lookups) => {
      const roomIds = [...new Set(lookups.map((lookup) => lookup.roomId))];
      const found = await findByIds(
        lookups.map((lookup) => lookup.sessionId),
        {
          getOne: async (id) => withParticipants(await client.getRoomSession(id, { include_participants: true })),
          readPage: (number) =>
            sessionPages.load({
              filter: roomIds.length === 1 ? { room_id: roomIds[0] } : undefined,
              include_participants: true,
              page: { size: pageSize, number },
            }),
        },
      );
      return found.map((session, index) => (session && session.room_id === lookups[index]!.roomId ? session : null));
    },
    { cacheKeyFn: toLookupKey },
  );

  function primeSession(session: TelnyxRoomSession): void {
    sessions.prime({ roomId: session.room_id, sessionId: session.id }, withParticipants(session));
  }

  return { roomPages, sessionPages, rooms, sessions };
}

/** The `unique_name` of each room that exists, by room id, through the rooms cache. */
export async function loadRoomNames(loaders: TelnyxLoaders, roomIds: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(roomIds)];
  const rooms = rethrow(await loaders.rooms.loadMany(unique));
  return new Map(rooms.flatMap((room) => (room?.unique_name ? [[room.id, room.unique_name] as const] : [])));
}


/** A session read with include_participants: a missing list means none. */
function withParticipants(session: TelnyxRoomSession | null): TelnyxRoomSession | null {
  return session && { ...session, participants: session.participants ?? [] };
}

function toLookupKey(lookup: SessionLookup): string {
  return `${lookup.roomId}/${lookup.sessionId}`;
}

/** The same query always gives the same key, whatever order its fields were written in. */
function toCanonicalKey(value: unknown): string {
  return JSON.stringify(value, (_, field: unknown) =>
    typeof field === 'object' && field !== null && !Array.isArray(field)
      ? Object.fromEntries(Object.entries(field).filter(([, inner]) => inner !== undefined).sort(([a], [b]) => (a < b ? -1 : 1)))
      : field,
  );
}

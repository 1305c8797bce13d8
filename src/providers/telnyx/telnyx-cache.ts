/**
 * What the cross-request cache knows about Telnyx (README, "Cache"): whose account a call spends,
 * when a room session is settled (immutable), and the incrementally maintained index of ended
 * sessions that serves every past-room order (Telnyx sorts nothing, reference B5).
 */
import type { PastRoomRead, PastRoomSlice } from '../../domain/provider.js';
import { createHistoryIndex, type HistoryIndex } from '../cache/history-index.js';
import { isSettledEnd, withImmutableCache, type BatchLoad } from '../cache/immutable-batch.js';
import type { UpstreamCache } from '../cache/upstream-cache.js';
import type { UpstreamRequest } from '../http/upstream-http.js';
import type { ReadBounds } from '../http/upstream-options.js';
import { TELNYX_MAX_PAGE_SIZE, type TelnyxClient, type TelnyxList } from './telnyx-client.js';
import { toDayFilter, toPastRoom } from './telnyx-mapping.js';
import type { TelnyxConfig } from './telnyx-provider.js';
import type { TelnyxRoomSession } from './telnyx-wire.js';

/** The parts that tell one Telnyx account from another; hashed into the cache namespace, never stored. */
export function toTelnyxAccount(config: TelnyxConfig): string[] {
  return [config.apiUrl, config.apiKey];
}

/** The delta reads of the history index are never served from the cache: they are what makes it fresh. */
export function toTelnyxCacheFact(request: UpstreamRequest): 'mutable' | 'uncached' {
  return request.query?.['filter[date_ended_at][gte]'] !== undefined ? 'uncached' : 'mutable';
}

/** A session by (room, id): cached once it ended longer ago than the settle window, with its participants. */
export function cacheTelnyxSessions<K extends { roomId: string; sessionId: string }>(
  cache: UpstreamCache | undefined,
  load: BatchLoad<K, TelnyxRoomSession | null>,
): BatchLoad<K, TelnyxRoomSession | null> {
  return withImmutableCache(
    cache,
    {
      keyOf: (key) => `session:${key.roomId}/${key.sessionId}`,
      isSettled: (session) => !session.active && session.participants !== undefined && isSettledEnd(session.ended_at, cache!),
    },
    load,
  );
}

/** The index of every ended Telnyx session of an account; `clientFor` gives a client tied to a sync's signal. */
export function createTelnyxHistory(clientFor: (signal: AbortSignal) => TelnyxClient, cache: UpstreamCache, bounds: ReadBounds, rebuildMs: number): HistoryIndex<TelnyxRoomSession> {
  const listOf = (client: TelnyxClient, dateEndedAt: ReturnType<typeof toDayFilter>): TelnyxList<TelnyxRoomSession> => ({
    path: '/room_sessions',
    pageSize: TELNYX_MAX_PAGE_SIZE,
    readPage: (number) =>
      client.listRoomSessions({ filter: { active: false, date_ended_at: dateEndedAt }, include_participants: true, page: { size: TELNYX_MAX_PAGE_SIZE, number } }),
  });
  const ended = (sessions: TelnyxRoomSession[]) => sessions.filter((session) => !session.active).map((session) => ({ ...session, participants: session.participants ?? [] }));
  return createHistoryIndex(
    {
      readAll: async (signal) => ({ items: ended(await clientFor(signal).readEveryPage(listOf(clientFor(signal), undefined))), cursor: null }),
      readEndedSince: async (since, _cursor, signal) => ({
        items: ended(await clientFor(signal).readEveryPage(listOf(clientFor(signal), toDayFilter({ from: since, to: null })))),
        cursor: null,
      }),
      factsOf: (session) => ({ id: session.id, roomId: session.room_id, createdAt: session.created_at, endedAt: session.ended_at ?? null }),
    },
    cache,
    { rebuildMs, maxEntries: bounds.maxRows * 4 },
  );
}

/** A page of past rooms from the index; room names (mutable) are read for the page's rooms only. */
export async function readTelnyxHistory(
  history: HistoryIndex<TelnyxRoomSession>,
  read: PastRoomRead,
  signal: AbortSignal,
  roomNames: (roomIds: readonly string[]) => Promise<Map<string, string>>,
): Promise<PastRoomSlice> {
  const page = await history.read(read, signal);
  const names = page.items.length > 0 ? await roomNames(page.items.map(({ item }) => item.room_id)) : new Map<string, string>();
  return {
    items: page.items.map(({ item, position }) => ({ pastRoom: toPastRoom(item, { roomName: names.get(item.room_id) ?? null, participantsIncluded: true }), position })),
    hasMore: page.hasMore,
    totalCount: page.totalCount,
  };
}

import DataLoader from 'dataloader';
import { matchesPastRoomFilter, readSortedPastRooms } from '../../domain/past-room-stream.js';
import type { PastRoomRead, PastRoomSlice, TimeRange } from '../../domain/provider.js';
import { createKeyedMemo } from '../kit/keyed-memo.js';
import { rethrow, settle } from '../kit/loader-utils.js';
import { isIndexRefusal, type HistoryIndex } from '../cache/history-index.js';
import type { VideosdkClient } from './videosdk-client.js';
import { isEndedSession, toPastRoom } from './videosdk-mapping.js';
import type { VideosdkSession } from './videosdk-wire.js';

/** From this many rooms (or session ids) in one batch on, one whole list beats a call each. */
export const VIDEOSDK_LIST_THRESHOLD = 3;

/**
 * Slack added on each side of a pushed-down time window: `startDate`/`endDate` are SDK-era
 * filters whose bounds (inclusive? ms or s precision?) are undocumented, so the window only
 * narrows the read and the exact range is applied here.
 */
const WINDOW_SLACK_MS = 1_000;

/** The `startDate`/`endDate` (epoch ms, on the session start) of a createdAt range, widened. */
interface Window {
  startDate?: number;
  endDate?: number;
}

/** The account's index of ended sessions (see `createVideosdkHistory`), and the signal of the request that reads it. */
export interface VideosdkHistory {
  index: HistoryIndex<VideosdkSession>;
  signal: AbortSignal;
}

/** The ended sessions of some rooms (null: every room) that started in a range (null: any time). */
export type VideosdkEndedSessions = (roomIds: readonly string[] | null, createdAt: TimeRange | null) => Promise<VideosdkSession[]>;

/**
 * VideoSDK's past-room stream for one request. Its session list has no sort parameter and an
 * undocumented order, so without the cross-request cache every read fetches the matching ended
 * sessions whole (every page, within the read bounds), then filters exactly and sorts here
 * (`readSortedPastRooms`, keyset positions). Lists are read once per (rooms, window) per request;
 * per-room reads asked for in the same tick share one read of every room's sessions when there
 * are several rooms. With the cache, reads are served from the account's `history` index (the
 * same keyset positions), and fall back to the lists when the index is too large to build within
 * the read bounds (a room's or a time range's list may still fit). `prime` files every session
 * that arrives under its id.
 */
export function createVideosdkPastRooms(client: VideosdkClient, prime: (sessions: VideosdkSession[]) => VideosdkSession[], history?: VideosdkHistory) {
  const wholeWindows = new Set<string>();
  const readWhole = createKeyedMemo((window: Window) => client.listAllSessions({ status: 'ended', ...window }).then(prime), windowKey);
  /** Every room's sessions in the window, from the unbounded list when that one is read already. */
  const everyRoom = (window: Window) => {
    const key = wholeWindows.has(windowKey({})) ? {} : window;
    wholeWindows.add(windowKey(key));
    return readWhole(key);
  };
  const byRoom = new DataLoader<{ roomId: string; window: Window }, VideosdkSession[], string>(
    async (keys) => {
      const known = (window: Window) => wholeWindows.has(windowKey(window)) || wholeWindows.has(windowKey({}));
      const shared = keys.length >= VIDEOSDK_LIST_THRESHOLD || keys.some(({ window }) => known(window));
      const ofRoom = (roomId: string, window: Window) => everyRoom(window).then((all) => all.filter((session) => session.roomId === roomId));
      return Promise.all(keys.map(({ roomId, window }) => settle(shared ? ofRoom(roomId, window) : readRoom(roomId, window))));
    },
    { cacheKeyFn: ({ roomId, window }) => `${roomId} ${windowKey(window)}` },
  );
  const readRoom = (roomId: string, window: Window) => client.listAllSessions({ roomId, status: 'ended', ...window }).then(prime);

  const endedSessions: VideosdkEndedSessions = async (roomIds, createdAt) => {
    const window = toWindow(createdAt);
    if (roomIds === null) return everyRoom(window);
    return rethrow(await byRoom.loadMany([...new Set(roomIds)].map((roomId) => ({ roomId, window })))).flat();
  };

  /** One read of the stream: the exact filter applied and the order made here. */
  const readLists = async (read: PastRoomRead): Promise<PastRoomSlice> => {
    const sessions = await endedSessions(read.filter.roomIds, read.filter.createdAt);
    const pastRooms = sessions.filter(isEndedSession).map(toPastRoom);
    return readSortedPastRooms(pastRooms.filter((pastRoom) => matchesPastRoomFilter(pastRoom, read.filter)), read);
  };
  const readIndex = async ({ index, signal }: VideosdkHistory, read: PastRoomRead): Promise<PastRoomSlice> => {
    const page = await index.read(read, signal);
    prime(page.items.map(({ item }) => item));
    return { items: page.items.map(({ item, position }) => ({ pastRoom: toPastRoom(item), position })), hasMore: page.hasMore, totalCount: page.totalCount };
  };
  const readPastRooms = (read: PastRoomRead): Promise<PastRoomSlice> =>
    history ? readIndex(history, read).catch((error: unknown) => (isIndexRefusal(error) ? readLists(read) : Promise.reject(error))) : readLists(read);

  return { endedSessions, readPastRooms };
}

function toWindow(range: TimeRange | null): Window {
  return {
    ...(range?.from ? { startDate: Math.max(0, range.from.getTime() - WINDOW_SLACK_MS) } : {}),
    ...(range?.to ? { endDate: range.to.getTime() + WINDOW_SLACK_MS } : {}),
  };
}

function windowKey(window: Window): string {
  return `${window.startDate ?? ''}..${window.endDate ?? ''}`;
}

/**
 * One provider over its simulator, with the cross-request cache (and so its history index) on or
 * off, driven through `ProviderSource` directly: the history-index tests compare what an indexed
 * provider answers with what the same provider answers reading the upstream whole.
 */
import { parseConfig, toUpstreamOptions } from '../../src/config.js';
import type { ProviderName } from '../../src/domain/model.js';
import type { PastRoomOrder } from '../../src/domain/ordering.js';
import type { PastRoomFilter, PastRoomRead, PastRoomSlice, VideoProvider } from '../../src/domain/provider.js';
import { createUpstreamSharing } from '../../src/providers/cache/upstream-sharing.js';
import { createProviders } from '../../src/providers/registry.js';
import type { Simulator } from '../../src/sandbox/simulator.js';
import { openScope } from './source-scope.js';

export const ORDERS: PastRoomOrder[] = [
  { field: 'CREATED_AT', direction: 'ASC' },
  { field: 'CREATED_AT', direction: 'DESC' },
  { field: 'ENDED_AT', direction: 'ASC' },
  { field: 'ENDED_AT', direction: 'DESC' },
];
export const ALL: PastRoomFilter = { roomIds: null, createdAt: null };

/** A provider of one simulator; `close` closes the provider and its cache, not the simulator. */
export interface TestProvider {
  provider: VideoProvider;
  read(read: Partial<PastRoomRead>): Promise<PastRoomSlice>;
  close(): Promise<void>;
}

/** The provider `name` over `simulator`, with `env` on top of retries off; `CACHE_ENABLED=true` makes its history index. */
export function createTestProvider(name: ProviderName, simulator: Simulator, env: Record<string, string>): TestProvider {
  const config = parseConfig({ ...simulator.env, UPSTREAM_RETRIES: '0', UPSTREAM_BREAKER_FAILURES: '1000000', ...env });
  const sharing = config.cache.enabled ? createUpstreamSharing(config.cache, () => undefined) : undefined;
  const provider = createProviders(config.providers, { ...toUpstreamOptions(config), sharing }).find((each) => each.name === name)!;
  return {
    provider,
    read: (read) => provider.createSource(openScope()).readPastRooms({ filter: ALL, order: ORDERS[0]!, direction: 'forward', after: null, inclusive: false, count: 7, ...read }),
    close: async () => {
      await provider.close();
      await sharing?.close();
    },
  };
}

/** A whole stream read page by page: the session ids in order, the last totalCount, and each page's positions. */
export interface ReadStream {
  ids: string[];
  endedAt: (string | null)[];
  totalCount: number;
  positions: string[];
}

/** Every page of one order and filter (at most 50 pages of 7). */
export async function readStream(provider: TestProvider, order: PastRoomOrder, filter: PastRoomFilter = ALL): Promise<ReadStream> {
  const stream: ReadStream = { ids: [], endedAt: [], totalCount: -1, positions: [] };
  let after: string | null = null;
  for (let page = 0; page < 50; page += 1) {
    const slice = await provider.read({ order, filter, after });
    stream.ids.push(...slice.items.map((item) => item.pastRoom.sessionId));
    stream.endedAt.push(...slice.items.map((item) => item.pastRoom.endedAt?.toISOString() ?? null));
    stream.positions.push(...slice.items.map((item) => item.position));
    stream.totalCount = slice.totalCount;
    if (!slice.hasMore) return stream;
    after = slice.items.at(-1)!.position;
  }
  throw new Error('the stream did not end within 50 pages');
}

/**
 * The first page of `order`, then `later` pages after it: the session ids in order and each later
 * page's totalCount. Calls made for the first page come before `afterFirst` runs (e.g. a reset of
 * the simulator's call log), so that only the later pages' calls are counted.
 */
export async function readLaterPages(provider: TestProvider, order: PastRoomOrder, later: number, afterFirst: () => void): Promise<{ ids: string[]; totalCounts: number[] }> {
  const first = await provider.read({ order });
  afterFirst();
  const ids = first.items.map((item) => item.pastRoom.sessionId);
  const totalCounts: number[] = [];
  let after = first.items.at(-1)!.position;
  for (let page = 0; page < later; page += 1) {
    const slice = await provider.read({ order, after });
    ids.push(...slice.items.map((item) => item.pastRoom.sessionId));
    totalCounts.push(slice.totalCount);
    after = slice.items.at(-1)!.position;
  }
  return { ids, totalCounts };
}

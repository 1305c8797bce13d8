import { describe, expect, it } from 'vitest';
import { UpstreamError } from '../../src/domain/errors.js';
import type { PastRoomRead } from '../../src/domain/provider.js';
import { createHistoryIndex, type HistoryFacts, type HistoryRead, type HistorySync } from '../../src/providers/cache/history-index.js';
import { createSingleFlight } from '../../src/providers/cache/single-flight.js';
import { createUpstreamCache } from '../../src/providers/cache/upstream-cache.js';

const READ: PastRoomRead = { filter: { roomIds: null, createdAt: null }, order: { field: 'ENDED_AT', direction: 'DESC' }, direction: 'forward', after: null, inclusive: false, count: 100 };

function session(number: number): HistoryFacts {
  return { id: `s${number}`, roomId: 'room', createdAt: new Date(number * 1_000), endedAt: new Date(number * 1_000 + 500) };
}

/** A sync over an in-memory history whose every read is recorded; deltas answer what `next` says. */
function createFakeSync(history: HistoryFacts[]) {
  const log: string[] = [];
  const sync: HistorySync<HistoryFacts, number> & { next: (cursor: number) => HistoryRead<HistoryFacts, number> | 'rebuild' | Error } = {
    next: (cursor) => ({ items: [], cursor: cursor + 1 }),
    readAll: async () => {
      log.push('all');
      return { items: [...history], cursor: 0 };
    },
    readEndedSince: async (_since, cursor) => {
      log.push(`delta ${cursor}`);
      const answer = sync.next(cursor);
      if (answer instanceof Error) throw answer;
      return answer;
    },
    factsOf: (facts) => facts,
  };
  return { sync, log };
}

function cacheWith(mutableTtlMs: number) {
  return createUpstreamCache({ store: null, flight: createSingleFlight(), namespace: 'test', mutableTtlMs, settleMs: 0 });
}

const ids = async (index: ReturnType<typeof createHistoryIndex<HistoryFacts, number>>) => (await index.read(READ)).items.map(({ item }) => item.id);

describe('the history index', () => {
  it("hands each read's cursor to the next delta, and inserts, replaces and removes what a delta says", async () => {
    const { sync, log } = createFakeSync([session(1), session(2), session(3)]);
    const index = createHistoryIndex(sync, cacheWith(0), { rebuildMs: 60_000, maxEntries: 100 });
    expect(await ids(index)).toEqual(['s3', 's2', 's1']);
    sync.next = (cursor) => ({ items: [session(4), { ...session(1), endedAt: new Date(9_000) }], removedIds: ['s2'], cursor: cursor + 10 });
    expect(await ids(index)).toEqual(['s1', 's4', 's3']);
    expect((await index.read(READ)).totalCount).toBe(3);
    expect(log).toEqual(['all', 'delta 0', 'delta 10']);
  });

  it('rebuilds whole when a delta cannot be exact, and once it holds more than maxEntries', async () => {
    const { sync, log } = createFakeSync([session(1), session(2)]);
    const index = createHistoryIndex(sync, cacheWith(0), { rebuildMs: 60_000, maxEntries: 3 });
    await index.read(READ);
    sync.next = () => 'rebuild';
    await index.read(READ);
    expect(log).toEqual(['all', 'delta 0', 'all']);
    sync.next = (cursor) => ({ items: [session(10 + cursor), session(20 + cursor)], cursor: cursor + 1 });
    await index.read(READ);
    expect(index.size()).toBe(4);
    await index.read(READ);
    expect(log).toEqual(['all', 'delta 0', 'all', 'delta 0', 'all']);
    expect(index.size()).toBe(2);
  });

  it('does not sync again for the mutable TTL after a sync refused for its size', async () => {
    const { sync, log } = createFakeSync([session(1)]);
    const index = createHistoryIndex(sync, cacheWith(200), { rebuildMs: 60_000, maxEntries: 100 });
    await index.read(READ);
    await new Promise((resolve) => setTimeout(resolve, 210));
    const refusal = new UpstreamError('UPSTREAM_LIMIT_EXCEEDED', { provider: 'videosdk', method: 'GET', path: '/v2/sessions' }, 'too many pages');
    sync.next = () => refusal;
    await expect(index.read(READ)).rejects.toBe(refusal);
    await expect(index.read(READ)).rejects.toBe(refusal);
    expect(log).toEqual(['all', 'delta 0']);
    await new Promise((resolve) => setTimeout(resolve, 210));
    sync.next = (cursor) => ({ items: [session(2)], cursor });
    expect(await ids(index)).toEqual(['s2', 's1']);
    expect(log).toEqual(['all', 'delta 0', 'delta 0']);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findGatewayError } from '../../src/domain/errors.js';
import { seedPlugnmeetDemo } from '../../src/sandbox/plugnmeet/plugnmeet-seed.js';
import { startPlugnmeetSimulator } from '../../src/sandbox/plugnmeet/plugnmeet-simulator.js';
import { openScope } from '../support/source-scope.js';
import { ALL, createTestProvider, ORDERS, readLaterPages, readStream, type TestProvider } from '../support/test-provider.js';

const ENDED_DESC = ORDERS[3]!;
const FETCH = 'POST /auth/room/fetchPastRooms';
const LIVE = 'POST /auth/room/getActiveRoomsInfo';

let simulator: Awaited<ReturnType<typeof startPlugnmeetSimulator>>;
const providers: TestProvider[] = [];

beforeEach(async () => {
  simulator = await startPlugnmeetSimulator();
});
afterEach(async () => {
  await Promise.all(providers.splice(0).map((provider) => provider.close()));
  await simulator.close();
});

function providerWith(env: Record<string, string>): TestProvider {
  const provider = createTestProvider('plugnmeet', simulator, env);
  providers.push(provider);
  return provider;
}

/** Reads every row again on every read: the truth an index must agree with. */
const uncached = () => providerWith({ CACHE_ENABLED: 'false' });

function calls(): string[] {
  return simulator.calls.map((call) => `${call.method} ${call.path}`);
}

/** The offsets fetchPastRooms was asked to start from. */
function fetchedFrom(): number[] {
  return simulator.calls.filter((call) => call.path.endsWith('/fetchPastRooms')).map((call) => (JSON.parse(call.body) as { from: number }).from);
}

/** The rows' live rooms, oldest first. */
const liveRoomIds = () => simulator.store.runningSessions().map((row) => row.roomId);

describe('the plugNmeet history index', () => {
  it('serves later pages of ENDED_AT with only the delta reads (the running rows onwards), or none while fresh', async () => {
    const truth = await readStream(uncached(), ENDED_DESC);
    const firstRunning = simulator.store.sessions().findIndex((row) => row.endedAt === null);
    for (const ttl of ['0', '60000']) {
      const indexed = providerWith({ CACHE_ENABLED: 'true', CACHE_MUTABLE_TTL_MS: ttl });
      const { ids, totalCounts } = await readLaterPages(indexed, ENDED_DESC, 3, () => simulator.resetCalls());
      expect(totalCounts).toEqual([truth.totalCount, truth.totalCount, truth.totalCount]);
      expect(ids).toEqual(truth.ids.slice(0, ids.length));
      // TTL 0: one window from the oldest running row (the newest rows), then who is live.
      expect(calls()).toEqual(ttl === '0' ? [FETCH, LIVE, FETCH, LIVE, FETCH, LIVE] : []);
      expect(fetchedFrom()).toEqual(ttl === '0' ? [firstRunning, firstRunning, firstRunning] : []);
    }
  });

  it('shows rooms that end after the build, and a crashed one, with a true totalCount in every order', async () => {
    const indexed = providerWith({ CACHE_ENABLED: 'true', CACHE_MUTABLE_TTL_MS: '0' });
    const before = await Promise.all(ORDERS.map((order) => readStream(indexed, order)));
    const [ended, crashed] = liveRoomIds();
    simulator.store.endRoom(ended!);
    simulator.store.startRoom({ roomId: 'quick-sync', roomTitle: 'Quick sync' });
    simulator.store.endRoom('quick-sync', new Date(Date.now() - 1));
    // A crash leaves the row running with no live session: a past room with no end (fidelity-audit P3).
    simulator.store.crashRoom(crashed!);
    simulator.resetCalls();
    await readStream(indexed, ENDED_DESC);
    // A delta, not a rebuild: nothing is read from the first row.
    expect(fetchedFrom().length).toBeGreaterThan(0);
    expect(fetchedFrom()).not.toContain(0);
    const after = await Promise.all(ORDERS.map((order) => readStream(indexed, order)));
    const truth = uncached();
    for (const [index, order] of ORDERS.entries()) {
      expect(after[index]!.totalCount, `${order.field} ${order.direction}`).toBe(before[index]!.totalCount + 3);
      expect(after[index], `${order.field} ${order.direction}`).toEqual(await readStream(truth, order));
    }
    expect(after[3]!.endedAt[0]).toBeNull();
  });

  it('re-reads a long-running row far behind the newest rows in a window of its own', async () => {
    const indexed = providerWith({ CACHE_ENABLED: 'true', CACHE_MUTABLE_TTL_MS: '0' });
    // Ended a minute ago: `ended` has whole seconds, and all-day must end last.
    for (const roomId of liveRoomIds()) simulator.store.endRoom(roomId, new Date(Date.now() - 60_000));
    simulator.store.startRoom({ roomId: 'all-day', roomTitle: 'All day' });
    const offset = simulator.store.sessions().length - 1;
    const start = Date.now() - 3_600_000;
    for (let index = 0; index < 250; index += 1) {
      simulator.store.addPastSession({ roomId: `short-${index % 5}`, createdAt: new Date(start + index * 1_000), endedAt: new Date(start + index * 1_000 + 500) });
    }
    const before = await readStream(indexed, ENDED_DESC);
    simulator.store.endRoom('all-day');
    simulator.resetCalls();
    const after = await readStream(indexed, ENDED_DESC);
    // Its own window of 100 rows and the newest row onwards; with nothing running after that, the newest row onwards.
    expect(fetchedFrom().slice(0, 2)).toEqual([offset, offset + 250]);
    expect(new Set(fetchedFrom().slice(2))).toEqual(new Set([offset + 250]));
    expect(after.totalCount).toBe(before.totalCount + 1);
    expect(after.ids[0]).toBe(simulator.store.sessions()[offset]!.sid);
    expect(after).toEqual(await readStream(uncached(), ENDED_DESC));
  });

  it('reads the live rooms once in a request whose page synced the index', async () => {
    const indexed = providerWith({ CACHE_ENABLED: 'true', CACHE_MUTABLE_TTL_MS: '0' });
    await indexed.read({ order: ENDED_DESC });
    simulator.resetCalls();
    const source = indexed.provider.createSource(openScope());
    await source.readPastRooms({ filter: ALL, order: ENDED_DESC, direction: 'forward', after: null, inclusive: false, count: 5 });
    expect((await source.listActiveRooms()).map((room) => room.roomId).sort()).toEqual([...liveRoomIds()].sort());
    expect(calls()).toEqual([FETCH, LIVE]);
  });

  it('drops a row taken for a past room once its session is live again', async () => {
    const indexed = providerWith({ CACHE_ENABLED: 'true', CACHE_MUTABLE_TTL_MS: '0' });
    const roomId = liveRoomIds()[0]!;
    const status = simulator.store.roomStatus(roomId);
    const before = await readStream(indexed, ENDED_DESC);
    simulator.store.setRoomStatus(roomId, null);
    expect((await readStream(indexed, ENDED_DESC)).totalCount).toBe(before.totalCount + 1);
    simulator.store.setRoomStatus(roomId, status);
    expect(await readStream(indexed, ENDED_DESC)).toEqual(before);
  });

  it('is rebuilt whole after CACHE_INDEX_REBUILD_MS, and at once when rows it remembers have moved', async () => {
    const indexed = providerWith({ CACHE_ENABLED: 'true', CACHE_MUTABLE_TTL_MS: '0', CACHE_INDEX_REBUILD_MS: '1000' });
    await indexed.read({ order: ENDED_DESC });
    simulator.resetCalls();
    await indexed.read({ order: ENDED_DESC });
    expect(fetchedFrom()).not.toContain(0);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await indexed.read({ order: ENDED_DESC });
    expect(fetchedFrom()).toContain(0);
    // Rows deleted upstream: the remembered rows are no longer at their offsets.
    simulator.store.clear();
    seedPlugnmeetDemo(simulator.store, new Date(), 20);
    expect(await readStream(indexed, ENDED_DESC)).toEqual(await readStream(uncached(), ENDED_DESC));
  });

  it('keeps to the read bounds: a history too large to index is refused once per TTL, and a room is read from its own rows', async () => {
    const bounded = { UPSTREAM_MAX_ROWS: '20' };
    const indexed = providerWith({ ...bounded, CACHE_ENABLED: 'true', CACHE_MUTABLE_TTL_MS: '60000' });
    const refusal = (read: Promise<unknown>) => read.then(() => null, (error: unknown) => findGatewayError(error)?.code);
    expect(await refusal(indexed.read({ order: ENDED_DESC }))).toBe('UPSTREAM_LIMIT_EXCEEDED');
    // The build's first page, which tells the total; the whole-row fallback reads the same page from the HTTP cache.
    expect(calls()).toEqual([FETCH]);
    simulator.resetCalls();
    expect(await refusal(indexed.read({ order: ENDED_DESC }))).toBe('UPSTREAM_LIMIT_EXCEEDED');
    // No second build within the TTL; the fallback's refused page is a cached mutable read.
    expect(calls()).toEqual([]);
    const room = { roomIds: [simulator.store.sessions()[0]!.roomId], createdAt: null };
    expect(await readStream(indexed, ENDED_DESC, room)).toEqual(await readStream(providerWith({ ...bounded, CACHE_ENABLED: 'false' }), ENDED_DESC, room));
  });
});

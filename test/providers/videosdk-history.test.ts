import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findGatewayError } from '../../src/domain/errors.js';
import { startVideosdkSimulator, type VideosdkSimulator } from '../../src/sandbox/videosdk/videosdk-simulator.js';
import type { VideosdkSimSession } from '../../src/sandbox/videosdk/videosdk-store.js';
import { createTestProvider, ORDERS, readLaterPages, readStream, type TestProvider } from '../support/test-provider.js';

const ENDED_DESC = ORDERS[3]!;
const MINUTE = 60_000;

let simulator: VideosdkSimulator;
const providers: TestProvider[] = [];

beforeEach(async () => {
  simulator = await startVideosdkSimulator();
});
afterEach(async () => {
  await Promise.all(providers.splice(0).map((provider) => provider.close()));
  await simulator.close();
});
afterAll(async () => simulator?.close());

function providerWith(env: Record<string, string>): TestProvider {
  const provider = createTestProvider('videosdk', simulator, env);
  providers.push(provider);
  return provider;
}

/** Reads the whole list again on every read: the truth an index must agree with. */
const uncached = () => providerWith({ CACHE_ENABLED: 'false' });

/** The calls made, as `GET path?status=…` (with the names of the time filters given) or `GET /v2/sessions/:id`. */
function calls(): string[] {
  return simulator.calls.map((call) => {
    const filters = [call.query.status && `status=${call.query.status}`, call.query.startDate && 'startDate', call.query.endDate && 'endDate'].filter(Boolean);
    return `${call.method} ${call.path}${filters.length > 0 ? `?${filters.join('&')}` : ''}`;
  });
}

/** Ends a live session now, closing its open timelog segments. */
function endSession(session: VideosdkSimSession, at: Date): void {
  session.end = at;
  for (const participant of session.participants) for (const segment of participant.timelog) segment.end ??= at;
}

describe('the VideoSDK history index', () => {
  it('serves later pages of a non-native order with only the delta reads, or none while fresh', async () => {
    const truth = await readStream(uncached(), ENDED_DESC);
    for (const ttl of ['0', '60000']) {
      const indexed = providerWith({ CACHE_ENABLED: 'true', CACHE_MUTABLE_TTL_MS: ttl });
      const { ids, totalCounts } = await readLaterPages(indexed, ENDED_DESC, 3, () => simulator.resetCalls());
      expect(totalCounts).toEqual([truth.totalCount, truth.totalCount, truth.totalCount]);
      expect(ids).toEqual(truth.ids.slice(0, ids.length));
      // TTL 0: every page syncs with the sessions running since before the margin, then those that started since; nothing else.
      const delta = ['GET /v2/sessions?status=ongoing&endDate', 'GET /v2/sessions?status=ended&startDate'];
      expect(calls()).toEqual(ttl === '0' ? [...delta, ...delta, ...delta] : []);
    }
  });

  it('shows sessions that end after the build, one of them running for an hour, with a true totalCount in every order', async () => {
    const indexed = providerWith({ CACHE_ENABLED: 'true', CACHE_MUTABLE_TTL_MS: '0' });
    const before = await Promise.all(ORDERS.map((order) => readStream(indexed, order)));
    // Running at the build and at the sync after it, and started long before the delta's margin.
    const long = simulator.store.sessions.filter((session) => session.end === null).sort((a, b) => a.start.getTime() - b.start.getTime())[0]!;
    expect(long.start.getTime()).toBeLessThan(Date.now() - 30 * MINUTE);
    const now = Date.now();
    const quick = simulator.store.addSession({ roomId: long.roomId, start: new Date(now - 2_000), end: new Date(now - 1_000), participants: [{ name: 'Ada', timelog: [{ start: new Date(now - 2_000), end: new Date(now - 1_000) }] }] });
    endSession(long, new Date(now));
    simulator.resetCalls();
    const after = await Promise.all(ORDERS.map((order) => readStream(indexed, order)));
    expect(calls()).toContain(`GET /v2/sessions/${long.id}`);
    const truth = uncached();
    for (const [index, order] of ORDERS.entries()) {
      expect(after[index]!.totalCount, `${order.field} ${order.direction}`).toBe(before[index]!.totalCount + 2);
      expect(after[index], `${order.field} ${order.direction}`).toEqual(await readStream(truth, order));
    }
    expect(after[3]!.ids.slice(0, 2)).toEqual([long.id, quick.id]);
  });

  it('reads sessions that ended together, more of them than UPSTREAM_MAX_PAGES, from the list since the earliest start', async () => {
    const env = { VIDEOSDK_PAGE_SIZE: '100', UPSTREAM_MAX_PAGES: '2' };
    const indexed = providerWith({ ...env, CACHE_ENABLED: 'true', CACHE_MUTABLE_TTL_MS: '0' });
    const before = await readStream(indexed, ENDED_DESC);
    const live = simulator.store.sessions.filter((session) => session.end === null);
    expect(live.length).toBeGreaterThan(2);
    for (const session of live) endSession(session, new Date());
    simulator.resetCalls();
    const after = await readStream(indexed, ENDED_DESC);
    expect(calls().filter((call) => call.startsWith('GET /v2/sessions/'))).toEqual([]);
    expect(after.totalCount).toBe(before.totalCount + live.length);
    expect(after).toEqual(await readStream(providerWith({ ...env, CACHE_ENABLED: 'false' }), ENDED_DESC));
  });

  it('is rebuilt whole after CACHE_INDEX_REBUILD_MS, dropping a session deleted upstream', async () => {
    // The build's listing stays in the HTTP cache for the mutable TTL: shorter than the rebuild period, as by default.
    const indexed = providerWith({ CACHE_ENABLED: 'true', CACHE_MUTABLE_TTL_MS: '400', CACHE_INDEX_REBUILD_MS: '1000' });
    const built = await readStream(indexed, ENDED_DESC);
    const deleted = built.ids[3]!;
    simulator.store.sessions.splice(simulator.store.sessions.findIndex((session) => session.id === deleted), 1);
    // A delta sees no deletion.
    expect((await readStream(indexed, ENDED_DESC)).ids).toContain(deleted);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    simulator.resetCalls();
    const rebuilt = await readStream(indexed, ENDED_DESC);
    // The 3 pages of every session (49 ended, 3 live), once for all pages of the stream (beside any delta once the TTL passed).
    expect(calls().filter((call) => call === 'GET /v2/sessions')).toHaveLength(3);
    expect(rebuilt.ids).not.toContain(deleted);
    expect(rebuilt).toEqual(await readStream(uncached(), ENDED_DESC));
  });

  it('keeps to the read bounds: a history too large to index is refused once per TTL, and a room is read from its own list', async () => {
    // 49 ended sessions are 3 pages of 20: more than UPSTREAM_MAX_PAGES=2.
    const bounded = { UPSTREAM_MAX_PAGES: '2' };
    const indexed = providerWith({ ...bounded, CACHE_ENABLED: 'true', CACHE_MUTABLE_TTL_MS: '60000' });
    const refusal = (read: Promise<unknown>) => read.then(() => null, (error: unknown) => findGatewayError(error)?.code);
    expect(await refusal(indexed.read({ order: ENDED_DESC }))).toBe('UPSTREAM_LIMIT_EXCEEDED');
    // The build (page 1 of every session) and the ended list it falls back to (page 1).
    expect(calls()).toEqual(['GET /v2/sessions', 'GET /v2/sessions?status=ended']);
    simulator.resetCalls();
    expect(await refusal(indexed.read({ order: ENDED_DESC }))).toBe('UPSTREAM_LIMIT_EXCEEDED');
    // No second build within the TTL; the fallback's refused page 1 is a cached mutable read.
    expect(calls()).toEqual([]);
    const roomId = simulator.store.sessions[0]!.roomId;
    const room = { roomIds: [roomId], createdAt: null };
    expect(await readStream(indexed, ENDED_DESC, room)).toEqual(await readStream(providerWith({ ...bounded, CACHE_ENABLED: 'false' }), ENDED_DESC, room));
  });
});

/**
 * The contract every provider passes, over its own simulator: `describeProviderContract(name)` runs
 * the same checks against any provider the registry knows, so a new provider gets a failing
 * checklist for free. It drives `ProviderSource` directly (the graph's merge and cursors are tested
 * elsewhere) and counts upstream calls at the simulator.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseConfig, toUpstreamOptions } from '../../src/config.js';
import { findGatewayError } from '../../src/domain/errors.js';
import type { PastRoom, ProviderName } from '../../src/domain/model.js';
import { comparePastRooms, type PastRoomOrder } from '../../src/domain/ordering.js';
import type { PastRoomFilter, PastRoomRead, ProviderSource, VideoProvider } from '../../src/domain/provider.js';
import { createUpstreamSharing, type UpstreamSharing } from '../../src/providers/cache/upstream-sharing.js';
import { createProviders } from '../../src/providers/registry.js';
import type { SimulatorFault } from '../../src/sandbox/faults.js';
import { SIMULATORS } from '../../src/sandbox/sandboxes.js';
import type { Simulator } from '../../src/sandbox/simulator.js';
import { openScope } from '../support/source-scope.js';

const ORDERS: PastRoomOrder[] = [
  { field: 'CREATED_AT', direction: 'ASC' },
  { field: 'CREATED_AT', direction: 'DESC' },
  { field: 'ENDED_AT', direction: 'ASC' },
  { field: 'ENDED_AT', direction: 'DESC' },
];
const ALL: PastRoomFilter = { roomIds: null, createdAt: null };
const PAGE = 7;

/** Each upstream failure and the code every read must reject with (retries off). */
const FAULTS: [string, SimulatorFault, string][] = [
  ['wrong credentials', { kind: 'wrong-auth' }, 'UPSTREAM_UNAUTHORIZED'],
  ['a 503', { kind: 'status', status: 503 }, 'UPSTREAM_UNAVAILABLE'],
  ['a 429', { kind: 'status', status: 429, headers: { 'retry-after': '30' } }, 'UPSTREAM_RATE_LIMITED'],
  ['malformed JSON', { kind: 'malformed-json' }, 'UPSTREAM_BAD_RESPONSE'],
  ['a reset connection', { kind: 'reset' }, 'UPSTREAM_UNAVAILABLE'],
];

/** How the contract runs; by default with no cross-request cache. */
export interface ContractOptions {
  /**
   * Runs only the past-room order and filter checks, with the cross-request cache on at this
   * mutable TTL: reads are then served by the provider's history index where it has one (0 syncs
   * it on every read, a long TTL serves every page from one build).
   */
  cacheTtlMs?: number;
}

/** Runs the provider contract against `name`'s simulator. */
export function describeProviderContract(name: ProviderName, options: ContractOptions = {}): void {
  const cached = options.cacheTtlMs !== undefined;
  describe(`provider contract: ${name}${cached ? ` (cache on, mutable TTL ${options.cacheTtlMs} ms)` : ''}`, () => {
    let simulator: Simulator;
    let provider: VideoProvider;
    let sharing: UpstreamSharing | undefined;
    let source: ProviderSource;
    const fresh = () => (source = provider.createSource(openScope()));

    beforeAll(async () => {
      simulator = await SIMULATORS[name].start({});
      const cache = cached ? { CACHE_ENABLED: 'true', CACHE_MUTABLE_TTL_MS: String(options.cacheTtlMs) } : { CACHE_ENABLED: 'false' };
      const env = { ...simulator.env, UPSTREAM_RETRIES: '0', UPSTREAM_BREAKER_FAILURES: '1000000', ...cache };
      const config = parseConfig(env);
      sharing = cached ? createUpstreamSharing(config.cache, () => undefined) : undefined;
      provider = createProviders(config.providers, { ...toUpstreamOptions(config), sharing })[0]!;
    });
    afterAll(async () => {
      await provider?.close();
      await sharing?.close();
      await simulator?.close();
    });
    beforeEach(() => {
      simulator.clearFaults();
      simulator.resetCalls();
      fresh();
    });

    const readAll = async (order: PastRoomOrder, filter = ALL, direction: PastRoomRead['direction'] = 'forward') => {
      const items: { pastRoom: PastRoom; position: string }[] = [];
      let after: string | null = null;
      let totalCount = -1;
      // Bounded: the seeds hold well under 50 pages of PAGE.
      for (let page = 0; page < 50; page += 1) {
        const slice = await fresh().readPastRooms({ filter, order, direction, after, inclusive: false, count: PAGE });
        items.push(...slice.items);
        totalCount = slice.totalCount;
        if (!slice.hasMore) return { items, totalCount };
        after = slice.items.at(-1)!.position;
      }
      throw new Error('the stream did not end within 50 pages');
    };

    describe.each(ORDERS)('past rooms by $field $direction', (order) => {
      it('reads every ended session once, in exact order, and counts them exactly', async () => {
        const { items, totalCount } = await readAll(order);
        const rooms = items.map((item) => item.pastRoom);
        expect(rooms.length).toBeGreaterThan(PAGE);
        expect(new Set(rooms.map((room) => room.sessionId)).size).toBe(rooms.length);
        expect(rooms).toEqual([...rooms].sort(comparePastRooms(order)));
        expect(totalCount).toBe(rooms.length);
        expect(rooms.every((room) => room.provider === name && room.endedAt !== null)).toBe(true);
      });

      it('reads backwards as the exact reverse of forwards', async () => {
        const forward = (await readAll(order)).items.map((item) => item.pastRoom.sessionId);
        const backward = (await readAll(order, ALL, 'backward')).items.map((item) => item.pastRoom.sessionId);
        expect(backward).toEqual([...forward].reverse());
      });

      it('continues from any position it issued, and includes it when asked', async () => {
        const { items } = await readAll(order);
        const middle = Math.floor(items.length / 2);
        const read = { filter: ALL, order, direction: 'forward' as const, after: items[middle]!.position, count: 3 };
        const after = await fresh().readPastRooms({ ...read, inclusive: false });
        const from = await fresh().readPastRooms({ ...read, inclusive: true });
        const ids = (slice: typeof after) => slice.items.map((item) => item.pastRoom.sessionId);
        expect(ids(after)).toEqual(items.slice(middle + 1, middle + 4).map((item) => item.pastRoom.sessionId));
        expect(ids(from)).toEqual(items.slice(middle, middle + 3).map((item) => item.pastRoom.sessionId));
      });
    });

    it('applies the room and creation-time filters exactly', async () => {
      const everything = (await readAll(ORDERS[0]!)).items.map((item) => item.pastRoom);
      const roomId = everything.find((room) => everything.filter((other) => other.roomId === room.roomId).length > 1)!.roomId;
      const byRoom = await readAll(ORDERS[1]!, { roomIds: [roomId], createdAt: null });
      expect(byRoom.items.map((item) => item.pastRoom.sessionId).sort()).toEqual(
        everything.filter((room) => room.roomId === roomId).map((room) => room.sessionId).sort(),
      );
      expect(byRoom.totalCount).toBe(byRoom.items.length);
      const from = everything[Math.floor(everything.length / 3)]!.createdAt;
      const to = everything[Math.floor((2 * everything.length) / 3)]!.createdAt;
      const inRange = await readAll(ORDERS[0]!, { roomIds: null, createdAt: { from, to } });
      const expected = everything.filter((room) => room.createdAt >= from && room.createdAt < to);
      expect(inRange.items.map((item) => item.pastRoom.sessionId)).toEqual(expected.map((room) => room.sessionId));
      expect(inRange.totalCount).toBe(expected.length);
    });

    // With the cache on, only the reads above take another path (the history index); the rest is the same code.
    if (cached) return;

    it('answers null for ids the upstream does not know', async () => {
      const unknownId = '00000000-0000-4000-8000-000000000000';
      expect(await source.loadRooms(['no-such-room-anywhere'])).toEqual([null]);
      expect(await source.loadPastRooms([{ provider: name, roomId: 'no-such-room-anywhere', sessionId: unknownId }])).toEqual([null]);
      expect(await source.loadParticipants([{ provider: name, roomId: 'no-such-room-anywhere', sessionId: unknownId, participantId: unknownId }])).toEqual([null]);
    });

    it('resolves past rooms it listed, and a batch of them costs a bounded number of calls', async () => {
      const listed = (await readAll(ORDERS[1]!)).items.map((item) => item.pastRoom);
      simulator.resetCalls();
      const loaded = await fresh().loadPastRooms(listed.map(({ provider: p, roomId, sessionId }) => ({ provider: p, roomId, sessionId })));
      expect(loaded.map((room) => room?.sessionId)).toEqual(listed.map((room) => room.sessionId));
      expect(simulator.calls.length).toBeLessThanOrEqual(6);
    });

    it('primes what a list read returned, so loading it again costs no call', async () => {
      const slice = await source.readPastRooms({ filter: ALL, order: ORDERS[1]!, direction: 'forward', after: null, inclusive: false, count: 5 });
      simulator.resetCalls();
      const keys = slice.items.map(({ pastRoom }) => ({ provider: name, roomId: pastRoom.roomId, sessionId: pastRoom.sessionId }));
      expect((await source.loadPastRooms(keys)).map((room) => room?.sessionId)).toEqual(keys.map((key) => key.sessionId));
      expect(simulator.calls).toEqual([]);
    });

    it('lists live rooms with their people, and one room read serves them all', async () => {
      const live = await source.listActiveRooms();
      expect(live.length).toBeGreaterThan(0);
      expect(live.every((room) => room.isActive && room.activeSessionId !== null)).toBe(true);
      const people = await source.loadLiveParticipants(live.map((room) => room.roomId));
      expect(people.some((list) => list.length > 0)).toBe(true);
      expect(people.flat().every((person) => person.provider === name && person.leftAt === null)).toBe(true);
    });

    it.each(FAULTS)('rejects with a coded error on %s', async (_, fault, code) => {
      simulator.injectFault(fault, { times: Infinity });
      const failure = await source.readPastRooms({ filter: ALL, order: ORDERS[0]!, direction: 'forward', after: null, inclusive: false, count: 5 }).then(
        () => null,
        (error: unknown) => error,
      );
      expect(findGatewayError(failure)?.code).toBe(code);
      expect(findGatewayError(failure)?.extensions).toMatchObject({ provider: name.toUpperCase() });
    });

    it('makes no upstream call for a request that has already ended', async () => {
      const controller = new AbortController();
      controller.abort();
      const aborted = provider.createSource({ signal: controller.signal });
      await expect(aborted.listActiveRooms()).rejects.toBeDefined();
      await expect(aborted.readPastRooms({ filter: ALL, order: ORDERS[0]!, direction: 'forward', after: null, inclusive: false, count: 5 })).rejects.toBeDefined();
      expect(simulator.calls).toEqual([]);
    });
  });
}

import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSandboxes, type Sandboxes } from '../../src/sandbox/sandboxes.js';
import { startGatewayProcess, type GatewayProcess } from '../support/gateway-process.js';
import { startRedisServer, type RedisServer } from '../support/redis-server.js';

let sandboxes: Sandboxes;
let redis: RedisServer;
let processes: GatewayProcess[] = [];

beforeAll(async () => {
  [sandboxes, redis] = await Promise.all([startSandboxes(), startRedisServer()]);
});
afterEach(async () => {
  await Promise.all(processes.map((process) => process.stop()));
  processes = [];
});
afterAll(async () => {
  await Promise.all([sandboxes?.close(), redis?.close()]);
});

/** Two gateway processes sharing one Redis, over the same simulators. */
async function twoReplicas(env: Record<string, string>): Promise<[GatewayProcess, GatewayProcess]> {
  const shared = { ...sandboxes.env, REDIS_URL: redis.url, CACHE_ENABLED: 'true', ...env };
  processes = await Promise.all([startGatewayProcess(shared), startGatewayProcess(shared)]);
  return processes as [GatewayProcess, GatewayProcess];
}

function resetCalls(): void {
  for (const simulator of Object.values(sandboxes.simulators)) simulator.resetCalls();
}

function totalCalls(): number {
  return Object.values(sandboxes.simulators).reduce((sum, simulator) => sum + simulator.calls.length, 0);
}

const PAST_ROOMS_AND_NODES = `{ pastRooms(first: 30) { totalCount edges { node { id createdAt endedAt participantCount participants { id presences { joinedAt leftAt } } } } } }`;

describe('two gateway processes and one Redis', () => {
  it('lets B answer what A read with no upstream call (immutable sessions, and the listing within the mutable TTL)', { timeout: 120_000 }, async () => {
    const [a, b] = await twoReplicas({ CACHE_MUTABLE_TTL_MS: '30000', CURSOR_SECRET: 'a-shared-cursor-secret-of-at-least-32-chars' });
    const fromA = await a.post({ query: PAST_ROOMS_AND_NODES });
    expect(fromA.json.errors).toBeUndefined();
    expect(totalCalls()).toBeGreaterThan(0);
    resetCalls();
    const fromB = await b.post({ query: PAST_ROOMS_AND_NODES });
    expect(fromB.json).toEqual(fromA.json);
    expect(totalCalls()).toBe(0);
  });

  it('keeps two processes together within one shared budget of N calls per second, which each alone reaches', { timeout: 120_000 }, async () => {
    const perSecond = 8;
    const [a, b] = await twoReplicas({ TELNYX_RATE_LIMIT: String(perSecond), CACHE_MUTABLE_TTL_MS: '0' });
    const telnyx = sandboxes.simulators.telnyx;
    const query = { query: '{ activeRooms(first: 5, provider: TELNYX) { totalCount } }' };
    /** Calls Telnyx saw during `ms` while `clients` each keep 4 requests going. */
    const hammer = async (clients: GatewayProcess[], ms: number) => {
      await sleep(1_100); // a fresh one-second window
      telnyx.resetCalls();
      const until = Date.now() + ms;
      const loops = clients.flatMap((client) => Array.from({ length: 4 }, async () => {
        while (Date.now() < until) await client.post(query);
      }));
      await sleep(ms);
      const seen = telnyx.calls.length;
      await Promise.all(loops);
      return seen;
    };
    const alone = await hammer([a], 2_000);
    const together = await hammer([a, b], 2_000);
    // Fixed one-second windows: 2 s touch at most 3 windows.
    expect(alone).toBeGreaterThanOrEqual(perSecond * 2);
    expect(together).toBeLessThanOrEqual(perSecond * 3);
  });

  it('pauses both processes when one of them is told 429 with Retry-After', { timeout: 120_000 }, async () => {
    const [a, b] = await twoReplicas({ UPSTREAM_RETRIES: '0', CACHE_MUTABLE_TTL_MS: '0' });
    const telnyx = sandboxes.simulators.telnyx;
    const query = { query: '{ activeRooms(first: 5, provider: TELNYX) { totalCount } }' };
    await b.post(query);
    telnyx.injectFault({ kind: 'status', status: 429, headers: { 'retry-after': '2' } }, { times: 1 });
    const limited = await a.post(query);
    expect(limited.json.errors?.[0]?.extensions?.code).toBe('UPSTREAM_RATE_LIMITED');
    const pausedAt = Date.now();
    const seen = telnyx.calls.length;
    const answer = b.post(query);
    await sleep(1_200);
    expect(telnyx.calls.length, 'no call reaches Telnyx during the pause').toBe(seen);
    const { json } = await answer;
    expect(json.errors).toBeUndefined();
    expect(Date.now() - pausedAt).toBeGreaterThanOrEqual(1_000);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProviderName } from '../../src/domain/model.js';
import { SIMULATORS, startSandboxes, type Sandboxes } from '../../src/sandbox/sandboxes.js';
import type { PlugnmeetStore } from '../../src/sandbox/plugnmeet/plugnmeet-store.js';
import type { Simulator } from '../../src/sandbox/simulator.js';
import type { TelnyxSimulator } from '../../src/sandbox/telnyx/telnyx-simulator.js';
import type { VideosdkSimulator } from '../../src/sandbox/videosdk/videosdk-simulator.js';
import { toTelnyxTime } from '../../src/sandbox/telnyx/telnyx-store.js';
import { startRedisServer, type RedisServer } from '../support/redis-server.js';
import { createTestGateway, type TestGateway } from '../support/test-gateway.js';

let sandboxes: Sandboxes;
let redis: RedisServer;
const gateways: TestGateway[] = [];

beforeAll(async () => {
  [sandboxes, redis] = await Promise.all([startSandboxes(), startRedisServer()]);
});
afterAll(async () => {
  await Promise.all(gateways.map((gateway) => gateway.close()));
  await Promise.all([sandboxes?.close(), redis?.close()]);
});

function gatewayWith(env: Record<string, string>): TestGateway {
  const gateway = createTestGateway({ ...sandboxes.env, CACHE_ENABLED: 'true', ...env });
  gateways.push(gateway);
  return gateway;
}

function resetCalls(): void {
  for (const simulator of Object.values(sandboxes.simulators)) simulator.resetCalls();
}

/** The calls every simulator recorded, as `METHOD path`. */
function callsMade(): string[] {
  return Object.values(sandboxes.simulators).flatMap((simulator) => simulator.calls.map((call) => `${call.method} ${call.path}`));
}

function callCounts(): Record<ProviderName, number> {
  return Object.fromEntries(Object.entries(sandboxes.simulators).map(([name, simulator]) => [name, simulator.calls.length])) as Record<ProviderName, number>;
}

/**
 * Immutable facts only. A Telnyx past room's title is its room's current name, a mutable fact the
 * source reads with every past room: with no mutable TTL, that room listing is the one repeat.
 */
const ROOM_NAMES = ['GET /v2/rooms'];
const ENDED = `query Ended($ids: [ID!]!) { nodes(ids: $ids) { id ... on PastRoom { createdAt endedAt participantCount participants { id name presences { joinedAt leftAt } } } } }`;
const PAGE = `query Page($order: PastRoomOrder) { pastRooms(first: 5, orderBy: $order, filter: { provider: TELNYX }) { totalCount edges { node { sessionId endedAt } } } }`;

/** Two ended sessions of every provider, with their global ids. */
async function endedSessionIds(gateway: TestGateway): Promise<string[]> {
  const { json } = await gateway.post({ query: '{ pastRooms(first: 50) { edges { node { id provider endedAt } } } }' });
  const nodes = (json.data!.pastRooms as { edges: { node: { id: string; provider: string; endedAt: string | null } }[] }).edges.map((edge) => edge.node);
  // Settled: ended longer ago than the settle window (120 s by default); a session that just ended may still change.
  const settled = (node: { endedAt: string | null }) => node.endedAt !== null && Date.parse(node.endedAt) < Date.now() - 300_000;
  return ['PLUGNMEET', 'VIDEOSDK', 'TELNYX'].flatMap((provider) => nodes.filter((node) => node.provider === provider && settled(node)).slice(0, 2).map((node) => node.id));
}

/**
 * Ends a live session in a simulator now and answers its id. VideoSDK's is the one that has run
 * longest (started before the history index's delta margin, so only its memory of what was live finds it).
 */
const END_A_LIVE_SESSION = {
  TELNYX: () => {
    const live = (sandboxes.simulators.telnyx as TelnyxSimulator).store.sessions.find((session) => session.active)!;
    const now = toTelnyxTime(new Date());
    Object.assign(live, { active: false, ended_at: now, updated_at: now });
    return live.id;
  },
  VIDEOSDK: () => {
    const live = (sandboxes.simulators.videosdk as VideosdkSimulator).store.sessions.filter((session) => session.end === null).sort((a, b) => a.start.getTime() - b.start.getTime())[0]!;
    const now = new Date();
    live.end = now;
    for (const participant of live.participants) for (const segment of participant.timelog) segment.end ??= now;
    return live.id;
  },
  PLUGNMEET: () => {
    const store = (sandboxes.simulators.plugnmeet as Simulator & { store: PlugnmeetStore }).store;
    const live = store.runningSessions()[0]!;
    store.endRoom(live.roomId);
    return live.sid;
  },
};

describe('the cross-request cache', () => {
  it('answers a repeated read of ended sessions and their participants with no upstream call, even with no mutable TTL', async () => {
    const gateway = gatewayWith({ CACHE_MUTABLE_TTL_MS: '0' });
    const ids = await endedSessionIds(gateway);
    expect(ids).toHaveLength(6);
    const first = await gateway.post({ query: ENDED, variables: { ids } });
    expect(first.json.errors).toBeUndefined();
    resetCalls();
    const repeat = await gateway.post({ query: ENDED, variables: { ids } });
    expect(repeat.json).toEqual(first.json);
    expect(callsMade()).toEqual(ROOM_NAMES);
  });

  it('answers the same repeat with no upstream call at all within the mutable TTL', async () => {
    const gateway = gatewayWith({ CACHE_MUTABLE_TTL_MS: '60000' });
    const ids = await endedSessionIds(gateway);
    const query = ENDED.replace('createdAt', 'title createdAt');
    await gateway.post({ query, variables: { ids } });
    resetCalls();
    await gateway.post({ query, variables: { ids } });
    expect(callsMade()).toEqual([]);
  });

  it('makes identical reads of concurrent requests once', async () => {
    const gateway = gatewayWith({ CACHE_MUTABLE_TTL_MS: '0' });
    await gateway.post({ query: '{ rooms(first: 1) { totalCount } }' });
    resetCalls();
    const query = '{ activeRooms(first: 20) { edges { node { id participants { id } } } } }';
    const answers = await Promise.all(Array.from({ length: 8 }, () => gateway.post({ query })));
    for (const answer of answers) expect(answer.json).toEqual(answers[0]!.json);
    const alone = callCounts();
    resetCalls();
    await gateway.post({ query });
    expect(alone).toEqual(callCounts());
  });

  it('serves mutable facts for the TTL and forgets them when a room change is announced', async () => {
    const gateway = gatewayWith({ CACHE_MUTABLE_TTL_MS: '60000' });
    const query = '{ activeRooms(first: 20) { totalCount } }';
    await gateway.post({ query });
    resetCalls();
    await gateway.post({ query });
    expect(callCounts()).toEqual({ plugnmeet: 0, videosdk: 0, telnyx: 0 });
    gateway.gateway.roomChanges.announce({ provider: 'videosdk', roomId: 'any' });
    await gateway.post({ query });
    expect(callCounts()).toMatchObject({ plugnmeet: 0, telnyx: 0 });
    expect(callCounts().videosdk).toBeGreaterThan(0);
  });

  it('shows a room change on the next query once it is announced, through the data and the response cache alike', async () => {
    const gateway = gatewayWith({ CACHE_MUTABLE_TTL_MS: '60000' });
    const driver = SIMULATORS.telnyx.liveDriver(sandboxes.simulators.telnyx);
    const roomId = driver.idleRooms()[0]!;
    driver.startSession(roomId, new Date());
    const query = '{ activeRooms(first: 20, provider: TELNYX) { totalCount edges { node { roomId participants { name } } } } }';
    const namesIn = async () => {
      const { json } = await gateway.post({ query });
      const room = (json.data!.activeRooms as { edges: { node: { roomId: string; participants: { name: string }[] } }[] }).edges.find((edge) => edge.node.roomId === roomId);
      return room!.node.participants.map((person) => person.name);
    };
    expect(await namesIn()).toEqual([]);
    driver.join(roomId, 'Announced Guest', new Date());
    // Both caches hold the room without the guest for a minute...
    expect(await namesIn()).toEqual([]);
    gateway.gateway.roomChanges.announce({ provider: 'telnyx', roomId });
    // ...until the change is announced.
    expect(await namesIn()).toEqual(['Announced Guest']);
  });

  it.each(['TELNYX', 'VIDEOSDK', 'PLUGNMEET'] as const)('shows a %s session that ends upstream within the mutable TTL, with a true totalCount, in every order', async (provider) => {
    const ttlMs = 300;
    const gateway = gatewayWith({ CACHE_MUTABLE_TTL_MS: String(ttlMs) });
    const orders = ['CREATED_AT', 'ENDED_AT'].flatMap((field) => ['ASC', 'DESC'].map((direction) => ({ field, direction })));
    const read = async (order: (typeof orders)[number]) => {
      const { json } = await gateway.post({ query: PAGE.replace('TELNYX', provider), variables: { order } });
      expect(json.errors).toBeUndefined();
      return json.data!.pastRooms as { totalCount: number; edges: { node: { sessionId: string } }[] };
    };
    const before = await Promise.all(orders.map(read));
    const ended = END_A_LIVE_SESSION[provider]();
    await new Promise((resolve) => setTimeout(resolve, ttlMs + 50));
    const after = await Promise.all(orders.map(read));
    for (const [index, order] of orders.entries()) {
      expect(after[index]!.totalCount, `${order.field} ${order.direction}`).toBe(before[index]!.totalCount + 1);
    }
    // Newest by either field: first in DESC; the oldest creation time stays first in CREATED_AT ASC.
    expect(after[1]!.edges[0]!.node.sessionId === ended || after[3]!.edges[0]!.node.sessionId === ended).toBe(true);
    expect(after[3]!.edges[0]!.node.sessionId).toBe(ended);
  });

  it('reports the cache in /ready', async () => {
    const gateway = gatewayWith({});
    await gateway.post({ query: '{ rooms(first: 3) { totalCount } }' });
    const ready = (await (await gateway.gateway.yoga.fetch('http://gateway.test/ready')).json()) as { cache: { backend: string; status: string; stats: { misses: number } } };
    expect(ready.cache).toMatchObject({ backend: 'memory', status: 'up', enabled: true });
    expect(ready.cache.stats.misses).toBeGreaterThan(0);
  });

  it('keeps answering from the upstreams while Redis is down and caches again once it is back', async () => {
    const gateway = gatewayWith({ REDIS_URL: redis.url, CACHE_MUTABLE_TTL_MS: '0' });
    const ids = await endedSessionIds(gateway);
    const expected = (await gateway.post({ query: ENDED, variables: { ids } })).json;
    await redis.stop();
    for (let round = 0; round < 3; round += 1) {
      resetCalls();
      const { status, json } = await gateway.post({ query: ENDED, variables: { ids } });
      expect(status).toBe(200);
      expect(json).toEqual(expected);
      expect(callCounts().telnyx).toBeGreaterThan(0);
    }
    const down = (await (await gateway.gateway.yoga.fetch('http://gateway.test/ready')).json()) as { ready: boolean; cache: { status: string } };
    expect(down).toMatchObject({ ready: true, cache: { status: 'down' } });
    await redis.start();
    await expect.poll(async () => ((await (await gateway.gateway.yoga.fetch('http://gateway.test/ready')).json()) as { cache: { status: string } }).cache.status, { timeout: 5_000 }).toBe('up');
    await gateway.post({ query: ENDED, variables: { ids } });
    resetCalls();
    expect((await gateway.post({ query: ENDED, variables: { ids } })).json).toEqual(expected);
    expect(callsMade()).toEqual(ROOM_NAMES);
  });
});

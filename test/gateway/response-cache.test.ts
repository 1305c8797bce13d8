import { createHash } from 'node:crypto';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { createGateway, type Gateway } from '../../src/gateway.js';
import { SIMULATORS, startSandboxes, type Sandboxes } from '../../src/sandbox/sandboxes.js';
import type { LiveDriver } from '../../src/sandbox/live-driver.js';
import { subscribeSse } from '../support/sse-subscription.js';

// The whole-response cache (issue 12) on a real gateway over the sandbox simulators. Most tests set
// CACHE_MUTABLE_TTL_MS = RESPONSE_CACHE_TTL_MS, which leaves the data cache no mutable TTL: a query
// of live state then reaches the upstreams whenever it is not answered whole from the response cache.

let sandboxes: Sandboxes;
let telnyxDriver: LiveDriver;
const gateways: Gateway[] = [];

beforeAll(async () => {
  sandboxes = await startSandboxes();
  telnyxDriver = SIMULATORS.telnyx.liveDriver(sandboxes.simulators.telnyx);
});
afterAll(async () => {
  await Promise.all(gateways.map((gateway) => gateway.close()));
  await sandboxes?.close();
});
beforeEach(() => {
  for (const simulator of Object.values(sandboxes.simulators)) {
    simulator.resetCalls();
    simulator.clearFaults();
  }
});

const ALL_RESPONSE_TTL = { CACHE_ENABLED: 'true', CACHE_MUTABLE_TTL_MS: '60000', RESPONSE_CACHE_TTL_MS: '60000' };

function gatewayWith(env: Record<string, string>): Gateway {
  const gateway = createGateway(parseConfig({ LOG_LEVEL: 'silent', RATE_LIMIT_POINTS: '0', MUTATIONS_WITHOUT_AUTH: 'true', ...sandboxes.env, ...telnyxDriver.env, ...env }));
  gateways.push(gateway);
  return gateway;
}

/** The upstream calls made since the last reset, over every simulator. */
function upstreamCalls(): number {
  return Object.values(sandboxes.simulators).reduce((sum, simulator) => sum + simulator.calls.length, 0);
}

function resetCalls(): void {
  for (const simulator of Object.values(sandboxes.simulators)) simulator.resetCalls();
}

/** Posts a GraphQL request and returns the status and the body's exact text. */
async function postRaw(gateway: Gateway, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; text: string; headers: Headers }> {
  const response = await gateway.yoga.fetch('http://gateway.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, text: await response.text(), headers: response.headers };
}

type Answer = { data?: Record<string, any> | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };

async function post(gateway: Gateway, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  return JSON.parse((await postRaw(gateway, body, headers)).text) as Answer;
}

/** Posts, and counts the upstream calls the request made. */
async function counted(gateway: Gateway, body: unknown, headers: Record<string, string> = {}): Promise<{ answer: Answer; calls: number }> {
  resetCalls();
  const answer = await post(gateway, body, headers);
  return { answer, calls: upstreamCalls() };
}

/** A Telnyx room with a session that has just started (the gateway is not told). */
function startLiveRoom(): string {
  const roomId = telnyxDriver.idleRooms()[0]!;
  telnyxDriver.startSession(roomId, new Date());
  return roomId;
}

async function responseCacheReport(gateway: Gateway): Promise<{ enabled: boolean; ttlMs: number; stats: { hits: number; misses: number; entries: number } | null }> {
  const ready = (await (await gateway.yoga.fetch('http://gateway.test/ready')).json()) as { responseCache: never };
  return ready.responseCache;
}

const LIVE = { query: '{ activeRooms(first: 20) { totalCount edges { node { id roomId title participants { participantId name } } } } }' };
const TELNYX_LIVE = { query: '{ activeRooms(first: 20, provider: TELNYX) { totalCount edges { node { roomId participants { participantId name } } } } }' };

describe('the response cache', () => {
  it('answers a repeated query with no upstream call and the same bytes', async () => {
    const gateway = gatewayWith(ALL_RESPONSE_TTL);
    const query = { query: '{ pastRooms(first: 20) { totalCount edges { cursor node { id title createdAt endedAt participantCount } } } }' };
    resetCalls();
    const first = await postRaw(gateway, query);
    expect(upstreamCalls()).toBeGreaterThan(0);
    expect(JSON.parse(first.text).errors).toBeUndefined();
    resetCalls();
    const repeat = await postRaw(gateway, query);
    expect(upstreamCalls()).toBe(0);
    expect(repeat.status).toBe(200);
    expect(repeat.text).toBe(first.text);
    expect((await responseCacheReport(gateway)).stats).toMatchObject({ hits: 1, misses: 1, entries: 1 });
  });

  it('keeps each client\'s answers apart with client auth on', async () => {
    const secret = 'a-client-jwt-secret-of-at-least-32-characters';
    const gateway = gatewayWith({ ...ALL_RESPONSE_TTL, AUTH_JWT_SECRET: secret });
    const tokenOf = async (sub: string) =>
      `Bearer ${await new SignJWT({}).setSubject(sub).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('5m').sign(new TextEncoder().encode(secret))}`;
    const [ada, bob] = [{ authorization: await tokenOf('ada') }, { authorization: await tokenOf('bob') }];
    const first = await counted(gateway, LIVE, ada);
    expect(first.calls).toBeGreaterThan(0);
    expect((await counted(gateway, LIVE, ada)).calls).toBe(0);
    // Bob asks the same query: his answer is made for him, not taken from Ada's.
    const forBob = await counted(gateway, LIVE, bob);
    expect(forBob.calls).toBeGreaterThan(0);
    expect(forBob.answer).toEqual(first.answer);
    expect((await counted(gateway, LIVE, bob)).calls).toBe(0);
    // A new token of Ada's is still Ada (same subject).
    expect((await counted(gateway, LIVE, { authorization: await tokenOf('ada') })).calls).toBe(0);
    expect((await postRaw(gateway, LIVE)).status).toBe(401);
  });

  it('shares answers between clients with client auth off', async () => {
    const gateway = gatewayWith(ALL_RESPONSE_TTL);
    await post(gateway, LIVE, { 'x-forwarded-for': '10.0.0.1' });
    expect((await counted(gateway, LIVE, { 'x-forwarded-for': '10.0.0.2' })).calls).toBe(0);
  });

  it('never keeps an answer with a provider missing, and the next one after the fault clears is complete', async () => {
    const gateway = gatewayWith({ ...ALL_RESPONSE_TTL, UPSTREAM_RETRIES: '0' });
    sandboxes.simulators.telnyx.injectFault({ kind: 'status', status: 503 }, { times: Infinity });
    const partial = await post(gateway, LIVE);
    expect(partial.errors?.map((error) => [error.extensions?.code, error.extensions?.provider, error.extensions?.partial])).toEqual([['UPSTREAM_UNAVAILABLE', 'TELNYX', true]]);
    expect((await post(gateway, LIVE)).errors).toHaveLength(1);
    sandboxes.simulators.telnyx.clearFaults();
    const { answer, calls } = await counted(gateway, LIVE);
    expect(answer.errors).toBeUndefined();
    expect(calls).toBeGreaterThan(0);
    expect(answer.data!.activeRooms.totalCount).toBeGreaterThan(partial.data!.activeRooms.totalCount);
    expect((await counted(gateway, LIVE)).calls).toBe(0);
  });

  it('forgets every answer when a room change is announced, so the next query shows the change', async () => {
    const gateway = gatewayWith(ALL_RESPONSE_TTL);
    const roomId = startLiveRoom();
    const before = await post(gateway, TELNYX_LIVE);
    telnyxDriver.join(roomId, 'Late Comer', new Date());
    // The simulator changed, nobody told the gateway: the answer is the cached one.
    expect((await counted(gateway, TELNYX_LIVE)).answer).toEqual(before);
    gateway.roomChanges.announce({ provider: 'telnyx', roomId });
    const after = await counted(gateway, TELNYX_LIVE);
    expect(after.calls).toBeGreaterThan(0);
    const names = (answer: Answer) => answer.data!.activeRooms.edges.find((edge: any) => edge.node.roomId === roomId).node.participants.map((person: any) => person.name);
    expect(names(after.answer)).toContain('Late Comer');
    expect(names(before)).not.toContain('Late Comer');
  });

  it('shows a change announced by a verified webhook on the next query', async () => {
    const gateway = gatewayWith(ALL_RESPONSE_TTL);
    const roomId = startLiveRoom();
    const before = (await post(gateway, TELNYX_LIVE)).data!.activeRooms.totalCount as number;
    expect((await counted(gateway, TELNYX_LIVE)).calls).toBe(0);
    for (const event of telnyxDriver.endSession(roomId, new Date())) {
      const { body, headers } = await telnyxDriver.sign(event, '');
      expect((await gateway.yoga.fetch('http://gateway.test/webhooks/telnyx', { method: 'POST', headers, body })).status).toBe(200);
    }
    const after = await post(gateway, TELNYX_LIVE);
    expect(after.data!.activeRooms.totalCount).toBe(before - 1);
    expect(after.data!.activeRooms.edges.map((edge: any) => edge.node.roomId)).not.toContain(roomId);
  });

  it('does not keep an answer made while a room change was announced', async () => {
    const gateway = gatewayWith({ ...ALL_RESPONSE_TTL });
    sandboxes.simulators.telnyx.injectFault({ kind: 'latency', ms: 200 }, { times: 1 });
    const slow = post(gateway, TELNYX_LIVE);
    await new Promise((resolve) => setTimeout(resolve, 50));
    gateway.roomChanges.announce({ provider: 'telnyx', roomId: 'any' });
    expect((await slow).errors).toBeUndefined();
    expect((await counted(gateway, TELNYX_LIVE)).calls).toBeGreaterThan(0);
  });

  it('never caches a mutation, and a room-control mutation makes the next read show what it changed', async () => {
    const gateway = gatewayWith(ALL_RESPONSE_TTL);
    const roomId = startLiveRoom();
    expect((await post(gateway, TELNYX_LIVE)).data!.activeRooms.edges.map((edge: any) => edge.node.roomId)).toContain(roomId);
    const roomGlobalId = Buffer.from(`Room:telnyx/${encodeURIComponent(roomId)}`).toString('base64');
    const end = { query: 'mutation ($input: EndRoomInput!) { endRoom(input: $input) { completion userErrors { code } } }', variables: { input: { room: roomGlobalId } } };
    const ended = await counted(gateway, end);
    expect(ended.answer.data!.endRoom).toEqual({ completion: 'IMMEDIATE', userErrors: [] });
    expect(ended.calls).toBeGreaterThan(0);
    // The same mutation again reaches the upstream (and is refused there: the room is idle now).
    const again = await counted(gateway, end);
    expect(again.calls).toBeGreaterThan(0);
    expect(again.answer.data!.endRoom.userErrors).toEqual([{ code: 'ROOM_NOT_ACTIVE' }]);
    expect((await post(gateway, TELNYX_LIVE)).data!.activeRooms.edges.map((edge: any) => edge.node.roomId)).not.toContain(roomId);
  });

  it('reads again once the TTL has passed', async () => {
    const gateway = gatewayWith({ CACHE_ENABLED: 'true', CACHE_MUTABLE_TTL_MS: '200', RESPONSE_CACHE_TTL_MS: '200' });
    await post(gateway, LIVE);
    expect((await counted(gateway, LIVE)).calls).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect((await counted(gateway, LIVE)).calls).toBeGreaterThan(0);
  });

  it('is off with RESPONSE_CACHE_ENABLED=false or CACHE_ENABLED=false, and says so in /ready', async () => {
    const off = { enabled: false, backend: 'memory', ttlMs: 0, stats: null };
    const switchedOff = gatewayWith({ CACHE_ENABLED: 'true', RESPONSE_CACHE_ENABLED: 'false', CACHE_MUTABLE_TTL_MS: '0' });
    await post(switchedOff, LIVE);
    expect((await counted(switchedOff, LIVE)).calls).toBeGreaterThan(0);
    expect(await responseCacheReport(switchedOff)).toEqual(off);
    const allOff = gatewayWith({ CACHE_ENABLED: 'false', CACHE_MUTABLE_TTL_MS: '60000' });
    await post(allOff, LIVE);
    expect((await counted(allOff, LIVE)).calls).toBeGreaterThan(0);
    expect(await responseCacheReport(allOff)).toEqual(off);
    expect(await responseCacheReport(gatewayWith({}))).toMatchObject({ enabled: true, ttlMs: 1000 });
  });

  it('takes its TTL out of CACHE_MUTABLE_TTL_MS, so an answer is never older than that bound', () => {
    const cacheOf = (env: Record<string, string>) => parseConfig(env).cache;
    expect(cacheOf({})).toMatchObject({ mutableTtlMs: 1000, response: { enabled: true, ttlMs: 1000 } });
    expect(cacheOf({ CACHE_MUTABLE_TTL_MS: '3000', RESPONSE_CACHE_TTL_MS: '3000' })).toMatchObject({ mutableTtlMs: 0, response: { ttlMs: 3000 } });
    expect(cacheOf({ RESPONSE_CACHE_ENABLED: 'false' })).toMatchObject({ mutableTtlMs: 2000, response: { enabled: false } });
    expect(cacheOf({ CACHE_MUTABLE_TTL_MS: '0' })).toMatchObject({ mutableTtlMs: 0, response: { enabled: false } });
    expect(() => parseConfig({ RESPONSE_CACHE_TTL_MS: '2001' })).toThrow('RESPONSE_CACHE_TTL_MS must be an integer from 0 to 2000.');
  });

  it('counts hits and misses in the metrics', async () => {
    const gateway = gatewayWith(ALL_RESPONSE_TTL);
    await post(gateway, LIVE);
    await post(gateway, LIVE);
    const metrics = await (await gateway.yoga.fetch('http://gateway.test/metrics')).text();
    expect(metrics).toContain('roomgraph_response_cache{figure="hits"} 1');
    expect(metrics).toContain('roomgraph_response_cache{figure="misses"} 1');
  });
});

describe('the response cache and the limits', () => {
  it('still charges the per-client rate limit on a hit, and a refused request gets no cached answer', async () => {
    const gateway = gatewayWith({ ...ALL_RESPONSE_TTL, RATE_LIMIT_POINTS: '10', RATE_LIMIT_WINDOW_SECONDS: '60' });
    const small = { query: '{ activeRooms(first: 1) { totalCount } }' };
    const answers = [];
    for (let index = 0; index < 12; index += 1) answers.push(await counted(gateway, small));
    expect(answers[0]!.answer.errors).toBeUndefined();
    expect(answers[1]!.calls).toBe(0);
    const refused = answers.findIndex((entry) => entry.answer.errors?.[0]?.extensions?.code === 'RATE_LIMITED');
    expect(refused).toBeGreaterThan(1);
    expect(answers[refused]!.answer.data).toBeUndefined();
  });

  it('answers `_service` only to the router even after the router\'s answer was cached', async () => {
    const routerSecret = 'a-router-secret-of-at-least-32-characters';
    const gateway = gatewayWith({ ...ALL_RESPONSE_TTL, INTROSPECTION: 'false', ROUTER_SECRET: routerSecret });
    const service = { query: '{ _service { sdl } }' };
    expect((await post(gateway, service, { 'x-router-secret': routerSecret })).data?._service.sdl).toContain('type Room');
    expect((await post(gateway, service, { 'x-router-secret': routerSecret })).data?._service.sdl).toContain('type Room');
    const stranger = await post(gateway, service);
    expect(stranger.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
  });

  it('runs the client\'s own document, so a query at the breadth limit is not refused for what the cache adds to it', async () => {
    // `{ providers { provider } }` has a breadth of 2; the plugin's `__typename` additions would make it 4.
    const gateway = gatewayWith({ ...ALL_RESPONSE_TTL, MAX_QUERY_BREADTH: '2' });
    const query = { query: '{ providers { provider } }' };
    const first = await post(gateway, query);
    expect(first.errors).toBeUndefined();
    expect(first.data!.providers).toHaveLength(3);
    expect(await post(gateway, query)).toEqual(first);
    expect((await responseCacheReport(gateway)).stats).toMatchObject({ hits: 1 });
  });

  it('keys automatic persisted queries by their document, so two hashes never share an answer', async () => {
    const gateway = gatewayWith(ALL_RESPONSE_TTL);
    const persisted = (query: string) => ({ extensions: { persistedQuery: { version: 1, sha256Hash: createHash('sha256').update(query).digest('hex') } } });
    const queries = ['{ activeRooms(first: 20, provider: TELNYX) { totalCount } }', '{ providers { provider } }'];
    const registered = [];
    for (const query of queries) registered.push(await post(gateway, { query, ...persisted(query) }));
    expect(registered[0]!.data!.activeRooms.totalCount).toBe(telnyxDriver.liveRooms().length);
    expect(registered[1]!.data!.providers).toHaveLength(3);
    for (const [index, query] of queries.entries()) {
      const byHash = await counted(gateway, persisted(query));
      expect(byHash.answer).toEqual(registered[index]);
      expect(byHash.calls).toBe(0);
    }
    expect((await responseCacheReport(gateway)).stats).toMatchObject({ hits: 2, misses: 2 });
  });
});

describe('the response cache beside streams', () => {
  const DEFERRED = {
    query: `query Split { fast: activeRooms(provider: PLUGNMEET) { totalCount } ... @defer(label: "telnyx") { slow: activeRooms(provider: TELNYX) { totalCount } } }`,
  };

  it('leaves @defer answers incremental and uncached', async () => {
    const gateway = gatewayWith(ALL_RESPONSE_TTL);
    for (let round = 0; round < 2; round += 1) {
      resetCalls();
      const { status, text, headers } = await postRaw(gateway, DEFERRED, { accept: 'multipart/mixed' });
      expect(status).toBe(200);
      expect(headers.get('content-type')).toMatch(/^multipart\/mixed/);
      expect(text).toContain('"hasNext":true');
      expect(text).toMatch(/"incremental":\[\{"data":\{"slow":\{"totalCount":\d+\}\}/);
      expect(upstreamCalls()).toBeGreaterThan(0);
    }
    expect((await responseCacheReport(gateway)).stats).toMatchObject({ hits: 0, misses: 0, entries: 0 });
  });

  it('delivers every subscription event with the room as it is then', async () => {
    const gateway = gatewayWith(ALL_RESPONSE_TTL);
    const roomId = startLiveRoom();
    const subscription = await subscribeSse(
      async (url, init) => gateway.yoga.fetch(url, init),
      'http://gateway.test/graphql',
      'subscription ($roomIds: [String!]) { roomEvents(filter: { provider: TELNYX, roomIds: $roomIds }) { kind room { participants { name } } } }',
      { roomIds: [roomId] },
    );
    const names = ['First Guest', 'Second Guest'];
    const received: { kind: string; room: { participants: { name: string }[] } }[] = [];
    const reading = (async () => {
      for await (const result of subscription.results) {
        if (!result.data) throw new Error(JSON.stringify(result));
        received.push(result.data.roomEvents as never);
        if (received.length === names.length) break;
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 50));
    for (const [index, name] of names.entries()) {
      // A query between events leaves an answer in the response cache; the next event's room read does not use it.
      await post(gateway, TELNYX_LIVE);
      for (const event of telnyxDriver.join(roomId, name, new Date())) {
        const { body, headers } = await telnyxDriver.sign(event, '');
        expect((await gateway.yoga.fetch('http://gateway.test/webhooks/telnyx', { method: 'POST', headers, body })).status).toBe(200);
      }
      await expect.poll(() => received.length).toBe(index + 1);
    }
    await reading;
    subscription.close();
    expect(received.map((event) => event.kind)).toEqual(['PARTICIPANT_JOINED', 'PARTICIPANT_JOINED']);
    expect(received[0]!.room.participants.map((person) => person.name)).toContain('First Guest');
    expect(received[0]!.room.participants.map((person) => person.name)).not.toContain('Second Guest');
    expect(received[1]!.room.participants.map((person) => person.name)).toEqual(expect.arrayContaining(names));
  });
});

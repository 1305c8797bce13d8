import { openScope } from '../support/source-scope.js';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { UpstreamError } from '../../src/domain/errors.js';
import type { PastRoomKey } from '../../src/domain/keys.js';
import type { PastRoomOrder } from '../../src/domain/ordering.js';
import type { PastRoomFilter, PastRoomRead, PastRoomSlice, VideoProvider } from '../../src/domain/provider.js';
import type { UpstreamOptions } from '../../src/providers/http/upstream-options.js';
import { createVideosdkTokenSource } from '../../src/providers/videosdk/videosdk-auth.js';
import { createUpstreamHttp } from '../../src/providers/http/upstream-http.js';
import { createVideosdkClient, describeVideosdkError, isNoSuchId, type VideosdkClient } from '../../src/providers/videosdk/videosdk-client.js';
import { createVideosdkProvider, DEFAULT_VIDEOSDK_PAGE_SIZE, VIDEOSDK_CAPABILITIES, type VideosdkConfig } from '../../src/providers/videosdk/videosdk-provider.js';
import { parseParticipantsPage, parseRoomPage } from '../../src/providers/videosdk/videosdk-wire.js';
import { VIDEOSDK_DEMO_PAST_SESSIONS } from '../../src/sandbox/videosdk/videosdk-seed.js';
import { startVideosdkSimulator, type VideosdkSimulator } from '../../src/sandbox/videosdk/videosdk-simulator.js';
import type { VideosdkSimParticipant, VideosdkSimSession } from '../../src/sandbox/videosdk/videosdk-store.js';

// Retries are proven in upstream-http.test.ts; here each injected fault must surface as it is.
const UPSTREAM: UpstreamOptions = {
  timeouts: { connectMs: 2_000, headersMs: 5_000, bodyMs: 5_000 },
  resilience: { ...parseConfig({}).upstreamResilience, retries: 0 },
  bounds: parseConfig({}).upstreamBounds,
};
const ALL: PastRoomFilter = { roomIds: null, createdAt: null };
const ASC: PastRoomOrder = { field: 'CREATED_AT', direction: 'ASC' };
const DESC: PastRoomOrder = { field: 'CREATED_AT', direction: 'DESC' };
const UNKNOWN_SESSION = '0123456789abcdef01234567';
/** The pages of the demo's ended-session list at the gateway's page size (each one call). */
const ENDED_LIST_PAGES = Math.ceil(VIDEOSDK_DEMO_PAST_SESSIONS / DEFAULT_VIDEOSDK_PAGE_SIZE);

let sim: VideosdkSimulator;
let provider: VideoProvider;
const extraProviders: VideoProvider[] = [];
const closers: (() => Promise<void>)[] = [];

function configOf(simulator: VideosdkSimulator, overrides: Partial<VideosdkConfig> = {}): VideosdkConfig {
  const env = simulator.env;
  const credentials = { apiUrl: env.VIDEOSDK_API_URL!, apiKey: env.VIDEOSDK_API_KEY!, apiSecret: env.VIDEOSDK_API_SECRET! };
  return { ...credentials, pageSize: DEFAULT_VIDEOSDK_PAGE_SIZE, ...overrides };
}

/** A client of one simulator with its own pool, as a provider makes one per request; closed after the test file. */
function clientFor(simulator: VideosdkSimulator, pageSize: number): VideosdkClient {
  const config = configOf(simulator);
  const http = createUpstreamHttp({ provider: 'videosdk', baseUrl: config.apiUrl, ...UPSTREAM, describeErrorBody: describeVideosdkError });
  closers.push(() => http.close());
  const tokens = createVideosdkTokenSource(config);
  return createVideosdkClient(http.withSignal(new AbortController().signal), tokens, { pageSize, bounds: UPSTREAM.bounds, signal: new AbortController().signal });
}

function providerFor(config: VideosdkConfig): VideoProvider {
  const created = createVideosdkProvider(config, UPSTREAM);
  extraProviders.push(created);
  return created;
}

/** A read of the whole stream from its start, with the given changes. */
function readOf(changes: Partial<PastRoomRead> = {}): PastRoomRead {
  return { filter: ALL, order: ASC, direction: 'forward', after: null, inclusive: false, count: 10, ...changes };
}

function idsOf(slice: PastRoomSlice): string[] {
  return slice.items.map((item) => item.pastRoom.sessionId);
}

function keyOf(session: VideosdkSimSession): PastRoomKey {
  return { provider: 'videosdk', roomId: session.roomId, sessionId: session.id };
}

function connectedIds(session: VideosdkSimSession): string[] {
  const connected = (participant: VideosdkSimParticipant) => participant.timelog.at(-1)!.end === null;
  return session.participants.filter(connected).map((participant) => participant.participantId);
}

const endedSessions = () => sim.store.sessions.filter((session) => session.end !== null);
const liveSessions = () => sim.store.sessions.filter((session) => session.end === null);

/** The oracle: ended sessions straight from the simulator's store, filtered and sorted here. */
function expectedIds(order: PastRoomOrder, keep: (session: VideosdkSimSession) => boolean = () => true): string[] {
  const time = (session: VideosdkSimSession) => (order.field === 'CREATED_AT' ? session.start : session.end!).getTime();
  const sorted = endedSessions()
    .filter(keep)
    .sort((a, b) => time(a) - time(b) || (a.id < b.id ? -1 : 1));
  return (order.direction === 'ASC' ? sorted : sorted.reverse()).map((session) => session.id);
}

/** Reads a whole stream page by page, each page in a new request (a new source), as clients do. */
async function readAll(read: Partial<PastRoomRead>): Promise<{ ids: string[]; totals: number[] }> {
  const ids: string[] = [];
  const totals = new Set<number>();
  let after: string | null = null;
  for (;;) {
    const slice = await provider.createSource(openScope()).readPastRooms(readOf({ ...read, after }));
    ids.push(...idsOf(slice));
    totals.add(slice.totalCount);
    if (!slice.hasMore) return { ids, totals: [...totals] };
    after = slice.items.at(-1)!.position;
  }
}

async function failureOf(promise: Promise<unknown>): Promise<UpstreamError> {
  const error = await promise.then(
    () => null,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(UpstreamError);
  return error as UpstreamError;
}

beforeAll(async () => {
  sim = await startVideosdkSimulator();
  provider = createVideosdkProvider(configOf(sim), UPSTREAM);
});

beforeEach(() => sim.resetCalls());

afterAll(async () => {
  await Promise.all([provider, ...extraProviders].map((each) => each.close()));
  await Promise.all(closers.map((close) => close()));
  await sim.close();
});

describe('past rooms as a sorted stream', () => {
  it('reads CREATED_AT ASC in exact order across small pages with no gap or duplicate', async () => {
    const { ids, totals } = await readAll({ order: ASC, count: 7 });
    expect(ids).toEqual(expectedIds(ASC));
    expect(totals).toEqual([VIDEOSDK_DEMO_PAST_SESSIONS]);
  });

  it('reads CREATED_AT DESC in exact order across small pages', async () => {
    expect((await readAll({ order: DESC, count: 5 })).ids).toEqual(expectedIds(DESC));
  });

  it('reads backwards as the exact reverse of reading forwards', async () => {
    expect((await readAll({ order: ASC, direction: 'backward', count: 6 })).ids).toEqual(expectedIds(ASC).reverse());
    expect((await readAll({ order: DESC, direction: 'backward', count: 9 })).ids).toEqual(expectedIds(DESC).reverse());
  });

  it('breaks ties between sessions that started at the same instant by session id, and orders by ENDED_AT', async () => {
    const starts = sim.store.sessions.map((session) => session.start.getTime());
    expect(new Set(starts).size).toBeLessThan(starts.length);
    const byEnd: PastRoomOrder = { field: 'ENDED_AT', direction: 'DESC' };
    expect((await readAll({ order: byEnd, count: 8 })).ids).toEqual(expectedIds(byEnd));
  });

  it('includes the item at the position when the read is inclusive', async () => {
    const source = provider.createSource(openScope());
    const first = await source.readPastRooms(readOf({ order: DESC, count: 3 }));
    const again = await source.readPastRooms(readOf({ order: DESC, after: first.items[2]!.position, inclusive: true, count: 2 }));
    expect(idsOf(again)).toEqual(expectedIds(DESC).slice(2, 4));
  });

  it('keeps positions valid when sessions are added between reads', async () => {
    const first = await provider.createSource(openScope()).readPastRooms(readOf({ order: DESC, count: 4 }));
    const roomId = sim.store.rooms[1]!.roomId;
    const newest = sim.store.addSession({ roomId, start: new Date(), end: new Date(Date.now() + 60_000), participants: [] });
    const old = { start: new Date('2020-01-01T00:00:00Z'), end: new Date('2020-01-01T01:00:00Z') };
    const oldest = sim.store.addSession({ roomId, ...old, participants: [] });
    try {
      const rest = await provider.createSource(openScope()).readPastRooms(readOf({ order: DESC, after: first.items[3]!.position, count: 100 }));
      expect([...idsOf(first), ...idsOf(rest).slice(0, -1)]).toEqual(expectedIds(DESC).slice(1, -1));
      expect(idsOf(rest).at(-1)).toBe(oldest.id);
      expect(idsOf(rest)).not.toContain(newest.id);
      expect(rest.totalCount).toBe(VIDEOSDK_DEMO_PAST_SESSIONS + 2);
    } finally {
      sim.store.sessions.splice(sim.store.sessions.indexOf(newest), 1);
      sim.store.sessions.splice(sim.store.sessions.indexOf(oldest), 1);
    }
  });

  it('filters by room ids exactly, and counts the matches, with the fewest list calls', async () => {
    const roomIds = [sim.store.rooms[0]!.roomId, sim.store.rooms[4]!.roomId, 'zzzz-zzzz-zzzz'];
    const filter = { roomIds, createdAt: null };
    const { ids, totals } = await readAll({ filter, count: 4 });
    const expected = expectedIds(ASC, (session) => roomIds.includes(session.roomId));
    expect(ids).toEqual(expected);
    expect(totals).toEqual([expected.length]);
    sim.resetCalls();
    await provider.createSource(openScope()).readPastRooms(readOf({ filter }));
    // Three rooms: one read of every ended session (all its pages) beats a list per room.
    const pages = sim.calls.map((call) => `${call.query.roomId} ${call.query.status} ${call.query.page}`);
    expect(pages.sort()).toEqual(Array.from({ length: ENDED_LIST_PAGES }, (_, index) => `undefined ended ${index + 1}`));
    sim.resetCalls();
    await provider.createSource(openScope()).readPastRooms(readOf({ filter: { roomIds: roomIds.slice(0, 2), createdAt: null } }));
    const asked = sim.calls.map((call) => `${call.query.roomId} ${call.query.status}`);
    expect(asked.sort()).toEqual(roomIds.slice(0, 2).map((roomId) => `${roomId} ended`).sort());
  });

  it('filters createdAt with `from` inclusive and `to` exclusive', async () => {
    const tiedStart = sim.store.sessions[12]!.start.getTime();
    const tied = sim.store.sessions.filter((session) => session.start.getTime() === tiedStart);
    expect(tied).toHaveLength(2);
    const [from, to] = [tied[0]!.start, sim.store.sessions[3]!.start];
    const { ids, totals } = await readAll({ filter: { roomIds: null, createdAt: { from, to } }, order: DESC, count: 3 });
    expect(ids).toEqual(expectedIds(DESC, (session) => session.start >= from && session.start < to));
    expect(ids).toEqual(expect.arrayContaining(tied.map((session) => session.id)));
    expect(ids).not.toContain(sim.store.sessions[3]!.id);
    expect(totals).toEqual([ids.length]);
  });

  it('fetches the pages after the first once the last page is known', async () => {
    const small = await startVideosdkSimulator({ maxPerPage: 20 });
    try {
      const slice = await providerFor(configOf(small)).createSource(openScope()).readPastRooms(readOf({ count: 100 }));
      expect(slice.items).toHaveLength(VIDEOSDK_DEMO_PAST_SESSIONS);
      expect(small.calls.map((call) => [call.query.page, call.query.perPage, call.query.status])).toEqual([
        ['1', '20', 'ended'],
        ['2', '20', 'ended'],
        ['3', '20', 'ended'],
      ]);
    } finally {
      await small.close();
    }
  });
});

describe('rooms and participants', () => {
  it('turns timelog segments into presences sorted by start, first join and last leave', async () => {
    const session = endedSessions().find((candidate) => candidate.participants[0]!.timelog.length === 3)!;
    const [participants] = await provider.createSource(openScope()).loadPastRoomParticipants([keyOf(session)]);
    const { participantId, name, timelog } = session.participants[0]!;
    const rejoined = participants!.find((participant) => participant.participantId === participantId)!;
    expect(rejoined.presences).toEqual(timelog.map((segment) => ({ joinedAt: segment.start, leftAt: segment.end })));
    expect(rejoined).toMatchObject({ joinedAt: timelog[0]!.start, leftAt: timelog[2]!.end, name });
  });

  it('lists active rooms with their connected participants, open presences included', async () => {
    const source = provider.createSource(openScope());
    const rooms = await source.listActiveRooms();
    const live = liveSessions();
    const summary = rooms.map((room) => [room.roomId, room.activeSessionId, room.isActive]);
    expect(summary.sort()).toEqual(live.map((session) => [session.roomId, session.id, true]).sort());
    const room = rooms.find((candidate) => candidate.activeSessionId === live[0]!.id)!;
    expect(room.participants!.map((participant) => participant.participantId)).toEqual(connectedIds(live[0]!));
    const back = room.participants!.find((participant) => participant.presences.length === 2)!;
    expect([back.leftAt, back.presences[1]!.leftAt]).toEqual([null, null]);
    const calls = sim.calls.length;
    expect(await source.loadLiveParticipants(rooms.map((each) => each.roomId))).toEqual(rooms.map((each) => each.participants));
    expect(await source.loadRooms(rooms.map((each) => each.roomId))).toEqual(rooms);
    expect(sim.calls.length).toBe(calls);
  });

  it('loads rooms titled by customRoomId, and an idle room with nobody in it', async () => {
    const [named, idle] = [sim.store.rooms[0]!, sim.store.rooms[6]!];
    const [first, second, unknown] = await provider.createSource(openScope()).loadRooms([named.roomId, idle.roomId, 'zzzz-zzzz-zzzz']);
    expect(first).toMatchObject({ roomId: named.roomId, title: named.customRoomId, createdAt: named.createdAt, isActive: true });
    expect(second).toEqual({
      provider: 'videosdk',
      roomId: idle.roomId,
      title: idle.roomId,
      isActive: false,
      createdAt: idle.createdAt,
      updatedAt: idle.updatedAt,
      activeSessionId: null,
      parentRoomId: null,
      participants: [],
    });
    expect(unknown).toBeNull();
  });

  it('reads every page of a live session\'s connected participants', async () => {
    const small = await startVideosdkSimulator({ maxPerPage: 2 });
    try {
      const client = clientFor(small, 2);
      const live = small.store.sessions.find((session) => session.end === null && connectedIds(session).length > 1)!;
      const active = await client.getAllActiveParticipants(live.id);
      expect(active).toMatchObject({ roomId: live.roomId });
      expect(active!.participants.map((participant) => participant.participantId)).toEqual(connectedIds(live));
      const paths = small.calls.map((call) => `${call.path.replace(`/v2/sessions/${live.id}`, '')} ${call.query.page} ${call.query.perPage}`);
      expect(paths).toEqual(['/participants/active 1 2', '/participants/active 2 2']);
      expect(await client.getAllActiveParticipants(UNKNOWN_SESSION)).toBeNull();
    } finally {
      await small.close();
    }
  });

  it('parses object- and array-shaped participants data, an empty array, and a page without pageInfo', () => {
    const call = { provider: 'videosdk' as const, method: 'GET', path: '/v2/sessions/x/participants/active' };
    const timelog = [{ start: '2024-01-01T00:00:00.000Z', end: null }];
    const document = { id: 's1', roomId: 'r1', participants: [{ participantId: 'p1', name: 'Ann', timelog }] };
    const pageInfo = { currentPage: 1, perPage: 20, lastPage: 1, total: 1 };
    const participants = [{ participantId: 'p1', name: 'Ann', timelog: [{ start: new Date(timelog[0]!.start), end: null }] }];
    const expected = { pageInfo, roomId: 'r1', participants };
    expect(parseParticipantsPage({ pageInfo, data: document }, call)).toEqual(expected);
    const { id, ...rest } = document;
    expect(parseParticipantsPage({ pageInfo, data: [{ _id: id, ...rest }] }, call)).toEqual(expected);
    // No pageInfo (the older rendering): one page, as the SDK defaults it.
    const unpaged = { currentPage: 1, perPage: 1, lastPage: null, total: null };
    expect(parseParticipantsPage({ data: document }, call)).toEqual({ ...expected, pageInfo: unpaged });
    const empty = parseParticipantsPage({ pageInfo: { ...pageInfo, total: 0 }, data: [] }, call);
    expect(empty).toMatchObject({ roomId: null, participants: [] });
    expect(() => parseParticipantsPage({ pageInfo, data: { ...document, participants: [{ name: 'x' }] } }, call)).toThrow(
      'VideoSDK GET /v2/sessions/x/participants/active failed: malformed body: body.data.participants[0].participantId is not an id',
    );
  });
});

describe('priming and call counts', () => {
  it('serves sessions and participants seen in a list with no further call', async () => {
    const source = provider.createSource(openScope());
    const slice = await source.readPastRooms(readOf({ order: DESC }));
    expect(sim.calls).toHaveLength(ENDED_LIST_PAGES);
    const keys = slice.items.map(({ pastRoom: { roomId, sessionId } }): PastRoomKey => ({ provider: 'videosdk', roomId, sessionId }));
    expect((await source.loadPastRooms(keys)).map((pastRoom) => pastRoom?.sessionId)).toEqual(idsOf(slice));
    const lists = await source.loadPastRoomParticipants(keys);
    expect(lists.map((list) => list?.length)).toEqual(slice.items.map(({ pastRoom }) => pastRoom.participantCount));
    const participantKeys = lists.map((list, index) => ({ ...keys[index]!, participantId: list![0]!.participantId }));
    const participants = await source.loadParticipants(participantKeys);
    expect(participants.map((participant) => participant?.participantId)).toEqual(participantKeys.map((key) => key.participantId));
    const oneRoom = { roomIds: [keys[0]!.roomId], createdAt: { from: new Date(0), to: null } };
    await source.readPastRooms(readOf({ filter: oneRoom, direction: 'backward', count: 3 }));
    expect(sim.calls).toHaveLength(ENDED_LIST_PAGES);
  });

  it('loads a past room by id with one call, and then its participants with none', async () => {
    const session = endedSessions()[0]!;
    const source = provider.createSource(openScope());
    const [pastRoom] = await source.loadPastRooms([keyOf(session)]);
    const participantCount = session.participants.length;
    expect(pastRoom).toMatchObject({ sessionId: session.id, createdAt: session.start, endedAt: session.end, participantCount });
    await source.loadPastRoomParticipants([keyOf(session)]);
    await source.loadParticipants([{ ...keyOf(session), participantId: session.participants[0]!.participantId }]);
    expect(sim.calls.map((call) => call.path)).toEqual([`/v2/sessions/${session.id}`]);
  });
});

describe('unknown ids', () => {
  it('answers null for unknown rooms, sessions and participants', async () => {
    const source = provider.createSource(openScope());
    const [ended, live] = [endedSessions()[0]!, liveSessions()[0]!];
    expect(await source.loadRooms(['zzzz-zzzz-zzzz'])).toEqual([null]);
    const keys = [
      { ...keyOf(ended), sessionId: UNKNOWN_SESSION },
      { ...keyOf(ended), sessionId: 'not-a-session' },
      { ...keyOf(ended), roomId: 'zzzz-zzzz-zzzz' },
      keyOf(live),
    ];
    expect(await source.loadPastRooms(keys)).toEqual([null, null, null, null]);
    expect(await source.loadPastRoomParticipants(keys)).toEqual([null, null, null, null]);
    const participantKeys = [keyOf(ended), keys[0]!].map((key) => ({ ...key, participantId: 'nobody00' }));
    expect(await source.loadParticipants(participantKeys)).toEqual([null, null]);
    expect(await source.loadLiveParticipants([sim.store.rooms[6]!.roomId, 'zzzz-zzzz-zzzz'])).toEqual([[], []]);
  });
});

describe('errors', () => {
  it('reports a wrong secret as UPSTREAM_UNAUTHORIZED naming VideoSDK, without secret or token', async () => {
    const secret = 'wrong-secret-value-1234';
    const error = await failureOf(providerFor(configOf(sim, { apiSecret: secret })).createSource(openScope()).listActiveRooms());
    expect(error.code).toBe('UPSTREAM_UNAUTHORIZED');
    expect(error.message).toBe('VideoSDK GET /v2/sessions failed: Token is invalid or expired');
    const everything = JSON.stringify({ message: error.message, extensions: error.extensions, stack: error.stack });
    expect(everything).not.toContain(secret);
    expect(everything).not.toMatch(/eyJ[\w-]+\./);
  });

  it('reports a stopped simulator as UPSTREAM_UNAVAILABLE', async () => {
    const stopped = await startVideosdkSimulator();
    await stopped.close();
    const error = await failureOf(providerFor(configOf(stopped)).createSource(openScope()).loadRooms(['abcd-efgh-ijkl']));
    expect(error.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(error.message).toContain('VideoSDK');
  });

  it('reports 429 as UPSTREAM_RATE_LIMITED with its retry-after', async () => {
    sim.injectFault({ kind: 'status', status: 429, body: { message: 'Too many requests' }, headers: { 'retry-after': '3' } });
    const error = await failureOf(provider.createSource(openScope()).listActiveRooms());
    expect([error.code, error.retryAfterSeconds, error.message]).toEqual([
      'UPSTREAM_RATE_LIMITED',
      3,
      'VideoSDK GET /v2/sessions failed: Too many requests',
    ]);
  });

  it('reports a 5xx as UPSTREAM_UNAVAILABLE', async () => {
    sim.injectFault({ kind: 'status', status: 503, body: 'upstream connect error' });
    expect((await failureOf(provider.createSource(openScope()).loadRooms(['abcd-efgh-ijkl']))).code).toBe('UPSTREAM_UNAVAILABLE');
  });

  it('reports a malformed body as UPSTREAM_BAD_RESPONSE naming the bad field', async () => {
    const pageInfo = { currentPage: 1, perPage: 100, lastPage: 1, total: 1 };
    sim.injectFault({ kind: 'status', status: 200, body: { pageInfo, data: [{ id: 'x', roomId: 'r', start: 'yesterday' }] } });
    const error = await failureOf(provider.createSource(openScope()).readPastRooms(readOf()));
    expect(error.code).toBe('UPSTREAM_BAD_RESPONSE');
    expect(error.message).toBe('VideoSDK GET /v2/sessions failed: malformed body: body.data[0].start is not an ISO 8601 timestamp');
    sim.injectFault({ kind: 'status', status: 200, body: '<html>gateway</html>' });
    const key = { provider: 'videosdk' as const, roomId: 'r', sessionId: UNKNOWN_SESSION };
    expect((await failureOf(provider.createSource(openScope()).loadPastRooms([key]))).code).toBe('UPSTREAM_BAD_RESPONSE');
  });
});

describe('the REST token', () => {
  it('carries the crawler claims and is reused until 60 s before it expires', async () => {
    let now = 1_800_000_000_000;
    const tokens = createVideosdkTokenSource({ apiKey: 'key', apiSecret: 'secret' }, { lifetimeSeconds: 600, now: () => now });
    const first = await tokens.token();
    const claims = { apikey: 'key', permissions: ['allow_join', 'allow_mod'], version: 2, roles: ['crawler'] };
    expect(decodeJwt(first)).toEqual({ ...claims, iat: 1_800_000_000, exp: 1_800_000_600 });
    now += 539_000;
    expect(await tokens.token()).toBe(first);
    now += 1_000;
    const second = await tokens.token();
    expect(second).not.toBe(first);
    expect(decodeJwt(second)).toMatchObject({ iat: 1_800_000_540, exp: 1_800_001_140 });
  });
});

/** A provider over a simulator of its own, with its page size and read bounds changed. */
function providerOver(simulator: VideosdkSimulator, config: Partial<VideosdkConfig> = {}, bounds: Partial<UpstreamOptions['bounds']> = {}) {
  const created = createVideosdkProvider(configOf(simulator, config), { ...UPSTREAM, bounds: { ...UPSTREAM.bounds, ...bounds } });
  extraProviders.push(created);
  return created;
}

async function withSimulator<T>(options: Parameters<typeof startVideosdkSimulator>[0], run: (simulator: VideosdkSimulator) => Promise<T>): Promise<T> {
  const simulator = await startVideosdkSimulator(options);
  try {
    return await run(simulator);
  } finally {
    await simulator.close();
  }
}

describe('refused parameters and unknown ids (audit V1)', () => {
  it('surfaces a refused perPage as UPSTREAM_REJECTED naming VideoSDK and the call, never as an empty list', async () => {
    await withSimulator({ maxPerPage: 10 }, async (small) => {
      const source = providerOver(small).createSource(openScope());
      const roomIds = [small.store.rooms[0]!.roomId];
      const error = await failureOf(source.readPastRooms(readOf({ filter: { roomIds, createdAt: null } })));
      expect([error.code, error.status, error.message]).toEqual([
        'UPSTREAM_REJECTED',
        400,
        'VideoSDK GET /v2/sessions failed: "perPage" must be less than or equal to 10',
      ]);
      expect(error.extensions).toMatchObject({ provider: 'VIDEOSDK', upstream: { method: 'GET', path: '/v2/sessions', status: 400 } });
      expect((await failureOf(source.listActiveRooms())).code).toBe('UPSTREAM_REJECTED');
      const live = small.store.sessions.find((session) => session.end === null)!;
      expect((await failureOf(clientFor(small, 20).getAllActiveParticipants(live.id))).code).toBe('UPSTREAM_REJECTED');
    });
  });

  it('reads the pages of a smaller page size when one is configured', async () => {
    await withSimulator({ maxPerPage: 10 }, async (small) => {
      const slice = await providerOver(small, { pageSize: 10 }).createSource(openScope()).readPastRooms(readOf({ count: 100 }));
      expect(slice.totalCount).toBe(VIDEOSDK_DEMO_PAST_SESSIONS);
      expect(small.calls.map((call) => call.query.perPage)).toEqual(Array(Math.ceil(VIDEOSDK_DEMO_PAST_SESSIONS / 10)).fill('10'));
    });
  });

  it('rejects a 400 on a call naming an id unless its words say the id is unknown or invalid', async () => {
    const client = clientFor(sim, DEFAULT_VIDEOSDK_PAGE_SIZE);
    const roomId = sim.store.rooms[0]!.roomId;
    sim.injectFault({ kind: 'status', status: 400, body: { message: '"status" must be one of [ongoing, ended]' } });
    const error = await failureOf(client.getRoom(roomId));
    expect([error.code, error.message]).toEqual(['UPSTREAM_REJECTED', `VideoSDK GET /v2/rooms/${roomId} failed: "status" must be one of [ongoing, ended]`]);
    sim.injectFault({ kind: 'status', status: 400, body: { message: 'Validation failed' } });
    expect((await failureOf(client.listAllSessions({ roomId, status: 'ended' }))).code).toBe('UPSTREAM_REJECTED');
    sim.injectFault({ kind: 'status', status: 400, body: { message: 'RoomId is invalid.' } });
    expect(await client.getRoom(roomId)).toBeNull();
    sim.injectFault({ kind: 'status', status: 402, body: { message: 'Room not found.' } });
    expect(await client.listAllSessions({ roomId, status: 'ended' })).toEqual([]);
  });

  it('tells "no such id" answers from refusals by status and words', () => {
    const call = { provider: 'videosdk' as const, method: 'GET', path: '/v2/sessions/invalid-session-id' };
    const failure = (status: number, words: string) => new UpstreamError('UPSTREAM_REJECTED', call, words, status);
    expect([404, 402].map((status) => isNoSuchId(failure(status, 'HTTP')))).toEqual([true, true]);
    const words = ['Invalid sessionId.', 'Room not found.', 'RoomId is invalid.', 'Session not found', 'invalid room id'];
    expect(words.map((text) => isNoSuchId(failure(400, text)))).toEqual(words.map(() => true));
    const refusals = ['"perPage" must be less than or equal to 50', 'Invalid perPage', 'HTTP 400', 'Validation failed'];
    expect(refusals.map((text) => isNoSuchId(failure(400, text)))).toEqual(refusals.map(() => false));
    expect([isNoSuchId(failure(401, 'Room not found.')), isNoSuchId(new Error('Room not found.'))]).toEqual([false, false]);
  });
});

describe('page metadata as tolerant as the official SDK (audit V2)', () => {
  const call = { provider: 'videosdk' as const, method: 'GET', path: '/v2/rooms' };
  const room = { roomId: 'abcd-efgh-ijkl', id: '623d42d472498060cccb51f2' };

  it('reads pageInfo, its page/totalPages names, a pagination object, no metadata and a bare array', () => {
    const read = (body: unknown) => parseRoomPage(body, call).pageInfo;
    expect(read({ pageInfo: { currentPage: 2, perPage: 1, lastPage: 5, total: 5 }, data: [room] })).toEqual({ currentPage: 2, perPage: 1, lastPage: 5, total: 5 });
    expect(read({ pageInfo: { page: 2, perPage: 1, totalPages: 5 }, data: [room] })).toEqual({ currentPage: 2, perPage: 1, lastPage: 5, total: null });
    expect(read({ pagination: { page: 3, perPage: 2, totalPages: 4, total: 7 }, data: [room] })).toEqual({ currentPage: 3, perPage: 2, lastPage: 4, total: 7 });
    expect(read({ data: [room, room] })).toEqual({ currentPage: 1, perPage: 2, lastPage: null, total: null });
    expect(parseRoomPage([room], call)).toMatchObject({ pageInfo: { currentPage: 1, perPage: 1, lastPage: null, total: null }, data: [{ roomId: room.roomId }] });
  });

  it('takes the defaults for values that are not numbers, and refuses numbers that cannot be counts', () => {
    const read = (pageInfo: unknown) => parseRoomPage({ pageInfo, data: [room] }, call).pageInfo;
    expect(read({ currentPage: '2', perPage: '20', lastPage: '3', total: null })).toEqual({ currentPage: 1, perPage: 1, lastPage: null, total: null });
    expect(() => read({ currentPage: 1, perPage: 20, lastPage: -1, total: 1 })).toThrow('malformed body: body.pageInfo.lastPage is not a count');
    expect(() => read({ currentPage: 1, perPage: 20, lastPage: 1, total: 1.5 })).toThrow('malformed body: body.pageInfo.total is not a count');
    expect(() => parseRoomPage({ pageInfo: {} }, call)).toThrow('malformed body: body.data is not an array');
  });

  it('walks every page a pagination object announces', async () => {
    const rooms = sim.store.rooms.map((each) => ({ roomId: each.roomId, id: each.id }));
    sim.injectFault({ kind: 'status', status: 200, body: { pagination: { page: 1, perPage: 20, totalPages: 2, total: 21 }, data: rooms } });
    const listed = await clientFor(sim, DEFAULT_VIDEOSDK_PAGE_SIZE).listAllRooms();
    expect(listed.map((each) => each.roomId)).toEqual(rooms.map((each) => each.roomId));
    expect(sim.calls.filter((call) => call.path === '/v2/rooms').map((call) => call.query.page)).toEqual(['1', '2']);
  });
});

describe('live sessions and open segments (audit V3, V4)', () => {
  it('takes the newest ongoing session of a room as its live one, whatever the list order', async () => {
    for (const listOrder of ['newest-first', 'scrambled'] as const) {
      await withSimulator({ staleOngoingSession: true, listOrder }, async (stale) => {
        const roomId = stale.store.sessions.find((session) => session.participants.some((each) => each.name === 'Ghost'))!.roomId;
        const ongoing = stale.store.sessions.filter((session) => session.roomId === roomId && session.end === null);
        expect(ongoing).toHaveLength(2);
        const newest = ongoing.reduce((a, b) => (a.start > b.start ? a : b));
        const source = providerOver(stale).createSource(openScope());
        const room = (await source.listActiveRooms()).find((candidate) => candidate.roomId === roomId)!;
        expect(room.activeSessionId).toBe(newest.id);
        expect(room.participants!.map((participant) => participant.name)).not.toContain('Ghost');
        expect((await source.loadRooms([roomId]))[0]!.activeSessionId).toBe(newest.id);
        const [live] = await source.loadLiveParticipants([roomId]);
        expect(live!.map((participant) => participant.sessionId)).toEqual(live!.map(() => newest.id));
      });
    }
  });

  it('closes the open segments of an ended session at its end, in lists and by id', async () => {
    const room = sim.store.rooms[3]!;
    const start = new Date('2024-03-01T10:00:00.000Z');
    const end = new Date('2024-03-01T11:00:00.000Z');
    const session = sim.store.addSession({
      roomId: room.roomId,
      start,
      end,
      participants: [{ name: 'Open', timelog: [{ start, end: new Date('2024-03-01T10:10:00.000Z') }, { start: new Date('2024-03-01T10:20:00.000Z'), end: null }] }],
    });
    try {
      const participantId = session.participants[0]!.participantId;
      const expected = { joinedAt: start, leftAt: end, presences: [{ joinedAt: start, leftAt: new Date('2024-03-01T10:10:00.000Z') }, { joinedAt: new Date('2024-03-01T10:20:00.000Z'), leftAt: end }] };
      const listed = await provider.createSource(openScope()).readPastRooms(readOf({ filter: { roomIds: [room.roomId], createdAt: null }, count: 100 }));
      expect(listed.items.find((item) => item.pastRoom.sessionId === session.id)!.pastRoom.participants![0]).toMatchObject(expected);
      const [byId] = await provider.createSource(openScope()).loadPastRoomParticipants([keyOf(session)]);
      expect(byId![0]).toMatchObject(expected);
      const [one] = await provider.createSource(openScope()).loadParticipants([{ ...keyOf(session), participantId }]);
      expect(one).toMatchObject(expected);
    } finally {
      sim.store.sessions.splice(sim.store.sessions.indexOf(session), 1);
    }
  });
});

describe('pushed-down time windows (audit V7)', () => {
  it('sends a widened startDate/endDate with a createdAt range, and still filters exactly', async () => {
    const [from, to] = [sim.store.sessions[20]!.start, sim.store.sessions[3]!.start].sort((a, b) => a.getTime() - b.getTime()) as [Date, Date];
    const { ids } = await readAll({ filter: { roomIds: null, createdAt: { from, to } }, count: 100 });
    expect(ids).toEqual(expectedIds(ASC, (session) => session.start >= from && session.start < to));
    expect(sim.calls.map((call) => [call.query.startDate, call.query.endDate])).toContainEqual([String(from.getTime() - 1000), String(to.getTime() + 1000)]);
    expect(sim.calls.length).toBeLessThan(ENDED_LIST_PAGES);
    sim.resetCalls();
    await provider.createSource(openScope()).readPastRooms(readOf({ filter: { roomIds: [sim.store.rooms[0]!.roomId], createdAt: { from, to: null } } }));
    expect(sim.calls.map((call) => [call.query.roomId, call.query.startDate, call.query.endDate])).toEqual([
      [sim.store.rooms[0]!.roomId, String(from.getTime() - 1000), undefined],
    ]);
    expect(VIDEOSDK_CAPABILITIES.nativeCreatedAtFilter).toBe(false);
  });
});

describe('bounded by-id lookups and the request signal', () => {
  const randomIds = (count: number) => Array.from({ length: count }, (_, index) => index.toString(16).padStart(24, 'a'));

  it('answers hundreds of session ids with the session lists, not a call per id', async () => {
    const known = endedSessions().slice(0, 5).map(keyOf);
    const keys = [...known, ...randomIds(300).map((sessionId) => ({ provider: 'videosdk' as const, roomId: known[0]!.roomId, sessionId }))];
    const source = provider.createSource(openScope());
    const pastRooms = await source.loadPastRooms(keys);
    expect(pastRooms.slice(0, 5).map((pastRoom) => pastRoom?.sessionId)).toEqual(known.map((key) => key.sessionId));
    expect(pastRooms.slice(5).every((pastRoom) => pastRoom === null)).toBe(true);
    const participants = await source.loadParticipants(keys.map((key) => ({ ...key, participantId: 'nobody00' })));
    expect(participants.every((participant) => participant === null)).toBe(true);
    expect(sim.calls.length).toBeLessThanOrEqual(ENDED_LIST_PAGES + 1);
    sim.resetCalls();
    const rooms = await provider.createSource(openScope()).loadRooms(randomIds(200).map((id) => `room-${id}`));
    expect(rooms.every((room) => room === null)).toBe(true);
    expect(sim.calls.length).toBeLessThanOrEqual(2);
  });

  it('looks a few ids up one by one when the lists are longer than a read may fetch, and refuses many', async () => {
    const limited = providerOver(sim, { pageSize: 10 }, { maxPages: 4 });
    const keys = endedSessions().slice(0, 4).map(keyOf);
    const found = await limited.createSource(openScope()).loadPastRooms(keys);
    expect(found.map((pastRoom) => pastRoom?.sessionId)).toEqual(keys.map((key) => key.sessionId));
    expect(sim.calls.filter((call) => /^\/v2\/sessions\/\w+$/.test(call.path))).toHaveLength(4);
    const error = await failureOf(limited.createSource(openScope()).loadPastRooms(endedSessions().slice(0, 5).map(keyOf)));
    expect(error.code).toBe('UPSTREAM_LIMIT_EXCEEDED');
  });

  it('makes no call for a request that has already ended, and stops a call in flight when it ends', async () => {
    const ended = new AbortController();
    ended.abort();
    await expect(provider.createSource({ signal: ended.signal }).readPastRooms(readOf())).rejects.toThrow();
    expect(sim.calls).toHaveLength(0);
    sim.injectFault({ kind: 'hang' });
    const request = new AbortController();
    const started = Date.now();
    const read = provider.createSource({ signal: request.signal }).listActiveRooms();
    setTimeout(() => request.abort(), 100);
    await expect(read).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(UPSTREAM.timeouts.headersMs);
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { UpstreamError } from '../../src/domain/errors.js';
import type { PastRoomOrder } from '../../src/domain/ordering.js';
import type { PastRoomFilter, PastRoomRead, VideoProvider } from '../../src/domain/provider.js';
import type { ReadBounds, UpstreamOptions } from '../../src/providers/http/upstream-options.js';
import { toPlugnmeetAuthHeaders } from '../../src/providers/plugnmeet/plugnmeet-auth.js';
import { createPlugnmeetProvider, type PlugnmeetConfig } from '../../src/providers/plugnmeet/plugnmeet-provider.js';
import { startPlugnmeetSimulator } from '../../src/sandbox/plugnmeet/plugnmeet-simulator.js';
import { recordCallRounds } from '../support/call-rounds.js';
import { openScope } from '../support/source-scope.js';

type PlugnmeetSimulator = Awaited<ReturnType<typeof startPlugnmeetSimulator>>;

// Retries are proven in upstream-http.test.ts; here each answer must surface as it is.
const UPSTREAM: UpstreamOptions = {
  timeouts: { connectMs: 2_000, headersMs: 5_000, bodyMs: 5_000 },
  resilience: { ...parseConfig({}).upstreamResilience, retries: 0 },
  bounds: parseConfig({}).upstreamBounds,
};
const ALL: PastRoomFilter = { roomIds: null, createdAt: null };
const END_DELAY_MS = 400;
/** A demo room stranded as running by a crash (fidelity-audit P3): DB row running, no NATS entry. */
const CRASHED = 'office-hours';

let sim: PlugnmeetSimulator;
let provider: VideoProvider;
const extra: VideoProvider[] = [];

const configOf = (simulator: PlugnmeetSimulator): PlugnmeetConfig => ({
  url: simulator.url,
  apiKey: simulator.env.PLUGNMEET_API_KEY!,
  apiSecret: simulator.env.PLUGNMEET_API_SECRET!,
});
const providerWith = (bounds: Partial<ReadBounds>) => {
  const made = createPlugnmeetProvider(configOf(sim), { ...UPSTREAM, bounds: { ...UPSTREAM.bounds, ...bounds } });
  extra.push(made);
  return made;
};
const source = () => provider.createSource(openScope());
const pastRoomCalls = () => sim.calls.filter((call) => call.path === '/auth/room/fetchPastRooms');

beforeAll(async () => {
  sim = await startPlugnmeetSimulator({ endRoomDelayMs: END_DELAY_MS });
  sim.store.crashRoom(CRASHED);
  provider = createPlugnmeetProvider(configOf(sim), UPSTREAM);
});
afterAll(async () => {
  await Promise.all([provider, ...extra].map((each) => each.close()));
  await sim.close();
});
beforeEach(() => sim.resetCalls());

/** The oracle: every row but those of live sessions (running with a NATS entry), in insertion order. */
function expectedSids(direction: 'ASC' | 'DESC', roomIds: readonly string[] | null = null): string[] {
  const rows = sim.store
    .sessions()
    .filter((row) => !(row.endedAt === null && sim.store.roomStatus(row.roomId) !== null))
    .filter((row) => !roomIds || roomIds.includes(row.roomId));
  const sids = rows.map((row) => row.sid);
  return direction === 'ASC' ? sids : sids.reverse();
}

/** Reads a whole stream in pages of `count`, each page with a new source (a new request), in stream order. */
async function readAll(order: PastRoomOrder, direction: 'forward' | 'backward', count: number, filter = ALL) {
  const sids: string[] = [];
  const totals = new Set<number>();
  let after: string | null = null;
  for (let guard = 0; guard < 200; guard += 1) {
    const read: PastRoomRead = { filter, order, direction, after, inclusive: false, count };
    const slice = await source().readPastRooms(read);
    const page = slice.items.map((item) => item.pastRoom.sessionId);
    if (direction === 'forward') sids.push(...page);
    else sids.unshift(...page.reverse());
    totals.add(slice.totalCount);
    if (!slice.hasMore) return { sids, totals };
    after = slice.items.at(-1)!.position;
  }
  throw new Error('the stream did not end');
}

async function failureOf(promise: Promise<unknown>): Promise<UpstreamError> {
  const error = await promise.then(() => null, (failure: unknown) => failure);
  expect(error).toBeInstanceOf(UpstreamError);
  return error as UpstreamError;
}

describe('plugNmeet past rooms read natively', () => {
  for (const orderDirection of ['ASC', 'DESC'] as const) {
    for (const [direction, count] of [['forward', 7], ['backward', 7], ['forward', 1], ['backward', 100]] as const) {
      it(`pages ${direction} by CREATED_AT ${orderDirection} ${count} at a time exactly, the stale row included and counted`, async () => {
        const { sids, totals } = await readAll({ field: 'CREATED_AT', direction: orderDirection }, direction, count);
        const expected = expectedSids(orderDirection);
        expect(expected).toContain(sim.store.runningSession(CRASHED)!.sid);
        expect(sids).toEqual(expected);
        expect([...totals]).toEqual([expected.length]);
      });
    }
  }

  it('gives the stale session as a past room with no end and no participant figure, while live sessions stay out', async () => {
    const slice = await source().readPastRooms({ filter: { roomIds: [CRASHED, 'weekly-standup'], createdAt: null }, order: { field: 'CREATED_AT', direction: 'DESC' }, direction: 'forward', after: null, inclusive: false, count: 100 });
    const stale = slice.items.find((item) => item.pastRoom.sessionId === sim.store.runningSession(CRASHED)!.sid)!.pastRoom;
    expect(stale).toMatchObject({ roomId: CRASHED, endedAt: null, participantCount: null });
    expect(slice.items.map((item) => item.pastRoom.sessionId)).not.toContain(sim.store.runningSession('weekly-standup')!.sid);
    expect(slice.items.every((item) => item.pastRoom.participantCount === null)).toBe(true);
    expect(slice.totalCount).toBe(expectedSids('DESC', [CRASHED, 'weekly-standup']).length);
    const [room] = await source().loadRooms([CRASHED]);
    expect(room).toMatchObject({ isActive: false, activeSessionId: null, participants: [] });
  });

  it('orders by ENDED_AT in the gateway with the same exact total, the stale session last ascending', async () => {
    const { sids, totals } = await readAll({ field: 'ENDED_AT', direction: 'ASC' }, 'forward', 9);
    expect(sids.at(-1)).toBe(sim.store.runningSession(CRASHED)!.sid);
    expect([...totals]).toEqual([expectedSids('ASC').length]);
  });
});

describe('plugNmeet bounds', () => {
  it('reads a position beyond the end of an ascending stream with one call', async () => {
    const slice = await source().readPastRooms({ filter: ALL, order: { field: 'CREATED_AT', direction: 'ASC' }, direction: 'forward', after: 'p:999999999', inclusive: false, count: 10 });
    expect(slice).toMatchObject({ items: [], hasMore: false, totalCount: expectedSids('ASC').length });
    expect(pastRoomCalls()).toHaveLength(1);
  });

  it('reads the newest rows before a position beyond the end with two calls, not one per missing page', async () => {
    const slice = await source().readPastRooms({ filter: ALL, order: { field: 'CREATED_AT', direction: 'DESC' }, direction: 'forward', after: 'p:999999999', inclusive: false, count: 3 });
    expect(slice.items.map((item) => item.pastRoom.sessionId)).toEqual(expectedSids('DESC').slice(0, 3));
    expect(pastRoomCalls()).toHaveLength(2);
  });

  it('stops a scan at UPSTREAM_MAX_PAGES calls', async () => {
    const tight = providerWith({ maxPages: 1 });
    // 100 items need two calls of at most 100 rows each: one more than allowed.
    const read: PastRoomRead = { filter: ALL, order: { field: 'CREATED_AT', direction: 'ASC' }, direction: 'forward', after: null, inclusive: false, count: 100 };
    sim.store.clear();
    try {
      for (let index = 0; index < 120; index += 1) {
        sim.store.addPastSession({ roomId: `bulk-${index}`, createdAt: new Date(Date.UTC(2026, 0, 1, 0, index)), endedAt: new Date(Date.UTC(2026, 0, 1, 1, index)) });
      }
      expect((await failureOf(tight.createSource(openScope()).readPastRooms(read))).code).toBe('UPSTREAM_LIMIT_EXCEEDED');
      expect(pastRoomCalls()).toHaveLength(1);
      sim.resetCalls();
      expect((await failureOf(tight.createSource(openScope()).listRooms({ name: null, createdAt: null, updatedAt: null }))).code).toBe('UPSTREAM_LIMIT_EXCEEDED');
      expect(pastRoomCalls()).toHaveLength(1);
      sim.resetCalls();
      // 120 idle rooms, newest first: every call finds the 100 newest rooms still missing.
      const rooms = await providerWith({ maxPages: 3 }).createSource(openScope()).loadRooms(Array.from({ length: 120 }, (_, index) => `bulk-${index}`));
      expect(rooms.every((room) => room !== null)).toBe(true);
      expect(pastRoomCalls()).toHaveLength(2);
      sim.resetCalls();
      const unknown = Array.from({ length: 50 }, (_, index) => `nobody-${index}`);
      expect(await source().loadRooms(unknown)).toEqual(unknown.map(() => null));
      expect(pastRoomCalls()).toHaveLength(1);
    } finally {
      sim.store.clear();
      await restartDemo();
    }
  });

  it('reads every row of a read ordered here in one round once the provider knows how many pages they fill', async () => {
    const fresh = providerWith({});
    const read: PastRoomRead = { filter: ALL, order: { field: 'ENDED_AT', direction: 'ASC' }, direction: 'forward', after: null, inclusive: false, count: 10 };
    sim.store.clear();
    sim.injectFault({ kind: 'latency', ms: 150 }, { times: Infinity, path: '/auth/room/fetchPastRooms' });
    try {
      for (let index = 0; index < 250; index += 1) {
        sim.store.addPastSession({ roomId: `bulk-${index}`, createdAt: new Date(Date.UTC(2026, 0, 1, 0, index)), endedAt: new Date(Date.UTC(2026, 0, 1, 5, index)) });
      }
      const rounds = async () => {
        const timeline = recordCallRounds({ plugnmeet: sim });
        expect((await fresh.createSource(openScope()).readPastRooms(read)).totalCount).toBe(250);
        timeline.stop();
        return timeline.calls().filter((call) => call.url === '/auth/room/fetchPastRooms').map((call) => call.round);
      };
      expect(await rounds()).toEqual([1, 2, 2]);
      expect(await rounds()).toEqual([1, 1, 1]);
    } finally {
      sim.clearFaults();
      sim.store.clear();
      await restartDemo();
    }
  });

  it('makes no call for a request that has already ended', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(provider.createSource({ signal: controller.signal }).listActiveRooms()).rejects.toThrow();
    expect(sim.calls).toHaveLength(0);
  });
});

describe('plugNmeet live rooms', () => {
  it('leaves recorder bots and hidden users out of the people, and keeps those still connecting', async () => {
    const rooms = await source().listActiveRooms();
    const hall = rooms.find((room) => room.roomId === 'town-hall')!;
    const listed = sim.store.runningSession('town-hall')!.participants;
    expect(listed.map((person) => person.identity)).toContain('RECORDER_BOT');
    expect(hall.participants!.map((person) => person.userId)).toEqual(listed.filter((person) => !person.hidden && person.identity !== 'RECORDER_BOT').map((person) => person.identity));
    expect(hall.participants).toHaveLength(4);
    const [bot] = await source().loadParticipants([{ provider: 'plugnmeet', roomId: 'town-hall', sessionId: hall.activeSessionId!, participantId: listed.find((person) => person.identity === 'RECORDER_BOT')!.sid }]);
    expect(bot).toBeNull();
  });

  it('links a breakout room to its parent, live or past, and keeps it as a room of its own', async () => {
    const [breakout, parent] = await source().loadRooms(['town-hall-1', 'town-hall']);
    expect(breakout).toMatchObject({ roomId: 'town-hall-1', isActive: true, parentRoomId: 'town-hall' });
    expect(parent).toMatchObject({ roomId: 'town-hall', parentRoomId: null });
    const past = await source().readPastRooms({ filter: { roomIds: ['all-hands-1', 'all-hands-2'], createdAt: null }, order: { field: 'CREATED_AT', direction: 'ASC' }, direction: 'forward', after: null, inclusive: false, count: 10 });
    expect(past.items.map((item) => item.pastRoom.roomId)).toEqual(['all-hands-1', 'all-hands-2']);
    const listed = await source().listRooms({ name: null, createdAt: null, updatedAt: null });
    expect(listed.map((room) => room.roomId)).toEqual(expect.arrayContaining(['town-hall-1', 'all-hands-1', 'all-hands-2']));
  });

  it('keeps an ending room live and out of past rooms until the server has ended it', async () => {
    sim.store.startRoom({ roomId: 'ending', roomTitle: 'Ending', participants: [{ identity: 'zoe' }] });
    const sid = sim.store.runningSession('ending')!.sid;
    const body = JSON.stringify({ room_id: 'ending' });
    const reply = await fetch(`${sim.url}/auth/room/endRoom`, { method: 'POST', body, headers: { 'content-type': 'application/json', ...toPlugnmeetAuthHeaders(body, configOf(sim)) } });
    expect(await reply.json()).toMatchObject({ status: true });
    const pastOf = async () => (await source().readPastRooms({ filter: { roomIds: ['ending'], createdAt: null }, order: { field: 'CREATED_AT', direction: 'DESC' }, direction: 'forward', after: null, inclusive: false, count: 5 }));
    const [during] = await source().loadRooms(['ending']);
    expect(during).toMatchObject({ isActive: true, activeSessionId: sid });
    expect(await pastOf()).toMatchObject({ items: [], totalCount: 0 });
    expect(await source().loadPastRooms([{ provider: 'plugnmeet', roomId: 'ending', sessionId: sid }])).toEqual([null]);
    await new Promise((resolve) => setTimeout(resolve, END_DELAY_MS + 150));
    const [after] = await source().loadRooms(['ending']);
    expect(after).toMatchObject({ isActive: false, activeSessionId: null });
    const ended = await pastOf();
    expect(ended.totalCount).toBe(1);
    expect(ended.items[0]!.pastRoom).toMatchObject({ sessionId: sid, endedAt: expect.any(Date) });
  });
});

/** Puts the demo data back (with the stale room) after a test that replaced it. */
async function restartDemo(): Promise<void> {
  await sim.close();
  sim = await startPlugnmeetSimulator({ endRoomDelayMs: END_DELAY_MS });
  sim.store.crashRoom(CRASHED);
  await provider.close();
  provider = createPlugnmeetProvider(configOf(sim), UPSTREAM);
}

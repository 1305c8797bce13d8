import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PastRoomKey } from '../../src/domain/keys.js';
import { comparePastRooms, type PastRoomOrder } from '../../src/domain/ordering.js';
import type { PastRoomFilter, PastRoomRead } from '../../src/domain/provider.js';
import { toContextName } from '../../src/providers/telnyx/telnyx-mapping.js';
import type { TelnyxProvider } from '../../src/providers/telnyx/telnyx-provider.js';
import type { TelnyxSourceOptions } from '../../src/providers/telnyx/telnyx-source.js';
import { TELNYX_DEMO_PAST_SESSIONS } from '../../src/sandbox/telnyx/telnyx-seed.js';
import { startTelnyxSimulator, type TelnyxSimulator } from '../../src/sandbox/telnyx/telnyx-simulator.js';
import type { StoredSession } from '../../src/sandbox/telnyx/telnyx-store.js';
import { recordCallRounds } from '../support/call-rounds.js';
import { openScope } from '../support/source-scope.js';
import { createTelnyxTestbed, type TelnyxTestbed } from '../support/telnyx-testbed.js';

/** The Telnyx source against its simulator: the past-room stream, batching and priming, lookups by id. */

const ALL: PastRoomFilter = { roomIds: null, createdAt: null };
const ORDERS: PastRoomOrder[] = [
  { field: 'CREATED_AT', direction: 'ASC' },
  { field: 'CREATED_AT', direction: 'DESC' },
  { field: 'ENDED_AT', direction: 'ASC' },
];
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const DAY = 86_400_000;

let sim: TelnyxSimulator;
let testbed: TelnyxTestbed;
let provider: TelnyxProvider;

/** A source of a provider of its own, tuned (e.g. small pages to exercise paging). */
const tunedSource = (source: TelnyxSourceOptions) => testbed.provider({ source }).createSource(openScope());

beforeAll(async () => {
  sim = await startTelnyxSimulator();
  testbed = createTelnyxTestbed(sim);
  provider = testbed.provider();
});
afterAll(async () => {
  await testbed.close();
  await sim.close();
});
beforeEach(() => sim.resetCalls());

/** The oracle: ended sessions straight from the simulator's store, filtered and sorted here. */
function expectedIds(order: PastRoomOrder, keep: (session: StoredSession) => boolean = () => true): string[] {
  const ended = sim.store.sessions.filter((session) => !session.active && keep(session));
  const time = (session: StoredSession) => Date.parse(order.field === 'CREATED_AT' ? session.created_at : session.ended_at!);
  ended.sort((a, b) => time(a) - time(b) || (a.id < b.id ? -1 : 1));
  return (order.direction === 'ASC' ? ended : ended.reverse()).map((session) => session.id);
}

/** Reads a whole stream in pages of `count`, each page in a new request (a new source), as clients do. */
async function readAll(read: Omit<PastRoomRead, 'after' | 'inclusive' | 'count'>, count = 7) {
  const ids: string[] = [];
  const totals = new Set<number>();
  let after: string | null = null;
  for (;;) {
    const slice = await provider.createSource(openScope()).readPastRooms({ ...read, count, after, inclusive: false });
    ids.push(...slice.items.map((item) => item.pastRoom.sessionId));
    totals.add(slice.totalCount);
    if (!slice.hasMore) return { ids, totals };
    after = slice.items.at(-1)!.position;
  }
}

const calls = (path: string) => sim.calls.filter((call) => call.path === `/v2${path}`);
const roomByName = (name: string) => sim.store.rooms.find((room) => room.unique_name === name)!;
const keyOf = (session: StoredSession): PastRoomKey => ({ provider: 'telnyx', roomId: session.room_id, sessionId: session.id });
const endedSessions = () => sim.store.sessions.filter((session) => !session.active);

describe('past rooms as a sorted stream', () => {
  it('reads every order exactly, forwards and backwards, in small pages with no gap or duplicate', async () => {
    for (const order of ORDERS) {
      const expected = expectedIds(order);
      expect(expected).toHaveLength(TELNYX_DEMO_PAST_SESSIONS);
      const forward = await readAll({ filter: ALL, order, direction: 'forward' });
      expect(forward.ids).toEqual(expected);
      expect([...forward.totals]).toEqual([TELNYX_DEMO_PAST_SESSIONS]);
      const backward = await readAll({ filter: ALL, order, direction: 'backward' }, 5);
      expect(backward.ids).toEqual([...expected].reverse());
    }
  });

  it('agrees with comparePastRooms and resumes inclusively from a position', async () => {
    const source = provider.createSource(openScope());
    const order: PastRoomOrder = { field: 'CREATED_AT', direction: 'DESC' };
    const whole = await source.readPastRooms({ filter: ALL, order, direction: 'forward', after: null, inclusive: false, count: 100 });
    const pastRooms = whole.items.map((item) => item.pastRoom);
    expect(pastRooms).toEqual([...pastRooms].sort(comparePastRooms(order)));
    expect(whole.hasMore).toBe(false);
    const tenth = whole.items[9]!;
    const resumed = await source.readPastRooms({ filter: ALL, order, direction: 'forward', after: tenth.position, inclusive: true, count: 2 });
    expect(resumed.items.map((item) => item.pastRoom.sessionId)).toEqual([tenth.pastRoom.sessionId, whole.items[10]!.pastRoom.sessionId]);
    expect(tenth.position.length).toBeLessThan(60);
  });

  it('applies one room id and a createdAt range exactly, pushing down filter[room_id] and the covering days', async () => {
    const sessionsOf = (roomId: string) => endedSessions().filter((session) => session.room_id === roomId);
    const room = [...sim.store.rooms].sort((a, b) => sessionsOf(b.id).length - sessionsOf(a.id).length)[0]!;
    const own = sessionsOf(room.id).sort((a, b) => a.created_at.localeCompare(b.created_at));
    expect(own.length).toBeGreaterThanOrEqual(7);
    const from = new Date(Date.parse(own[1]!.created_at) + 1);
    const to = new Date(Date.parse(own.at(-2)!.created_at));
    const filter: PastRoomFilter = { roomIds: [room.id], createdAt: { from, to } };
    const order: PastRoomOrder = { field: 'CREATED_AT', direction: 'ASC' };
    const { ids, totals } = await readAll({ filter, order, direction: 'forward' }, 2);
    const expected = expectedIds(order, (s) => s.room_id === room.id && Date.parse(s.created_at) >= from.getTime() && Date.parse(s.created_at) < to.getTime());
    expect(ids).toEqual(expected);
    expect(expected.length).toBe(own.length - 4);
    // The upstream's day filter lets own[1] through (same day as `from`); only the exact range drops it.
    expect(own[1]!.created_at.slice(0, 10)).toBe(from.toISOString().slice(0, 10));
    expect([...totals]).toEqual([expected.length]);
    // One day wider at each end, whatever way Telnyx compares a timestamp with a date (audit T1).
    expect(calls('/room_sessions')[0]!.query).toEqual({
      'filter[active]': 'false',
      'filter[room_id]': room.id,
      'filter[date_created_at][gte]': toDay(from.getTime() - DAY),
      'filter[date_created_at][lte]': toDay(to.getTime() - 1 + DAY),
      include_participants: 'true',
      'page[size]': '250',
      'page[number]': '1',
    });
  });

  it('filters several room ids on its side and answers no room ids without a call', async () => {
    const rooms = [roomByName('all-hands').id, roomByName('sales-demo').id, 'not-a-telnyx-id'];
    const order: PastRoomOrder = { field: 'ENDED_AT', direction: 'DESC' };
    const { ids } = await readAll({ filter: { roomIds: rooms, createdAt: null }, order, direction: 'forward' }, 4);
    expect(ids).toEqual(expectedIds(order, (session) => rooms.includes(session.room_id)));
    expect(calls('/room_sessions').every((call) => !('filter[room_id]' in call.query))).toBe(true);
    sim.resetCalls();
    for (const roomIds of [[], ['not-a-telnyx-id']]) {
      const slice = await provider.createSource(openScope()).readPastRooms({ filter: { roomIds, createdAt: null }, order, direction: 'forward', after: null, inclusive: false, count: 5 });
      expect(slice).toEqual({ items: [], hasMore: false, totalCount: 0 });
    }
    expect(sim.calls).toEqual([]);
  });
});

describe('batching and priming', () => {
  it('fetches ended sessions with participants in one call per page and titles them with one room call', async () => {
    const source = tunedSource({ pageSize: 10 });
    const read: PastRoomRead = { filter: ALL, order: ORDERS[0]!, direction: 'forward', after: null, inclusive: false, count: 100 };
    const slice = await source.readPastRooms(read);
    expect(slice.totalCount).toBe(TELNYX_DEMO_PAST_SESSIONS);
    const sessionCalls = calls('/room_sessions');
    const pageNumbers = sessionCalls.map((call) => call.query['page[number]']);
    expect([pageNumbers[0], [...pageNumbers.slice(1)].sort()]).toEqual(['1', ['2', '3', '4', '5']]);
    expect(sessionCalls.every((call) => call.query.include_participants === 'true' && call.query['page[size]'] === '10')).toBe(true);
    expect(calls('/rooms')).toHaveLength(1);
    expect(sim.calls).toHaveLength(6);
    const titles = new Map(sim.store.rooms.map((room) => [room.id, room.unique_name]));
    expect(slice.items.every(({ pastRoom }) => pastRoom.title === titles.get(pastRoom.roomId))).toBe(true);
    expect(slice.items.every(({ pastRoom }) => pastRoom.participantCount === pastRoom.participants!.length && pastRoom.participantCount > 0)).toBe(true);

    sim.resetCalls();
    const keys = slice.items.map(({ pastRoom }) => keyOf(sim.store.sessions.find((session) => session.id === pastRoom.sessionId)!));
    const [pastRooms, participants] = await Promise.all([source.loadPastRooms(keys), source.loadPastRoomParticipants(keys)]);
    expect(pastRooms).toEqual(slice.items.map((item) => item.pastRoom));
    const first = participants[0]![0]!;
    expect(await source.loadParticipants([{ ...keys[0]!, participantId: first.participantId }])).toEqual([first]);
    await source.readPastRooms({ ...read, order: ORDERS[1]!, direction: 'backward', count: 3 });
    await source.loadRooms(sim.store.rooms.map((room) => room.id));
    expect(sim.calls).toEqual([]);
  });

  it('reads a list of several pages in one round once the provider knows its page count', async () => {
    const tuned = testbed.provider({ source: { pageSize: 10 } });
    const read: PastRoomRead = { filter: ALL, order: ORDERS[0]!, direction: 'forward', after: null, inclusive: false, count: 100 };
    sim.injectFault({ kind: 'latency', ms: 150 }, { times: Infinity });
    try {
      const rounds = async () => {
        const timeline = recordCallRounds({ telnyx: sim });
        await tuned.createSource(openScope()).readPastRooms(read);
        timeline.stop();
        return timeline.calls().filter((call) => call.url.startsWith('/v2/room_sessions')).map((call) => call.round);
      };
      expect(await rounds()).toEqual([1, 2, 2, 2, 2]);
      // Pages 2-5 go out beside page 1 (UPSTREAM_PAGE_CONCURRENCY allows 4 at once): 5 calls, as before.
      expect((await rounds()).sort()).toEqual([1, 1, 1, 1, 2]);
    } finally {
      sim.clearFaults();
    }
  });

  it('shares one list among single-room reads of one tick when it is not longer than one call per room', async () => {
    const rooms = sim.store.rooms.slice(0, 3).map((room) => room.id);
    const order: PastRoomOrder = { field: 'CREATED_AT', direction: 'DESC' };
    const readEach = (source: ReturnType<typeof provider.createSource>) =>
      Promise.all(rooms.map((roomId) => source.readPastRooms({ filter: { roomIds: [roomId], createdAt: null }, order, direction: 'forward', after: null, inclusive: false, count: 2 })));
    const slices = await readEach(provider.createSource(openScope()));
    slices.forEach((slice, index) => {
      const expected = expectedIds(order, (session) => session.room_id === rooms[index]);
      expect(slice.items.map((item) => item.pastRoom.sessionId)).toEqual(expected.slice(0, 2));
      expect(slice.totalCount).toBe(expected.length);
    });
    expect(sim.calls.map((call) => call.path).sort()).toEqual(['/v2/room_sessions', '/v2/rooms']);
    expect(calls('/room_sessions')[0]!.query).not.toHaveProperty('filter[room_id]');

    sim.resetCalls();
    const paged = await readEach(tunedSource({ pageSize: 10 }));
    expect(paged.map((slice) => slice.totalCount)).toEqual(slices.map((slice) => slice.totalCount));
    const sessionQueries = calls('/room_sessions').map((call) => call.query['filter[room_id]'] ?? null);
    expect(sessionQueries.filter((roomId) => roomId === null)).toHaveLength(1);
    expect(sessionQueries.filter((roomId) => roomId !== null).sort()).toEqual([...rooms].sort());
  });

  it('lists live rooms with their connected participants in two calls and serves everything live from them', async () => {
    const source = provider.createSource(openScope());
    const active = await source.listActiveRooms();
    expect(sim.calls.map((call) => call.path)).toEqual(['/v2/room_sessions', '/v2/rooms']);
    expect(calls('/room_sessions')[0]!.query).toMatchObject({ 'filter[active]': 'true', include_participants: 'true' });
    const live = sim.store.sessions.filter((session) => session.active);
    expect(active.map((room) => room.activeSessionId).sort()).toEqual(live.map((session) => session.id).sort());
    for (const room of active) {
      const connected = sim.store.participants.filter((p) => p.session_id === room.activeSessionId && p.left_at === undefined);
      expect(room).toMatchObject({ provider: 'telnyx', isActive: true, title: expect.stringMatching(/^(design-review|support-clinic)$/) });
      expect(room.participants!.map((p) => p.participantId).sort()).toEqual(connected.map((p) => p.id).sort());
      expect(room.participants!.every((p) => p.leftAt === null && p.joinedAt instanceof Date)).toBe(true);
    }
    sim.resetCalls();
    const idle = roomByName('sales-demo').id;
    const [people, rooms] = await Promise.all([source.loadLiveParticipants([...active.map((room) => room.roomId), idle]), source.loadRooms([idle])]);
    expect(people.map((list) => list.length)).toEqual([...active.map((room) => room.participants!.length), 0]);
    expect(rooms[0]).toMatchObject({ roomId: idle, title: 'sales-demo', isActive: false, activeSessionId: null, participants: null });
    const someone = active[0]!.participants![0]!;
    expect(await source.loadParticipants([someone])).toEqual([someone]);
    expect(sim.calls).toEqual([]);
  });

  it('loads one id with one by-id call and several ids with one list call', async () => {
    const [a, b, c] = sim.store.rooms;
    await provider.createSource(openScope()).loadRooms([a!.id]);
    expect(sim.calls.map((call) => call.path)).toEqual([`/v2/rooms/${a!.id}`]);
    sim.resetCalls();
    const many = await provider.createSource(openScope()).loadRooms([a!.id, b!.id, c!.id, a!.id]);
    expect(many.map((room) => room?.roomId)).toEqual([a!.id, b!.id, c!.id, a!.id]);
    expect(sim.calls.map((call) => call.path)).toEqual(['/v2/rooms']);

    sim.resetCalls();
    const sessions = endedSessions().slice(0, 3);
    const one = await provider.createSource(openScope()).loadPastRooms([keyOf(sessions[0]!)]);
    expect(one[0]).toMatchObject({ sessionId: sessions[0]!.id, participantCount: expect.any(Number) });
    expect(sim.calls.map((call) => call.path).sort()).toEqual([`/v2/room_sessions/${sessions[0]!.id}`, `/v2/rooms/${sessions[0]!.room_id}`].sort());
    expect(calls(`/room_sessions/${sessions[0]!.id}`)[0]!.query).toEqual({ include_participants: 'true' });
    sim.resetCalls();
    const three = await provider.createSource(openScope()).loadPastRooms(sessions.map(keyOf));
    expect(three.map((pastRoom) => pastRoom?.sessionId)).toEqual(sessions.map((session) => session.id));
    expect(sim.calls.map((call) => call.path).sort()).toEqual(['/v2/room_sessions', '/v2/rooms']);
  });
});

describe('lookups by id', () => {
  it('answers null for unknown ids, ids of another room, live sessions and ids that are not UUIDs', async () => {
    const source = provider.createSource(openScope());
    const ended = endedSessions()[0]!;
    const live = sim.store.sessions.find((session) => session.active)!;
    const otherRoom = sim.store.rooms.find((room) => room.id !== ended.room_id)!.id;
    expect(await source.loadRooms([UNKNOWN_ID, 'nope', ended.room_id])).toEqual([null, null, expect.objectContaining({ roomId: ended.room_id })]);
    const keys: PastRoomKey[] = [
      { provider: 'telnyx', roomId: ended.room_id, sessionId: UNKNOWN_ID },
      { provider: 'telnyx', roomId: otherRoom, sessionId: ended.id },
      keyOf(live),
      { provider: 'telnyx', roomId: 'nope', sessionId: 'nope' },
    ];
    expect(await source.loadPastRooms(keys)).toEqual([null, null, null, null]);
    expect(await source.loadPastRoomParticipants(keys)).toEqual([null, null, null, null]);
    expect(await source.loadParticipants([{ ...keyOf(ended), participantId: UNKNOWN_ID }])).toEqual([null]);
    expect(sim.calls.some((call) => call.path.includes('nope'))).toBe(false);
  });

  it('names participants after a plain-text context and keeps the raw context beside them', async () => {
    const source = provider.createSource(openScope());
    const people = sim.store.participants.filter((p) => p.context !== undefined);
    const plain = people.find((p) => !p.context!.startsWith('{'))!;
    const json = people.find((p) => p.context!.startsWith('{'))!;
    const keyFor = (p: typeof plain) => ({ ...keyOf(sim.store.sessions.find((s) => s.id === p.session_id)!), participantId: p.id });
    const [named, structured] = await source.loadParticipants([keyFor(plain), keyFor(json)]);
    expect(named).toMatchObject({ telnyx: { context: plain.context }, name: plain.context, participantId: plain.id, userId: null });
    expect(structured).toMatchObject({ telnyx: { context: json.context }, name: null });
    expect(named!.presences).toEqual([{ joinedAt: new Date(Date.parse(plain.joined_at)), leftAt: new Date(Date.parse(plain.left_at!)) }]);
    expect([toContextName('  Ada '), toContextName('{"a":1}'), toContextName('{not json'), toContextName(''), toContextName(undefined)]).toEqual(['Ada', null, '{not json', null, null]);
  });
});

function toDay(time: Date | number): string {
  return new Date(time).toISOString().slice(0, 10);
}

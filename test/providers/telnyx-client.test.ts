import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { toDayFilter } from '../../src/providers/telnyx/telnyx-mapping.js';
import type { TelnyxProvider } from '../../src/providers/telnyx/telnyx-provider.js';
import { startTelnyxSimulator, type TelnyxSimulator } from '../../src/sandbox/telnyx/telnyx-simulator.js';
import { openScope } from '../support/source-scope.js';
import { createTelnyxTestbed, upstreamFailureOf, type TelnyxTestbed } from '../support/telnyx-testbed.js';

/** The Telnyx client's endpoints, the source's room listing and how upstream failures surface. */

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const DAY = 86_400_000;

let sim: TelnyxSimulator;
let testbed: TelnyxTestbed;
let provider: TelnyxProvider;

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

const calls = (path: string) => sim.calls.filter((call) => call.path === `/v2${path}`);
const endedSessions = () => sim.store.sessions.filter((session) => !session.active);

describe('the client', () => {
  it('reads rooms with sessions, sessions with participants and paged participants, with null for unknown ids', async () => {
    const client = testbed.client();
    const session = endedSessions()[0]!;
    const people = sim.store.participants.filter((participant) => participant.session_id === session.id);
    const room = await client.getRoom(session.room_id, { include_sessions: true });
    expect(room!.sessions!.map((each) => each.id)).toContain(session.id);
    expect((await client.getRoomSession(session.id, { include_participants: true }))!.participants).toHaveLength(people.length);
    const page = await client.listSessionParticipants(session.id, { page: { size: 1, number: 1 } });
    expect(page!.meta).toEqual({ page_number: 1, page_size: 1, total_pages: people.length, total_results: people.length });
    expect(await Promise.all([client.getRoom(UNKNOWN_ID), client.getRoomSession(UNKNOWN_ID), client.listSessionParticipants(UNKNOWN_ID)])).toEqual([null, null, null]);
    await expect(client.listRooms({ page: { size: 251 } })).rejects.toThrow(RangeError);
    expect(calls('/room_sessions/' + session.id + '/participants')[0]!.query).toEqual({ 'page[size]': '1', 'page[number]': '1' });
  });
});

describe('the rooms filter', () => {
  it('gives exactly what the upstream filters give for whole days, and the exact range otherwise', async () => {
    const client = testbed.client();
    const source = provider.createSource(openScope());
    const upstreamIds = async (filter: Parameters<typeof client.listRooms>[0]) => (await client.listRooms({ ...filter, page: { size: 250 } })).data.map((room) => room.id).sort();
    const ids = async (filter: Parameters<typeof source.listRooms>[0]) => (await source.listRooms(filter)).map((room) => room.roomId).sort();
    const days = sim.store.rooms.map((room) => Date.parse(room.created_at.slice(0, 10))).sort((a, b) => a - b);
    const from = new Date(days[2]!);
    const to = new Date(days[5]! + DAY);
    expect(await ids({ createdAt: { from, to } })).toEqual(await upstreamIds({ filter: { date_created_at: { gte: toDay(from), lte: toDay(days[5]!) } } }));
    const updatedDay = sim.store.rooms[3]!.updated_at.slice(0, 10);
    const updated = { from: new Date(`${updatedDay}T00:00:00Z`), to: new Date(Date.parse(`${updatedDay}T00:00:00Z`) + DAY) };
    expect(await ids({ updatedAt: updated })).toEqual(await upstreamIds({ filter: { date_updated_at: { eq: updatedDay } } }));
    expect(await ids({ name: 'office-hours' })).toEqual(await upstreamIds({ filter: { unique_name: 'office-hours' } }));
    expect(await ids({ name: 'office' })).toEqual([]);
    const third = sim.store.rooms.find((room) => Date.parse(room.created_at.slice(0, 10)) === days[2])!;
    const exact = await ids({ createdAt: { from: new Date(Date.parse(third.created_at) + 1), to: null } });
    expect(exact).toEqual((await upstreamIds({ filter: { date_created_at: { gte: toDay(from) } } })).filter((id) => id !== third.id));
  });

  it('pushes the covering days upstream, lists oldest first and primes the rooms cache', async () => {
    const source = provider.createSource(openScope());
    const rooms = await source.listRooms({ createdAt: { from: new Date('2026-10-01T10:00:00Z'), to: new Date('2026-10-01T11:00:00Z') }, name: 'x' });
    expect(rooms).toEqual([]);
    expect(sim.calls[0]!.query).toMatchObject({
      'filter[date_created_at][gte]': '2026-09-30',
      'filter[date_created_at][lte]': '2026-10-02',
      'filter[unique_name]': 'x',
    });
    sim.resetCalls();
    const all = await source.listRooms({});
    expect(all.map((room) => room.createdAt!.getTime())).toEqual(all.map((room) => room.createdAt!.getTime()).sort((a, b) => a - b));
    expect(all).toHaveLength(8);
    await source.loadRooms(all.map((room) => room.roomId));
    expect(sim.calls).toHaveLength(1);
    expect(toDayFilter({ from: new Date('2026-10-01T23:00:00Z'), to: new Date('2026-10-03T00:00:00Z') })).toEqual({ gte: '2026-09-30', lte: '2026-10-03' });
    expect(toDayFilter({ from: null, to: new Date('2026-10-03T00:00:00.001Z') })).toEqual({ lte: '2026-10-04' });
    expect(toDayFilter({ from: null, to: null })).toBeUndefined();
  });
});

describe('failures', () => {
  it('rejects a wrong key with UPSTREAM_UNAUTHORIZED naming Telnyx and never the key', async () => {
    const secret = 'KEY_WRONG_0123456789';
    const wrong = testbed.provider({ config: { apiKey: secret } });
    const error = await upstreamFailureOf(wrong.createSource(openScope()).listActiveRooms());
    expect(error.code).toBe('UPSTREAM_UNAUTHORIZED');
    expect(error.message).toMatch(/^Telnyx GET \/room_sessions failed: Authentication failed/);
    expect(error.extensions).toMatchObject({ provider: 'TELNYX', upstream: { status: 401 } });
    expect(JSON.stringify([error.message, error.extensions])).not.toContain(secret);
  });

  it('rejects with UPSTREAM_UNAVAILABLE when the simulator is stopped', async () => {
    const stopped = await startTelnyxSimulator();
    const orphaned = createTelnyxTestbed(stopped);
    const orphan = orphaned.provider();
    await stopped.close();
    const error = await upstreamFailureOf(orphan.createSource(openScope()).loadRooms([UNKNOWN_ID]));
    expect(error.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(error.message).toMatch(/^Telnyx /);
    await orphaned.close();
  });

  it('maps 429 to UPSTREAM_RATE_LIMITED, 5xx to UPSTREAM_UNAVAILABLE and a malformed body to UPSTREAM_BAD_RESPONSE', async () => {
    sim.injectFault({ kind: 'status', status: 429 });
    expect((await upstreamFailureOf(provider.createSource(openScope()).listActiveRooms())).code).toBe('UPSTREAM_RATE_LIMITED');
    sim.injectFault({ kind: 'status', status: 503 });
    const unavailable = await upstreamFailureOf(provider.createSource(openScope()).loadRooms([UNKNOWN_ID]));
    expect([unavailable.code, unavailable.status]).toEqual(['UPSTREAM_UNAVAILABLE', 503]);
    sim.injectFault({ kind: 'status', status: 200, body: { data: [{ id: 'x', active: true }], meta: { page_number: 1, page_size: 250, total_pages: 1, total_results: 1 } } });
    const malformed = await upstreamFailureOf(provider.createSource(openScope()).listActiveRooms());
    expect(malformed.code).toBe('UPSTREAM_BAD_RESPONSE');
    expect(malformed.message).toContain('data[0].room_id');
  });
});

function toDay(time: Date | number): string {
  return new Date(time).toISOString().slice(0, 10);
}

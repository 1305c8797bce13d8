import { afterAll, describe, expect, it } from 'vitest';
import type { PastRoomRead } from '../../src/domain/provider.js';
import type { ReadBounds } from '../../src/providers/http/upstream-options.js';
import type { TelnyxProvider } from '../../src/providers/telnyx/telnyx-provider.js';
import type { TelnyxSourceOptions } from '../../src/providers/telnyx/telnyx-source.js';
import { startTelnyxSimulator, type TelnyxSimulator, type TelnyxSimulatorOptions } from '../../src/sandbox/telnyx/telnyx-simulator.js';
import { openScope } from '../support/source-scope.js';
import { createTelnyxTestbed, upstreamFailureOf, type TelnyxTestbed } from '../support/telnyx-testbed.js';

/**
 * The gateway against the ways the real Telnyx API may differ from its simulator's defaults
 * (reference/fidelity-audit.md, section 3), and the bounds and signal of its reads.
 */

const DAY = 86_400_000;
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const opened: { close(): Promise<void> }[] = [];
const testbeds = new Map<TelnyxSimulator, TelnyxTestbed>();
afterAll(() => Promise.all(opened.map((each) => each.close())));

/** A simulator of its own, closed after the file with its testbed. */
async function simulator(options: TelnyxSimulatorOptions = {}): Promise<TelnyxSimulator> {
  const sim = await startTelnyxSimulator(options);
  const testbed = createTelnyxTestbed(sim);
  opened.push({ close: () => testbed.close().then(() => sim.close()) });
  testbeds.set(sim, testbed);
  return sim;
}

function providerOf(sim: TelnyxSimulator, bounds: Partial<ReadBounds> = {}, source: TelnyxSourceOptions = {}): TelnyxProvider {
  return testbeds.get(sim)!.provider({ bounds, source });
}

const day = (epochMs: number) => new Date(epochMs).toISOString().slice(0, 10);
const startOfDay = (time: string) => Date.parse(`${time.slice(0, 10)}T00:00:00Z`);
const readAll = (filter: PastRoomRead['filter']): PastRoomRead => ({
  filter,
  order: { field: 'CREATED_AT', direction: 'ASC' },
  direction: 'forward',
  after: null,
  inclusive: false,
  count: 500,
});

describe('date filters compared strictly upstream (audit T1)', () => {
  for (const dateComparison of ['midnight', 'exclusive'] as const) {
    it(`returns the sessions and rooms of the first and last day of a range when dates compare as ${dateComparison}`, async () => {
      const sim = await simulator({ dateComparison });
      const session = sim.store.sessions.find((each) => !each.active)!;
      const from = startOfDay(session.created_at);
      const onDay = sim.store.sessions.filter((each) => !each.active && startOfDay(each.created_at) === from).map((each) => each.id).sort();
      const range = { from: new Date(from), to: new Date(from + DAY) };
      const slice = await providerOf(sim).createSource(openScope()).readPastRooms(readAll({ roomIds: null, createdAt: range }));
      expect(slice.items.map((item) => item.pastRoom.sessionId).sort()).toEqual(onDay);

      const room = sim.store.rooms[2]!;
      const roomDay = startOfDay(room.created_at);
      const rooms = await providerOf(sim).createSource(openScope()).listRooms({ createdAt: { from: new Date(roomDay), to: new Date(roomDay + DAY) } });
      expect(rooms.map((each) => each.roomId)).toEqual([room.id]);

      // Sent as that day alone, the strict upstream loses them: the widening is what keeps them.
      const client = testbeds.get(sim)!.client();
      const narrow = await client.listRoomSessions({ filter: { active: false, date_created_at: { gte: day(from), lte: day(from) } }, page: { size: 250 } });
      expect(narrow.data).toEqual([]);
    });
  }
});

describe('page meta as the official client reads it (audit T2)', () => {
  it('reads every list with a meta of only page_number and total_pages', async () => {
    const minimal = await simulator({ pageMeta: 'minimal' });
    const full = await simulator();
    const read = readAll({ roomIds: null, createdAt: null });
    const ids = async (sim: TelnyxSimulator) =>
      (await providerOf(sim, {}, { pageSize: 7 }).createSource(openScope()).readPastRooms(read)).items.map((item) => item.pastRoom.sessionId);
    expect(await ids(minimal)).toEqual(await ids(full));
    const source = providerOf(minimal, {}, { pageSize: 3 }).createSource(openScope());
    expect(await source.listRooms({})).toHaveLength(8);
    expect(await source.loadRooms(minimal.store.rooms.map((room) => room.id))).toHaveLength(8);
    // Every list read names its page size (a by-id read, e.g. of the one room a primed page left out, has none).
    const listCalls = minimal.calls.filter((call) => /^\/v2\/(rooms|room_sessions)$/.test(call.path));
    expect(listCalls.length).toBeGreaterThan(0);
    expect(listCalls.every((call) => call.query['page[size]'] !== undefined)).toBe(true);
  });

  it('refuses a meta without total_pages, and totals that cannot be right when they are given', async () => {
    const sim = await simulator();
    const provider = providerOf(sim);
    const listed = (meta: object) => ({ data: [], meta });
    sim.injectFault({ kind: 'status', status: 200, body: listed({ page_number: 1 }) });
    const missing = await upstreamFailureOf(provider.createSource(openScope()).listRooms({}));
    expect([missing.code, missing.message]).toEqual(['UPSTREAM_BAD_RESPONSE', expect.stringContaining('meta.total_pages')]);
    sim.injectFault({ kind: 'status', status: 200, body: listed({ page_number: 1, page_size: 250, total_pages: 1, total_results: 10_000 }) });
    expect((await upstreamFailureOf(provider.createSource(openScope()).listRooms({}))).code).toBe('UPSTREAM_BAD_RESPONSE');
    sim.injectFault({ kind: 'status', status: 200, body: listed({ page_number: 1, page_size: '250', total_pages: 1 }) });
    expect((await upstreamFailureOf(provider.createSource(openScope()).listRooms({}))).message).toContain('meta.page_size');
  });
});

describe('error bodies in every documented shape (audit T4)', () => {
  it('describes errors[], a bare video_Error and {message, success:false}, and still reads a bare 404 as null', async () => {
    const sim = await simulator({ errorBodies: 'as-specified' });
    const provider = providerOf(sim);
    expect(await provider.createSource(openScope()).loadRooms([UNKNOWN_ID])).toEqual([null]);
    const bare = { code: '10010', title: 'Authorization failed', detail: 'The key lacks access to Video.' };
    sim.injectFault({ kind: 'status', status: 403, body: bare });
    expect((await upstreamFailureOf(provider.createSource(openScope()).listRooms({}))).message).toBe(
      'Telnyx GET /rooms failed: Authorization failed: The key lacks access to Video. (10010)',
    );
    sim.injectFault({ kind: 'status', status: 400, body: { message: 'Error', success: false } });
    expect((await upstreamFailureOf(provider.createSource(openScope()).listRooms({}))).message).toBe('Telnyx GET /rooms failed: Error');
    sim.injectFault({ kind: 'status', status: 422, body: { errors: [{ code: '10015', title: 'Invalid parameter', detail: 'page[size] must be…' }] } });
    expect((await upstreamFailureOf(provider.createSource(openScope()).listRooms({}))).message).toContain('Invalid parameter: page[size] must be… (10015)');
  });
});

describe('bounds and the request signal', () => {
  it('looks up thousands of ids with a list read, and at most maxPages calls of by-id reads', async () => {
    const sim = await simulator();
    const many = [...sim.store.rooms.map((room) => room.id), ...Array.from({ length: 3000 }, (_, index) => `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`)];
    const found = await providerOf(sim, {}, { pageSize: 2 }).createSource(openScope()).loadRooms(many);
    expect(found.filter(Boolean)).toHaveLength(8);
    expect(sim.calls.map((call) => call.path)).toEqual(Array(4).fill('/v2/rooms'));

    sim.resetCalls();
    const bounded = providerOf(sim, { maxPages: 3 }, { pageSize: 1 });
    const limited = await upstreamFailureOf(bounded.createSource(openScope()).loadRooms(many));
    expect(limited.code).toBe('UPSTREAM_LIMIT_EXCEEDED');
    expect(sim.calls).toHaveLength(1);

    sim.resetCalls();
    const two = await bounded.createSource(openScope()).loadRooms([UNKNOWN_ID, sim.store.rooms[5]!.id]);
    expect(two.map((room) => room?.roomId ?? null)).toEqual([null, sim.store.rooms[5]!.id]);
    expect(sim.calls.length).toBeLessThanOrEqual(3);
  });

  it('stops a list read past maxPages after its first call', async () => {
    const sim = await simulator();
    const error = await upstreamFailureOf(providerOf(sim, { maxPages: 2 }, { pageSize: 10 }).createSource(openScope()).readPastRooms(readAll({ roomIds: null, createdAt: null })));
    expect(error.code).toBe('UPSTREAM_LIMIT_EXCEEDED');
    // One page of the session list; beside it, the first page of the room names it would have needed (wasted here).
    expect(sim.calls.map((call) => [call.path, call.query['page[number]']])).toEqual(
      expect.arrayContaining([['/v2/room_sessions', '1'], ['/v2/rooms', '1']]),
    );
    expect(sim.calls).toHaveLength(2);
  });

  it('makes no call once the request is aborted', async () => {
    const sim = await simulator();
    const controller = new AbortController();
    controller.abort();
    const source = providerOf(sim).createSource({ signal: controller.signal });
    await expect(source.listActiveRooms()).rejects.toThrow();
    await expect(source.readPastRooms(readAll({ roomIds: null, createdAt: null }))).rejects.toThrow();
    expect(sim.calls).toEqual([]);
  });
});

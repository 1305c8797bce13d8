import Telnyx from 'telnyx';
import type { Room, RoomSession } from 'telnyx/resources/rooms/rooms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TELNYX_DEMO_PAST_SESSIONS } from '../../src/sandbox/telnyx/telnyx-seed.js';
import { startTelnyxSimulator, type TelnyxSimulator } from '../../src/sandbox/telnyx/telnyx-simulator.js';

/**
 * The official `telnyx` Node library (7.24.0) against the simulator: if the library can page,
 * filter and read through it, the simulator speaks the real wire format (reference B6).
 */

let sim: TelnyxSimulator;
let client: Telnyx;

beforeAll(async () => {
  sim = await startTelnyxSimulator();
  client = new Telnyx({ apiKey: sim.env.TELNYX_API_KEY!, baseURL: sim.url, maxRetries: 0 });
});
afterAll(() => sim.close());

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

const day = (time: string | undefined) => time!.slice(0, 10);
const names = (rooms: Room[]) => rooms.map((room) => room.unique_name!).sort();

describe('rooms', () => {
  it('lists rooms with each filter of the seed page, sending percent-encoded deepObject keys', async () => {
    const rooms = await collect(client.rooms.list());
    expect(rooms).toHaveLength(8);
    const created = [...new Set(rooms.map((room) => day(room.created_at)))].sort();
    const updated = [...new Set(rooms.map((room) => day(room.updated_at)))].sort();
    const pivot = created[4]!;
    const pivotUpdated = updated[3]!;
    const expected = (keep: (room: Room) => boolean) => names(rooms.filter(keep));
    const cases: [Telnyx.RoomListParams['filter'], string[]][] = [
      [{ date_created_at: { eq: pivot } }, expected((room) => day(room.created_at) === pivot)],
      [{ date_created_at: { gte: pivot } }, expected((room) => day(room.created_at) >= pivot)],
      [{ date_created_at: { lte: pivot } }, expected((room) => day(room.created_at) <= pivot)],
      [{ date_updated_at: { eq: pivotUpdated } }, expected((room) => day(room.updated_at) === pivotUpdated)],
      [{ date_updated_at: { gte: pivotUpdated } }, expected((room) => day(room.updated_at) >= pivotUpdated)],
      [{ date_updated_at: { lte: pivotUpdated } }, expected((room) => day(room.updated_at) <= pivotUpdated)],
      [{ unique_name: 'sales-demo' }, ['sales-demo']],
    ];
    for (const [filter, expectedNames] of cases) {
      sim.resetCalls();
      const listed = await collect(client.rooms.list({ filter }));
      expect(names(listed), JSON.stringify(filter)).toEqual(expectedNames);
      expect(expectedNames.length).toBeGreaterThan(0);
      expect(Object.keys(sim.calls[0]!.query).some((key) => key.startsWith('filter['))).toBe(true);
    }
  });

  it('auto-paginates to the true total with for await, page[size] by page[size]', async () => {
    sim.resetCalls();
    const page = await client.rooms.list({ 'page[size]': 3 });
    expect(page.meta).toMatchObject({ page_number: 1, page_size: 3, total_pages: 3, total_results: 8 });
    const rooms = await collect(client.rooms.list({ 'page[size]': 3 }));
    expect(rooms).toHaveLength(8);
    expect(new Set(rooms.map((room) => room.id)).size).toBe(8);
    const sessions = await collect(client.rooms.sessions.list0({ 'page[size]': 7 }));
    expect(new Set(sessions.map((session) => session.id)).size).toBe(TELNYX_DEMO_PAST_SESSIONS + 2);
    expect(sim.calls.map((call) => call.query['page[number]'] ?? '1')).toEqual(['1', '1', '2', '3', ...Array.from({ length: 8 }, (_, index) => String(index + 1))]);
  });

  it('retrieves a room with its sessions and answers NotFoundError for an unknown id', async () => {
    const [room] = await collect(client.rooms.list({ filter: { unique_name: 'design-review' } }));
    const retrieved = await client.rooms.retrieve(room!.id!, { include_sessions: true });
    expect(retrieved.data).toMatchObject({ id: room!.id, unique_name: 'design-review', record_type: 'room' });
    expect(retrieved.data!.sessions!.length).toBeGreaterThan(0);
    expect(retrieved.data!.sessions!.every((session) => session.room_id === room!.id)).toBe(true);
    await expect(client.rooms.retrieve('00000000-0000-4000-8000-000000000000')).rejects.toBeInstanceOf(Telnyx.NotFoundError);
  });
});

describe('sessions and participants', () => {
  it('lists sessions with room, activity and date filters and embeds participants on request', async () => {
    const all = await collect(client.rooms.sessions.list0({ include_participants: true, 'page[size]': 250 }));
    const live = await collect(client.rooms.sessions.list0({ filter: { active: true }, include_participants: true }));
    expect(live).toHaveLength(2);
    expect(live.every((session) => session.active && session.ended_at === undefined && session.participants!.length > 0)).toBe(true);
    const roomId = all[0]!.room_id!;
    const ofRoom = await collect(client.rooms.sessions.list0({ filter: { room_id: roomId, active: false } }));
    expect(ofRoom.map((session) => session.id).sort()).toEqual(all.filter((s) => s.room_id === roomId && !s.active).map((s) => s.id).sort());
    expect(ofRoom.every((session: RoomSession) => session.participants!.length === 0)).toBe(true);
    const pivot = day(all[5]!.created_at);
    const fromPivot = await collect(client.rooms.sessions.list0({ filter: { date_created_at: { gte: pivot } } }));
    expect(fromPivot.length).toBe(all.filter((session) => day(session.created_at) >= pivot).length);
  });

  it('reads a session and its participants through retrieve and retrieveParticipants', async () => {
    const [session] = await collect(client.rooms.sessions.list0({ filter: { active: false }, include_participants: true, 'page[size]': 1 }));
    const retrieved = await client.rooms.sessions.retrieve(session!.id!, { include_participants: true });
    expect(retrieved.data).toEqual(session);
    const participants = await collect(client.rooms.sessions.retrieveParticipants(session!.id!, { 'page[size]': 1 }));
    expect(participants).toEqual(session!.participants);
    expect(participants.every((participant) => participant.session_id === session!.id && participant.record_type === 'room_participant')).toBe(true);
    const context = participants[0]!.context!;
    const byContext = await collect(client.rooms.sessions.retrieveParticipants(session!.id!, { filter: { context } }));
    expect(byContext.every((participant) => participant.context === context)).toBe(true);
  });
});

describe('errors', () => {
  it('raises AuthenticationError for a wrong key', async () => {
    const wrong = new Telnyx({ apiKey: 'KEY_WRONG', baseURL: sim.url, maxRetries: 0 });
    const error = await wrong.rooms.list().then(() => null, (failure: unknown) => failure);
    expect(error).toBeInstanceOf(Telnyx.AuthenticationError);
    expect((error as InstanceType<typeof Telnyx.AuthenticationError>).status).toBe(401);
  });

  it('raises UnprocessableEntityError for a page size above 250', async () => {
    await expect(client.rooms.list({ 'page[size]': 251 })).rejects.toBeInstanceOf(Telnyx.UnprocessableEntityError);
  });
});

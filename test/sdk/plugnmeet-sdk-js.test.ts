import pkg from 'plugnmeet-sdk-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlugnmeetSimulator } from '../../src/sandbox/plugnmeet/plugnmeet-simulator.js';

// The SDK is a CommonJS build without an exports map: Node ESM only sees its default export.
const { PlugNmeet } = pkg;

/** A reply as the server sends it; the SDK's own types are stale (booleans and numbers). */
type Json = Record<string, any>;

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let simulator: Awaited<ReturnType<typeof startPlugnmeetSimulator>>;
let sdk: InstanceType<typeof PlugNmeet>;

beforeAll(async () => {
  simulator = await startPlugnmeetSimulator();
  sdk = new PlugNmeet(simulator.url, simulator.env.PLUGNMEET_API_KEY!, simulator.env.PLUGNMEET_API_SECRET!);
});
afterAll(() => simulator.close());

describe('plugnmeet-sdk-js 1.4.1 against the simulator', () => {
  it('fetches past rooms with int64 strings and RFC3339 times', async () => {
    const reply = await sdk.fetchPastRoomsInfo({ room_ids: ['weekly-standup'], from: 0, limit: 10, order_by: 'DESC' });
    expect(reply).toMatchObject({ status: true, msg: 'success' });
    const result = reply.result as unknown as Json;
    expect(result).toMatchObject({ from: 0, limit: 10, order_by: 'DESC' });
    expect(result.total_rooms).toMatch(/^\d+$/);
    expect(result.rooms_list.length).toBeGreaterThan(1);
    for (const row of result.rooms_list as Json[]) {
      expect(row).toMatchObject({ room_id: 'weekly-standup', room_title: 'Weekly stand-up' });
      expect(row.room_sid).toMatch(UUID_V4);
      expect(row.joined_participants).toMatch(/^\d+$/);
      expect(row.created).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    }
    expect(simulator.calls.at(-1)).toMatchObject({ method: 'POST', path: '/auth/room/fetchPastRooms', query: {} });
    expect(JSON.parse(simulator.calls.at(-1)!.body)).toMatchObject({ room_ids: ['weekly-standup'] });
  });

  it('gets one active room with its livekit participants', async () => {
    const reply = await sdk.getActiveRoomInfo({ room_id: 'office-hours' });
    expect(reply).toMatchObject({ status: true, msg: 'success' });
    const room = reply.room as unknown as Json;
    expect(room.room_info).toMatchObject({ room_id: 'office-hours', room_title: 'Office hours', is_running: 1 });
    expect(room.room_info.creation_time).toMatch(/^\d+$/);
    expect(room.participants_info).toHaveLength(2);
    expect(room.participants_info[0]).toMatchObject({ state: 'ACTIVE', sid: expect.stringMatching(/^PA_/) });
  });

  it('gets every active room', async () => {
    const reply = await sdk.getActiveRoomsInfo();
    expect(reply).toMatchObject({ status: true, msg: 'success' });
    const ids = (reply.rooms as unknown as Json[]).map((room) => room.room_info.room_id as string);
    // The demo's live breakout room of the town hall is a room of its own.
    expect(ids.sort()).toEqual(['office-hours', 'town-hall', 'town-hall-1', 'weekly-standup']);
  });

  it('tells active rooms from unknown ones, with status true for both', async () => {
    expect(await sdk.isRoomActive({ room_id: 'town-hall' })).toEqual({ status: true, is_active: true, msg: 'room is active' });
    expect(await sdk.isRoomActive({ room_id: 'no-such-room' })).toEqual({ status: true, is_active: false, msg: 'room not found' });
  });

  it('reports a failed lookup as status false with the server message', async () => {
    const reply = await sdk.getActiveRoomInfo({ room_id: 'no-such-room' });
    expect(reply).toEqual({ status: false, msg: 'room not found in active state', room: null });
  });

  it('fails every call signed with a wrong secret with the server 401 message', async () => {
    const wrong = new PlugNmeet(simulator.url, simulator.env.PLUGNMEET_API_KEY!, 'not-the-secret');
    const expected = { status: false, msg: 'Failed to verify provided authentication details.' };
    expect(await wrong.fetchPastRoomsInfo({ room_ids: [] })).toMatchObject(expected);
    expect(await wrong.getActiveRoomInfo({ room_id: 'office-hours' })).toMatchObject(expected);
    expect(await wrong.getActiveRoomsInfo()).toMatchObject(expected);
    expect(await wrong.isRoomActive({ room_id: 'office-hours' })).toMatchObject(expected);
  });
});

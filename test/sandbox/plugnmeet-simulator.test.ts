import { request as httpRequest } from 'node:http';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toHashSignature } from '../../src/sandbox/plugnmeet/plugnmeet-auth.js';
import { startPlugnmeetSimulator } from '../../src/sandbox/plugnmeet/plugnmeet-simulator.js';

type PlugnmeetSimulator = Awaited<ReturnType<typeof startPlugnmeetSimulator>>;
/** A wire body, inspected field by field. */
type Json = Record<string, any>;

/** The public demo secret of plugNmeet's config_sample.yaml, which the reference's test vectors use. */
const DEMO_SECRET = 'zumyyYWqv7KR2kUqvYdq4z4sXg7XTBD2ljT6';
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const RFC3339_SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const PAST_ROOM_KEYS = ['room_title', 'room_id', 'room_sid', 'joined_participants', 'webhook_url', 'created', 'ended'];

let simulator: PlugnmeetSimulator;

beforeAll(async () => {
  simulator = await startPlugnmeetSimulator({ apiSecret: DEMO_SECRET });
});
afterAll(() => simulator.close());

/** Headers that authenticate `body` the way the server checks it. */
function signed(body: string | Buffer, secret = DEMO_SECRET, apiKey = 'plugnmeet'): Record<string, string> {
  return { 'API-KEY': apiKey, 'HASH-SIGNATURE': toHashSignature(body, secret) };
}

async function send(target: PlugnmeetSimulator, path: string, body: string, headers: Record<string, string>) {
  const response = await fetch(`${target.url}${path}`, { method: 'POST', body, headers });
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
}

/** A signed POST of `body` (an object is serialised); the reply must be HTTP 200 JSON. */
async function post(path: string, body: unknown = {}, target = simulator): Promise<Json> {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const reply = await send(target, path, text, { 'content-type': 'application/json', ...signed(text) });
  expect(reply.status).toBe(200);
  expect(reply.type).toBe('application/json');
  return JSON.parse(reply.text) as Json;
}

describe('authentication', () => {
  it('signs the reference test vectors with the demo secret', () => {
    expect(toHashSignature('{"room_id":"room01"}', DEMO_SECRET)).toBe('4b60a468df680c0739f6c7255626b31c8934efc1293b9e40667575b964bf24b5');
    expect(toHashSignature('{}', DEMO_SECRET)).toBe('d2a7003d22b6b6f94519230776f45e19d2086b20d1711a8eae6b0ee24d51cfeb');
    expect(toHashSignature('', DEMO_SECRET)).toBe('2ae261611f37f61d3aa5f83dbadfeaa0a299b4c9c6cb142cfd9675388e422ab7');
  });

  it('accepts a request signed with a reference test vector', async () => {
    const headers = { 'API-KEY': 'plugnmeet', 'HASH-SIGNATURE': '4b60a468df680c0739f6c7255626b31c8934efc1293b9e40667575b964bf24b5' };
    const reply = await send(simulator, '/auth/room/isRoomActive', '{"room_id":"room01"}', headers);
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.text)).toEqual({ status: true, msg: 'room not found', status_code: 'ROOM_NOT_FOUND', is_active: false });
  });

  it('checks API-KEY before HASH-SIGNATURE and answers 401 with the exact messages', async () => {
    const body = '{"room_id":"room01"}';
    const cases: [Record<string, string>, string, string][] = [
      [{ 'HASH-SIGNATURE': 'bad' }, 'Missing API-KEY header.', 'MISSING_REQUIRED_PARAMETER'],
      [{ 'API-KEY': '', 'HASH-SIGNATURE': 'bad' }, 'Missing API-KEY header.', 'MISSING_REQUIRED_PARAMETER'],
      [{ 'API-KEY': 'other' }, 'Invalid API key provided.', 'INVALID_API_KEY'],
      [{ 'API-KEY': 'plugnmeet' }, 'Missing HASH-SIGNATURE header.', 'MISSING_REQUIRED_PARAMETER'],
      [{ 'API-KEY': 'plugnmeet', 'HASH-SIGNATURE': 'abc' }, 'Failed to verify provided authentication details.', 'INVALID_TOKEN_OR_SIGNATURE'],
      [signed(body, 'wrong-secret'), 'Failed to verify provided authentication details.', 'INVALID_TOKEN_OR_SIGNATURE'],
    ];
    for (const [headers, msg, statusCode] of cases) {
      const reply = await send(simulator, '/auth/room/isRoomActive', body, headers);
      expect(reply.status).toBe(401);
      expect(reply.type).toBe('application/json');
      expect(JSON.parse(reply.text)).toEqual({ status: false, msg, status_code: statusCode });
    }
  });

  it('rejects an upper-case hex signature and a signature of other bytes', async () => {
    const body = '{"room_id":"room01"}';
    const upper = { 'API-KEY': 'plugnmeet', 'HASH-SIGNATURE': toHashSignature(body, DEMO_SECRET).toUpperCase() };
    expect((await send(simulator, '/auth/room/isRoomActive', body, upper)).status).toBe(401);
    const otherBytes = signed('{"room_id": "room01"}');
    expect((await send(simulator, '/auth/room/isRoomActive', body, otherBytes)).status).toBe(401);
  });

  it('authenticates every /auth path before routing and answers 404 not found after', async () => {
    const unsigned = await send(simulator, '/auth/room/nope', '{}', {});
    expect(unsigned.status).toBe(401);
    const unknown = await send(simulator, '/auth/room/nope', '{}', signed('{}'));
    expect(unknown).toMatchObject({ status: 404, text: 'not found' });
    const getRequest = await fetch(`${simulator.url}/auth/room/getActiveRoomsInfo`, { headers: signed('') });
    expect([getRequest.status, await getRequest.text()]).toEqual([404, 'not found']);
    const outside = await send(simulator, '/room/fetchPastRooms', '{}', {});
    expect(outside).toMatchObject({ status: 404, text: 'not found' });
  });

  it('signs multipart requests over the Room-Id header', async () => {
    const multipart = { 'API-KEY': 'plugnmeet', 'content-type': 'multipart/form-data; boundary=x' };
    const missing = await send(simulator, '/auth/room/uploadWhiteboardFile', '--x--', { ...multipart, 'HASH-SIGNATURE': 'a' });
    expect(missing.status).toBe(401);
    expect(JSON.parse(missing.text).msg).toBe('Missing Room-Id header for multipart request.');
    const headers = { ...multipart, 'Room-Id': 'room01', 'HASH-SIGNATURE': toHashSignature('room01', DEMO_SECRET) };
    expect(await send(simulator, '/auth/room/uploadWhiteboardFile', '--x--', headers)).toMatchObject({ status: 404 });
  });

  it('accepts a chunked body, as the official SDK sends it', async () => {
    const body = '{"room_ids":["weekly-standup"],"limit":1}';
    const reply = await new Promise<Json>((resolve, reject) => {
      const url = new URL(`${simulator.url}/auth/room/fetchPastRooms`);
      const headers = { 'content-type': 'application/json', 'transfer-encoding': 'chunked', ...signed(body) };
      const outgoing = httpRequest(url, { method: 'POST', headers }, (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString()) as Json));
      });
      outgoing.on('error', reject);
      outgoing.write(body.slice(0, 10));
      outgoing.end(body.slice(10));
    });
    expect(reply).toMatchObject({ status: true, result: { limit: 1 } });
  });

  it('checks the signature over the decoded bytes of a gzip body', async () => {
    const body = '{"room_id":"room01"}';
    const response = await fetch(`${simulator.url}/auth/room/isRoomActive`, {
      method: 'POST',
      body: gzipSync(body),
      headers: { 'content-encoding': 'gzip', ...signed(body) },
    });
    expect(response.status).toBe(200);
  });
});

describe('request decoding', () => {
  it('answers an empty body with proto: unexpected EOF as INVALID_PARAMETERS over HTTP 200', async () => {
    expect(await post('/auth/room/fetchPastRooms', '')).toEqual({
      status: false,
      msg: 'proto: unexpected EOF',
      status_code: 'INVALID_PARAMETERS',
    });
  });

  it('rejects non-object JSON and mistyped fields as INVALID_PARAMETERS with only the three common keys', async () => {
    for (const body of ['[]', '"x"', '3', 'null', '{"limit":', '{"limit":"ten"}', '{"limit":-1}', '{"room_ids":"a"}']) {
      const reply = await post('/auth/room/fetchPastRooms', body);
      expect(Object.keys(reply)).toEqual(['status', 'msg', 'status_code']);
      expect(reply).toMatchObject({ status: false, status_code: 'INVALID_PARAMETERS' });
      expect(reply.msg).toMatch(/^proto: /);
    }
  });

  it('reports a missing room_id with protovalidate wording, treating null and "" as unset', async () => {
    for (const body of [{}, { room_id: null }, { room_id: '' }]) {
      for (const path of ['/auth/room/getActiveRoomInfo', '/auth/room/isRoomActive', '/auth/room/endRoom']) {
        expect(await post(path, body)).toEqual({
          status: false,
          msg: 'validation error: room_id: value is required',
          status_code: 'INVALID_PARAMETERS',
        });
      }
    }
  });

  it('accepts lowerCamelCase keys, numeric strings and unknown keys', async () => {
    const reply = await post('/auth/room/fetchPastRooms', { roomIds: ['weekly-standup'], limit: '2', orderBy: 'ASC', extra: 1 });
    expect(reply.result).toMatchObject({ limit: 2, order_by: 'ASC' });
    expect(reply.result.rooms_list.map((row: Json) => row.room_id)).toEqual(['weekly-standup', 'weekly-standup']);
    const room = await post('/auth/room/getActiveRoomInfo', { roomId: 'office-hours', unknown: { deep: true } });
    expect(room.room.room_info.room_id).toBe('office-hours');
  });
});

describe('fetchPastRooms', () => {
  let fixed: PlugnmeetSimulator;
  const hour = (n: number) => new Date(Date.UTC(2026, 0, 1, n));

  beforeAll(async () => {
    fixed = await startPlugnmeetSimulator({ apiSecret: DEMO_SECRET });
    fixed.store.clear();
    for (let index = 0; index < 130; index += 1) {
      fixed.store.addPastSession({ roomId: `bulk-${index % 2}`, createdAt: hour(index), endedAt: hour(index + 1) });
    }
    // Row ids follow insertion, not `created`: the newest row here is the oldest session.
    fixed.store.addPastSession({ roomId: 'late', roomTitle: 'Late', createdAt: hour(0), endedAt: new Date(Date.UTC(2026, 0, 1, 0, 30, 15, 999)), sid: 'sid-late-1' });
    fixed.store.addPastSession({ roomId: 'late', roomTitle: 'Late', createdAt: hour(200), endedAt: hour(201), joinedParticipants: 4, analyticsFileId: 'file-1', sid: 'sid-late-2' });
    fixed.store.startRoom({ roomId: 'late', roomTitle: 'Late', createdAt: hour(300), participants: [{ identity: 'ada' }] });
  });
  afterAll(() => fixed.close());

  const fetchPast = (body: unknown) => post('/auth/room/fetchPastRooms', body, fixed);

  it('encodes rows as protojson: int64 strings, zero values, RFC3339 seconds, optional analytics_file_id omitted', async () => {
    const reply = await fetchPast({ room_ids: ['late'], order_by: 'ASC' });
    expect(Object.keys(reply)).toEqual(['status', 'msg', 'status_code', 'result']);
    expect(reply.result).toMatchObject({ total_rooms: '3', from: 0, limit: 20, order_by: 'ASC' });
    const [first, second] = reply.result.rooms_list as Json[];
    expect(Object.keys(first!)).toEqual(PAST_ROOM_KEYS);
    expect(first).toEqual({
      room_title: 'Late',
      room_id: 'late',
      room_sid: 'sid-late-1',
      joined_participants: '0',
      webhook_url: '',
      created: '2026-01-01T00:00:00Z',
      ended: '2026-01-01T00:30:15Z',
    });
    expect(Object.keys(second!)).toEqual([...PAST_ROOM_KEYS, 'analytics_file_id']);
    expect(second).toMatchObject({ joined_participants: '4', analytics_file_id: 'file-1' });
  });

  it('lists running sessions too, ended at Go zero time, like the live server', async () => {
    const reply = await fetchPast({ room_ids: ['late'] });
    const running = reply.result.rooms_list[0] as Json;
    expect(running).toMatchObject({ room_id: 'late', joined_participants: '1', created: '2026-01-13T12:00:00Z', ended: '0001-01-01T00:00:00Z' });
    expect(running.room_sid).toMatch(UUID_V4);
  });

  it('orders by insertion: exactly "ASC" ascends, anything else descends and is echoed verbatim', async () => {
    const sids = async (orderBy: unknown) => {
      const reply = await fetchPast({ room_ids: ['late'], order_by: orderBy });
      return [reply.result.order_by, reply.result.rooms_list.slice(0, 2).map((row: Json) => row.room_sid)];
    };
    expect(await sids('ASC')).toEqual(['ASC', ['sid-late-1', 'sid-late-2']]);
    expect((await sids('asc'))[0]).toBe('asc');
    expect((await sids('asc'))[1][1]).toBe('sid-late-2');
    expect((await sids('DESC'))[0]).toBe('DESC');
    expect((await sids(''))[0]).toBe('DESC');
    expect((await sids(null))[0]).toBe('DESC');
    expect((await sids('sideways'))[0]).toBe('sideways');
  });

  it('clamps limit 0 to 20 and anything above 100 to 100', async () => {
    const zero = await fetchPast({ limit: 0 });
    expect([zero.result.limit, zero.result.rooms_list.length]).toEqual([20, 20]);
    const large = await fetchPast({ limit: 500 });
    expect([large.result.limit, large.result.rooms_list.length]).toEqual([100, 100]);
    const exact = await fetchPast({ limit: '100' });
    expect(exact.result.limit).toBe(100);
  });

  it('counts total_rooms before paging and uses from as an offset', async () => {
    const page = await fetchPast({ room_ids: ['bulk-0', 'bulk-1'], from: 5, limit: 3, order_by: 'ASC' });
    expect(page.result).toMatchObject({ total_rooms: '130', from: 5, limit: 3 });
    expect(page.result.rooms_list.map((row: Json) => row.created)).toEqual([
      '2026-01-01T05:00:00Z',
      '2026-01-01T06:00:00Z',
      '2026-01-01T07:00:00Z',
    ]);
    const all = await fetchPast({});
    expect(all.result.total_rooms).toBe('133');
  });

  it('answers an offset past the end with status true and an empty rooms_list', async () => {
    const reply = await fetchPast({ room_ids: ['late'], from: 3 });
    expect(reply).toMatchObject({ status: true, msg: 'success', status_code: 'SUCCESS' });
    expect(reply.result).toEqual({ total_rooms: '3', from: 3, limit: 20, order_by: 'DESC', rooms_list: [] });
  });

  it('answers no matching rows with the common NOT_FOUND reply and no result key', async () => {
    expect(await fetchPast({ room_ids: ['nobody'] })).toEqual({ status: false, msg: 'no room found', status_code: 'NOT_FOUND' });
  });
});

const END_DELAY_MS = 150;

describe('live rooms', () => {
  let live: PlugnmeetSimulator;
  const createdAt = new Date('2026-11-20T10:00:00.250Z');

  beforeAll(async () => {
    live = await startPlugnmeetSimulator({ apiSecret: DEMO_SECRET, endRoomDelayMs: END_DELAY_MS });
    live.store.clear();
  });
  afterAll(() => live.close());

  const postLive = (path: string, body: unknown) => post(path, body, live);

  it('encodes an active room: 0/1 flags, int64 strings, metadata JSON and livekit participants', async () => {
    const joinedAt = new Date('2026-11-20T10:01:02.345Z');
    live.store.startRoom({ roomId: 'enc', roomTitle: 'Encoding', createdAt, participants: [{ identity: 'u1', name: 'Uma', sid: 'PA_u1', joinedAt }] });
    const reply = await postLive('/auth/room/getActiveRoomInfo', { room_id: 'enc' });
    expect(Object.keys(reply)).toEqual(['status', 'msg', 'status_code', 'room']);
    expect(reply).toMatchObject({ status: true, msg: 'success', status_code: 'SUCCESS' });
    const info = reply.room.room_info as Json;
    expect(info).toMatchObject({ room_id: 'enc', room_title: 'Encoding', joined_participants: '1', creation_time: '1795168800' });
    expect(info).toMatchObject({ is_running: 1, is_recording: 0, is_active_rtmp: 0, is_breakout_room: 0, parent_room_id: '', webhook_url: '' });
    expect(JSON.parse(info.metadata as string)).toMatchObject({ room_title: 'Encoding' });
    const [participant] = reply.room.participants_info as Json[];
    expect(Object.keys(participant!)).toEqual([
      'sid', 'identity', 'state', 'tracks', 'metadata', 'joined_at', 'name', 'version', 'permission', 'region', 'is_publisher',
      'kind', 'attributes', 'disconnect_reason', 'joined_at_ms', 'kind_details', 'data_tracks', 'client_protocol', 'capabilities',
    ]);
    expect(participant).toMatchObject({ sid: 'PA_u1', identity: 'u1', name: 'Uma', state: 'ACTIVE', joined_at: '1795168862', joined_at_ms: '1795168862345' });
    expect(typeof JSON.parse(participant!.metadata as string)).toBe('object');
  });

  it('answers an unknown room with ROOM_NOT_FOUND and room null', async () => {
    expect(await postLive('/auth/room/getActiveRoomInfo', { room_id: 'ghost' })).toEqual({
      status: false,
      msg: 'room not found in active state',
      status_code: 'ROOM_NOT_FOUND',
      room: null,
    });
  });

  it('answers isRoomActive with status true whether or not the room is active', async () => {
    live.store.startRoom({ roomId: 'probe', createdAt });
    expect(await postLive('/auth/room/isRoomActive', { room_id: 'probe' })).toEqual({ status: true, msg: 'room is active', status_code: 'SUCCESS', is_active: true });
    live.store.setRoomStatus('probe', 'triggered_end');
    expect(await postLive('/auth/room/isRoomActive', { room_id: 'probe' })).toEqual({ status: true, msg: 'room is not active', status_code: 'ROOM_NOT_ACTIVE', is_active: false });
    expect(await postLive('/auth/room/isRoomActive', { room_id: 'ghost' })).toEqual({ status: true, msg: 'room not found', status_code: 'ROOM_NOT_FOUND', is_active: false });
  });

  it('marks a running row ended when NATS says the room is not active', async () => {
    live.store.startRoom({ roomId: 'stale', createdAt });
    live.store.setRoomStatus('stale', 'ended');
    expect(await postLive('/auth/room/getActiveRoomInfo', { room_id: 'stale' })).toEqual({ status: false, msg: 'room is not active', status_code: 'ROOM_NOT_ACTIVE', room: null });
    expect(live.store.runningSession('stale')).toBeNull();
    expect(live.store.roomStatus('stale')).toBe('ended');
  });

  it('lists running rooms that NATS knows, answers success with no rooms when every running row lacks NATS, and NOT_FOUND only with no running row', async () => {
    const reply = await postLive('/auth/room/getActiveRoomsInfo', '');
    expect(reply.rooms.map((room: Json) => room.room_info.room_id)).toEqual(['enc', 'probe']);
    live.store.crashRoom('enc');
    live.store.crashRoom('probe');
    expect(await postLive('/auth/room/getActiveRoomsInfo', {})).toEqual({ status: true, msg: 'success', status_code: 'SUCCESS', rooms: [] });
    const stale = (await postLive('/auth/room/fetchPastRooms', { room_ids: ['enc', 'probe'] })).result.rooms_list as Json[];
    expect(stale.map((row) => row.ended)).toEqual(['0001-01-01T00:00:00Z', '0001-01-01T00:00:00Z']);
    live.store.endRoom('enc');
    live.store.endRoom('probe');
    expect(await postLive('/auth/room/getActiveRoomsInfo', {})).toEqual({ status: false, msg: 'no active room found', status_code: 'NOT_FOUND', rooms: [] });
  });

  it('ends a room asynchronously: triggered_end and still running for the delay, then ended with the gauge at 0', async () => {
    live.store.startRoom({ roomId: 'ending', createdAt, participants: [{ identity: 'a' }, { identity: 'b' }] });
    expect(await postLive('/auth/room/endRoom', { room_id: 'ending' })).toEqual({ status: true, msg: 'success', status_code: 'SUCCESS' });
    expect(live.store.roomStatus('ending')).toBe('triggered_end');
    expect((await postLive('/auth/room/isRoomActive', { room_id: 'ending' })).msg).toBe('room is not active');
    const during = (await postLive('/auth/room/getActiveRoomsInfo', {})).rooms as Json[];
    expect(during.find((room) => room.room_info.room_id === 'ending')?.room_info).toMatchObject({ is_running: 1 });
    expect((await postLive('/auth/room/fetchPastRooms', { room_ids: ['ending'] })).result.rooms_list[0].ended).toBe('0001-01-01T00:00:00Z');
    // Ending again while the end is in progress still succeeds.
    expect(await postLive('/auth/room/endRoom', { room_id: 'ending' })).toMatchObject({ status: true });
    await new Promise((resolve) => setTimeout(resolve, END_DELAY_MS + 100));
    expect((await postLive('/auth/room/isRoomActive', { room_id: 'ending' })).msg).toBe('room not found');
    const [row] = (await postLive('/auth/room/fetchPastRooms', { room_ids: ['ending'] })).result.rooms_list as Json[];
    expect(row).toMatchObject({ joined_participants: '0' });
    expect(row!.ended).toMatch(RFC3339_SECONDS);
    expect(row!.ended).not.toBe('0001-01-01T00:00:00Z');
    expect(await postLive('/auth/room/endRoom', { room_id: 'ending' })).toEqual({ status: false, msg: 'room not found or not active', status_code: 'ROOM_NOT_FOUND' });
  });

  it('ends a crashed room at once: no NATS entry but a running row', async () => {
    live.store.startRoom({ roomId: 'crashed', createdAt });
    live.store.crashRoom('crashed');
    expect(await postLive('/auth/room/endRoom', { room_id: 'crashed' })).toMatchObject({ status: true, status_code: 'SUCCESS' });
    expect(live.store.runningSession('crashed')).toBeNull();
  });

  it('keeps joined_participants an online gauge: up on join, down on leave, never below 0', async () => {
    live.store.startRoom({ roomId: 'gauge', createdAt, participants: [{ identity: 'a', sid: 'PA_a' }] });
    live.store.addParticipant('gauge', { identity: 'b', sid: 'PA_b' });
    const info = async () => (await postLive('/auth/room/getActiveRoomInfo', { room_id: 'gauge' })).room.room_info.joined_participants;
    expect(await info()).toBe('2');
    live.store.removeParticipant('gauge', 'PA_a');
    live.store.removeParticipant('gauge', 'PA_b');
    live.store.removeParticipant('gauge', 'PA_b');
    expect(await info()).toBe('0');
    live.store.endRoom('gauge');
  });

  it('lists bots, hidden users and connecting people with their state and hidden flag, and flags breakout rooms', async () => {
    live.store.startRoom({
      roomId: 'rec',
      createdAt,
      isRecording: true,
      participants: [
        { identity: 'RECORDER_BOT' },
        { identity: 'spy', hidden: true },
        { identity: 'new', state: 'JOINING' },
      ],
    });
    live.store.startRoom({ roomId: 'rec-1', createdAt, parentRoomId: 'rec' });
    const rooms = (await postLive('/auth/room/getActiveRoomsInfo', {})).rooms as Json[];
    const rec = rooms.find((room) => room.room_info.room_id === 'rec')!;
    expect(rec.room_info).toMatchObject({ is_recording: 1, is_breakout_room: 0, parent_room_id: '' });
    expect((rec.participants_info as Json[]).map((p) => [p.identity, p.state, p.permission.hidden])).toEqual([
      ['RECORDER_BOT', 'ACTIVE', false],
      ['spy', 'ACTIVE', true],
      ['new', 'JOINING', false],
    ]);
    const breakout = rooms.find((room) => room.room_info.room_id === 'rec-1')!;
    expect(breakout.room_info).toMatchObject({ is_breakout_room: 1, parent_room_id: 'rec' });
    expect(JSON.parse(breakout.room_info.metadata)).toMatchObject({ is_breakout_room: true, parent_room_id: 'rec' });
  });
});

describe('seeded demo data', () => {
  it('holds deterministic ended sessions over at least 8 titled rooms, inserted in creation order', async () => {
    const reply = await post('/auth/room/fetchPastRooms', { limit: 100, order_by: 'ASC' });
    const rows = reply.result.rooms_list as Json[];
    const ended = rows.filter((row) => row.ended !== '0001-01-01T00:00:00Z');
    expect(ended.length).toBeGreaterThanOrEqual(45);
    expect(new Set(ended.map((row) => row.room_id)).size).toBeGreaterThanOrEqual(8);
    expect(rows.map((row) => row.created)).toEqual([...rows.map((row) => row.created)].sort());
    for (const row of ended) {
      expect(row.room_title).not.toBe(row.room_id);
      expect(row.room_sid).toMatch(UUID_V4);
      const minutes = (Date.parse(row.ended) - Date.parse(row.created)) / 60_000;
      expect(minutes).toBeGreaterThanOrEqual(20);
      expect(minutes).toBeLessThanOrEqual(90);
    }
    expect(ended.some((row) => 'analytics_file_id' in row)).toBe(true);
    expect(ended.some((row) => !('analytics_file_id' in row))).toBe(true);
    const again = await startPlugnmeetSimulator({ apiSecret: DEMO_SECRET });
    try {
      const otherRows = (await post('/auth/room/fetchPastRooms', { limit: 100, order_by: 'ASC' }, again)).result.rooms_list as Json[];
      expect(otherRows.filter((row) => row.ended !== '0001-01-01T00:00:00Z')).toEqual(ended);
    } finally {
      await again.close();
    }
  });

  it('has 4 live rooms, one a breakout room of another, one recording with a bot and a hidden admin, one with past sessions', async () => {
    const reply = await post('/auth/room/getActiveRoomsInfo', {});
    expect(reply.rooms).toHaveLength(4);
    for (const room of reply.rooms as Json[]) {
      const people = (room.participants_info as Json[]).filter((p) => p.identity !== 'RECORDER_BOT' && !p.permission.hidden);
      expect(people.length).toBeGreaterThanOrEqual(2);
      expect(people.length).toBeLessThanOrEqual(4);
      expect(Number(room.room_info.creation_time) * 1000).toBeLessThanOrEqual(Date.now());
      for (const participant of room.participants_info as Json[]) expect(participant.sid).toMatch(/^PA_\w{12}$/);
    }
    const byId = new Map((reply.rooms as Json[]).map((room) => [room.room_info.room_id as string, room]));
    expect(byId.get('town-hall-1')!.room_info).toMatchObject({ is_breakout_room: 1, parent_room_id: 'town-hall' });
    const hall = byId.get('town-hall')!;
    expect(hall.room_info).toMatchObject({ is_recording: 1 });
    expect((hall.participants_info as Json[]).map((p) => p.state)).toEqual(['ACTIVE', 'ACTIVE', 'JOINED', 'JOINING', 'ACTIVE', 'ACTIVE']);
    expect((hall.participants_info as Json[]).slice(-2).map((p) => [p.identity, p.permission.hidden])).toEqual([['RECORDER_BOT', false], ['observer', true]]);
    const past = await post('/auth/room/fetchPastRooms', { room_ids: [...byId.keys()], limit: 100 });
    const endedIds = (past.result.rooms_list as Json[]).filter((row) => row.ended !== '0001-01-01T00:00:00Z').map((row) => row.room_id);
    expect(endedIds.length).toBeGreaterThan(0);
  });

  it('seeds ended sessions with joined_participants 0, as the online gauge ends, and two past breakout rooms', async () => {
    const rows = (await post('/auth/room/fetchPastRooms', { limit: 100, order_by: 'ASC' })).result.rooms_list as Json[];
    const ended = rows.filter((row) => row.ended !== '0001-01-01T00:00:00Z');
    expect(new Set(ended.map((row) => row.joined_participants))).toEqual(new Set(['0']));
    expect(ended.filter((row) => /^all-hands-\d$/.test(row.room_id as string)).map((row) => row.room_id)).toEqual(['all-hands-1', 'all-hands-2']);
  });

  it('exposes its root url and the gateway environment, and records calls', async () => {
    expect(simulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(simulator.env).toEqual({ PLUGNMEET_URL: simulator.url, PLUGNMEET_API_KEY: 'plugnmeet', PLUGNMEET_API_SECRET: DEMO_SECRET });
    simulator.resetCalls();
    await post('/auth/room/isRoomActive', { room_id: 'x' });
    expect(simulator.calls).toEqual([{ method: 'POST', path: '/auth/room/isRoomActive', query: {}, body: '{"room_id":"x"}', headers: expect.any(Object) }]);
  });
});

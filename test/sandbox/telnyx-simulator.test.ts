import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TELNYX_DEMO_PAST_SESSIONS } from '../../src/sandbox/telnyx/telnyx-seed.js';
import { startTelnyxSimulator, TELNYX_DEMO_API_KEY, type TelnyxSimulator } from '../../src/sandbox/telnyx/telnyx-simulator.js';

/** A wire body, inspected field by field. */
type Json = Record<string, any>;

const MICROSECOND_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let sim: TelnyxSimulator;

beforeAll(async () => {
  sim = await startTelnyxSimulator();
});
afterAll(() => sim.close());

async function call(path: string, headers: Record<string, string> = { authorization: `Bearer ${TELNYX_DEMO_API_KEY}` }) {
  const response = await fetch(`${sim.url}${path}`, { headers });
  return { status: response.status, type: response.headers.get('content-type'), headers: response.headers, body: (await response.json()) as Json };
}

/** An authenticated GET that must answer 200. */
async function get(path: string): Promise<Json> {
  const reply = await call(path);
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body;
}

/** Every item of a list, through page[number]. */
async function all(path: string): Promise<Json[]> {
  const items: Json[] = [];
  for (let number = 1; ; number += 1) {
    const page = await get(`${path}${path.includes('?') ? '&' : '?'}page[size]=250&page[number]=${number}`);
    items.push(...page.data);
    if (number >= page.meta.total_pages) return items;
  }
}

describe('authentication', () => {
  it('answers 401 with code 10009 without a key, with a wrong key and with another scheme', async () => {
    const cases: Record<string, string>[] = [{}, { authorization: 'Bearer wrong' }, { authorization: `Basic ${TELNYX_DEMO_API_KEY}` }, { authorization: TELNYX_DEMO_API_KEY }];
    for (const headers of cases) {
      const reply = await call('/rooms', headers);
      expect(reply.status).toBe(401);
      expect(reply.type).toBe('application/json');
      expect(reply.body.errors).toHaveLength(1);
      expect(reply.body.errors[0]).toMatchObject({ code: '10009', title: 'Authentication failed' });
      expect(reply.body.errors[0].detail).toEqual(expect.any(String));
      expect(JSON.stringify(reply.body)).not.toContain(TELNYX_DEMO_API_KEY);
    }
  });

  it('authenticates before routing, so an unknown path without a key is 401', async () => {
    expect((await call('/nowhere', {})).status).toBe(401);
    expect((await call('/nowhere')).status).toBe(404);
  });

  it('serves its own env: the /v2 base URL and a clearly fake key', () => {
    expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v2$/);
    expect(sim.env).toEqual({ TELNYX_API_URL: sim.url, TELNYX_API_KEY: TELNYX_DEMO_API_KEY });
    expect(TELNYX_DEMO_API_KEY).toMatch(/NOT_A_REAL/);
  });
});

describe('query parameters', () => {
  it('reads percent-encoded brackets exactly like literal ones', async () => {
    const literal = await get('/rooms?filter[unique_name]=design-review&page[size]=1');
    const encoded = await get('/rooms?filter%5Bunique_name%5D=design-review&page%5Bsize%5D=1');
    expect(encoded).toEqual(literal);
    expect(encoded.data.map((room: Json) => room.unique_name)).toEqual(['design-review']);
    expect(encoded.meta).toEqual({ page_number: 1, page_size: 1, total_pages: 1, total_results: 1 });
  });

  it('validates page[size] as 1..250 and page[number] as at least 1 with 422 naming the parameter', async () => {
    const cases: [string, string][] = [
      ['page[size]=0', 'page[size]'],
      ['page[size]=251', 'page[size]'],
      ['page%5Bsize%5D=ten', 'page[size]'],
      ['page[size]=2.5', 'page[size]'],
      ['page[number]=0', 'page[number]'],
      ['page[number]=-1', 'page[number]'],
    ];
    for (const [query, parameter] of cases) {
      for (const path of ['/rooms', '/room_sessions']) {
        const reply = await call(`${path}?${query}`);
        expect(reply.status, `${path}?${query}`).toBe(422);
        expect(reply.body.errors[0]).toMatchObject({ code: expect.any(String), title: expect.any(String), source: { parameter } });
      }
    }
    expect((await call('/rooms?page[size]=250')).status).toBe(200);
  });

  it('rejects a date that is not YYYY-MM-DD and a boolean that is not true/false with 422', async () => {
    const date = await call('/rooms?filter[date_created_at][gte]=2026-13-01');
    expect(date.body.errors[0].source).toEqual({ parameter: 'filter[date_created_at][gte]' });
    const flag = await call('/room_sessions?filter[active]=yes');
    expect([flag.status, flag.body.errors[0].source.parameter]).toEqual([422, 'filter[active]']);
  });
});

describe('envelopes and records', () => {
  it('wraps lists in {data, meta} with the four page numbers and defaults to 20 per page', async () => {
    const page = await get('/room_sessions?page[number]=2');
    expect(Object.keys(page)).toEqual(['data', 'meta']);
    expect(page.meta).toEqual({ page_number: 2, page_size: 20, total_pages: 3, total_results: TELNYX_DEMO_PAST_SESSIONS + 2 });
    expect(page.data).toHaveLength(20);
    expect((await get('/room_sessions?page[number]=9')).data).toEqual([]);
  });

  it('wraps single resources in {data} and answers 404 code 10005 for unknown ids', async () => {
    const [room] = await all('/rooms');
    expect(Object.keys(await get(`/rooms/${room!.id}`))).toEqual(['data']);
    for (const path of ['/rooms/00000000-0000-4000-8000-000000000000', '/room_sessions/nope', '/room_sessions/nope/participants', '/rooms/nope/sessions']) {
      const reply = await call(path);
      expect(reply.status).toBe(404);
      expect(reply.body.errors[0]).toMatchObject({ code: '10005', title: 'Resource not found' });
    }
  });

  it('puts record_type on rooms, embedded sessions, sessions and participants', async () => {
    const rooms = await all('/rooms?include_sessions=true');
    expect(rooms.every((room) => room.record_type === 'room')).toBe(true);
    const embedded = rooms.flatMap((room) => room.sessions);
    expect(embedded.length).toBe(TELNYX_DEMO_PAST_SESSIONS + 2);
    expect(embedded.every((session) => session.record_type === 'room_session' && session.participants.length === 0)).toBe(true);
    const sessions = await all('/room_sessions?include_participants=true');
    const participants = sessions.flatMap((session) => session.participants);
    expect(participants.length).toBeGreaterThan(TELNYX_DEMO_PAST_SESSIONS);
    expect(participants.every((participant) => participant.record_type === 'room_participant')).toBe(true);
    const listed = await all(`/room_sessions/${sessions[0]!.id}/participants`);
    expect(listed.every((participant) => participant.record_type === 'room_participant')).toBe(true);
  });

  it('leaves ended_at and left_at out while live and names active_session_id only for live rooms', async () => {
    const live = await all('/room_sessions?filter[active]=true&include_participants=true');
    expect(live).toHaveLength(2);
    for (const session of live) {
      expect(session).not.toHaveProperty('ended_at');
      const connected = session.participants.filter((participant: Json) => !('left_at' in participant));
      expect(connected.length).toBeGreaterThan(0);
      expect(Date.now() - Date.parse(session.created_at)).toBeLessThan(60 * 60_000);
    }
    const rooms = await all('/rooms');
    const withSession = rooms.filter((room) => 'active_session_id' in room);
    expect(withSession.map((room) => room.active_session_id).sort()).toEqual(live.map((session) => session.id).sort());
    const ended = await all('/room_sessions?filter[active]=false&include_participants=true');
    expect(ended.every((session) => typeof session.ended_at === 'string')).toBe(true);
    expect(ended.flatMap((session) => session.participants).every((participant: Json) => typeof participant.left_at === 'string')).toBe(true);
  });

  it('writes microsecond UTC timestamps and UUID ids', async () => {
    const sessions = await all('/room_sessions?include_participants=true');
    const rooms = await all('/rooms');
    const times = [
      ...rooms.flatMap((room) => [room.created_at, room.updated_at]),
      ...sessions.flatMap((session) => [session.created_at, session.updated_at, session.ended_at].filter(Boolean)),
      ...sessions.flatMap((session) => session.participants.flatMap((p: Json) => [p.joined_at, p.updated_at, p.left_at].filter(Boolean))),
    ];
    expect(times.every((time) => MICROSECOND_TIME.test(time))).toBe(true);
    expect([...rooms, ...sessions].every((record) => UUID.test(record.id))).toBe(true);
  });
});

describe('seeded data and order', () => {
  it('seeds 8 rooms with distinct names, creation days and update times, and 48 interleaving ended sessions', async () => {
    const rooms = await all('/rooms');
    expect(rooms).toHaveLength(8);
    expect(new Set(rooms.map((room) => room.unique_name)).size).toBe(8);
    expect(new Set(rooms.map((room) => room.created_at.slice(0, 10))).size).toBe(8);
    expect(new Set(rooms.map((room) => room.updated_at)).size).toBe(8);
    const ended = (await all('/room_sessions?filter[active]=false')).sort((a, b) => a.created_at.localeCompare(b.created_at));
    expect(ended.length).toBeGreaterThanOrEqual(45);
    const switches = ended.filter((session, index) => index > 0 && session.room_id !== ended[index - 1]!.room_id).length;
    expect(switches).toBeGreaterThan(ended.length / 2);
  });

  it('gives participants a context that is a plain name or JSON text', async () => {
    const contexts = (await all('/room_sessions?include_participants=true')).flatMap((session) => session.participants.map((p: Json) => p.context));
    const json = contexts.filter((context) => context.startsWith('{'));
    expect(json.length).toBeGreaterThan(0);
    expect(json.every((context) => typeof JSON.parse(context).name === 'string')).toBe(true);
    expect(contexts.length - json.length).toBeGreaterThan(0);
  });

  it('lists in a deterministic order that is not chronological', async () => {
    const first = (await all('/room_sessions')).map((session) => session.created_at);
    const second = (await all('/room_sessions')).map((session) => session.created_at);
    expect(first).toEqual(second);
    expect(first).not.toEqual([...first].sort());
    expect(first).not.toEqual([...first].sort().reverse());
  });
});

describe('date filters', () => {
  it('filters rooms by created and updated day: eq is that UTC day, gte on or after, lte on or before', async () => {
    const rooms = await all('/rooms');
    const days = rooms.map((room) => room.created_at.slice(0, 10) as string).sort();
    const middle = days[3]!;
    const names = async (query: string) => (await all(`/rooms?${query}`)).map((room) => room.unique_name).sort();
    const expected = (keep: (day: string) => boolean, field = 'created_at') =>
      rooms.filter((room) => keep(room[field].slice(0, 10))).map((room) => room.unique_name).sort();
    expect(await names(`filter[date_created_at][eq]=${middle}`)).toEqual(expected((day) => day === middle));
    expect(await names(`filter[date_created_at][gte]=${middle}`)).toEqual(expected((day) => day >= middle));
    expect(await names(`filter[date_created_at][lte]=${middle}`)).toEqual(expected((day) => day <= middle));
    expect(await names(`filter[date_created_at][gte]=${days[1]}&filter[date_created_at][lte]=${days[4]}`)).toHaveLength(4);
    const updated = rooms[0]!.updated_at.slice(0, 10);
    expect(await names(`filter[date_updated_at][eq]=${updated}`)).toEqual(expected((day) => day === updated, 'updated_at'));
    expect(await names(`filter[date_updated_at][lte]=${updated}`)).toEqual(expected((day) => day <= updated, 'updated_at'));
  });

  it('filters sessions by room, activity and created/ended day, and a live session matches no ended_at filter', async () => {
    const sessions = await all('/room_sessions');
    const day = sessions[0]!.created_at.slice(0, 10);
    const ids = async (query: string) => (await all(`/room_sessions?${query}`)).map((session) => session.id).sort();
    const expected = (keep: (session: Json) => boolean) => sessions.filter(keep).map((session) => session.id).sort();
    expect(await ids(`filter[date_created_at][eq]=${day}`)).toEqual(expected((s) => s.created_at.startsWith(day)));
    expect(await ids(`filter[date_ended_at][gte]=${day}`)).toEqual(expected((s) => s.ended_at !== undefined && s.ended_at.slice(0, 10) >= day));
    const roomId = sessions[0]!.room_id;
    expect(await ids(`filter[room_id]=${roomId}&filter[active]=false`)).toEqual(expected((s) => s.room_id === roomId && !s.active));
    expect(await ids(`filter[date_ended_at][gte]=2000-01-01`)).toEqual(expected((s) => !s.active));
  });
});

describe('faults', () => {
  it('answers an injected 429 with the rate-limit headers and code 10011, then serves normally', async () => {
    sim.injectFault({ kind: 'status', status: 429 });
    const limited = await call('/rooms');
    expect(limited.status).toBe(429);
    expect(limited.body.errors[0].code).toBe('10011');
    expect(['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset'].map((name) => limited.headers.get(name))).toEqual(['100', '0', '7']);
    expect((await call('/rooms')).status).toBe(200);
  });

  it('records every call with its decoded query', async () => {
    sim.resetCalls();
    await get('/room_sessions?filter%5Broom_id%5D=abc&page%5Bsize%5D=5');
    expect(sim.calls).toEqual([{ method: 'GET', path: '/v2/room_sessions', query: { 'filter[room_id]': 'abc', 'page[size]': '5' }, body: '', headers: expect.any(Object) }]);
  });
});

describe('behaviour options for what no source settles', () => {
  async function callOn(other: TelnyxSimulator, path: string) {
    const response = await fetch(`${other.url}${path}`, { headers: { authorization: `Bearer ${TELNYX_DEMO_API_KEY}` } });
    return { status: response.status, body: (await response.json()) as Json };
  }

  it('compares dates on whole days by default, at midnight with `midnight`, and strictly with `exclusive`', async () => {
    const sessions = await all('/room_sessions?filter[active]=false');
    const day = sessions[0]!.created_at.slice(0, 10) as string;
    const onDay = sessions.filter((session) => session.created_at.startsWith(day)).map((session) => session.id).sort();
    expect(onDay.length).toBeGreaterThan(0);
    const midnight = await startTelnyxSimulator({ dateComparison: 'midnight' });
    const exclusive = await startTelnyxSimulator({ dateComparison: 'exclusive' });
    try {
      const ids = async (on: TelnyxSimulator, query: string) =>
        ((await callOn(on, `/room_sessions?filter[active]=false&page[size]=250&${query}`)).body.data as Json[]).map((session) => session.id).sort();
      expect(await ids(sim, `filter[date_created_at][lte]=${day}&filter[date_created_at][gte]=${day}`)).toEqual(onDay);
      expect(await ids(midnight, `filter[date_created_at][lte]=${day}&filter[date_created_at][gte]=${day}`)).toEqual([]);
      expect(await ids(midnight, `filter[date_created_at][gte]=${day}&filter[date_created_at][eq]=${day}`)).toEqual(onDay);
      expect(await ids(exclusive, `filter[date_created_at][gte]=${day}&filter[date_created_at][eq]=${day}`)).toEqual([]);
      expect(await ids(exclusive, `filter[date_created_at][lte]=${day}&filter[date_created_at][eq]=${day}`)).toEqual([]);
    } finally {
      await Promise.all([midnight.close(), exclusive.close()]);
    }
  });

  it('sends only page_number and total_pages with `minimal` meta', async () => {
    const minimal = await startTelnyxSimulator({ pageMeta: 'minimal' });
    try {
      const page = await callOn(minimal, '/room_sessions?page[size]=20&page[number]=2');
      expect(page.body.meta).toEqual({ page_number: 2, total_pages: 3 });
      expect(page.body.data).toHaveLength(20);
    } finally {
      await minimal.close();
    }
  });

  it('answers with the spec\'s error shapes with `as-specified`: one bare error for a by-id 404, {message, success} for a list', async () => {
    const specified = await startTelnyxSimulator({ errorBodies: 'as-specified' });
    try {
      const missing = await callOn(specified, '/rooms/00000000-0000-4000-8000-000000000000');
      expect(missing).toMatchObject({ status: 404, body: { code: '10005', title: 'Resource not found' } });
      expect(missing.body).not.toHaveProperty('errors');
      expect(await callOn(specified, '/rooms?page[size]=0')).toEqual({ status: 422, body: { message: 'Error', success: false } });
      expect(await callOn(specified, '/room_sessions/00000000-0000-4000-8000-000000000000/participants')).toEqual({ status: 404, body: { message: 'Error', success: false } });
      expect((await callOn(specified, '/rooms?page[size]=1')).status).toBe(200);
    } finally {
      await specified.close();
    }
  });
});

import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VIDEOSDK_DEMO_PAST_SESSIONS } from '../../src/sandbox/videosdk/videosdk-seed.js';
import { startVideosdkSimulator, type VideosdkSimulator } from '../../src/sandbox/videosdk/videosdk-simulator.js';

interface PageBody {
  pageInfo: { currentPage: number; perPage: number; lastPage: number; total: number };
  data: Record<string, unknown>[];
}

interface SessionJson {
  id: string;
  roomId: string;
  customRoomId?: string;
  start: string;
  end: string | null;
  status: string;
  participants: { participantId: string; name: string; timelog: { start: string; end: string | null }[] }[];
  links: { get_room: string; get_session: string };
}

let sim: VideosdkSimulator;
let token: string;

/** A token minted here with jose, independently of the gateway's own minting code. */
async function mint(claims: Record<string, unknown> = {}, secret = sim.env.VIDEOSDK_API_SECRET!, expiresAt?: number): Promise<string> {
  const standard = { apikey: sim.env.VIDEOSDK_API_KEY, permissions: ['allow_join', 'allow_mod'], version: 2, roles: ['crawler'] };
  const jwt = new SignJWT({ ...standard, ...claims })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt();
  if (expiresAt !== -1) jwt.setExpirationTime(expiresAt ?? Math.floor(Date.now() / 1000) + 600);
  return jwt.sign(new TextEncoder().encode(secret));
}

async function get<T = PageBody>(path: string, authorization: string | null = token): Promise<{ status: number; body: T }> {
  const response = await fetch(`${sim.url}${path}`, { headers: authorization === null ? {} : { authorization } });
  return { status: response.status, body: (await response.json()) as T };
}

async function allSessions(query = ''): Promise<SessionJson[]> {
  const { body } = await get(`/v2/sessions?perPage=100${query}`);
  return body.data as unknown as SessionJson[];
}

beforeAll(async () => {
  sim = await startVideosdkSimulator();
  token = await mint();
});

afterAll(() => sim.close());

describe('authentication', () => {
  const refused = { status: 401, body: { message: 'Token is invalid or expired' } };

  it('refuses a request without a token', async () => {
    expect(await get('/v2/sessions', null)).toEqual(refused);
  });

  it('refuses a token signed with another secret', async () => {
    expect(await get('/v2/sessions', await mint({}, 'not-the-secret'))).toEqual(refused);
  });

  it('refuses an expired token', async () => {
    expect(await get('/v2/sessions', await mint({}, undefined, Math.floor(Date.now() / 1000) - 5))).toEqual(refused);
  });

  it('refuses a token without an expiry', async () => {
    expect(await get('/v2/sessions', await mint({}, undefined, -1))).toEqual(refused);
  });

  it('refuses a token for another API key', async () => {
    expect(await get('/v2/rooms', await mint({ apikey: 'someone-else' }))).toEqual(refused);
  });

  it('refuses a participant token: without the crawler role, or not version 2', async () => {
    expect(await get('/v2/sessions', await mint({ roles: ['rtc'] }))).toEqual(refused);
    expect(await get('/v2/sessions', await mint({ roles: undefined }))).toEqual(refused);
    expect(await get('/v2/rooms', await mint({ version: 1 }))).toEqual(refused);
    expect(await get('/v2/rooms', await mint({ version: undefined }))).toEqual(refused);
    expect((await get('/v2/rooms', await mint({ roles: ['rtc', 'crawler'] }))).status).toBe(200);
  });

  it('refuses a token sent with a Bearer prefix', async () => {
    expect(await get('/v2/rooms', `Bearer ${token}`)).toEqual(refused);
  });

  it('accepts the bare token on every v2 route', async () => {
    expect((await get('/v2/sessions')).status).toBe(200);
    expect((await get('/v2/rooms')).status).toBe(200);
  });
});

describe('list envelope and paging', () => {
  it('answers the pageInfo envelope with page 1 and perPage 20 by default', async () => {
    const { status, body } = await get('/v2/sessions');
    expect(status).toBe(200);
    const total = VIDEOSDK_DEMO_PAST_SESSIONS + 3;
    expect(body.pageInfo).toEqual({ currentPage: 1, perPage: 20, lastPage: Math.ceil(total / 20), total });
    expect(body.data).toHaveLength(20);
  });

  it('pages through every session with no gap or duplicate', async () => {
    const ids: string[] = [];
    for (let page = 1; page <= 8; page += 1) {
      const { body } = await get(`/v2/sessions?page=${page}&perPage=7`);
      expect(body.pageInfo.currentPage).toBe(page);
      expect(body.pageInfo.lastPage).toBe(8);
      ids.push(...body.data.map((session) => session.id as string));
    }
    expect(ids).toHaveLength(VIDEOSDK_DEMO_PAST_SESSIONS + 3);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('serves perPage up to 100 and refuses a larger one with 400, never with an empty page', async () => {
    expect((await get('/v2/sessions?perPage=100')).body.pageInfo.perPage).toBe(100);
    const refused = { status: 400, body: { message: '"perPage" must be less than or equal to 100' } };
    expect(await get('/v2/sessions?perPage=101')).toEqual(refused);
    expect(await get('/v2/rooms?perPage=500')).toMatchObject({ status: 400 });
  });

  it('takes its perPage cap from the options', async () => {
    const small = await startVideosdkSimulator({ maxPerPage: 10 });
    try {
      const response = await fetch(`${small.url}/v2/rooms?perPage=11`, { headers: { authorization: token } });
      expect([response.status, await response.json()]).toEqual([400, { message: '"perPage" must be less than or equal to 10' }]);
    } finally {
      await small.close();
    }
  });

  it('answers an empty page after the last one', async () => {
    const { body } = await get('/v2/rooms?page=5&perPage=10');
    expect(body).toMatchObject({ pageInfo: { currentPage: 5, lastPage: 1, total: 8 }, data: [] });
  });

  it('rejects a page number that is not a positive integer with 400', async () => {
    expect(await get('/v2/sessions?page=0')).toMatchObject({ status: 400, body: { message: expect.stringContaining('page') } });
  });

  it('lists sessions in a fixed order that is not chronological', async () => {
    const starts = (await allSessions()).map((session) => session.start);
    expect(starts).not.toEqual([...starts].sort());
    expect(starts).not.toEqual([...starts].sort().reverse());
    expect((await allSessions()).map((session) => session.start)).toEqual(starts);
  });
});

describe('sessions', () => {
  it('formats ids and links as VideoSDK does', async () => {
    for (const session of await allSessions()) {
      expect(session.id).toMatch(/^[0-9a-f]{24}$/);
      expect(session.roomId).toMatch(/^[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}$/);
      expect(session.links).toEqual({
        get_room: `${sim.url}/v2/rooms/${session.roomId}`,
        get_session: `${sim.url}/v2/sessions/${session.id}`,
      });
      for (const participant of session.participants) expect(participant.participantId).toMatch(/^[a-z0-9]{8}$/);
    }
  });

  it('seeds ended sessions over many days, with participants who rejoin', async () => {
    const ended = await allSessions('&status=ended');
    expect(ended.length).toBeGreaterThanOrEqual(45);
    const days = new Set(ended.map((session) => session.start.slice(0, 10)));
    expect(days.size).toBeGreaterThan(10);
    const segments = ended.flatMap((session) => session.participants.map((participant) => participant.timelog.length));
    expect(segments).toContain(2);
    expect(segments).toContain(3);
    const closed = (session: SessionJson) => session.participants.every((p) => p.timelog.every((segment) => segment.end !== null));
    expect(ended.every((session) => session.end !== null && closed(session))).toBe(true);
  });

  it('seeds the same rooms and history on every start', async () => {
    const again = await startVideosdkSimulator();
    try {
      const history = (simulator: VideosdkSimulator) => ({
        rooms: simulator.store.rooms.map((room) => [room.roomId, room.customRoomId, room.createdAt.getTime()]),
        ended: simulator.store.sessions.filter((session) => session.end).map((session) => [session.id, session.start.getTime()]),
      });
      expect(history(again)).toEqual(history(sim));
    } finally {
      await again.close();
    }
  });

  it('marks live sessions ongoing, with a null end and open timelogs for connected participants', async () => {
    const live = await allSessions('&status=ongoing');
    expect(live).toHaveLength(3);
    for (const session of live) {
      expect(session).toMatchObject({ status: 'ongoing', end: null });
      expect(Date.now() - Date.parse(session.start)).toBeLessThan(2 * 3_600_000);
      expect(session.participants.some((participant) => participant.timelog.at(-1)!.end === null)).toBe(true);
    }
  });

  it('filters by roomId, customRoomId, query and start range', async () => {
    const all = await allSessions();
    const named = all.find((session) => session.customRoomId)!;
    const ofRoom = all.filter((session) => session.roomId === named.roomId).map((session) => session.id).sort();
    const ids = (sessions: SessionJson[]) => sessions.map((session) => session.id).sort();
    expect(ids(await allSessions(`&roomId=${named.roomId}`))).toEqual(ofRoom);
    expect(ids(await allSessions(`&customRoomId=${named.customRoomId}`))).toEqual(ofRoom);
    expect(ids(await allSessions(`&query=${named.customRoomId}`))).toEqual(ofRoom);
    const from = Date.parse(named.start);
    const inRange = all.filter((session) => Date.parse(session.start) >= from && Date.parse(session.start) <= from + 86_400_000);
    expect(ids(await allSessions(`&startDate=${from}&endDate=${from + 86_400_000}`))).toEqual(ids(inRange));
  });

  it('seeds a stale second ongoing session in a live room when asked to', async () => {
    const stale = await startVideosdkSimulator({ staleOngoingSession: true });
    try {
      const ongoing = stale.store.sessions.filter((session) => session.end === null);
      expect(ongoing).toHaveLength(4);
      const twice = ongoing.filter((session) => ongoing.filter((other) => other.roomId === session.roomId).length === 2);
      const [older, newer] = twice.sort((a, b) => a.start.getTime() - b.start.getTime());
      expect(twice).toHaveLength(2);
      expect(newer!.start.getTime() - older!.start.getTime()).toBeGreaterThanOrEqual(86_400_000);
      expect(older!.participants[0]!.timelog.at(-1)!.end).toBeNull();
    } finally {
      await stale.close();
    }
  });

  it('answers 402 "Room not found." for sessions of an unknown room', async () => {
    expect(await get('/v2/sessions?roomId=zzzz-zzzz-zzzz')).toEqual({ status: 402, body: { message: 'Room not found.' } });
  });

  it('returns one session with its detail fields', async () => {
    const [listed] = await allSessions('&status=ended');
    const { status, body } = await get<Record<string, unknown>>(`/v2/sessions/${listed!.id}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ id: listed!.id, roomId: listed!.roomId, start: listed!.start, end: listed!.end, status: 'ended' });
    expect(body).toHaveProperty('activeDuration');
    const withObjectIds = listed!.participants.map((participant) => ({ _id: expect.stringMatching(/^[0-9a-f]{24}$/), ...participant }));
    expect(body.participants).toEqual(withObjectIds);
  });

  it('answers 404 for an unknown session and 400 for a malformed session id', async () => {
    expect(await get('/v2/sessions/0123456789abcdef01234567')).toEqual({ status: 404, body: { message: 'Session not found.' } });
    expect(await get('/v2/sessions/not-an-id')).toEqual({ status: 400, body: { message: 'Invalid sessionId.' } });
    expect((await get('/v2/sessions/0123456789abcdef01234567/participants')).status).toBe(404);
  });
});

describe('participants', () => {
  it('wraps /participants in one session object and pages its participants', async () => {
    const session = (await allSessions('&status=ended')).find((candidate) => candidate.participants.length >= 3)!;
    const first = await get<{ pageInfo: PageBody['pageInfo']; data: SessionJson }>(`/v2/sessions/${session.id}/participants?perPage=2`);
    const total = session.participants.length;
    expect(first.body.pageInfo).toEqual({ currentPage: 1, perPage: 2, lastPage: Math.ceil(total / 2), total });
    expect(first.body.data).toMatchObject({ id: session.id, roomId: session.roomId });
    const second = await get<{ data: SessionJson }>(`/v2/sessions/${session.id}/participants?perPage=2&page=2`);
    const ids = [...first.body.data.participants, ...second.body.data.participants].map((participant) => participant.participantId);
    expect(ids).toEqual(session.participants.slice(0, 4).map((participant) => participant.participantId));
  });

  it('wraps /participants/active in a one-element array holding only connected participants', async () => {
    const [live] = await allSessions('&status=ongoing');
    const { body } = await get<{ data: Record<string, unknown>[] }>(`/v2/sessions/${live!.id}/participants/active`);
    expect(body.data).toHaveLength(1);
    expect(body.data[0]).toMatchObject({ _id: live!.id, roomId: live!.roomId, status: 'ongoing', end: null });
    const connected = live!.participants.filter((participant) => participant.timelog.at(-1)!.end === null).map((p) => p.participantId);
    const listed = (body.data[0]!.participants as { participantId: string; mode: string }[]).map((p) => p.participantId);
    expect(listed).toEqual(connected);
    expect(listed.length).toBeLessThan(live!.participants.length);
  });

  it('renders initTime as a number and the browser user agent as an object, as the current docs do', async () => {
    const [live] = await allSessions('&status=ongoing');
    const { body } = await get<{ data: { participants: Record<string, unknown>[] }[] }>(`/v2/sessions/${live!.id}/participants/active`);
    const [participant] = body.data[0]!.participants;
    expect(typeof participant!.initTime).toBe('number');
    expect(participant!.deviceInfo).toMatchObject({ browserUserAgent: { browser: { name: expect.any(String) }, os: { name: expect.any(String) } } });
  });

  it('answers an empty active list for an ended session', async () => {
    const [ended] = await allSessions('&status=ended');
    const { body } = await get<{ data: { participants: unknown[] }[] }>(`/v2/sessions/${ended!.id}/participants/active`);
    expect(body.data[0]!.participants).toEqual([]);
  });
});

describe('rooms', () => {
  it('lists eight rooms, some with a customRoomId, with absolute links', async () => {
    const { body } = await get('/v2/rooms');
    expect(body.pageInfo.total).toBe(8);
    const custom = body.data.filter((room) => room.customRoomId !== null);
    expect(custom.length).toBeGreaterThan(0);
    expect(custom.length).toBeLessThan(8);
    for (const room of body.data) {
      expect(room.roomId).toMatch(/^[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}$/);
      expect(room.links).toMatchObject({ get_room: `${sim.url}/v2/rooms/${room.roomId as string}` });
    }
  });

  it('fetches a room by roomId or customRoomId and answers 404 for an unknown one', async () => {
    const room = (await get('/v2/rooms')).body.data.find((candidate) => candidate.customRoomId)!;
    expect((await get<Record<string, unknown>>(`/v2/rooms/${room.roomId as string}`)).body).toEqual(room);
    expect((await get<Record<string, unknown>>(`/v2/rooms/${room.customRoomId as string}`)).body).toEqual(room);
    expect(await get('/v2/rooms/zzzz-zzzz-zzzz')).toEqual({ status: 404, body: { message: 'Room not found.' } });
    expect(await get('/v2/rooms/validate/zzzz-zzzz-zzzz')).toEqual({ status: 400, body: { message: 'Room not found.' } });
  });
});

describe('fault injection and call records', () => {
  it('answers injected faults, then serves normally', async () => {
    sim.injectFault({ kind: 'status', status: 429, body: { message: 'Too many requests' }, headers: { 'retry-after': '2' } }, { times: 2 });
    const first = await fetch(`${sim.url}/v2/rooms`, { headers: { authorization: token } });
    expect([first.status, first.headers.get('retry-after'), await first.json()]).toEqual([429, '2', { message: 'Too many requests' }]);
    expect((await get('/v2/rooms')).status).toBe(429);
    expect((await get('/v2/rooms')).status).toBe(200);
  });

  it('records each call with its path and query', async () => {
    sim.resetCalls();
    await get('/v2/sessions?roomId=zzzz-zzzz-zzzz&page=2');
    expect(sim.calls).toEqual([{ method: 'GET', path: '/v2/sessions', query: { roomId: 'zzzz-zzzz-zzzz', page: '2' }, body: '', headers: expect.any(Object) }]);
  });
});

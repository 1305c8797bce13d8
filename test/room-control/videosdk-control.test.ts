import { VideoSDK, verifyToken } from '@videosdk.live/server-sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startVideosdkSimulator, type VideosdkSimulator } from '../../src/sandbox/videosdk/videosdk-simulator.js';
import type { VideosdkSimSession } from '../../src/sandbox/videosdk/videosdk-store.js';
import { createTestGateway, type TestGateway } from '../support/test-gateway.js';
import { bodyOf, callsTo, CREATE_JOIN_TOKEN, CREATE_ROOM, END_ROOM, globalId, REMOVE_PARTICIPANT, ROOM, send } from './room-control-harness.js';

let sim: VideosdkSimulator;
let gateway: TestGateway;
let sdk: VideoSDK;

beforeAll(async () => {
  sim = await startVideosdkSimulator();
  gateway = createTestGateway({ ...sim.env, MUTATIONS_WITHOUT_AUTH: 'true', UPSTREAM_RETRY_BASE_MS: '1' });
  sdk = new VideoSDK({ apiKey: sim.env.VIDEOSDK_API_KEY, secret: sim.env.VIDEOSDK_API_SECRET, apiEndpoint: sim.url, maxRetries: 0 });
});
afterAll(async () => {
  await gateway.close();
  await sim.close();
});
beforeEach(() => {
  sim.resetCalls();
  sim.clearFaults();
});

const create = (input: Record<string, unknown>) => send(gateway, CREATE_ROOM, { input: { provider: 'VIDEOSDK', ...input } });
const roomId = (id: string) => globalId('Room', 'videosdk', id);
const connected = (session: VideosdkSimSession) => session.participants.filter((participant) => participant.timelog.at(-1)?.end === null);
/** A new room with a live session of `people` connected participants, for one test alone. */
function liveSession(people: number): VideosdkSimSession {
  const start = new Date(Date.now() - 60_000);
  const room = sim.store.addRoom({ customRoomId: null, createdAt: start });
  const participants = Array.from({ length: people }, (_, index) => ({ name: `Person ${index}`, timelog: [{ start, end: null }] }));
  return sim.store.addSession({ roomId: room.roomId, start, end: null, participants });
}

describe('createRoom on VideoSDK', () => {
  it('creates the room by customRoomId with one POST /v2/rooms, and reads show it', async () => {
    const { data, errors } = await create({ title: 'Weekly design' });
    expect(errors).toEqual([]);
    const room = data!.createRoom.room;
    expect(room).toMatchObject({ provider: 'VIDEOSDK', title: 'Weekly design', isActive: false });
    expect(room.roomId).toMatch(/^[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}$/);
    expect(callsTo(sim, '/v2/rooms').map((call) => [call.method, bodyOf(call)])).toEqual([['POST', { customRoomId: 'Weekly design' }]]);
    const read = await send(gateway, ROOM, { provider: 'VIDEOSDK', roomId: room.roomId });
    expect(read.data!.room).toMatchObject({ title: 'Weekly design', isActive: false });
  });

  it('is read by the official SDK the same way: creation is idempotent on customRoomId', async () => {
    const created = await sdk.rooms.create({ customRoomId: 'Weekly design' });
    const listed = sim.store.rooms.filter((candidate) => candidate.customRoomId === 'Weekly design');
    expect(listed).toHaveLength(1);
    expect(created).toMatchObject({ roomId: listed[0]!.roomId, customRoomId: 'Weekly design', disabled: false });
  });

  it('refuses a participant limit, which VideoSDK rooms do not take, before any upstream call', async () => {
    const { data } = await create({ title: 'Capped', maxParticipants: 5 });
    expect(data!.createRoom).toMatchObject({ room: null, userErrors: [{ code: 'UNSUPPORTED_BY_PROVIDER', field: ['input', 'maxParticipants'] }] });
    expect(sim.calls).toEqual([]);
  });

  it('returns the first result for a repeated idempotency key with one upstream call', async () => {
    const first = await create({ title: 'Planning', idempotencyKey: 'plan-1' });
    const again = await create({ title: 'Planning', idempotencyKey: 'plan-1' });
    expect(again.data!.createRoom.room).toEqual(first.data!.createRoom.room);
    expect(callsTo(sim, '/v2/rooms')).toHaveLength(1);
  });

  it('retries create, idempotent on customRoomId, after a 503', async () => {
    sim.injectFault({ kind: 'status', status: 503 }, { path: '/v2/rooms' });
    const { data, errors } = await create({ title: 'Retried' });
    expect(errors).toEqual([]);
    expect(data!.createRoom.room.title).toBe('Retried');
    expect(callsTo(sim, '/v2/rooms')).toHaveLength(2);
  });
});

describe('createJoinToken on VideoSDK', () => {
  it('mints a participant token the SDK verifies, after checking the room exists', async () => {
    const room = sim.store.rooms[0]!;
    const input = { room: roomId(room.roomId), participant: { name: 'Ann', userId: 'ann-1', role: 'HOST' }, ttlSeconds: 900 };
    const { data } = await send(gateway, CREATE_JOIN_TOKEN, { input });
    const { joinToken } = data!.createJoinToken;
    expect(joinToken).toMatchObject({ provider: 'VIDEOSDK', roomId: room.roomId, userId: 'ann-1', joinUrl: null, telnyx: null });
    const claims = verifyToken(joinToken.token, sim.env.VIDEOSDK_API_SECRET!);
    expect(claims).toMatchObject({ apikey: sim.env.VIDEOSDK_API_KEY, permissions: ['allow_join', 'allow_mod'], roles: ['rtc'], version: 2, roomId: room.roomId, participantId: 'ann-1' });
    expect(claims.exp! - claims.iat!).toBe(900);
    expect(new Date(joinToken.expiresAt).getTime()).toBe(claims.exp! * 1000);
    // The room check comes first; the rest are the payload's `room` read. Minting itself calls nobody.
    expect(sim.calls[0]).toMatchObject({ method: 'GET', path: `/v2/rooms/${room.roomId}` });
    expect(sim.calls.filter((call) => call.method !== 'GET')).toEqual([]);
  });

  it('gives guests join permission only, and the token is no REST token', async () => {
    const room = sim.store.rooms[1]!;
    const { data } = await send(gateway, CREATE_JOIN_TOKEN, { input: { room: roomId(room.roomId), participant: { name: 'Bo', userId: 'bo' } } });
    const token = data!.createJoinToken.joinToken.token as string;
    expect(verifyToken(token, sim.env.VIDEOSDK_API_SECRET!).permissions).toEqual(['allow_join']);
    const refused = await fetch(`${sim.url}/v2/rooms`, { headers: { authorization: token } });
    expect(refused.status).toBe(401);
  });

  it('refuses an unknown room with ROOM_NOT_FOUND and a lifetime out of bounds before any call', async () => {
    const unknown = await send(gateway, CREATE_JOIN_TOKEN, { input: { room: roomId('zzzz-zzzz-zzzz'), participant: { name: 'Bo', userId: 'bo' } } });
    expect(unknown.data!.createJoinToken.userErrors[0]).toMatchObject({ code: 'ROOM_NOT_FOUND' });
    sim.resetCalls();
    const long = await send(gateway, CREATE_JOIN_TOKEN, { input: { room: roomId('zzzz-zzzz-zzzz'), participant: { name: 'Bo', userId: 'bo' }, ttlSeconds: 5 } });
    expect(long.data!.createJoinToken.userErrors[0]).toMatchObject({ code: 'INVALID_INPUT', field: ['input', 'ttlSeconds'] });
    expect(sim.calls).toEqual([]);
  });
});

describe('endRoom on VideoSDK', () => {
  it('ends the live session with one POST naming it, and reads show the room idle and the session past', async () => {
    const session = liveSession(1);
    const { data } = await send(gateway, END_ROOM, { input: { room: roomId(session.roomId) } });
    expect(data!.endRoom).toMatchObject({ completion: 'IMMEDIATE', room: { isActive: false, activeSessionId: null, participants: [] }, userErrors: [] });
    expect(callsTo(sim, '/v2/sessions/end').map(bodyOf)).toEqual([{ roomId: session.roomId, sessionId: session.id }]);
    const past = await send(gateway, `{ pastRooms(first: 100, filter: { provider: VIDEOSDK, roomIds: ["${session.roomId}"] }) { edges { node { sessionId endedAt } } } }`);
    expect(past.data!.pastRooms.edges.map((edge: any) => edge.node.sessionId)).toContain(session.id);
  });

  it('is read by the official SDK the same way', async () => {
    const session = liveSession(1);
    const ended = await sdk.sessions.end({ roomId: session.roomId });
    expect(ended).toMatchObject({ roomId: session.roomId, status: 'ended' });
  });

  it('refuses an idle room with ROOM_NOT_ACTIVE without any write', async () => {
    const idle = sim.store.rooms.find((room) => !sim.store.sessions.some((session) => session.roomId === room.roomId && session.end === null))!;
    const { data } = await send(gateway, END_ROOM, { input: { room: roomId(idle.roomId) } });
    expect(data!.endRoom.userErrors[0]).toMatchObject({ code: 'ROOM_NOT_ACTIVE' });
    expect(sim.calls.filter((call) => call.method === 'POST')).toEqual([]);
  });

  it('reports an upstream failure with its code and sends the end only once', async () => {
    const session = liveSession(1);
    sim.injectFault({ kind: 'status', status: 503 }, { path: '/v2/sessions/end', times: 3 });
    const { data, errors } = await send(gateway, END_ROOM, { input: { room: roomId(session.roomId) } });
    expect(data!.endRoom).toBeNull();
    expect(errors.map((error) => error.extensions?.code)).toEqual(['UPSTREAM_UNAVAILABLE']);
    expect(callsTo(sim, '/v2/sessions/end')).toHaveLength(1);
  });
});

describe('removeParticipant on VideoSDK', () => {
  it('removes a connected participant with one POST, and reads no longer list them', async () => {
    const session = liveSession(2);
    const [gone] = connected(session);
    const participant = globalId('Participant', 'videosdk', session.roomId, session.id, gone!.participantId);
    const { data } = await send(gateway, REMOVE_PARTICIPANT, { input: { participant } });
    expect(data!.removeParticipant).toMatchObject({ removedParticipantId: participant, userErrors: [] });
    expect(data!.removeParticipant.room.participants.map((entry: any) => entry.participantId)).not.toContain(gone!.participantId);
    expect(callsTo(sim, '/v2/sessions/participants/remove').map(bodyOf)).toEqual([{ participantId: gone!.participantId, roomId: session.roomId, sessionId: session.id }]);
    const again = await send(gateway, REMOVE_PARTICIPANT, { input: { participant } });
    expect(again.data!.removeParticipant.userErrors[0]).toMatchObject({ code: 'PARTICIPANT_NOT_FOUND' });
    expect(callsTo(sim, '/v2/sessions/participants/remove')).toHaveLength(1);
  });

  it('is read by the official SDK the same way', async () => {
    const session = liveSession(1);
    const [person] = connected(session);
    await expect(sdk.sessions.removeParticipant({ participantId: person!.participantId, roomId: session.roomId, sessionId: session.id })).resolves.toBeDefined();
    expect(person!.timelog.at(-1)!.end).not.toBeNull();
  });

  it('reports an upstream failure with its code and sends the removal only once', async () => {
    const session = liveSession(1);
    const [person] = connected(session);
    sim.injectFault({ kind: 'status', status: 502 }, { path: '/v2/sessions/participants/remove', times: 3 });
    const participant = globalId('Participant', 'videosdk', session.roomId, session.id, person!.participantId);
    const { data, errors } = await send(gateway, REMOVE_PARTICIPANT, { input: { participant } });
    expect(data!.removeParticipant).toBeNull();
    expect(errors.map((error) => error.extensions?.code)).toEqual(['UPSTREAM_UNAVAILABLE']);
    expect(callsTo(sim, '/v2/sessions/participants/remove')).toHaveLength(1);
  });
});

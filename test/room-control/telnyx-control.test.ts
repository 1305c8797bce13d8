import { randomUUID } from 'node:crypto';
import Telnyx from 'telnyx';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTelnyxSimulator, type TelnyxSimulator } from '../../src/sandbox/telnyx/telnyx-simulator.js';
import { toTelnyxTime, type StoredSession } from '../../src/sandbox/telnyx/telnyx-store.js';
import { createTestGateway, type TestGateway } from '../support/test-gateway.js';
import { bodyOf, callsTo, CREATE_JOIN_TOKEN, CREATE_ROOM, END_ROOM, globalId, REMOVE_PARTICIPANT, ROOM, send } from './room-control-harness.js';

let sim: TelnyxSimulator;
let gateway: TestGateway;
let client: Telnyx;

beforeAll(async () => {
  sim = await startTelnyxSimulator();
  gateway = createTestGateway({ ...sim.env, MUTATIONS_WITHOUT_AUTH: 'true', UPSTREAM_RETRY_BASE_MS: '1' });
  client = new Telnyx({ apiKey: sim.env.TELNYX_API_KEY!, baseURL: sim.url, maxRetries: 0 });
});
afterAll(async () => {
  await gateway.close();
  await sim.close();
});
beforeEach(() => {
  sim.resetCalls();
  sim.clearFaults();
});

const create = (input: Record<string, unknown>) => send(gateway, CREATE_ROOM, { input: { provider: 'TELNYX', ...input } });
const roomId = (id: string) => globalId('Room', 'telnyx', id);
const posts = () => sim.calls.filter((call) => call.method === 'POST');

/** A new room with a live session of `people` connected participants, for one test alone. */
function liveSession(people: number): { session: StoredSession; participantIds: string[] } {
  const time = toTelnyxTime(new Date(Date.now() - 60_000));
  const room = { id: randomUUID(), unique_name: `live-${randomUUID()}`, max_participants: 10, enable_recording: false, webhook_event_url: '', webhook_event_failover_url: '', webhook_timeout_secs: null, created_at: time, updated_at: time };
  const session = { id: randomUUID(), room_id: room.id, active: true, created_at: time, updated_at: time };
  const participantIds = Array.from({ length: people }, () => randomUUID());
  sim.store.rooms.push(room);
  sim.store.sessions.push(session);
  sim.store.participants.push(...participantIds.map((id) => ({ id, session_id: session.id, context: 'someone', joined_at: time, updated_at: time })));
  return { session, participantIds };
}

describe('createRoom on Telnyx', () => {
  it('creates the room with one POST /rooms after checking its name is free, and reads show it', async () => {
    const { data, errors } = await create({ title: 'telnyx-standup', maxParticipants: 4, telnyx: { enableRecording: true } });
    expect(errors).toEqual([]);
    const room = data!.createRoom.room;
    expect(room).toMatchObject({ provider: 'TELNYX', title: 'telnyx-standup', isActive: false });
    expect(sim.calls.map((call) => `${call.method} ${call.path}`)).toEqual(['GET /v2/rooms', 'POST /v2/rooms']);
    expect(sim.calls[0]!.query).toMatchObject({ 'filter[unique_name]': 'telnyx-standup' });
    expect(bodyOf(sim.calls[1])).toEqual({ unique_name: 'telnyx-standup', max_participants: 4, enable_recording: true });
    const read = await send(gateway, ROOM, { provider: 'TELNYX', roomId: room.roomId });
    expect(read.data!.room).toMatchObject({ title: 'telnyx-standup', isActive: false });
  });

  it('is read by the official library the same way, which also sees a taken name refused with 422', async () => {
    const created = await client.rooms.create({ unique_name: 'telnyx-sdk-room', max_participants: 3 });
    expect(created.data).toMatchObject({ unique_name: 'telnyx-sdk-room', max_participants: 3, record_type: 'room' });
    await expect(client.rooms.create({ unique_name: 'telnyx-sdk-room' })).rejects.toMatchObject({ status: 422 });
  });

  it('refuses a taken name without a write, and a limit out of range before any call', async () => {
    const taken = await create({ title: 'telnyx-standup' });
    expect(taken.data!.createRoom.userErrors[0]).toMatchObject({ code: 'ROOM_ALREADY_EXISTS', field: ['input', 'title'] });
    expect(posts()).toEqual([]);
    sim.resetCalls();
    const big = await create({ title: 'too-big', maxParticipants: 60 });
    expect(big.data!.createRoom.userErrors[0]).toMatchObject({ code: 'INVALID_INPUT', field: ['input', 'maxParticipants'] });
    expect(sim.calls).toEqual([]);
  });

  it('returns the first result for a repeated idempotency key with one upstream create', async () => {
    const first = await create({ title: 'telnyx-once', idempotencyKey: 'once' });
    const again = await create({ title: 'telnyx-once', idempotencyKey: 'once' });
    expect(again.data!.createRoom.room).toEqual(first.data!.createRoom.room);
    expect(callsTo(sim, '/v2/rooms').filter((call) => call.method === 'POST')).toHaveLength(1);
  });

  it('reports a failed create with its code and never sends it twice', async () => {
    // Faults are served in order per path: the name check (GET) gets the harmless one, the POST the 503s.
    sim.injectFault({ kind: 'latency', ms: 1 }, { path: '/v2/rooms' });
    sim.injectFault({ kind: 'status', status: 503 }, { path: '/v2/rooms', times: 3 });
    const { data, errors } = await create({ title: 'telnyx-fails' });
    expect(data!.createRoom).toBeNull();
    expect(errors.map((error) => error.extensions?.code)).toEqual(['UPSTREAM_UNAVAILABLE']);
    expect(posts()).toHaveLength(1);
    expect(sim.store.rooms.some((room) => room.unique_name === 'telnyx-fails')).toBe(false);
  });
});

describe('createJoinToken on Telnyx', () => {
  it('asks generate_join_client_token for a token and its refresh token', async () => {
    const room = sim.store.rooms[0]!;
    const before = Date.now();
    const { data } = await send(gateway, CREATE_JOIN_TOKEN, { input: { room: roomId(room.id), participant: { name: 'Ann', userId: 'ann' }, ttlSeconds: 300 } });
    const { joinToken } = data!.createJoinToken;
    expect(joinToken).toMatchObject({ provider: 'TELNYX', roomId: room.id, userId: null, joinUrl: null });
    expect(joinToken.token).toMatch(/^eyJ/);
    expect(new Date(joinToken.expiresAt).getTime()).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + 300_000);
    expect(new Date(joinToken.telnyx.refreshTokenExpiresAt).getTime()).toBeGreaterThan(new Date(joinToken.expiresAt).getTime());
    const calls = callsTo(sim, `/v2/rooms/${room.id}/actions/generate_join_client_token`);
    expect(calls.map(bodyOf)).toEqual([{ token_ttl_secs: 300 }]);
  });

  it('is read by the official library the same way', async () => {
    const reply = await client.rooms.actions.generateJoinClientToken(sim.store.rooms[0]!.id, { token_ttl_secs: 120 });
    expect(reply.data).toMatchObject({ token: expect.stringMatching(/^eyJ/), refresh_token: expect.stringMatching(/^eyJ/) });
    expect(Date.parse(reply.data!.token_expires_at!)).toBeGreaterThan(Date.now());
  });

  it('refuses an unknown room with ROOM_NOT_FOUND and a lifetime over 3600 s before any call', async () => {
    const unknown = await send(gateway, CREATE_JOIN_TOKEN, { input: { room: roomId(randomUUID()), participant: { name: 'Bo', userId: 'bo' } } });
    expect(unknown.data!.createJoinToken.userErrors[0]).toMatchObject({ code: 'ROOM_NOT_FOUND' });
    sim.resetCalls();
    const long = await send(gateway, CREATE_JOIN_TOKEN, { input: { room: roomId(randomUUID()), participant: { name: 'Bo', userId: 'bo' }, ttlSeconds: 7200 } });
    expect(long.data!.createJoinToken.userErrors[0]).toMatchObject({ code: 'INVALID_INPUT', field: ['input', 'ttlSeconds'] });
    expect(sim.calls).toEqual([]);
  });

  it('retries token generation, which changes nothing upstream, after a 503', async () => {
    const room = sim.store.rooms[0]!;
    sim.injectFault({ kind: 'status', status: 503 }, { path: `/v2/rooms/${room.id}/actions/generate_join_client_token` });
    const { data } = await send(gateway, CREATE_JOIN_TOKEN, { input: { room: roomId(room.id), participant: { name: 'Bo', userId: 'bo' } } });
    expect(data!.createJoinToken.joinToken.token).toMatch(/^eyJ/);
    expect(callsTo(sim, `/v2/rooms/${room.id}/actions/generate_join_client_token`)).toHaveLength(2);
  });
});

describe('endRoom on Telnyx', () => {
  it('ends the live session with one action call, and reads show the room idle and the session past', async () => {
    const { session } = liveSession(2);
    const { data } = await send(gateway, END_ROOM, { input: { room: roomId(session.room_id) } });
    expect(data!.endRoom).toMatchObject({ completion: 'IMMEDIATE', room: { isActive: false, activeSessionId: null }, userErrors: [] });
    expect(posts().map((call) => [call.path, bodyOf(call)])).toEqual([[`/v2/room_sessions/${session.id}/actions/end`, {}]]);
    const past = await send(gateway, `{ pastRooms(first: 10, filter: { provider: TELNYX, roomIds: ["${session.room_id}"] }) { edges { node { sessionId endedAt participants { leftAt } } } } }`);
    expect(past.data!.pastRooms.edges).toHaveLength(1);
    expect(past.data!.pastRooms.edges[0].node.participants.every((participant: any) => participant.leftAt !== null)).toBe(true);
  });

  it('is read by the official library the same way', async () => {
    const { session } = liveSession(1);
    expect((await client.rooms.sessions.actions.end(session.id)).data).toEqual({ result: 'ok' });
    expect(session).toMatchObject({ active: false, ended_at: expect.any(String) });
  });

  it('refuses an idle room with ROOM_NOT_ACTIVE without any write', async () => {
    const { data } = await send(gateway, END_ROOM, { input: { room: roomId(sim.store.rooms.find((room) => room.unique_name === 'telnyx-standup')!.id) } });
    expect(data!.endRoom.userErrors[0]).toMatchObject({ code: 'ROOM_NOT_ACTIVE' });
    expect(posts()).toEqual([]);
  });

  it('reports an upstream failure with its code and sends the end only once', async () => {
    const { session } = liveSession(1);
    sim.injectFault({ kind: 'status', status: 503 }, { path: `/v2/room_sessions/${session.id}/actions/end`, times: 3 });
    const { data, errors } = await send(gateway, END_ROOM, { input: { room: roomId(session.room_id) } });
    expect(data!.endRoom).toBeNull();
    expect(errors.map((error) => error.extensions?.code)).toEqual(['UPSTREAM_UNAVAILABLE']);
    expect(posts()).toHaveLength(1);
  });
});

describe('removeParticipant on Telnyx', () => {
  it('kicks the participant with one action call, and reads no longer list them', async () => {
    const { session, participantIds } = liveSession(2);
    const participant = globalId('Participant', 'telnyx', session.room_id, session.id, participantIds[0]!);
    const { data } = await send(gateway, REMOVE_PARTICIPANT, { input: { participant } });
    expect(data!.removeParticipant).toMatchObject({ removedParticipantId: participant, userErrors: [] });
    expect(data!.removeParticipant.room.participants.map((entry: any) => entry.participantId)).toEqual([participantIds[1]]);
    expect(posts().map((call) => [call.path, bodyOf(call)])).toEqual([[`/v2/room_sessions/${session.id}/actions/kick`, { participants: [participantIds[0]] }]]);
    const again = await send(gateway, REMOVE_PARTICIPANT, { input: { participant } });
    expect(again.data!.removeParticipant.userErrors[0]).toMatchObject({ code: 'PARTICIPANT_NOT_FOUND' });
    expect(posts()).toHaveLength(1);
  });

  it('is read by the official library the same way', async () => {
    const { session, participantIds } = liveSession(1);
    expect((await client.rooms.sessions.actions.kick(session.id, { participants: participantIds })).data).toEqual({ result: 'ok' });
    expect(sim.store.participants.find((entry) => entry.id === participantIds[0])!.left_at).toBeDefined();
  });

  it('reports an upstream failure with its code and sends the kick only once', async () => {
    const { session, participantIds } = liveSession(1);
    sim.injectFault({ kind: 'status', status: 503 }, { path: `/v2/room_sessions/${session.id}/actions/kick`, times: 3 });
    const participant = globalId('Participant', 'telnyx', session.room_id, session.id, participantIds[0]!);
    const { data, errors } = await send(gateway, REMOVE_PARTICIPANT, { input: { participant } });
    expect(data!.removeParticipant).toBeNull();
    expect(errors.map((error) => error.extensions?.code)).toEqual(['UPSTREAM_UNAVAILABLE']);
    expect(posts()).toHaveLength(1);
  });
});

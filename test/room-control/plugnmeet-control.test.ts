import { setTimeout as sleep } from 'node:timers/promises';
import { jwtVerify } from 'jose';
import pkg from 'plugnmeet-sdk-js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startPlugnmeetSimulator } from '../../src/sandbox/plugnmeet/plugnmeet-simulator.js';
import { createTestGateway, type TestGateway } from '../support/test-gateway.js';
import { bodyOf, callsTo, CREATE_JOIN_TOKEN, CREATE_ROOM, END_ROOM, globalId, REMOVE_PARTICIPANT, ROOM, send } from './room-control-harness.js';

const { PlugNmeet } = pkg;
const END_DELAY_MS = 300;

let simulator: Awaited<ReturnType<typeof startPlugnmeetSimulator>>;
let gateway: TestGateway;
let sdk: InstanceType<typeof PlugNmeet>;

beforeAll(async () => {
  simulator = await startPlugnmeetSimulator({ endRoomDelayMs: END_DELAY_MS });
  gateway = createTestGateway({ ...simulator.env, MUTATIONS_WITHOUT_AUTH: 'true', UPSTREAM_RETRY_BASE_MS: '1' });
  sdk = new PlugNmeet(simulator.url, simulator.env.PLUGNMEET_API_KEY!, simulator.env.PLUGNMEET_API_SECRET!);
});
afterAll(async () => {
  await gateway.close();
  await simulator.close();
});
beforeEach(() => {
  simulator.resetCalls();
  simulator.clearFaults();
});

const create = (input: Record<string, unknown>) => send(gateway, CREATE_ROOM, { input: { provider: 'PLUGNMEET', ...input } });
const secret = () => new TextEncoder().encode(simulator.env.PLUGNMEET_API_SECRET!);

describe('createRoom on plugNmeet', () => {
  it('creates the room with one room/create call, and reads show it live', async () => {
    const input = { title: 'Board sync', maxParticipants: 5, clientMutationId: 'm1', plugnmeet: { roomId: 'board-sync', welcomeMessage: 'Hi', emptyTimeoutSeconds: 600 } };
    const { data, errors } = await create(input);
    expect(errors).toEqual([]);
    expect(data!.createRoom).toMatchObject({ clientMutationId: 'm1', room: { provider: 'PLUGNMEET', roomId: 'board-sync', title: 'Board sync', isActive: true }, userErrors: [] });
    const calls = callsTo(simulator, '/auth/room/create');
    expect(calls).toHaveLength(1);
    expect(bodyOf(calls[0])).toMatchObject({
      room_id: 'board-sync',
      max_participants: 5,
      empty_timeout: 600,
      metadata: { room_title: 'Board sync', welcome_message: 'Hi', room_features: { allow_webcams: true } },
    });
    const read = await send(gateway, ROOM, { provider: 'PLUGNMEET', roomId: 'board-sync' });
    expect(read.data!.room).toMatchObject({ title: 'Board sync', isActive: true, participants: [] });
    expect(await sdk.isRoomActive({ room_id: 'board-sync' })).toMatchObject({ status: true, is_active: true });
  });

  it('is read by the official SDK the same way: create answers the running room', async () => {
    const reply = await sdk.createRoom({ room_id: 'board-sync', metadata: { room_title: 'Board sync', room_features: {} } as never });
    expect(reply).toMatchObject({ status: true, msg: 'success', room_info: { room_id: 'board-sync', room_title: 'Board sync', is_running: 1 } });
  });

  it('refuses an invalid room id and options of another provider before any upstream call', async () => {
    const bad = await create({ title: 'x', plugnmeet: { roomId: 'bad id!' } });
    expect(bad.data!.createRoom).toMatchObject({ room: null, userErrors: [{ code: 'INVALID_INPUT', field: ['input', 'plugnmeet', 'roomId'] }] });
    const foreign = await create({ title: 'x', telnyx: { enableRecording: true } });
    expect(foreign.data!.createRoom.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_INPUT', field: ['input', 'telnyx'] })]);
    const blank = await create({ title: '   ' });
    expect(blank.data!.createRoom.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_INPUT', field: ['input', 'title'] })]);
    expect(simulator.calls).toEqual([]);
  });

  it('returns the first result for a repeated idempotency key with one upstream call', async () => {
    const first = await create({ title: 'Retro', idempotencyKey: 'retro-1' });
    const again = await create({ title: 'Retro', idempotencyKey: 'retro-1' });
    expect(again.data!.createRoom.room.roomId).toBe(first.data!.createRoom.room.roomId);
    expect(callsTo(simulator, '/auth/room/create')).toHaveLength(1);
    const reused = await create({ title: 'Another', idempotencyKey: 'retro-1' });
    expect(reused.data!.createRoom.userErrors).toEqual([expect.objectContaining({ code: 'IDEMPOTENCY_KEY_REUSED', field: ['input', 'idempotencyKey'] })]);
    expect(callsTo(simulator, '/auth/room/create')).toHaveLength(1);
  });

  it('retries create, which the server answers idempotently, after a 503', async () => {
    simulator.injectFault({ kind: 'status', status: 503 }, { path: '/auth/room/create' });
    const { data, errors } = await create({ title: 'Retry me', plugnmeet: { roomId: 'retry-me' } });
    expect(errors).toEqual([]);
    expect(data!.createRoom.room.roomId).toBe('retry-me');
    expect(callsTo(simulator, '/auth/room/create')).toHaveLength(2);
  });
});

describe('createJoinToken on plugNmeet', () => {
  it("hands out the server's signed token for the user, with its expiry and the client's join URL", async () => {
    const { data } = await send(gateway, CREATE_JOIN_TOKEN, { input: { room: globalId('Room', 'plugnmeet', 'board-sync'), participant: { name: 'Ann', userId: 'ann' } } });
    const { joinToken } = data!.createJoinToken;
    expect(joinToken).toMatchObject({ provider: 'PLUGNMEET', roomId: 'board-sync', userId: 'ann', telnyx: null });
    const { payload } = await jwtVerify(joinToken.token, secret());
    expect(payload).toMatchObject({ iss: 'plugnmeet', sub: 'ann', room_id: 'board-sync', name: 'Ann', is_admin: false });
    expect(new Date(joinToken.expiresAt).getTime()).toBe(payload.exp! * 1000);
    expect(joinToken.joinUrl).toBe(`${simulator.url}/?access_token=${joinToken.token}`);
    const calls = callsTo(simulator, '/auth/room/getJoinToken');
    expect(calls).toHaveLength(1);
    expect(bodyOf(calls[0])).toEqual({ room_id: 'board-sync', user_info: { name: 'Ann', user_id: 'ann', is_admin: false, is_hidden: false } });
  });

  it('is read by the official SDK the same way', async () => {
    const reply = await sdk.getJoinToken({ room_id: 'board-sync', user_info: { name: 'Bo', user_id: 'bo', is_admin: true, is_hidden: false } });
    expect(reply).toMatchObject({ status: true, msg: 'success' });
    expect((await jwtVerify(reply.token!, secret())).payload).toMatchObject({ sub: 'bo', is_admin: true });
  });

  it('refuses a room that is not running with ROOM_NOT_ACTIVE, as the server says', async () => {
    const { data } = await send(gateway, CREATE_JOIN_TOKEN, { input: { room: globalId('Room', 'plugnmeet', 'nowhere'), participant: { name: 'Ann', userId: 'ann' } } });
    expect(data!.createJoinToken).toMatchObject({ joinToken: null, userErrors: [{ code: 'ROOM_NOT_ACTIVE', field: ['input', 'room'] }] });
  });

  it('refuses a lifetime, an empty name and a malformed room id before any upstream call', async () => {
    const room = globalId('Room', 'plugnmeet', 'board-sync');
    const ttl = await send(gateway, CREATE_JOIN_TOKEN, { input: { room, participant: { name: 'Ann', userId: 'ann' }, ttlSeconds: 600 } });
    expect(ttl.data!.createJoinToken.userErrors[0]).toMatchObject({ code: 'UNSUPPORTED_BY_PROVIDER', field: ['input', 'ttlSeconds'] });
    const nameless = await send(gateway, CREATE_JOIN_TOKEN, { input: { room, participant: { name: '', userId: 'ann' } } });
    expect(nameless.data!.createJoinToken.userErrors[0]).toMatchObject({ code: 'INVALID_INPUT', field: ['input', 'participant', 'name'] });
    const garbled = await send(gateway, CREATE_JOIN_TOKEN, { input: { room: 'not-an-id', participant: { name: 'Ann', userId: 'ann' } } });
    expect(garbled.data!.createJoinToken.userErrors[0]).toMatchObject({ code: 'INVALID_ID', field: ['input', 'room'] });
    expect(simulator.calls).toEqual([]);
  });
});

describe('endRoom on plugNmeet', () => {
  it('ends asynchronously: the room reads live until the server finishes, then as ended with a past session', async () => {
    await create({ title: 'Short call', plugnmeet: { roomId: 'short-call' } });
    simulator.resetCalls();
    const { data } = await send(gateway, END_ROOM, { input: { room: globalId('Room', 'plugnmeet', 'short-call') } });
    expect(data!.endRoom).toMatchObject({ completion: 'ASYNCHRONOUS', room: { isActive: true }, userErrors: [] });
    expect(callsTo(simulator, '/auth/room/endRoom').map(bodyOf)).toEqual([{ room_id: 'short-call' }]);
    await sleep(END_DELAY_MS + 200);
    const read = await send(gateway, `{ room(provider: PLUGNMEET, roomId: "short-call") { isActive pastRooms(first: 5) { edges { node { endedAt } } } } }`);
    expect(read.data!.room.isActive).toBe(false);
    expect(read.data!.room.pastRooms.edges).toHaveLength(1);
    expect(read.data!.room.pastRooms.edges[0].node.endedAt).not.toBeNull();
  });

  it('is read by the official SDK the same way', async () => {
    await create({ title: 'SDK end', plugnmeet: { roomId: 'sdk-end' } });
    expect(await sdk.endRoom({ room_id: 'sdk-end' })).toMatchObject({ status: true, msg: 'success' });
    expect(await sdk.isRoomActive({ room_id: 'sdk-end' })).toMatchObject({ status: true, is_active: false });
  });

  it('refuses a room the server does not know with ROOM_NOT_FOUND', async () => {
    const { data } = await send(gateway, END_ROOM, { input: { room: globalId('Room', 'plugnmeet', 'never-made') } });
    expect(data!.endRoom).toMatchObject({ room: null, completion: null, userErrors: [{ code: 'ROOM_NOT_FOUND' }] });
  });

  it('reports an upstream failure with its code and sends the end only once', async () => {
    simulator.injectFault({ kind: 'status', status: 503 }, { path: '/auth/room/endRoom', times: 3 });
    const { data, errors } = await send(gateway, END_ROOM, { input: { room: globalId('Room', 'plugnmeet', 'office-hours') } });
    expect(data!.endRoom).toBeNull();
    expect(errors.map((error) => error.extensions?.code)).toEqual(['UPSTREAM_UNAVAILABLE']);
    expect(callsTo(simulator, '/auth/room/endRoom')).toHaveLength(1);
  });
});

describe('removeParticipant on plugNmeet', () => {
  it('refuses with UNSUPPORTED_BY_PROVIDER without any upstream call', async () => {
    const participant = globalId('Participant', 'plugnmeet', 'office-hours', 'sid', 'PA_x');
    const { data } = await send(gateway, REMOVE_PARTICIPANT, { input: { participant } });
    expect(data!.removeParticipant).toMatchObject({ removedParticipantId: null, userErrors: [{ code: 'UNSUPPORTED_BY_PROVIDER' }] });
    expect(simulator.calls).toEqual([]);
  });
});

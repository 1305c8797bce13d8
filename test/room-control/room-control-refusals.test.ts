import { beforeEach, describe, expect, it } from 'vitest';
import { PROVIDER_NAMES, type ProviderName } from '../../src/domain/model.js';
import { useSandboxGateway } from '../support/sandbox-gateway.js';
import { callsTo, CREATE_JOIN_TOKEN, CREATE_ROOM, END_ROOM, globalId, REMOVE_PARTICIPANT, send } from './room-control-harness.js';

/*
 * What the per-provider files leave out, as tables over the sandbox: invalid ids for every
 * provider's end and removal, and the failures of the writes those files recover from.
 */

const sandbox = useSandboxGateway({ UPSTREAM_RETRY_BASE_MS: '1' });
const calls = () => Object.values(sandbox.sandboxes.simulators).reduce((sum, simulator) => sum + simulator.calls.length, 0);
beforeEach(() => Object.values(sandbox.sandboxes.simulators).forEach((simulator) => (simulator.resetCalls(), simulator.clearFaults())));

const PAST_ROOM_ID = (provider: ProviderName) => Buffer.from(`PastRoom:${provider}/room/session`).toString('base64');

describe('invalid ids', () => {
  it.each(PROVIDER_NAMES)('refuses %s ends and removals of ids that are not a Room or a Participant with INVALID_ID, before any call', async (provider) => {
    const end = await send(sandbox.gateway, END_ROOM, { input: { room: PAST_ROOM_ID(provider) } });
    expect(end.data!.endRoom.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_ID', field: ['input', 'room'] })]);
    const remove = await send(sandbox.gateway, REMOVE_PARTICIPANT, { input: { participant: globalId('Room', provider, 'room') } });
    expect(remove.data!.removeParticipant.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_ID', field: ['input', 'participant'] })]);
    const create = await send(sandbox.gateway, CREATE_ROOM, { input: { provider: provider.toUpperCase(), title: 'x'.repeat(129) } });
    expect(create.data!.createRoom.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_INPUT', field: ['input', 'title'] })]);
    expect(calls()).toBe(0);
  });
});

/** Writes that may be retried fail after every attempt; the code says why. */
const RETRIED_FAILURES: [string, ProviderName, () => Promise<Awaited<ReturnType<typeof send>>>, string | RegExp][] = [
  ['plugNmeet room/create', 'plugnmeet', () => send(sandbox.gateway, CREATE_ROOM, { input: { provider: 'PLUGNMEET', title: 'Fails' } }), '/auth/room/create'],
  ['plugNmeet room/getJoinToken', 'plugnmeet', () => join('plugnmeet', 'office-hours'), '/auth/room/getJoinToken'],
  ['VideoSDK POST /v2/rooms', 'videosdk', () => send(sandbox.gateway, CREATE_ROOM, { input: { provider: 'VIDEOSDK', title: 'Fails' } }), '/v2/rooms'],
  ['VideoSDK room check before minting', 'videosdk', () => join('videosdk', 'abcd-efgh-ijkl'), '/v2/rooms/abcd-efgh-ijkl'],
  ['Telnyx generate_join_client_token', 'telnyx', () => join('telnyx', telnyxRoomId()), /\/actions\/generate_join_client_token$/],
];

function join(provider: ProviderName, roomId: string) {
  return send(sandbox.gateway, CREATE_JOIN_TOKEN, { input: { room: globalId('Room', provider, roomId), participant: { name: 'Ann', userId: 'ann' } } });
}

function telnyxRoomId(): string {
  return (sandbox.sandboxes.simulators.telnyx as unknown as { store: { rooms: { id: string }[] } }).store.rooms[0]!.id;
}

describe('upstream failures of writes that may be retried', () => {
  it.each(RETRIED_FAILURES)('reports %s failing with UPSTREAM_UNAVAILABLE after its retries', async (_name, provider, run, path) => {
    const simulator = sandbox.sandboxes.simulators[provider];
    simulator.injectFault({ kind: 'status', status: 503 }, { path, times: Infinity });
    const { errors } = await run();
    expect(errors.map((error) => error.extensions?.code)).toEqual(['UPSTREAM_UNAVAILABLE']);
    // UPSTREAM_RETRIES defaults to 2: the first attempt and two retries, never more.
    expect(callsTo(simulator, path)).toHaveLength(3);
  });
});

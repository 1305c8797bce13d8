import { SignJWT } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PROVIDER_NAMES, type ProviderName } from '../../src/domain/model.js';
import { startSandboxes, type Sandboxes } from '../../src/sandbox/sandboxes.js';
import { createTestGateway, type TestGateway } from '../support/test-gateway.js';
import { CREATE_JOIN_TOKEN, CREATE_ROOM, END_ROOM, globalId, REMOVE_PARTICIPANT, send } from './room-control-harness.js';

const SECRET = 'room-control-auth-test-secret-0123456789';

let sandboxes: Sandboxes;
let gateway: TestGateway;
let renamed: TestGateway;
let open: TestGateway;

beforeAll(async () => {
  sandboxes = await startSandboxes();
  // The development switch is on: with client auth configured it must change nothing.
  gateway = createTestGateway({ ...sandboxes.env, MUTATIONS_WITHOUT_AUTH: 'true', AUTH_JWT_SECRET: SECRET });
  renamed = createTestGateway({ ...sandboxes.env, MUTATIONS_WITHOUT_AUTH: 'true', AUTH_JWT_SECRET: SECRET, MUTATION_SCOPE_WRITE: 'meetings.manage' });
  open = createTestGateway({ ...sandboxes.env, MUTATIONS_WITHOUT_AUTH: 'false' });
});
afterAll(async () => {
  await Promise.all([gateway, renamed, open].map((each) => each?.close()));
  await sandboxes?.close();
});
beforeEach(() => Object.values(sandboxes.simulators).forEach((simulator) => simulator.resetCalls()));

const upstreamCalls = () => Object.values(sandboxes.simulators).reduce((sum, simulator) => sum + simulator.calls.length, 0);

async function bearer(claims: Record<string, unknown>): Promise<Record<string, string>> {
  const token = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setExpirationTime('5m').sign(new TextEncoder().encode(SECRET));
  return { authorization: `Bearer ${token}` };
}

const ROOM_IDS: Record<ProviderName, string> = { plugnmeet: 'office-hours', videosdk: 'abcd-efgh-ijkl', telnyx: '00000000-0000-4000-8000-000000000000' };

/** Each mutation with an input for `provider`, and the scope it requires. */
function mutationsFor(provider: ProviderName): [string, string, Record<string, unknown>, string][] {
  const room = globalId('Room', provider, ROOM_IDS[provider]);
  const participant = globalId('Participant', provider, ROOM_IDS[provider], 'session', 'person');
  return [
    ['createRoom', CREATE_ROOM, { provider: provider.toUpperCase(), title: 'Auth check' }, 'rooms:write'],
    ['createJoinToken', CREATE_JOIN_TOKEN, { room, participant: { name: 'Ann', userId: 'ann' } }, 'rooms:join'],
    ['endRoom', END_ROOM, { room }, 'rooms:write'],
    ['removeParticipant', REMOVE_PARTICIPANT, { participant }, 'rooms:write'],
  ];
}

const CASES = PROVIDER_NAMES.flatMap((provider) => mutationsFor(provider).map(([name, query, input, scope]) => [`${name} on ${provider}`, query, input, scope] as const));

describe('room-control authorisation', () => {
  it.each(CASES)('refuses %s without a token with 401 and no upstream call', async (_name, query, input) => {
    const { status, errors } = await send(gateway, query, { input });
    expect(status).toBe(401);
    expect(errors.map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    expect(upstreamCalls()).toBe(0);
  });

  it.each(CASES)('refuses %s with FORBIDDEN naming the missing scope, and no upstream call', async (name, query, input, scope) => {
    const wrong = scope === 'rooms:write' ? 'rooms:join' : 'rooms:write';
    const { data, errors } = await send(gateway, query, { input }, await bearer({ sub: 'ann', scope: `rooms:read ${wrong}` }));
    expect(data![name.split(' ')[0]!]).toBeNull();
    expect(errors.map((error) => [error.extensions?.code, error.extensions?.requiredScope])).toEqual([['FORBIDDEN', scope]]);
    expect(upstreamCalls()).toBe(0);
  });

  it.each(CASES)('refuses %s with MUTATIONS_DISABLED when client auth and the development switch are both off', async (name, query, input) => {
    const { data, errors } = await send(open, query, { input });
    expect(data![name.split(' ')[0]!]).toBeNull();
    expect(errors.map((error) => error.extensions?.code)).toEqual(['MUTATIONS_DISABLED']);
    expect(upstreamCalls()).toBe(0);
  });

  it('runs a mutation whose scope the token carries (in `scope`, `scp` or `permissions`)', async () => {
    for (const claims of [{ scope: 'rooms:write' }, { scp: ['rooms:write'] }, { permissions: ['rooms:write'] }]) {
      const title = `Scoped ${Object.keys(claims)[0]}`;
      const { data, errors } = await send(gateway, CREATE_ROOM, { input: { provider: 'TELNYX', title } }, await bearer({ sub: 'ann', ...claims }));
      expect(errors).toEqual([]);
      expect(data!.createRoom.room.title).toBe(title);
    }
  });

  it('uses the configured scope names', async () => {
    const input = { provider: 'VIDEOSDK', title: 'Renamed scope' };
    const old = await send(renamed, CREATE_ROOM, { input }, await bearer({ sub: 'ann', scope: 'rooms:write' }));
    expect(old.errors.map((error) => [error.extensions?.code, error.extensions?.requiredScope])).toEqual([['FORBIDDEN', 'meetings.manage']]);
    const ok = await send(renamed, CREATE_ROOM, { input }, await bearer({ sub: 'ann', scope: 'meetings.manage' }));
    expect(ok.data!.createRoom.room.title).toBe('Renamed scope');
  });
});

describe('the join-token identity rule', () => {
  const room = globalId('Room', 'plugnmeet', 'office-hours');
  const join = async (participant: Record<string, unknown>, claims: Record<string, unknown>) =>
    send(gateway, CREATE_JOIN_TOKEN, { input: { room, participant: { name: 'Ann', ...participant } } }, await bearer(claims));

  it('issues a GUEST token for the identity the JWT names', async () => {
    const { data, errors } = await join({ userId: 'ann' }, { sub: 'ann', scope: 'rooms:join' });
    expect(errors).toEqual([]);
    expect(data!.createJoinToken.joinToken).toMatchObject({ userId: 'ann', provider: 'PLUGNMEET' });
  });

  it('refuses a token for someone else, or a HOST token, without the admin scope and before any upstream call', async () => {
    const other = await join({ userId: 'bob' }, { sub: 'ann', scope: 'rooms:join' });
    expect(other.errors.map((error) => [error.extensions?.code, error.extensions?.requiredScope])).toEqual([['FORBIDDEN', 'rooms:admin']]);
    const host = await join({ userId: 'ann', role: 'HOST' }, { sub: 'ann', scope: 'rooms:join' });
    expect(host.errors.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
    const anonymous = await join({ userId: 'ann' }, { scope: 'rooms:join' });
    expect(anonymous.errors.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(upstreamCalls()).toBe(0);
  });

  it('lets the admin scope issue HOST tokens for anyone', async () => {
    const { data, errors } = await join({ userId: 'bob', role: 'HOST' }, { sub: 'ann', scope: 'rooms:join rooms:admin' });
    expect(errors).toEqual([]);
    expect(data!.createJoinToken.joinToken.userId).toBe('bob');
  });
});

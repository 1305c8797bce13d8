import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { recordCallRounds, type CallTimeline } from '../support/call-rounds.js';
import { useSandboxGateway } from '../support/sandbox-gateway.js';

/**
 * Issue 11's critical path, counted in rounds of upstream calls rather than in milliseconds: every
 * simulator call is slowed by a latency fault, and a call that reached a simulator after another
 * call of the request had been answered is one round later (test/support/call-rounds.ts).
 */

const LATENCY_MS = 200;
const sandbox = useSandboxGateway();
let timeline: CallTimeline | null = null;

afterEach(() => {
  timeline?.stop();
  for (const simulator of Object.values(sandbox.sandboxes.simulators)) simulator.clearFaults();
});

/** Runs a request with every upstream call slowed, and returns its calls' timeline. */
async function slowed(body: { query: string; variables?: unknown }): Promise<CallTimeline> {
  for (const simulator of Object.values(sandbox.sandboxes.simulators)) simulator.injectFault({ kind: 'latency', ms: LATENCY_MS }, { times: Infinity });
  timeline = recordCallRounds(sandbox.sandboxes.simulators);
  const { json } = await sandbox.gateway.post(body);
  expect(json.errors).toBeUndefined();
  return timeline;
}

const PAST_ROOMS = 'query S2 { pastRooms(first: 50) { totalCount edges { node { id roomId sessionId title createdAt endedAt } } } }';
const WITH_PARTICIPANTS = 'query S3 { pastRooms(first: 50) { totalCount edges { node { id sessionId participants { id name joinedAt leftAt } } } } }';
const ENTITIES_WITH_PARTICIPANTS = 'query S4($r: [_Any!]!) { _entities(representations: $r) { ... on Room { id title isActive participants { id name } } } }';
const ENTITIES = 'query Rooms($r: [_Any!]!) { _entities(representations: $r) { ... on Room { id title isActive } } }';

describe('rounds of upstream calls', () => {
  let roomIds: string[];
  beforeAll(async () => {
    const { json } = await sandbox.gateway.post({ query: '{ rooms(first: 50) { edges { node { id } } } }' });
    roomIds = (json.data!.rooms as { edges: { node: { id: string } }[] }).edges.map((edge) => edge.node.id);
  });

  it('reads a first past-room page merged over three providers in one round once the lists were read before', async () => {
    const first = await slowed({ query: PAST_ROOMS });
    // The first read of VideoSDK's ended-session list learns its page count from page 1.
    expect(first.rounds(), first.describe()).toBe(2);
    timeline!.stop();
    const again = await slowed({ query: PAST_ROOMS });
    expect(again.rounds(), again.describe()).toBe(1);
    const videosdkPages = again.calls().filter((call) => call.provider === 'videosdk').map((call) => new URL(call.url, 'http://x').searchParams.get('page'));
    expect(videosdkPages.sort()).toEqual(['1', '2', '3']);
    // Telnyx's room names went out beside its sessions.
    expect(again.calls().filter((call) => call.provider === 'telnyx').map((call) => new URL(call.url, 'http://x').pathname).sort()).toEqual(['/v2/room_sessions', '/v2/rooms']);
  });

  it('reads the participants of a merged past-room page in the same round as the page', async () => {
    await sandbox.gateway.post({ query: WITH_PARTICIPANTS });
    const timed = await slowed({ query: WITH_PARTICIPANTS });
    expect(timed.rounds(), timed.describe()).toBe(1);
  });

  it('resolves an entity batch of rooms in one round per provider, whatever its size', async () => {
    for (const size of [2, 10, 50]) {
      const representations = Array.from({ length: size }, (_, index) => ({ __typename: 'Room', id: roomIds[index % roomIds.length] }));
      const timed = await slowed({ query: ENTITIES, variables: { r: representations } });
      expect(timed.rounds(), `${size} rooms:\n${timed.describe()}`).toBe(1);
      timeline!.stop();
    }
  });

  it('resolves an entity batch of rooms with their participants in one round per level, whatever its size', async () => {
    for (const size of [1, 10, 50]) {
      const representations = Array.from({ length: size }, (_, index) => ({ __typename: 'Room', id: roomIds[index % roomIds.length] }));
      const timed = await slowed({ query: ENTITIES_WITH_PARTICIPANTS, variables: { r: representations } });
      // The rooms, then (Telnyx only) the live sessions that carry their participants.
      expect(timed.rounds(), `${size} rooms:\n${timed.describe()}`).toBeLessThanOrEqual(2);
      for (const provider of ['plugnmeet', 'videosdk']) expect(timed.rounds(provider), `${provider}, ${size} rooms:\n${timed.describe()}`).toBeLessThanOrEqual(1);
      timeline!.stop();
    }
  });
});

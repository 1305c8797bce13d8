import { readFileSync } from 'node:fs';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  FiftyMixedNodesDocument,
  FiftyPastRoomsAcrossProvidersDocument,
  RoomListDocument,
  RoomsTwoLevelsDeepDocument,
  SingleRoomDocument,
  type Provider,
} from '../generated/graphql.js';
import { useSandboxGateway } from '../support/sandbox-gateway.js';

type Counts = { plugnmeet: number; videosdk: number; telnyx: number };

const TABLE = [...readFileSync(new URL('../../docs/upstream-calls.md', import.meta.url), 'utf8').matchAll(/^\| (\w+) \| (\d+) \| (\d+) \| (\d+) \| (\d+) \/ (\d+) \/ (\d+) \|/gm)];

/** The budget table of docs/upstream-calls.md: operation → maximum calls per provider. */
const BUDGET = new Map(TABLE.map((row): [string, Counts] => [row[1]!, { plugnmeet: Number(row[2]), videosdk: Number(row[3]), telnyx: Number(row[4]) }]));

/** Its "repeat" column: the same operation again, cache on with no mutable TTL (only immutable facts cached). */
const REPEAT = new Map(TABLE.map((row): [string, Counts] => [row[1]!, { plugnmeet: Number(row[5]), videosdk: Number(row[6]), telnyx: Number(row[7]) }]));

const sandbox = useSandboxGateway();
/** The same simulators' data through a gateway with the cross-request cache on and `CACHE_MUTABLE_TTL_MS=0`. */
const cached = useSandboxGateway({ CACHE_ENABLED: 'true', CACHE_MUTABLE_TTL_MS: '0' });

/** Runs one request and returns the calls each simulator recorded for it, checking none repeats. */
async function measure(body: { query: string; variables?: unknown }, holder = sandbox): Promise<Counts> {
  for (const simulator of Object.values(holder.sandboxes.simulators)) simulator.resetCalls();
  const { json } = await holder.gateway.post(body);
  expect(json.errors).toBeUndefined();
  const counts = {} as Counts;
  for (const [provider, simulator] of Object.entries(holder.sandboxes.simulators) as [keyof Counts, (typeof holder.sandboxes.simulators)['plugnmeet']][]) {
    const requests = simulator.calls.map((call) => `${call.method} ${call.path} ${JSON.stringify(call.query)} ${call.body}`);
    expect(requests.filter((request, index) => requests.indexOf(request) !== index), `${provider} fetched something twice`).toEqual([]);
    counts[provider] = requests.length;
  }
  return counts;
}

const asBody = <V>(document: TypedDocumentNode<unknown, V>, variables?: V) => ({ query: print(document), variables });

/**
 * The operation through the cached gateway twice: the first time within the budget, the repeat
 * within the "repeat" column. Ids come from the uncached gateway; both read the same seeds.
 */
async function expectRepeatWithin(operation: string, body: { query: string; variables?: unknown }): Promise<void> {
  expectWithin(operation, await measure(body, cached));
  expectWithin(operation, await measure(body, cached), REPEAT);
}

function expectWithin(operation: string, counts: Counts, table = BUDGET): void {
  const budget = table.get(operation);
  expect(budget, `${operation} is a row of docs/upstream-calls.md`).toBeDefined();
  for (const provider of ['plugnmeet', 'videosdk', 'telnyx'] as const) {
    expect(counts[provider], `${operation} on ${provider}`).toBeLessThanOrEqual(budget![provider]);
  }
}

describe('the upstream-call budget of docs/upstream-calls.md', () => {
  it('has a row for every operation tested here', () => {
    expect([...BUDGET.keys()].sort()).toEqual(['EndedSessions', 'EntityBatch', 'FiftyMixedNodes', 'FiftyPastRoomsAcrossProviders', 'RoomsTwoLevelsDeep', 'SingleRoom']);
  });

  it('keeps SingleRoom within budget for live and idle rooms of every provider', async () => {
    const rooms = (await sandbox.gateway.execute(RoomListDocument, { first: 100 })).data!.rooms.edges.map((edge) => edge.node);
    for (const provider of ['PLUGNMEET', 'VIDEOSDK', 'TELNYX'] as Provider[]) {
      for (const isActive of [true, false]) {
        const room = rooms.find((candidate) => candidate.provider === provider && candidate.isActive === isActive)!;
        expectWithin('SingleRoom', await measure(asBody(SingleRoomDocument, { provider, roomId: room.roomId })));
        await expectRepeatWithin('SingleRoom', asBody(SingleRoomDocument, { provider, roomId: room.roomId }));
      }
    }
  });

  it('keeps FiftyPastRoomsAcrossProviders within budget', async () => {
    expectWithin('FiftyPastRoomsAcrossProviders', await measure(asBody(FiftyPastRoomsAcrossProvidersDocument)));
    await expectRepeatWithin('FiftyPastRoomsAcrossProviders', asBody(FiftyPastRoomsAcrossProvidersDocument));
  });

  it('keeps RoomsTwoLevelsDeep within budget', async () => {
    expectWithin('RoomsTwoLevelsDeep', await measure(asBody(RoomsTwoLevelsDeepDocument)));
    await expectRepeatWithin('RoomsTwoLevelsDeep', asBody(RoomsTwoLevelsDeepDocument));
  });

  it('keeps FiftyMixedNodes within budget', async () => {
    const past = await sandbox.gateway.execute(FiftyPastRoomsAcrossProvidersDocument);
    const live = await sandbox.gateway.post({ query: '{ activeRooms(first: 20) { edges { node { id participants { id } } } } }' });
    const liveIds = (live.json.data!.activeRooms as { edges: { node: { id: string; participants: { id: string }[] } }[] }).edges.flatMap((edge) => [
      edge.node.id,
      ...edge.node.participants.map((participant) => participant.id),
    ]);
    const ids = [...past.data!.pastRooms.edges.slice(0, 50 - liveIds.length).map((edge) => edge.node.id), ...liveIds];
    expect(ids).toHaveLength(50);
    expectWithin('FiftyMixedNodes', await measure(asBody(FiftyMixedNodesDocument, { ids })));
    await expectRepeatWithin('FiftyMixedNodes', asBody(FiftyMixedNodesDocument, { ids }));
  });

  it('keeps EndedSessions within budget, and costs no call for its sessions and participants on a repeat', async () => {
    const past = await sandbox.gateway.post({ query: '{ pastRooms(first: 50) { edges { node { id provider endedAt } } } }' });
    const nodes = (past.json.data!.pastRooms as { edges: { node: { id: string; provider: string; endedAt: string | null } }[] }).edges.map((edge) => edge.node);
    // Settled sessions: ended longer ago than the settle window (CACHE_SETTLE_MS, 120 s).
    const ids = nodes.filter((node) => node.endedAt && Date.parse(node.endedAt) < Date.now() - 300_000).map((node) => node.id);
    expect(new Set(nodes.filter((node) => ids.includes(node.id)).map((node) => node.provider)).size).toBe(3);
    const query = 'query EndedSessions($ids: [ID!]!) { nodes(ids: $ids) { id ... on PastRoom { title endedAt participants { id name presences { joinedAt leftAt } } } } }';
    expectWithin('EndedSessions', await measure({ query, variables: { ids } }));
    await expectRepeatWithin('EndedSessions', { query, variables: { ids } });
  });

  it('keeps EntityBatch within budget', async () => {
    const live = await sandbox.gateway.post({ query: '{ activeRooms(first: 100) { edges { node { id } } } }' });
    const representations = (live.json.data!.activeRooms as { edges: { node: { id: string } }[] }).edges.map((edge) => ({ __typename: 'Room', id: edge.node.id }));
    const query = 'query EntityBatch($r: [_Any!]!) { _entities(representations: $r) { __typename ... on Room { id title isActive } } }';
    expectWithin('EntityBatch', await measure({ query, variables: { r: representations } }));
    await expectRepeatWithin('EntityBatch', { query, variables: { r: representations } });
  });
});

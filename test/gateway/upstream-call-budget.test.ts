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

/** The budget table of docs/upstream-calls.md: operation → maximum calls per provider. */
const BUDGET = new Map(
  [...readFileSync(new URL('../../docs/upstream-calls.md', import.meta.url), 'utf8').matchAll(/^\| (\w+) \| (\d+) \| (\d+) \| (\d+) \|/gm)].map(
    (row): [string, Counts] => [row[1]!, { plugnmeet: Number(row[2]), videosdk: Number(row[3]), telnyx: Number(row[4]) }],
  ),
);

const sandbox = useSandboxGateway();

/** Runs one request and returns the calls each simulator recorded for it, checking none repeats. */
async function measure(body: { query: string; variables?: unknown }): Promise<Counts> {
  for (const simulator of Object.values(sandbox.sandboxes.simulators)) simulator.resetCalls();
  const { json } = await sandbox.gateway.post(body);
  expect(json.errors).toBeUndefined();
  const counts = {} as Counts;
  for (const [provider, simulator] of Object.entries(sandbox.sandboxes.simulators) as [keyof Counts, (typeof sandbox.sandboxes.simulators)['plugnmeet']][]) {
    const requests = simulator.calls.map((call) => `${call.method} ${call.path} ${JSON.stringify(call.query)} ${call.body}`);
    expect(requests.filter((request, index) => requests.indexOf(request) !== index), `${provider} fetched something twice`).toEqual([]);
    counts[provider] = requests.length;
  }
  return counts;
}

const asBody = <V>(document: TypedDocumentNode<unknown, V>, variables?: V) => ({ query: print(document), variables });

function expectWithin(operation: string, counts: Counts): void {
  const budget = BUDGET.get(operation);
  expect(budget, `${operation} is a row of docs/upstream-calls.md`).toBeDefined();
  for (const provider of ['plugnmeet', 'videosdk', 'telnyx'] as const) {
    expect(counts[provider], `${operation} on ${provider}`).toBeLessThanOrEqual(budget![provider]);
  }
}

describe('the upstream-call budget of docs/upstream-calls.md', () => {
  it('has a row for every operation tested here', () => {
    expect([...BUDGET.keys()].sort()).toEqual(['EntityBatch', 'FiftyMixedNodes', 'FiftyPastRoomsAcrossProviders', 'RoomsTwoLevelsDeep', 'SingleRoom']);
  });

  it('keeps SingleRoom within budget for live and idle rooms of every provider', async () => {
    const rooms = (await sandbox.gateway.execute(RoomListDocument, { first: 100 })).data!.rooms.edges.map((edge) => edge.node);
    for (const provider of ['PLUGNMEET', 'VIDEOSDK', 'TELNYX'] as Provider[]) {
      for (const isActive of [true, false]) {
        const room = rooms.find((candidate) => candidate.provider === provider && candidate.isActive === isActive)!;
        expectWithin('SingleRoom', await measure(asBody(SingleRoomDocument, { provider, roomId: room.roomId })));
      }
    }
  });

  it('keeps FiftyPastRoomsAcrossProviders within budget', async () => {
    expectWithin('FiftyPastRoomsAcrossProviders', await measure(asBody(FiftyPastRoomsAcrossProvidersDocument)));
  });

  it('keeps RoomsTwoLevelsDeep within budget', async () => {
    expectWithin('RoomsTwoLevelsDeep', await measure(asBody(RoomsTwoLevelsDeepDocument)));
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
  });

  it('keeps EntityBatch within budget', async () => {
    const live = await sandbox.gateway.post({ query: '{ activeRooms(first: 100) { edges { node { id } } } }' });
    const representations = (live.json.data!.activeRooms as { edges: { node: { id: string } }[] }).edges.map((edge) => ({ __typename: 'Room', id: edge.node.id }));
    const query = 'query EntityBatch($r: [_Any!]!) { _entities(representations: $r) { __typename ... on Room { id title isActive } } }';
    expectWithin('EntityBatch', await measure({ query, variables: { r: representations } }));
  });
});

import { composeServices } from '@theguild/federation-composition';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandboxes, type Sandboxes } from '../../src/sandbox/sandboxes.js';
import { createTestGateway, type TestGateway } from '../support/test-gateway.js';

/*
 * The checks of Apollo's subgraph compatibility suite that apply to this subgraph, by their names
 * there: introspection, _service, @link, @key (single field), @shareable, and entity batching.
 * (@requires, @provides, @external, @override, @inaccessible, @tag, @interfaceObject,
 * @composeDirective and ftv1 tracing test features this subgraph does not use.) Beyond the suite:
 * @requiresScopes on the room-control mutations, and a supergraph that keeps them.
 */

let sandboxes: Sandboxes;
let gateway: TestGateway;
let ids: { room: string; pastRoom: string; participant: string };

beforeAll(async () => {
  sandboxes = await startSandboxes();
  gateway = createTestGateway(sandboxes.env);
  const { json } = await gateway.post({
    query: '{ activeRooms(first: 1) { edges { node { id participants { id } } } } pastRooms(first: 1) { edges { node { id } } } }',
  });
  const data = json.data as { activeRooms: { edges: { node: { id: string; participants: { id: string }[] } }[] }; pastRooms: { edges: { node: { id: string } }[] } };
  const room = data.activeRooms.edges[0]!.node;
  ids = { room: room.id, participant: room.participants[0]!.id, pastRoom: data.pastRooms.edges[0]!.node.id };
});
afterAll(async () => {
  await gateway.close();
  await sandboxes.close();
});

const entities = (representations: unknown[]) =>
  gateway.post({
    query: 'query ($r: [_Any!]!) { _entities(representations: $r) { __typename ... on Node { id } } }',
    variables: { r: representations },
  });

describe('Apollo subgraph compatibility', () => {
  it('introspection: exposes _Any, _Entity and _Service alongside the graph', async () => {
    const { json } = await gateway.post({ query: '{ __schema { types { name } } }' });
    const names = (json.data!.__schema as { types: { name: string }[] }).types.map((type) => type.name);
    expect(names).toEqual(expect.arrayContaining(['_Any', '_Entity', '_Service', 'Room', 'PastRoom', 'Participant']));
  });

  it('_service: returns the SDL with the federation link and the entity keys', async () => {
    const { json } = await gateway.post({ query: '{ _service { sdl } }' });
    const sdl = (json.data!._service as { sdl: string }).sdl;
    expect(sdl).toMatch(/@link\(url: "https:\/\/specs\.apollo\.dev\/federation\/v2\.\d+"/);
    for (const type of ['Room', 'PastRoom', 'Participant']) expect(sdl).toMatch(new RegExp(`type ${type} implements Node\\s+@key\\(fields: "id"\\)`));
  });

  it('@key single: resolves every entity type by its id, in the order given', async () => {
    const { json } = await entities([
      { __typename: 'Participant', id: ids.participant },
      { __typename: 'Room', id: ids.room },
      { __typename: 'PastRoom', id: ids.pastRoom },
    ]);
    expect(json.errors).toBeUndefined();
    expect(json.data!._entities).toEqual([
      { __typename: 'Participant', id: ids.participant },
      { __typename: 'Room', id: ids.room },
      { __typename: 'PastRoom', id: ids.pastRoom },
    ]);
  });

  it('@key single: answers a reference to a vanished object with null and a wrong-type id with INVALID_ID', async () => {
    const gone = Buffer.from('Room:telnyx/00000000-0000-4000-8000-000000000000').toString('base64');
    const { json } = await entities([
      { __typename: 'Room', id: gone },
      { __typename: 'Room', id: ids.pastRoom },
    ]);
    expect(json.data!._entities).toEqual([null, null]);
    expect(json.errors?.map((error) => [error.path, error.extensions?.code])).toEqual([[['_entities', 1], 'INVALID_ID']]);
  });

  it('@shareable: marks the relay types other subgraphs define too', async () => {
    const { json } = await gateway.post({ query: '{ _service { sdl } }' });
    const sdl = (json.data!._service as { sdl: string }).sdl;
    expect(sdl).toMatch(/type PageInfo\s+@shareable/);
    expect(sdl).toMatch(/node\(id: ID!\): Node @shareable/);
    expect(sdl).toMatch(/nodes\(ids: \[ID!\]!\): \[Node\]! @shareable/);
  });

  it('entity batching: resolves many representations with one batched read per provider', async () => {
    const { json } = await gateway.post({ query: '{ activeRooms(first: 100) { edges { node { id } } } }' });
    const roomIds = (json.data!.activeRooms as { edges: { node: { id: string } }[] }).edges.map((edge) => edge.node.id);
    for (const simulator of Object.values(sandboxes.simulators)) simulator.resetCalls();
    const result = await entities(roomIds.map((id) => ({ __typename: 'Room', id })));
    expect((result.json.data!._entities as unknown[]).length).toBe(roomIds.length);
    const calls = Object.fromEntries(Object.entries(sandboxes.simulators).map(([name, simulator]) => [name, simulator.calls.length]));
    // plugNmeet: its live rooms and, beside them in the same round, the rooms' newest rows in case
    // some are idle (not needed here: every room is live).
    expect(calls).toEqual({ plugnmeet: 2, videosdk: 2, telnyx: 1 });
  });
});

describe('@requiresScopes on the room-control mutations', () => {
  const SCOPES = { createRoom: 'rooms:write', createJoinToken: 'rooms:join', endRoom: 'rooms:write', removeParticipant: 'rooms:write' };

  it('_service: imports @requiresScopes and marks each mutation with the scope its resolver checks', async () => {
    const { json } = await gateway.post({ query: '{ _service { sdl } }' });
    const sdl = (json.data!._service as { sdl: string }).sdl;
    expect(sdl).toMatch(/@link\(url: "https:\/\/specs\.apollo\.dev\/federation\/v2\.\d+", import: \[[^\]]*"@requiresScopes"/);
    for (const [field, scope] of Object.entries(SCOPES)) {
      expect(sdl).toMatch(new RegExp(`${field}\\(input: \\w+!\\): \\w+ @requiresScopes\\(scopes: \\[\\["${scope}"\\]\\]\\)`));
    }
  });

  it('composes into a supergraph that carries the scopes to the router', async () => {
    const { json } = await gateway.post({ query: '{ _service { sdl } }' });
    const composed = composeServices([{ name: 'roomgraph', typeDefs: parse((json.data!._service as { sdl: string }).sdl), url: 'http://roomgraph.test/graphql' }]);
    expect(composed.errors ?? []).toEqual([]);
    const supergraph = composed.supergraphSdl!;
    expect(supergraph).toMatch(/createJoinToken\(input: CreateJoinTokenInput!\): CreateJoinTokenPayload[^\n]*@requiresScopes\(scopes: \[\["rooms:join"\]\]\)/);
    expect(supergraph).toMatch(/endRoom\(input: EndRoomInput!\): EndRoomPayload[^\n]*@requiresScopes\(scopes: \[\["rooms:write"\]\]\)/);
  });
});

import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGatewayRuntime, type GatewayRuntime } from '@graphql-hive/gateway-runtime';
import { composeServices } from '@theguild/federation-composition';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { createGateway, type Gateway } from '../../src/gateway.js';
import { startSandboxes, type Sandboxes } from '../../src/sandbox/sandboxes.js';
import { BOOKINGS_TYPE_DEFS, serveBookingsSubgraph } from './bookings-subgraph.js';

let sandboxes: Sandboxes;
let gateway: Gateway;
let server: Server;
let bookings: Awaited<ReturnType<typeof serveBookingsSubgraph>>;
let router: GatewayRuntime;
let roomIds: string[];
const subgraphSdl = readFileSync(new URL('../../schema/subgraph.graphql', import.meta.url), 'utf8');

async function routed(query: string): Promise<{ data?: Record<string, any>; errors?: { message: string }[] }> {
  const response = await router.fetch('http://router.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  return (await response.json()) as never;
}

function callsPerProvider(): Record<string, number> {
  return Object.fromEntries(Object.entries(sandboxes.simulators).map(([provider, simulator]) => [provider, simulator.calls.length]));
}

function resetCalls(): void {
  for (const simulator of Object.values(sandboxes.simulators)) simulator.resetCalls();
}

beforeAll(async () => {
  sandboxes = await startSandboxes();
  // The cache stays off: this file counts the calls one batch costs (as createTestGateway does).
  gateway = createGateway(parseConfig({ LOG_LEVEL: 'silent', CACHE_ENABLED: 'false', ...sandboxes.env }));
  server = createServer(gateway.yoga);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const roomgraphUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  const live = await gateway.yoga.fetch('http://gateway.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ activeRooms(first: 100) { edges { node { id } } } }' }),
  });
  roomIds = ((await live.json()) as { data: { activeRooms: { edges: { node: { id: string } }[] } } }).data.activeRooms.edges.map((edge) => edge.node.id);
  bookings = await serveBookingsSubgraph(roomIds);
  const composed = composeServices([
    { name: 'roomgraph', typeDefs: parse(subgraphSdl), url: roomgraphUrl },
    { name: 'bookings', typeDefs: BOOKINGS_TYPE_DEFS, url: bookings.url },
  ]);
  if (composed.errors) throw new Error(composed.errors.map((error) => error.message).join('\n'));
  router = createGatewayRuntime({ supergraph: composed.supergraphSdl, logging: false });
});

afterAll(async () => {
  await router?.dispose();
  await bookings?.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await gateway.close();
  await sandboxes.close();
});

describe('a supergraph with the roomgraph subgraph', () => {
  it('composes from the committed subgraph SDL, which the running subgraph serves', async () => {
    const { data } = await routed('{ __typename }');
    expect(data).toEqual({ __typename: 'Query' });
    const direct = await gateway.yoga.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ _service { sdl } }' }),
    });
    const served = ((await direct.json()) as { data: { _service: { sdl: string } } }).data._service.sdl;
    expect(`${served}\n`).toBe(subgraphSdl);
  });

  it('resolves rooms of every provider that another subgraph references, in one batch per provider', async () => {
    expect(roomIds.length).toBeGreaterThanOrEqual(6);
    resetCalls();
    const { data, errors } = await routed('{ meetings { topic room { id title provider isActive bookings } } }');
    expect(errors).toBeUndefined();
    const meetings = data!.meetings as { room: { id: string; provider: string; isActive: boolean; bookings: number } }[];
    expect(meetings.map((meeting) => meeting.room.id)).toEqual(roomIds);
    expect(new Set(meetings.map((meeting) => meeting.room.provider))).toEqual(new Set(['PLUGNMEET', 'VIDEOSDK', 'TELNYX']));
    expect(meetings.every((meeting) => meeting.room.isActive)).toBe(true);
    // One _entities call for all N rooms: plugNmeet answers every live room at once (with, beside
    // it in the same round, the rooms' newest rows in case some are idle), Telnyx lists its rooms
    // once; VideoSDK has two endpoints to read, its room list and its live sessions.
    expect(callsPerProvider()).toEqual({ plugnmeet: 2, videosdk: 2, telnyx: 1 });
  });

  it('adds the other subgraph\'s field to roomgraph\'s rooms', async () => {
    const { data, errors } = await routed('{ activeRooms(first: 3) { edges { node { title bookings } } } }');
    expect(errors).toBeUndefined();
    const rooms = (data!.activeRooms as { edges: { node: { bookings: number } }[] }).edges;
    expect(rooms).toHaveLength(3);
    expect(rooms.every((edge) => edge.node.bookings > 0)).toBe(true);
  });
});

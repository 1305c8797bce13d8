import { Client, CombinedError, cacheExchange, fetchExchange, gql, type TypedDocumentNode } from '@urql/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveSandboxGateway, type ServedGateway } from '../support/serve-gateway.js';

// urql with its default exchanges and defaults (queries go out as GET within the URL limit).

type Provider = 'PLUGNMEET' | 'VIDEOSDK' | 'TELNYX';
type PastRoomsData = {
  pastRooms: { totalCount: number; pageInfo: { hasNextPage: boolean }; edges: { node: { id: string; provider: Provider; roomId: string; title: string } }[] };
};
const PAST_ROOMS: TypedDocumentNode<PastRoomsData, { first: number }> = gql`
  query UrqlPastRooms($first: Int!) {
    pastRooms(first: $first, orderBy: { field: CREATED_AT, direction: DESC }) {
      totalCount
      pageInfo { hasNextPage }
      edges { node { id provider roomId title } }
    }
  }
`;

type ActiveRoomsData = { activeRooms: { edges: { node: { id: string; provider: Provider; roomId: string; title: string } }[] } };
const ACTIVE_ROOMS: TypedDocumentNode<ActiveRoomsData, { first: number }> = gql`
  query UrqlActiveRooms($first: Int!) {
    activeRooms(first: $first) { edges { node { id provider roomId title } } }
  }
`;

type RoomData = {
  room: {
    id: string;
    provider: Provider;
    roomId: string;
    title: string;
    isActive: boolean;
    participants: { id: string; name: string | null }[];
    pastRooms: { edges: { node: { id: string; roomId: string } }[] };
  } | null;
};
const ROOM: TypedDocumentNode<RoomData, { provider: Provider; roomId: string }> = gql`
  query UrqlRoom($provider: Provider!, $roomId: String!) {
    room(provider: $provider, roomId: $roomId) {
      id provider roomId title isActive
      participants { id name }
      pastRooms(first: 3) { edges { node { id roomId } } }
    }
  }
`;

let served: ServedGateway;
let client: Client;
let requests = 0;
const methods = new Set<string>();

beforeAll(async () => {
  served = await serveSandboxGateway();
  const countingFetch: typeof fetch = (input, init) => ((requests += 1), methods.add(init?.method ?? 'GET'), fetch(input, init));
  // urql sends queries as GET; with CSRF prevention on (the default) a GET must carry a preflight header.
  const fetchOptions = { headers: { 'graphql-require-preflight': '1' } };
  client = new Client({ url: served.url, exchanges: [cacheExchange, fetchExchange], fetch: countingFetch, fetchOptions });
});
afterAll(async () => {
  await served?.close();
});

describe('urql over the gateway', () => {
  it('reads merged pastRooms and serves the repeat from its document cache', async () => {
    const result = await client.query(PAST_ROOMS, { first: 10 }).toPromise();
    expect(result.error).toBeUndefined();
    const { pastRooms } = result.data!;
    expect(pastRooms.edges).toHaveLength(10);
    expect(pastRooms.totalCount).toBeGreaterThan(10);
    expect(pastRooms.pageInfo.hasNextPage).toBe(true);
    expect(new Set(pastRooms.edges.map((edge) => edge.node.provider))).toEqual(new Set(['PLUGNMEET', 'VIDEOSDK', 'TELNYX']));
    // urql's default sends queries as GET when they fit in a URL; the gateway must take those too.
    expect([...methods]).toEqual(['GET']);

    const before = requests;
    const again = await client.query(PAST_ROOMS, { first: 10 }).toPromise();
    expect(requests).toBe(before);
    expect(again.data).toEqual(result.data);
  });

  it('reads a room by provider and room id with its people and past sessions', async () => {
    const live = await client.query(ACTIVE_ROOMS, { first: 1 }).toPromise();
    expect(live.error).toBeUndefined();
    const listed = live.data!.activeRooms.edges[0]!.node;

    const result = await client.query(ROOM, { provider: listed.provider, roomId: listed.roomId }).toPromise();
    expect(result.error).toBeUndefined();
    const room = result.data!.room!;
    expect(room).toMatchObject({ id: listed.id, provider: listed.provider, roomId: listed.roomId, title: listed.title, isActive: true });
    expect(room.participants.length).toBeGreaterThan(0);
    for (const edge of room.pastRooms.edges) expect(edge.node.roomId).toBe(listed.roomId);
  });

  it("surfaces the gateway's BAD_USER_INPUT code in a CombinedError for first: 1000", async () => {
    const result = await client.query(PAST_ROOMS, { first: 1000 }).toPromise();
    expect(result.data ?? null).toBeNull();
    expect(result.error).toBeInstanceOf(CombinedError);
    expect(result.error!.networkError).toBeUndefined();
    expect(result.error!.graphQLErrors).toHaveLength(1);
    expect(result.error!.graphQLErrors[0]!.extensions.code).toBe('BAD_USER_INPUT');
    expect(result.error!.graphQLErrors[0]!.path).toEqual(['pastRooms']);
    expect(result.error!.message).toContain('first');
  });
});

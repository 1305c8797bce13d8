import { ApolloClient, HttpLink, InMemoryCache, gql, type TypedDocumentNode } from '@apollo/client';
import { relayStylePagination } from '@apollo/client/utilities';
import { filter, firstValueFrom, map, timeout } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveSandboxGateway, type ServedGateway } from '../support/serve-gateway.js';

// Apollo Client as a frontend would configure it for roomgraph: cursor pagination merged per
// (filter, orderBy), every Node normalised under its global id, `node(id:)` answered from the cache.

type OrderBy = { field: 'CREATED_AT' | 'ENDED_AT'; direction: 'ASC' | 'DESC' };
type PastRoomItem = { __typename: 'PastRoom'; id: string; provider: string; title: string; createdAt: string };
type PastRoomsData = {
  pastRooms: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { cursor: string; node: PastRoomItem }[] };
};
type PastRoomsVariables = { first: number; after?: string | null; orderBy: OrderBy };

const PAST_ROOMS: TypedDocumentNode<PastRoomsData, PastRoomsVariables> = gql`
  query ApolloPastRooms($first: Int!, $after: String, $orderBy: PastRoomOrder) {
    pastRooms(first: $first, after: $after, orderBy: $orderBy) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor node { id provider title createdAt } }
    }
  }
`;

type NodeData<TNode> = { node: TNode | null };
const PAST_ROOM_NODE: TypedDocumentNode<NodeData<PastRoomItem>, { id: string }> = gql`
  query ApolloPastRoomNode($id: ID!) {
    node(id: $id) { id ... on PastRoom { provider title createdAt } }
  }
`;
const PAST_ROOM_NODE_DURATION: TypedDocumentNode<NodeData<PastRoomItem & { durationSeconds: number | null }>, { id: string }> = gql`
  query ApolloPastRoomDuration($id: ID!) {
    node(id: $id) { id ... on PastRoom { durationSeconds } }
  }
`;

const NEWEST_FIRST: OrderBy = { field: 'CREATED_AT', direction: 'DESC' };
const PAGE = 7;

/** Global ids are unique across types, so, as in Relay's store, the id alone is the cache key. */
const byGlobalId = (object: Readonly<Record<string, unknown>>) => (typeof object.id === 'string' ? object.id : false);

/** The cache configuration a roomgraph frontend needs. */
function createRoomgraphCache(): InMemoryCache {
  return new InMemoryCache({
    possibleTypes: { Node: ['Room', 'PastRoom', 'Participant'] },
    typePolicies: {
      Query: {
        fields: {
          pastRooms: relayStylePagination(['filter', 'orderBy']),
          node: { read: (existing, { args, toReference }) => existing ?? (typeof args?.id === 'string' ? toReference(args.id) : undefined) },
        },
      },
      Room: { keyFields: byGlobalId, fields: { pastRooms: relayStylePagination(['filter', 'orderBy']) } },
      PastRoom: { keyFields: byGlobalId },
      Participant: { keyFields: byGlobalId },
    },
  });
}

let served: ServedGateway;
let cache: InMemoryCache;
let client: ApolloClient;
let requests = 0;

beforeAll(async () => {
  served = await serveSandboxGateway();
  const countingFetch: typeof fetch = (input, init) => ((requests += 1), fetch(input, init));
  cache = createRoomgraphCache();
  client = new ApolloClient({ link: new HttpLink({ uri: served.url, fetch: countingFetch }), cache });
});
afterAll(async () => {
  client?.stop();
  await served?.close();
});

/** One page of the given size fetched straight over HTTP, bypassing Apollo. */
async function fetchDirectly(variables: PastRoomsVariables): Promise<PastRoomItem[]> {
  const response = await fetch(served.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query: PAST_ROOMS.loc!.source.body, variables }),
  });
  const body = (await response.json()) as { data: PastRoomsData; errors?: unknown };
  expect(body.errors).toBeUndefined();
  return body.data.pastRooms.edges.map((edge) => edge.node);
}

describe('Apollo Client over the gateway', () => {
  it('grows the cached pastRooms list by fetchMore in exactly the order of one big page', async () => {
    const query = client.watchQuery({ query: PAST_ROOMS, variables: { first: PAGE, orderBy: NEWEST_FIRST } });
    const subscription = query.subscribe(() => undefined);
    try {
      /** The next result the watched query emits with `length` items (bounded by a timeout). */
      const listOf = (length: number) =>
        firstValueFrom(
          query.pipe(
            map((result) => (result.dataState === 'complete' ? result.data : undefined)),
            filter((data): data is PastRoomsData => data?.pastRooms.edges.length === length),
            timeout({ first: 10_000 }),
          ),
        );
      let current = await listOf(PAGE);
      for (let page = 2; page <= 3; page += 1) {
        const { pageInfo } = current.pastRooms;
        expect(pageInfo.hasNextPage).toBe(true);
        const grown = listOf(page * PAGE);
        const more = await query.fetchMore({ variables: { after: pageInfo.endCursor } });
        expect(more.data!.pastRooms.edges).toHaveLength(PAGE);
        current = await grown;
      }
      const cached = current.pastRooms.edges.map((edge) => edge.node);
      expect(new Set(cached.map((node) => node.id)).size).toBe(3 * PAGE);
      const direct = await fetchDirectly({ first: 3 * PAGE, orderBy: NEWEST_FIRST });
      expect(cached.map(({ id, provider, createdAt }) => ({ id, provider, createdAt }))).toEqual(
        direct.map(({ id, provider, createdAt }) => ({ id, provider, createdAt })),
      );
    } finally {
      subscription.unsubscribe();
    }
  });

  it('keeps a list per orderBy apart instead of merging them', async () => {
    const oldestFirst = await client.query({ query: PAST_ROOMS, variables: { first: PAGE, orderBy: { field: 'CREATED_AT', direction: 'ASC' } } });
    expect(oldestFirst.data!.pastRooms.edges.map((edge) => edge.node.id)).toEqual(
      (await fetchDirectly({ first: PAGE, orderBy: { field: 'CREATED_AT', direction: 'ASC' } })).map((node) => node.id),
    );
    const newestFirst = client.readQuery({ query: PAST_ROOMS, variables: { first: PAGE, orderBy: NEWEST_FIRST } });
    expect(newestFirst!.pastRooms.edges).toHaveLength(3 * PAGE);
  });

  it('normalises every past room under its global id and answers node(id:) from that entry', async () => {
    const listed = client.readQuery({ query: PAST_ROOMS, variables: { first: PAGE, orderBy: NEWEST_FIRST } })!.pastRooms.edges[4]!.node;
    expect(cache.identify(listed)).toBe(listed.id);
    expect(cache.extract()[listed.id]).toMatchObject({ __typename: 'PastRoom', id: listed.id, title: listed.title });

    const before = requests;
    const cached = await client.query({ query: PAST_ROOM_NODE, variables: { id: listed.id } });
    expect(requests).toBe(before);
    expect(cached.data!.node).toEqual(listed);

    const fetched = await client.query({ query: PAST_ROOM_NODE_DURATION, variables: { id: listed.id } });
    expect(requests).toBe(before + 1);
    expect(fetched.data!.node).toMatchObject({ __typename: 'PastRoom', id: listed.id });
    expect(cache.extract()[listed.id]?.durationSeconds).toBe(fetched.data!.node!.durationSeconds);
    expect(Object.keys(cache.extract()).filter((key) => key.includes(listed.id))).toEqual([listed.id]);
  });
});

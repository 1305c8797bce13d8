import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { createYoga } from 'graphql-yoga';

/**
 * A small second subgraph written for the supergraph tests: it owns `Meeting { room: Room }` and
 * adds `bookings` to roomgraph's `Room` by its key.
 */
export const BOOKINGS_TYPE_DEFS = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key"])

  type Meeting @key(fields: "id") {
    id: ID!
    topic: String!
    room: Room!
  }

  type Room @key(fields: "id") {
    id: ID!
    bookings: Int!
  }

  type Query {
    meetings: [Meeting!]!
  }
`);

/** Serves the bookings subgraph on loopback; one meeting per given room id. */
export async function serveBookingsSubgraph(roomIds: readonly string[]) {
  const schema = buildSubgraphSchema({
    typeDefs: BOOKINGS_TYPE_DEFS,
    resolvers: {
      Query: {
        meetings: () => roomIds.map((id, index) => ({ id: `meeting-${index}`, topic: `Meeting ${index}`, room: { id } })),
      },
      Room: {
        __resolveReference: (room: { id: string }) => ({ id: room.id }),
        bookings: (room: { id: string }) => roomIds.indexOf(room.id) + 1,
      },
    },
  });
  const yoga = createYoga({ schema, logging: false });
  const server = createServer(yoga);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  return { url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

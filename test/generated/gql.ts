/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "query PastRoomsPage($filter: PastRoomFilter, $orderBy: PastRoomOrder, $first: Int, $after: String, $last: Int, $before: String) {\n  pastRooms(\n    filter: $filter\n    orderBy: $orderBy\n    first: $first\n    after: $after\n    last: $last\n    before: $before\n  ) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      hasPreviousPage\n      startCursor\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        id\n        provider\n        roomId\n        sessionId\n        title\n        createdAt\n        endedAt\n        participantCount\n      }\n    }\n  }\n}": typeof types.PastRoomsPageDocument,
    "query RoomList($filter: RoomFilter, $orderBy: RoomOrder, $first: Int, $after: String, $last: Int, $before: String) {\n  rooms(\n    filter: $filter\n    orderBy: $orderBy\n    first: $first\n    after: $after\n    last: $last\n    before: $before\n  ) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      hasPreviousPage\n      startCursor\n      endCursor\n    }\n    edges {\n      node {\n        id\n        provider\n        roomId\n        title\n        isActive\n        createdAt\n        updatedAt\n      }\n    }\n  }\n}": typeof types.RoomListDocument,
    "query RoomByProviderId($provider: Provider!, $roomId: String!) {\n  room(provider: $provider, roomId: $roomId) {\n    id\n    provider\n    roomId\n    title\n    isActive\n    createdAt\n    activeSessionId\n    participants {\n      id\n      name\n      userId\n      joinedAt\n      presences {\n        joinedAt\n        leftAt\n      }\n    }\n  }\n}\n\nquery ActiveRoomsWithPastRooms($first: Int, $pastRoomsFirst: Int) {\n  activeRooms(first: $first) {\n    totalCount\n    edges {\n      node {\n        id\n        provider\n        roomId\n        title\n        participants {\n          id\n          name\n        }\n        pastRooms(first: $pastRoomsFirst) {\n          totalCount\n          edges {\n            node {\n              id\n              sessionId\n              createdAt\n            }\n          }\n        }\n      }\n    }\n  }\n}\n\nquery NodesById($ids: [ID!]!) {\n  nodes(ids: $ids) {\n    __typename\n    id\n    ... on Room {\n      roomId\n      title\n    }\n    ... on PastRoom {\n      sessionId\n      title\n    }\n    ... on Participant {\n      participantId\n      name\n    }\n  }\n}": typeof types.RoomByProviderIdDocument,
};
const documents: Documents = {
    "query PastRoomsPage($filter: PastRoomFilter, $orderBy: PastRoomOrder, $first: Int, $after: String, $last: Int, $before: String) {\n  pastRooms(\n    filter: $filter\n    orderBy: $orderBy\n    first: $first\n    after: $after\n    last: $last\n    before: $before\n  ) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      hasPreviousPage\n      startCursor\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        id\n        provider\n        roomId\n        sessionId\n        title\n        createdAt\n        endedAt\n        participantCount\n      }\n    }\n  }\n}": types.PastRoomsPageDocument,
    "query RoomList($filter: RoomFilter, $orderBy: RoomOrder, $first: Int, $after: String, $last: Int, $before: String) {\n  rooms(\n    filter: $filter\n    orderBy: $orderBy\n    first: $first\n    after: $after\n    last: $last\n    before: $before\n  ) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      hasPreviousPage\n      startCursor\n      endCursor\n    }\n    edges {\n      node {\n        id\n        provider\n        roomId\n        title\n        isActive\n        createdAt\n        updatedAt\n      }\n    }\n  }\n}": types.RoomListDocument,
    "query RoomByProviderId($provider: Provider!, $roomId: String!) {\n  room(provider: $provider, roomId: $roomId) {\n    id\n    provider\n    roomId\n    title\n    isActive\n    createdAt\n    activeSessionId\n    participants {\n      id\n      name\n      userId\n      joinedAt\n      presences {\n        joinedAt\n        leftAt\n      }\n    }\n  }\n}\n\nquery ActiveRoomsWithPastRooms($first: Int, $pastRoomsFirst: Int) {\n  activeRooms(first: $first) {\n    totalCount\n    edges {\n      node {\n        id\n        provider\n        roomId\n        title\n        participants {\n          id\n          name\n        }\n        pastRooms(first: $pastRoomsFirst) {\n          totalCount\n          edges {\n            node {\n              id\n              sessionId\n              createdAt\n            }\n          }\n        }\n      }\n    }\n  }\n}\n\nquery NodesById($ids: [ID!]!) {\n  nodes(ids: $ids) {\n    __typename\n    id\n    ... on Room {\n      roomId\n      title\n    }\n    ... on PastRoom {\n      sessionId\n      title\n    }\n    ... on Participant {\n      participantId\n      name\n    }\n  }\n}": types.RoomByProviderIdDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query PastRoomsPage($filter: PastRoomFilter, $orderBy: PastRoomOrder, $first: Int, $after: String, $last: Int, $before: String) {\n  pastRooms(\n    filter: $filter\n    orderBy: $orderBy\n    first: $first\n    after: $after\n    last: $last\n    before: $before\n  ) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      hasPreviousPage\n      startCursor\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        id\n        provider\n        roomId\n        sessionId\n        title\n        createdAt\n        endedAt\n        participantCount\n      }\n    }\n  }\n}"): (typeof documents)["query PastRoomsPage($filter: PastRoomFilter, $orderBy: PastRoomOrder, $first: Int, $after: String, $last: Int, $before: String) {\n  pastRooms(\n    filter: $filter\n    orderBy: $orderBy\n    first: $first\n    after: $after\n    last: $last\n    before: $before\n  ) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      hasPreviousPage\n      startCursor\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        id\n        provider\n        roomId\n        sessionId\n        title\n        createdAt\n        endedAt\n        participantCount\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query RoomList($filter: RoomFilter, $orderBy: RoomOrder, $first: Int, $after: String, $last: Int, $before: String) {\n  rooms(\n    filter: $filter\n    orderBy: $orderBy\n    first: $first\n    after: $after\n    last: $last\n    before: $before\n  ) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      hasPreviousPage\n      startCursor\n      endCursor\n    }\n    edges {\n      node {\n        id\n        provider\n        roomId\n        title\n        isActive\n        createdAt\n        updatedAt\n      }\n    }\n  }\n}"): (typeof documents)["query RoomList($filter: RoomFilter, $orderBy: RoomOrder, $first: Int, $after: String, $last: Int, $before: String) {\n  rooms(\n    filter: $filter\n    orderBy: $orderBy\n    first: $first\n    after: $after\n    last: $last\n    before: $before\n  ) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      hasPreviousPage\n      startCursor\n      endCursor\n    }\n    edges {\n      node {\n        id\n        provider\n        roomId\n        title\n        isActive\n        createdAt\n        updatedAt\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query RoomByProviderId($provider: Provider!, $roomId: String!) {\n  room(provider: $provider, roomId: $roomId) {\n    id\n    provider\n    roomId\n    title\n    isActive\n    createdAt\n    activeSessionId\n    participants {\n      id\n      name\n      userId\n      joinedAt\n      presences {\n        joinedAt\n        leftAt\n      }\n    }\n  }\n}\n\nquery ActiveRoomsWithPastRooms($first: Int, $pastRoomsFirst: Int) {\n  activeRooms(first: $first) {\n    totalCount\n    edges {\n      node {\n        id\n        provider\n        roomId\n        title\n        participants {\n          id\n          name\n        }\n        pastRooms(first: $pastRoomsFirst) {\n          totalCount\n          edges {\n            node {\n              id\n              sessionId\n              createdAt\n            }\n          }\n        }\n      }\n    }\n  }\n}\n\nquery NodesById($ids: [ID!]!) {\n  nodes(ids: $ids) {\n    __typename\n    id\n    ... on Room {\n      roomId\n      title\n    }\n    ... on PastRoom {\n      sessionId\n      title\n    }\n    ... on Participant {\n      participantId\n      name\n    }\n  }\n}"): (typeof documents)["query RoomByProviderId($provider: Provider!, $roomId: String!) {\n  room(provider: $provider, roomId: $roomId) {\n    id\n    provider\n    roomId\n    title\n    isActive\n    createdAt\n    activeSessionId\n    participants {\n      id\n      name\n      userId\n      joinedAt\n      presences {\n        joinedAt\n        leftAt\n      }\n    }\n  }\n}\n\nquery ActiveRoomsWithPastRooms($first: Int, $pastRoomsFirst: Int) {\n  activeRooms(first: $first) {\n    totalCount\n    edges {\n      node {\n        id\n        provider\n        roomId\n        title\n        participants {\n          id\n          name\n        }\n        pastRooms(first: $pastRoomsFirst) {\n          totalCount\n          edges {\n            node {\n              id\n              sessionId\n              createdAt\n            }\n          }\n        }\n      }\n    }\n  }\n}\n\nquery NodesById($ids: [ID!]!) {\n  nodes(ids: $ids) {\n    __typename\n    id\n    ... on Room {\n      roomId\n      title\n    }\n    ... on PastRoom {\n      sessionId\n      title\n    }\n    ... on Participant {\n      participantId\n      name\n    }\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;
import { graphql } from './graphql-tag.js';

/** A paginated list of ended sessions across providers, as a Relay component would declare it. */
export const pastRoomListFragment = graphql`
  fragment PastRoomList_query on Query
  @refetchable(queryName: "PastRoomListPaginationQuery")
  @argumentDefinitions(
    first: { type: "Int", defaultValue: 10 }
    after: { type: "String" }
    filter: { type: "PastRoomFilter" }
    orderBy: { type: "PastRoomOrder", defaultValue: { field: CREATED_AT, direction: DESC } }
  ) {
    pastRooms(first: $first, after: $after, filter: $filter, orderBy: $orderBy)
      @connection(key: "PastRoomList_pastRooms", filters: ["filter", "orderBy"]) {
      totalCount
      edges {
        node {
          id
          provider
          roomId
          title
          createdAt
          endedAt
          participantCount
        }
      }
    }
  }
`;

/** The page query that renders the list. */
export const pastRoomListQuery = graphql`
  query PastRoomListQuery {
    ...PastRoomList_query
  }
`;

import { graphql } from './graphql-tag.js';

/**
 * A room with the people in it now and its own ended sessions, paginated; refetchable through
 * `node(id:)`, which needs the schema's Node interface to be what Relay expects.
 */
export const roomSummaryFragment = graphql`
  fragment RoomSummary_room on Room
  @refetchable(queryName: "RoomSummaryPastRoomsPaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 5 }, cursor: { type: "String" }) {
    id
    provider
    roomId
    title
    isActive
    participants {
      id
      name
      joinedAt
      presences {
        joinedAt
        leftAt
      }
    }
    pastRooms(first: $count, after: $cursor) @connection(key: "RoomSummary_pastRooms") {
      edges {
        node {
          id
          createdAt
          endedAt
          durationSeconds
          participants {
            id
            name
          }
        }
      }
    }
  }
`;

/** The page query for one room. */
export const roomSummaryQuery = graphql`
  query RoomSummaryQuery($provider: Provider!, $roomId: String!) {
    room(provider: $provider, roomId: $roomId) {
      ...RoomSummary_room
    }
  }
`;

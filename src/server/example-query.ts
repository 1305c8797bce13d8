/** The query GraphiQL opens with: live rooms with their people, and the latest ended sessions. */
export const EXAMPLE_QUERY = `# Welcome to roomgraph. Press the run button, then explore the Docs panel.
query Overview {
  activeRooms(first: 5) {
    totalCount
    edges {
      node {
        id
        provider
        title
        participants { name joinedAt }
      }
    }
  }
  pastRooms(first: 10, orderBy: { field: CREATED_AT, direction: DESC }) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      node { id provider title createdAt endedAt participantCount }
    }
  }
}
`;

/**
 * GraphiQL's second tab: the README's room-control sequence (create, join token, end), which runs
 * as is against the sandbox (a test keeps the two identical).
 */
export const ROOM_CONTROL_EXAMPLE = `# Room control: run it against the sandbox (MUTATIONS_WITHOUT_AUTH is on there); see the README.
mutation RoomControlDemo {
  createRoom(input: { provider: PLUGNMEET, title: "README demo", plugnmeet: { roomId: "readme-demo" }, clientMutationId: "step-1" }) {
    clientMutationId
    room { id roomId title isActive }
    userErrors { code message field }
  }
  createJoinToken(input: { room: "Um9vbTpwbHVnbm1lZXQvcmVhZG1lLWRlbW8=", participant: { name: "Ada", userId: "ada" } }) {
    joinToken { token expiresAt joinUrl userId }
    userErrors { code message field }
  }
  endRoom(input: { room: "Um9vbTpwbHVnbm1lZXQvcmVhZG1lLWRlbW8=" }) {
    completion
    room { id isActive }
    userErrors { code message field }
  }
}
`;

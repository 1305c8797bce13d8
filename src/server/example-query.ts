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

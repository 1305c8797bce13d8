/**
 * The benchmark's queries. S1: one live room with its participants. S2: 50 past rooms merged over
 * the three providers. S3: S2 with each session's participants. S4: a federation router's
 * `_entities` batch of 1, 10 or 50 `Room` representations.
 */

/** A GraphQL request body and a check of its answer. */
export interface Scenario {
  name: string;
  /** Answered by the stock-yoga reference too (S1–S3); S4 is roomgraph's and the direct client's only. */
  reference: boolean;
  body: string;
  check(answer: GraphQLAnswer): string | null;
}

export interface GraphQLAnswer {
  data?: Record<string, unknown> | null;
  errors?: { message: string }[];
}

const PAST_ROOM_FIELDS = 'id provider roomId sessionId title createdAt endedAt';
const PARTICIPANT_FIELDS = 'id name joinedAt leftAt';

export const S1_QUERY = `query S1 { room(provider: PLUGNMEET, roomId: "town-hall") { id title isActive participants { ${PARTICIPANT_FIELDS} } } }`;
export const S2_QUERY = `query S2 { pastRooms(first: 50) { totalCount edges { cursor node { ${PAST_ROOM_FIELDS} } } } }`;
export const S3_QUERY = `query S3 { pastRooms(first: 50) { totalCount edges { cursor node { ${PAST_ROOM_FIELDS} participants { ${PARTICIPANT_FIELDS} } } } } }`;
const S4_QUERY = `query S4($representations: [_Any!]!) { _entities(representations: $representations) { ... on Room { id title isActive participants { id name } } } }`;

/** The query that lists the room ids S4's representations are made of. */
export const ROOM_IDS_QUERY = '{ rooms(first: 50) { edges { node { id } } } }';

function errorsOf(answer: GraphQLAnswer): string | null {
  if (answer.errors?.length) return `errors: ${answer.errors.map((error) => error.message).join('; ').slice(0, 300)}`;
  return answer.data ? null : 'no data';
}

interface PastRoomPage {
  totalCount: number;
  edges: { node: { sessionId: string; participants?: unknown[] | null } }[];
}

function checkPastRooms(answer: GraphQLAnswer, withParticipants: boolean): string | null {
  const page = answer.data?.pastRooms as PastRoomPage | undefined;
  if (!page || page.edges.length !== 50) return `expected 50 past rooms, got ${page?.edges.length}`;
  if (page.totalCount <= 50) return `expected a totalCount above 50, got ${page.totalCount}`;
  if (withParticipants && !page.edges.some((edge) => (edge.node.participants?.length ?? 0) > 0)) return 'no participants in any past room';
  return null;
}

/** S1–S3, and S4 at each batch size over the given room ids (repeated when there are fewer). */
export function createScenarios(roomIds: readonly string[], batchSizes: readonly number[] = [1, 10, 50]): Scenario[] {
  const scenarios: Scenario[] = [
    {
      name: 'S1',
      reference: true,
      body: JSON.stringify({ query: S1_QUERY }),
      check: (answer) => {
        const room = answer.data?.room as { participants?: unknown[] } | undefined;
        return errorsOf(answer) ?? ((room?.participants?.length ?? 0) > 0 ? null : 'the room has no participants');
      },
    },
    { name: 'S2', reference: true, body: JSON.stringify({ query: S2_QUERY }), check: (answer) => errorsOf(answer) ?? checkPastRooms(answer, false) },
    { name: 'S3', reference: true, body: JSON.stringify({ query: S3_QUERY }), check: (answer) => errorsOf(answer) ?? checkPastRooms(answer, true) },
  ];
  for (const size of batchSizes) {
    const representations = Array.from({ length: size }, (_, index) => ({ __typename: 'Room', id: roomIds[index % roomIds.length] }));
    scenarios.push({
      name: `S4×${size}`,
      reference: false,
      body: JSON.stringify({ query: S4_QUERY, variables: { representations } }),
      check: (answer) => {
        const entities = answer.data?._entities as unknown[] | undefined;
        return errorsOf(answer) ?? (entities?.length === size && entities.every(Boolean) ? null : `expected ${size} rooms`);
      },
    });
  }
  return scenarios;
}

/** The (provider, session) sequence of a past-room page: the reference must list the same sessions. */
export function sessionSequence(answer: GraphQLAnswer): string {
  const page = answer.data?.pastRooms as { totalCount: number; edges: { node: { provider: string; sessionId: string } }[] } | undefined;
  return `${page?.totalCount} ${page?.edges.map((edge) => `${edge.node.provider}:${edge.node.sessionId}`).join(',')}`;
}

/** POSTs a GraphQL body and parses the answer. */
export async function postGraphQL(url: string, body: string): Promise<{ status: number; text: string; answer: GraphQLAnswer }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const text = await response.text();
  return { status: response.status, text, answer: JSON.parse(text) as GraphQLAnswer };
}

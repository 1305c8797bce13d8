import { describe, expect, it } from 'vitest';
import { PastRoomsPageDocument, type PastRoomOrder, type PastRoomsPageQueryVariables } from '../generated/graphql.js';
import { usePlugnmeetGateway } from '../support/sandbox-gateway.js';

const plugnmeet = usePlugnmeetGateway();

/** The ended sessions the simulator holds, in the order the connection must give. */
function expectedSessionIds(order: PastRoomOrder): string[] {
  const ended = plugnmeet.simulator.store.sessions().filter((session) => session.endedAt !== null);
  const sorted = [...ended].sort((a, b) =>
    order.field === 'CREATED_AT' ? a.id - b.id : a.endedAt!.getTime() - b.endedAt!.getTime() || (a.sid < b.sid ? -1 : 1),
  );
  return order.direction === 'ASC' ? sorted.map((session) => session.sid) : sorted.reverse().map((session) => session.sid);
}

async function pageAll(orderBy: PastRoomOrder, size: number, direction: 'forward' | 'backward') {
  const seen: string[] = [];
  const totals = new Set<number>();
  let cursor: string | null = null;
  for (let guard = 0; guard < 100; guard += 1) {
    const variables: PastRoomsPageQueryVariables = direction === 'forward' ? { orderBy, first: size, after: cursor } : { orderBy, last: size, before: cursor };
    const result = await plugnmeet.gateway.execute(PastRoomsPageDocument, variables);
    expect(result.errors).toBeUndefined();
    const connection = result.data!.pastRooms;
    totals.add(connection.totalCount);
    const ids = connection.edges.map((edge) => edge.node.sessionId);
    if (direction === 'forward') seen.push(...ids);
    else seen.unshift(...ids);
    const more = direction === 'forward' ? connection.pageInfo.hasNextPage : connection.pageInfo.hasPreviousPage;
    if (!more) return { seen, totals };
    cursor = direction === 'forward' ? connection.pageInfo.endCursor! : connection.pageInfo.startCursor!;
  }
  throw new Error('paging did not end');
}

describe('plugNmeet past rooms through the gateway', () => {
  for (const field of ['CREATED_AT', 'ENDED_AT'] as const) {
    for (const direction of ['DESC', 'ASC'] as const) {
      for (const [size, way] of [[7, 'forward'], [7, 'backward'], [100, 'forward'], [1, 'backward']] as const) {
        it(`pages ${way} by ${field} ${direction} ${size} at a time with no gap or duplicate and a true totalCount`, async () => {
          const orderBy = { field, direction };
          const { seen, totals } = await pageAll(orderBy, size, way);
          const expected = expectedSessionIds(orderBy);
          expect(expected.length).toBeGreaterThanOrEqual(45);
          expect(seen).toEqual(expected);
          expect([...totals]).toEqual([expected.length]);
        });
      }
    }
  }

  it('leaves out sessions that are still running, which the server lists with a zero end date', async () => {
    const running = plugnmeet.simulator.store.runningSessions().map((session) => session.sid);
    expect(running.length).toBeGreaterThan(0);
    const { seen } = await pageAll({ field: 'CREATED_AT', direction: 'DESC' }, 100, 'forward');
    expect(seen.filter((sid) => running.includes(sid))).toEqual([]);
  });

  it('applies roomIds and createdAt filters exactly', async () => {
    const sessions = plugnmeet.simulator.store.sessions().filter((session) => session.endedAt !== null);
    const roomId = sessions[3]!.roomId;
    const from = sessions[10]!.createdAt;
    const to = sessions[30]!.createdAt;
    const result = await plugnmeet.gateway.execute(PastRoomsPageDocument, {
      filter: { roomIds: [roomId], createdAt: { from: from.toISOString(), to: to.toISOString() } },
      orderBy: { field: 'CREATED_AT', direction: 'ASC' },
      first: 100,
    });
    const expected = sessions.filter((session) => session.roomId === roomId && session.createdAt >= from && session.createdAt < to);
    expect(result.data!.pastRooms.edges.map((edge) => edge.node.sessionId)).toEqual(expected.map((session) => session.sid));
    expect(result.data!.pastRooms.totalCount).toBe(expected.length);
  });

  it('reads one page of the newest sessions with a single upstream call', async () => {
    plugnmeet.simulator.resetCalls();
    const result = await plugnmeet.gateway.execute(PastRoomsPageDocument, { first: 10 });
    expect(result.data!.pastRooms.edges).toHaveLength(10);
    expect(plugnmeet.simulator.calls.map((call) => call.path).sort()).toEqual(['/auth/room/fetchPastRooms', '/auth/room/getActiveRoomsInfo']);
  });
});

import { beforeEach, describe, expect, it } from 'vitest';
import { ActiveRoomsWithPastRoomsDocument, NodesByIdDocument, PastRoomsPageDocument } from '../generated/graphql.js';
import { usePlugnmeetGateway } from '../support/sandbox-gateway.js';

const plugnmeet = usePlugnmeetGateway();
beforeEach(() => plugnmeet.simulator.resetCalls());

/** How many times each upstream path was called since the last reset. */
function callCounts(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const call of plugnmeet.simulator.calls) counts[call.path] = (counts[call.path] ?? 0) + 1;
  return counts;
}

describe('plugNmeet batching', () => {
  it('answers the live state of N rooms with one getActiveRoomsInfo call, and beside it one read of their newest rows', async () => {
    const live = plugnmeet.simulator.store.runningSessions().map((session) => session.roomId);
    const fields = live.map((roomId, index) => `r${index}: room(provider: PLUGNMEET, roomId: "${roomId}") { isActive participants { name } }`);
    const { json } = await plugnmeet.gateway.post({ query: `{ ${fields.join('\n')} }` });
    expect(json.errors).toBeUndefined();
    expect(Object.values(json.data!).every((room) => (room as { isActive: boolean }).isActive)).toBe(true);
    // The rows are read in the same round in case some rooms are idle (not needed here: all are live).
    expect(callCounts()).toEqual({ '/auth/room/getActiveRoomsInfo': 1, '/auth/room/fetchPastRooms': 1 });
  });

  it('fetches the past rooms of every live room with one fetchPastRooms call', async () => {
    const result = await plugnmeet.gateway.execute(ActiveRoomsWithPastRoomsDocument, { first: 10, pastRoomsFirst: 3 });
    expect(result.errors).toBeUndefined();
    const rooms = result.data!.activeRooms.edges.map((edge) => edge.node);
    expect(rooms.length).toBeGreaterThanOrEqual(3);
    for (const room of rooms) {
      const expected = plugnmeet.simulator.store
        .sessions()
        .filter((session) => session.roomId === room.roomId && session.endedAt)
        .reverse()
        .slice(0, 3)
        .map((session) => session.sid);
      expect(room.pastRooms.edges.map((edge) => edge.node.sessionId)).toEqual(expected);
    }
    expect(callCounts()).toEqual({ '/auth/room/getActiveRoomsInfo': 1, '/auth/room/fetchPastRooms': 1 });
  });

  it('resolves nodes of every type for rooms, sessions and participants in three calls', async () => {
    const page = await plugnmeet.gateway.execute(PastRoomsPageDocument, { first: 30 });
    const live = await plugnmeet.gateway.execute(ActiveRoomsWithPastRoomsDocument, { first: 10, pastRoomsFirst: 0 });
    const ids = [
      ...page.data!.pastRooms.edges.map((edge) => edge.node.id),
      ...live.data!.activeRooms.edges.flatMap((edge) => [edge.node.id, ...edge.node.participants.map((participant) => participant.id)]),
    ];
    plugnmeet.simulator.resetCalls();
    const result = await plugnmeet.gateway.execute(NodesByIdDocument, { ids });
    expect(result.errors).toBeUndefined();
    expect(result.data!.nodes.map((node) => node?.id)).toEqual(ids);
    expect(result.data!.nodes.map((node) => node?.__typename)).toContain('Participant');
    // The live rooms; the past rooms' rows; and the rooms' newest rows, read beside the live rooms
    // in case some are idle (not needed here: they are live).
    expect(callCounts()).toEqual({ '/auth/room/getActiveRoomsInfo': 1, '/auth/room/fetchPastRooms': 2 });
  });

  it('loads the rooms of twenty listed past rooms with one more call', async () => {
    const { json } = await plugnmeet.gateway.post({ query: '{ pastRooms(first: 20) { edges { node { room { title isActive } } } } }' });
    expect(json.errors).toBeUndefined();
    const rooms = (json.data!.pastRooms as { edges: { node: { room: { title: string } | null } }[] }).edges.map((edge) => edge.node.room);
    expect(rooms.every((room) => room !== null)).toBe(true);
    // The page, the running-session count (shared with the live rooms), then every idle room at once.
    expect(callCounts()).toEqual({ '/auth/room/getActiveRoomsInfo': 1, '/auth/room/fetchPastRooms': 2 });
  });
});

import { describe, expect, it } from 'vitest';
import { RoomListDocument, type RoomListQueryVariables, type RoomOrder } from '../generated/graphql.js';
import { useSandboxGateway } from '../support/sandbox-gateway.js';

const sandbox = useSandboxGateway();

type Node = { id: string; provider: string; roomId: string; title: string; createdAt?: string | null };

async function pageAll(variables: RoomListQueryVariables, size: number, way: 'forward' | 'backward') {
  const seen: Node[] = [];
  let cursor: string | null = null;
  for (let guard = 0; guard < 100; guard += 1) {
    const page: RoomListQueryVariables = way === 'forward' ? { ...variables, first: size, after: cursor } : { ...variables, last: size, before: cursor };
    const result = await sandbox.gateway.execute(RoomListDocument, page);
    expect(result.errors).toBeUndefined();
    const connection = result.data!.rooms;
    const nodes = connection.edges.map((edge) => edge.node);
    if (way === 'forward') seen.push(...nodes);
    else seen.unshift(...nodes);
    if (!(way === 'forward' ? connection.pageInfo.hasNextPage : connection.pageInfo.hasPreviousPage)) return { seen, totalCount: connection.totalCount };
    cursor = way === 'forward' ? connection.pageInfo.endCursor! : connection.pageInfo.startCursor!;
  }
  throw new Error('paging did not end');
}

/** Telnyx's own answer to a `GET /rooms` query, all pages, as room ids. */
async function telnyxUpstreamIds(query: string): Promise<string[]> {
  const { TELNYX_API_URL, TELNYX_API_KEY } = sandbox.sandboxes.env;
  const response = await fetch(`${TELNYX_API_URL}/rooms?${query}&page[size]=250`, { headers: { authorization: `Bearer ${TELNYX_API_KEY}` } });
  const body = (await response.json()) as { data: { id: string }[]; meta: { total_pages: number } };
  expect(body.meta.total_pages).toBeLessThanOrEqual(1);
  return body.data.map((room) => room.id).sort();
}

describe('rooms across providers', () => {
  const orders: RoomOrder[] = [
    { field: 'CREATED_AT', direction: 'DESC' },
    { field: 'CREATED_AT', direction: 'ASC' },
    { field: 'TITLE', direction: 'ASC' },
  ];
  for (const orderBy of orders) {
    it(`pages forward and backward through every provider's rooms by ${orderBy.field} ${orderBy.direction} alike`, async () => {
      const whole = await pageAll({ orderBy }, 100, 'forward');
      expect(new Set(whole.seen.map((room) => room.provider))).toEqual(new Set(['PLUGNMEET', 'VIDEOSDK', 'TELNYX']));
      expect(whole.totalCount).toBe(whole.seen.length);
      const sign = orderBy.direction === 'ASC' ? 1 : -1;
      const value = (room: Node) => (orderBy.field === 'TITLE' ? room.title : Date.parse(room.createdAt!));
      for (let index = 1; index < whole.seen.length; index += 1) {
        const [a, b] = [value(whole.seen[index - 1]!), value(whole.seen[index]!)];
        expect(a === b || (a < b ? sign > 0 : sign < 0)).toBe(true);
      }
      expect((await pageAll({ orderBy }, 4, 'forward')).seen.map((room) => room.id)).toEqual(whole.seen.map((room) => room.id));
      expect((await pageAll({ orderBy }, 3, 'backward')).seen.map((room) => room.id)).toEqual(whole.seen.map((room) => room.id));
    });
  }

  it('gives, for every Telnyx filter of the seed page, exactly the rooms the upstream gives', async () => {
    const { seen } = await pageAll({ filter: { provider: 'TELNYX' } }, 100, 'forward');
    const days = seen.map((room) => room.createdAt!.slice(0, 10)).sort();
    const [low, high] = [days[1]!, days[days.length - 2]!];
    const dayStart = (day: string) => `${day}T00:00:00Z`;
    const nextDay = (day: string) => new Date(Date.parse(dayStart(day)) + 86_400_000).toISOString();
    const cases: [RoomListQueryVariables['filter'], string][] = [
      [{ provider: 'TELNYX', createdAt: { from: dayStart(low), to: nextDay(high) } }, `filter[date_created_at][gte]=${low}&filter[date_created_at][lte]=${high}`],
      [{ provider: 'TELNYX', createdAt: { from: dayStart(low), to: nextDay(low) } }, `filter[date_created_at][eq]=${low}`],
      [{ provider: 'TELNYX', updatedAt: { from: dayStart(low) } }, `filter[date_updated_at][gte]=${low}`],
      [{ provider: 'TELNYX', updatedAt: { to: nextDay(high) } }, `filter[date_updated_at][lte]=${high}`],
      [{ provider: 'TELNYX', name: seen[2]!.title }, `filter[unique_name]=${encodeURIComponent(seen[2]!.title)}`],
    ];
    for (const [filter, query] of cases) {
      const ours = (await pageAll({ filter }, 100, 'forward')).seen.map((room) => room.roomId).sort();
      expect(ours, JSON.stringify(filter)).toEqual(await telnyxUpstreamIds(query));
    }
  });

  it('refuses updatedAt while plugNmeet, which keeps no update time, is in scope', async () => {
    const result = await sandbox.gateway.execute(RoomListDocument, { filter: { updatedAt: { from: '2026-01-01T00:00:00Z' } } });
    expect(result.errors?.map((error) => error.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors![0]!.message).toMatch(/^plugNmeet rooms have no update time/);
  });

  it('finds a room by its exact title on any provider', async () => {
    const { seen } = await pageAll({}, 100, 'forward');
    for (const provider of ['PLUGNMEET', 'VIDEOSDK', 'TELNYX']) {
      const room = seen.find((candidate) => candidate.provider === provider)!;
      const found = await pageAll({ filter: { name: room.title } }, 100, 'forward');
      expect(found.seen.map((each) => each.id)).toContain(room.id);
      expect(found.seen.every((each) => each.title === room.title)).toBe(true);
    }
  });

  it('exposes the Telnyx participant context in its namespaced field', async () => {
    const { json } = await sandbox.gateway.post({
      query: '{ activeRooms(provider: TELNYX) { edges { node { participants { provider name telnyx { context } } } } } }',
    });
    expect(json.errors).toBeUndefined();
    const people = (json.data!.activeRooms as { edges: { node: { participants: { telnyx: { context: string | null } | null }[] } }[] }).edges.flatMap(
      (edge) => edge.node.participants,
    );
    expect(people.length).toBeGreaterThan(0);
    expect(people.every((person) => person.telnyx !== null)).toBe(true);
  });
});

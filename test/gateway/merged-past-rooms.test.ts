import { describe, expect, it } from 'vitest';
import { PastRoomsPageDocument, type PastRoomOrder, type PastRoomsPageQueryVariables, type Provider } from '../generated/graphql.js';
import { useSandboxGateway } from '../support/sandbox-gateway.js';

const sandbox = useSandboxGateway();

type Item = { id: string; provider: Provider; createdAt: string; endedAt?: string | null };

async function pageAll(orderBy: PastRoomOrder, size: number, way: 'forward' | 'backward', filter: PastRoomsPageQueryVariables['filter'] = null) {
  const seen: Item[] = [];
  const totals = new Set<number>();
  let cursor: string | null = null;
  for (let guard = 0; guard < 200; guard += 1) {
    const variables: PastRoomsPageQueryVariables = way === 'forward' ? { filter, orderBy, first: size, after: cursor } : { filter, orderBy, last: size, before: cursor };
    const result = await sandbox.gateway.execute(PastRoomsPageDocument, variables);
    expect(result.errors).toBeUndefined();
    const connection = result.data!.pastRooms;
    totals.add(connection.totalCount);
    const nodes = connection.edges.map((edge) => edge.node);
    if (way === 'forward') seen.push(...nodes);
    else seen.unshift(...nodes);
    const more = way === 'forward' ? connection.pageInfo.hasNextPage : connection.pageInfo.hasPreviousPage;
    if (!more) return { seen, totals };
    cursor = way === 'forward' ? connection.pageInfo.endCursor! : connection.pageInfo.startCursor!;
  }
  throw new Error('paging did not end');
}

const RANK: Record<Provider, number> = { PLUGNMEET: 0, VIDEOSDK: 1, TELNYX: 2 };

/** Every provider's own (already exact) stream, merged by time then provider rank. */
async function expectedMerge(orderBy: PastRoomOrder): Promise<Item[]> {
  const streams = await Promise.all(
    (Object.keys(RANK) as Provider[])
      .filter((provider) => sandbox.sandboxes.simulators[provider.toLowerCase() as 'plugnmeet'])
      .map(async (provider) => (await pageAll(orderBy, 100, 'forward', { provider })).seen.map((item, index) => ({ item, index }))),
  );
  const sign = orderBy.direction === 'ASC' ? 1 : -1;
  const time = (item: Item) => Date.parse(orderBy.field === 'CREATED_AT' ? item.createdAt : item.endedAt!);
  return streams
    .flat()
    .sort((a, b) => sign * (time(a.item) - time(b.item)) || RANK[a.item.provider] - RANK[b.item.provider] || a.index - b.index)
    .map(({ item }) => item);
}

describe('pastRooms across providers', () => {
  for (const direction of ['DESC', 'ASC'] as const) {
    for (const [size, way] of [[7, 'forward'], [13, 'backward'], [50, 'forward'], [3, 'backward']] as const) {
      it(`pages ${way} ${size} at a time in exact CREATED_AT ${direction} order over every provider`, async () => {
        const orderBy = { field: 'CREATED_AT' as const, direction };
        const expected = await expectedMerge(orderBy);
        const { seen, totals } = await pageAll(orderBy, size, way);
        expect(new Set(expected.map((item) => item.provider)).size).toBe(Object.keys(sandbox.sandboxes.simulators).length);
        expect(seen.map((item) => item.id)).toEqual(expected.map((item) => item.id));
        expect([...totals]).toEqual([expected.length]);
      });
    }
  }

  it('interleaves providers in time rather than listing one after another', async () => {
    const { seen } = await pageAll({ field: 'CREATED_AT', direction: 'DESC' }, 20, 'forward');
    const switches = seen.filter((item, index) => index > 0 && item.provider !== seen[index - 1]!.provider).length;
    expect(switches).toBeGreaterThan(seen.length / 2);
  });
});

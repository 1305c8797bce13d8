import { createHash } from 'node:crypto';
import { ApolloClient, HttpLink, InMemoryCache, gql, type TypedDocumentNode } from '@apollo/client';
import { Defer20220824Handler } from '@apollo/client/incremental';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveSandboxGateway, type ServedGateway } from '../support/serve-gateway.js';

let served: ServedGateway;
beforeAll(async () => {
  served = await serveSandboxGateway();
});
afterAll(async () => {
  await served.close();
});

type LiveData = { activeRooms: { totalCount: number } };
const LIVE: TypedDocumentNode<LiveData, Record<string, never>> = gql`
  query ApqLive {
    activeRooms { totalCount }
  }
`;

/** fetch that records the body of every request it sends. */
function recordingFetch(bodies: Record<string, unknown>[]): typeof fetch {
  return (input, init) => {
    bodies.push(JSON.parse(String(init?.body ?? '{}')) as Record<string, unknown>);
    return fetch(input, init);
  };
}

function apqClient(bodies: Record<string, unknown>[]): ApolloClient {
  const sha256 = (query: string) => createHash('sha256').update(query).digest('hex');
  const link = new PersistedQueryLink({ sha256 }).concat(new HttpLink({ uri: served.url, fetch: recordingFetch(bodies) }));
  return new ApolloClient({ link, cache: new InMemoryCache() });
}

describe('automatic persisted queries', () => {
  it('works with Apollo Client\'s persisted-query link: the hash is registered once, then sent alone', async () => {
    const first: Record<string, unknown>[] = [];
    const registered = await apqClient(first).query({ query: LIVE });
    expect(registered.data?.activeRooms.totalCount).toBeGreaterThan(0);
    expect(first.map((body) => typeof body.query)).toEqual(['undefined', 'string']);

    const second: Record<string, unknown>[] = [];
    const cached = await apqClient(second).query({ query: LIVE });
    expect(cached.data).toEqual(registered.data);
    expect(second).toHaveLength(1);
    expect(second[0]).not.toHaveProperty('query');
    expect(second[0]).toMatchObject({ extensions: { persistedQuery: { version: 1, sha256Hash: expect.stringMatching(/^[0-9a-f]{64}$/) } } });
  });

  it('refuses a document whose hash does not match', async () => {
    const response = await fetch(served.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }', extensions: { persistedQuery: { version: 1, sha256Hash: '0'.repeat(64) } } }),
    });
    expect(JSON.stringify(await response.json())).toContain('PERSISTED_QUERY_MISMATCH');
  });
});

type SplitData = { fast: { totalCount: number }; slow?: { totalCount: number } };
const SPLIT: TypedDocumentNode<SplitData, Record<string, never>> = gql`
  query Split {
    fast: activeRooms(provider: PLUGNMEET) { totalCount }
    ... @defer(label: "telnyx") {
      slow: activeRooms(provider: TELNYX) { totalCount }
    }
  }
`;

describe('@defer', () => {
  it('lets Apollo Client show the fast provider first and the slow provider\'s part when it arrives', async () => {
    const client = new ApolloClient({ link: new HttpLink({ uri: served.url }), cache: new InMemoryCache(), incrementalHandler: new Defer20220824Handler() });
    served.sandboxes.simulators.telnyx.injectFault({ kind: 'latency', ms: 1_500 }, { times: 10 });
    const started = performance.now();
    const emissions: { atMs: number; data: Partial<SplitData> | undefined; dataState: string }[] = [];
    await new Promise<void>((resolve, reject) => {
      const subscription = client.watchQuery({ query: SPLIT }).subscribe({
        next: (result) => {
          emissions.push({ atMs: performance.now() - started, data: result.data as Partial<SplitData> | undefined, dataState: result.dataState });
          if (result.dataState === 'complete') {
            subscription.unsubscribe();
            resolve();
          }
        },
        error: reject,
      });
    });
    served.sandboxes.simulators.telnyx.clearFaults();
    const streaming = emissions.find((emission) => emission.dataState === 'streaming');
    const complete = emissions.at(-1)!;
    expect(streaming?.data?.fast?.totalCount).toBeGreaterThan(0);
    expect(streaming?.data?.slow).toBeUndefined();
    expect(streaming!.atMs).toBeLessThan(1_400);
    expect(complete.data?.slow?.totalCount).toBeGreaterThan(0);
    expect(complete.atMs).toBeGreaterThanOrEqual(1_500);
  });
});

import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROVIDER_NAMES, type ProviderName } from '../../src/domain/model.js';
import type { SimulatorFault } from '../../src/sandbox/faults.js';
import { startSandboxes, type Sandboxes } from '../../src/sandbox/sandboxes.js';
import { createTestGateway, type ExecutionResult, type TestGateway } from '../support/test-gateway.js';

const PROVIDERS: ProviderName[] = [...PROVIDER_NAMES];
const QUERY = `{
  pastRooms(first: 5) { totalCount edges { node { provider } } }
  activeRooms { edges { node { provider } } }
}`;

const RETRIES = 2;
const CALL_BUDGET_MS = 1_500;
/** Short timeouts and waits; no retry budget or breaker in the way, so every case sees the same policy. */
const MATRIX_ENV = {
  UPSTREAM_CONNECT_TIMEOUT_MS: '300',
  UPSTREAM_HEADERS_TIMEOUT_MS: '300',
  UPSTREAM_BODY_TIMEOUT_MS: '300',
  UPSTREAM_RETRIES: String(RETRIES),
  UPSTREAM_RETRY_BASE_MS: '10',
  UPSTREAM_RETRY_MAX_MS: '50',
  UPSTREAM_RETRY_BUDGET_MIN: '100000',
  UPSTREAM_CALL_BUDGET_MS: String(CALL_BUDGET_MS),
  UPSTREAM_BREAKER_FAILURES: '1000000',
};

/** Each fault, the code it must surface as, and whether the HTTP layer retries it. */
const FAULTS: [string, string, SimulatorFault, boolean][] = [
  ['latency beyond the headers timeout', 'UPSTREAM_TIMEOUT', { kind: 'latency', ms: 3_000 }, true],
  ['503', 'UPSTREAM_UNAVAILABLE', { kind: 'status', status: 503 }, true],
  ['500', 'UPSTREAM_UNAVAILABLE', { kind: 'status', status: 500 }, false],
  ['429 with Retry-After: 0', 'UPSTREAM_RATE_LIMITED', { kind: 'status', status: 429, headers: { 'retry-after': '0' } }, true],
  ['429 asking for 30 s', 'UPSTREAM_RATE_LIMITED', { kind: 'status', status: 429, headers: { 'retry-after': '30', 'x-ratelimit-reset': '30' } }, false],
  ['malformed JSON', 'UPSTREAM_BAD_RESPONSE', { kind: 'malformed-json' }, false],
  ['a truncated body', 'UPSTREAM_BAD_RESPONSE', { kind: 'truncated-body' }, true],
  ['a reset connection', 'UPSTREAM_UNAVAILABLE', { kind: 'reset' }, true],
  ['a hanging body', 'UPSTREAM_TIMEOUT', { kind: 'hang' }, true],
  ['wrong credentials', 'UPSTREAM_UNAUTHORIZED', { kind: 'wrong-auth' }, false],
];

/**
 * A query answers as soon as one of its fields fails, while a sibling call of the same provider may
 * still be retrying (it joins the same Promise.all); this is more than such a call can still take
 * here, so waiting it out keeps one case's calls out of the next case's counts.
 */
const SETTLE_MS = 200;

type Data = { pastRooms: { totalCount: number; edges: { node: { provider: string } }[] }; activeRooms: { edges: { node: { provider: string } }[] } };

const rejections: unknown[] = [];
const onRejection = (reason: unknown) => void rejections.push(reason);
process.on('unhandledRejection', onRejection);

let sandboxes: Sandboxes;
let gateway: TestGateway;
/** Upstream calls and past-room counts of one healthy run of QUERY, per provider. */
const normal = { calls: {} as Record<ProviderName, number>, totals: {} as Record<ProviderName, number> };

beforeAll(async () => {
  sandboxes = await startSandboxes();
  gateway = createTestGateway({ ...sandboxes.env, ...MATRIX_ENV });
  const { calls, json, attempts } = await run(QUERY);
  expect(json.errors).toBeUndefined();
  // A healthy query sends each request once, so a repeated request below is a retry.
  expect(attempts).toEqual({ plugnmeet: 1, videosdk: 1, telnyx: 1 });
  normal.calls = calls;
  for (const provider of PROVIDERS) {
    const { json: one } = await run(`{ pastRooms(filter: { provider: ${provider.toUpperCase()} }) { totalCount } }`);
    normal.totals[provider] = (one.data as { pastRooms: { totalCount: number } }).pastRooms.totalCount;
  }
});
afterAll(async () => {
  process.off('unhandledRejection', onRejection);
  await gateway?.close();
  await sandboxes?.close();
});

/** Runs a query with fresh call records; answers the result, the time taken and the calls per provider. */
async function run(query: string, target = () => gateway) {
  for (const simulator of Object.values(sandboxes.simulators)) simulator.resetCalls();
  const started = performance.now();
  const { json } = await target().post({ query });
  const ms = performance.now() - started;
  const calls = Object.fromEntries(PROVIDERS.map((provider) => [provider, sandboxes.simulators[provider].calls.length])) as Record<ProviderName, number>;
  const attempts = Object.fromEntries(PROVIDERS.map((provider) => [provider, mostAttempts(provider)])) as Record<ProviderName, number>;
  return { json, ms, calls, attempts };
}

/** The most times one request (same method, path and query) reached the simulator: 1 + its retries. */
function mostAttempts(provider: ProviderName): number {
  const counts = new Map<string, number>();
  for (const call of sandboxes.simulators[provider].calls) {
    const key = JSON.stringify(call);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return Math.max(0, ...counts.values());
}

const providersOf = (edges: { node: { provider: string } }[]) => [...new Set(edges.map((edge) => edge.node.provider))].sort();
const labels = (providers: ProviderName[]) => providers.map((provider) => provider.toUpperCase()).sort();

/** The errors as [path, code, provider, partial], in path order (their order in `errors` carries no meaning). */
function errorsOf(json: ExecutionResult<Record<string, unknown>>) {
  const rows = (json.errors ?? []).map((error) => [String(error.path), error.extensions?.code, error.extensions?.provider, (error.extensions as { partial?: boolean }).partial]);
  return rows.sort((a, b) => String(a[0]).localeCompare(String(b[0])));
}

describe.each(PROVIDERS)('when %s fails', (failing) => {
  const healthy = PROVIDERS.filter((provider) => provider !== failing);

  it.each(FAULTS)('with %s, keeps the other providers\' data and reports %s on both fields', async (_name, code, fault, retried) => {
    sandboxes.simulators[failing].injectFault(fault, { times: Infinity });
    const { json, ms, calls, attempts } = await run(QUERY).finally(() => sandboxes.simulators[failing].clearFaults());
    await sleep(SETTLE_MS);

    expect(errorsOf(json)).toEqual(['activeRooms', 'pastRooms'].map((path) => [path, code, failing.toUpperCase(), true]));
    const data = json.data as Data;
    expect(providersOf(data.pastRooms.edges)).toEqual(labels(healthy));
    expect(providersOf(data.activeRooms.edges)).toEqual(labels(healthy));
    expect(data.pastRooms.totalCount).toBe(healthy.reduce((total, provider) => total + normal.totals[provider], 0));
    for (const provider of healthy) expect(calls[provider]).toBe(normal.calls[provider]);
    expect(calls[failing]).toBeLessThanOrEqual((retried ? 1 + RETRIES : 1) * normal.calls[failing]);
    if (retried) expect(attempts[failing]).toBeGreaterThanOrEqual(2);
    expect(attempts[failing]).toBeLessThanOrEqual(retried ? 1 + RETRIES : 1);
    expect(ms).toBeLessThan(CALL_BUDGET_MS + 1_000);

    const after = await run(QUERY);
    expect(after.json.errors).toBeUndefined();
    expect(providersOf((after.json.data as Data).activeRooms.edges)).toEqual(labels(PROVIDERS));
  });
});

describe('the circuit breaker behind the gateway', () => {
  it('fails fast once a provider keeps failing, without calling it, and recovers after the cool-down', async () => {
    const guarded = createTestGateway({ ...sandboxes.env, ...MATRIX_ENV, UPSTREAM_BREAKER_FAILURES: '2', UPSTREAM_BREAKER_COOLDOWN_MS: '1500' });
    try {
      sandboxes.simulators.telnyx.injectFault({ kind: 'status', status: 503 }, { times: Infinity });
      // The query's two failing Telnyx calls open the circuit.
      const tripping = await run(QUERY, () => guarded);
      expect(errorsOf(tripping.json).map((row) => row[1])).toEqual(['UPSTREAM_UNAVAILABLE', 'UPSTREAM_UNAVAILABLE']);
      await sleep(SETTLE_MS);

      const open = await run(QUERY, () => guarded);
      expect(errorsOf(open.json)).toEqual(['activeRooms', 'pastRooms'].map((path) => [path, 'UPSTREAM_CIRCUIT_OPEN', 'TELNYX', true]));
      expect(open.calls).toEqual({ ...normal.calls, telnyx: 0 });
      expect(providersOf((open.json.data as Data).activeRooms.edges)).toEqual(labels(['plugnmeet', 'videosdk']));
      expect(open.ms).toBeLessThan(500);

      sandboxes.simulators.telnyx.clearFaults();
      await sleep(1_500);
      // Half-open: the first Telnyx call of this query is the probe, and its success closes the circuit.
      await run(QUERY, () => guarded);
      const recovered = await run(QUERY, () => guarded);
      expect(recovered.json.errors).toBeUndefined();
      expect(recovered.calls).toEqual(normal.calls);
    } finally {
      sandboxes.simulators.telnyx.clearFaults();
      await guarded.close();
    }
  });
});

it('leaves no unhandled promise rejection behind', () => {
  expect(rejections).toEqual([]);
});

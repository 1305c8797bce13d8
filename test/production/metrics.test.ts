import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import parsePrometheusTextFormat, { type PrometheusFamily } from 'parse-prometheus-text-format';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { createGateway, type Gateway } from '../../src/gateway.js';
import { startSandboxes, type Sandboxes } from '../../src/sandbox/sandboxes.js';
import { createBoundedLabel, toEndpointLabel } from '../../src/server/metric-labels.js';
import { createMetricsServer } from '../../src/server/metrics-server.js';
import { listenOn } from '../../src/server/listen.js';

let sandboxes: Sandboxes;
let gateway: Gateway;
let families: PrometheusFamily[];
let exposition: string;

const post = (body: object) =>
  gateway.yoga.fetch('http://gateway.test/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** A histogram's observation count for exactly these labels (read from the `_count` line: the parser drops histogram labels). */
function histogramCount(name: string, labels: Record<string, string>): number | undefined {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  const line = exposition.split('\n').find((candidate) => candidate.startsWith(`${name}_count{`) && wanted.every((pair) => candidate.includes(pair)));
  return line === undefined ? undefined : Number(line.split(' ').at(-1));
}

/** The value of the sample of `name` whose labels include `labels`, or undefined. */
function sample(name: string, labels: Record<string, string>): number | undefined {
  const family = families.find((candidate) => candidate.name === name);
  const found = family?.metrics.find((metric) => Object.entries(labels).every(([key, value]) => metric.labels?.[key] === value));
  return found === undefined ? undefined : Number(found.value ?? found.count);
}

beforeAll(async () => {
  sandboxes = await startSandboxes();
  // No mutable caching: each query of the mix must reach the upstreams it names (faults included).
  gateway = createGateway(parseConfig({ ...sandboxes.env, LOG_LEVEL: 'silent', UPSTREAM_RETRIES: '1', UPSTREAM_RETRY_BASE_MS: '1', CACHE_MUTABLE_TTL_MS: '0' }));
  // The scripted mix: two good queries, a bad variable, a retried 503, a partial failure, an anonymous query.
  await post({ query: 'query Live { activeRooms { totalCount } }', operationName: 'Live' });
  await post({ query: 'query Live { activeRooms { totalCount } }', operationName: 'Live' });
  await post({ query: 'query Broken($n: Int!) { activeRooms(first: $n) { totalCount } }', operationName: 'Broken', variables: { n: 'x' } });
  sandboxes.simulators.telnyx.injectFault({ kind: 'status', status: 503 }, { times: 1, path: '/v2/room_sessions' });
  await post({ query: 'query Retried { activeRooms(provider: TELNYX) { totalCount } }', operationName: 'Retried' });
  sandboxes.simulators.videosdk.injectFault({ kind: 'status', status: 500 }, { times: 1 });
  await post({ query: 'query Partial { activeRooms { totalCount } }', operationName: 'Partial' });
  await post({ query: '{ activeRooms { totalCount } }' });
  const response = await gateway.yoga.fetch('http://gateway.test/metrics');
  expect(response.headers.get('content-type')).toContain('text/plain');
  exposition = await response.text();
  families = parsePrometheusTextFormat(exposition);
});
afterAll(async () => {
  await gateway.close();
  await sandboxes.close();
});

describe('/metrics', () => {
  it('counts GraphQL requests by operation name and outcome, with a duration histogram', () => {
    expect(sample('roomgraph_graphql_requests_total', { operation: 'Live', outcome: 'success' })).toBe(2);
    expect(sample('roomgraph_graphql_requests_total', { operation: 'Broken', outcome: 'error' })).toBe(1);
    expect(sample('roomgraph_graphql_requests_total', { operation: 'Retried', outcome: 'success' })).toBe(1);
    expect(sample('roomgraph_graphql_requests_total', { operation: 'Partial', outcome: 'partial' })).toBe(1);
    expect(sample('roomgraph_graphql_requests_total', { operation: 'anonymous', outcome: 'success' })).toBe(1);
    expect(histogramCount('roomgraph_graphql_request_duration_seconds', { operation: 'Live', outcome: 'success' })).toBe(2);
  });

  it('counts GraphQL errors by code', () => {
    expect(sample('roomgraph_graphql_errors_total', { code: 'BAD_USER_INPUT' })).toBe(1);
    expect(sample('roomgraph_graphql_errors_total', { code: 'UPSTREAM_UNAVAILABLE' })).toBe(1);
  });

  it('counts upstream attempts by provider, endpoint, status and outcome, retries apart, with duration histograms', () => {
    expect(sample('roomgraph_upstream_attempts_total', { provider: 'telnyx', endpoint: 'GET /room_sessions', status: '503', outcome: 'UPSTREAM_UNAVAILABLE' })).toBe(1);
    expect(sample('roomgraph_upstream_attempts_total', { provider: 'videosdk', status: '500', outcome: 'UPSTREAM_UNAVAILABLE' })).toBe(1);
    expect(sample('roomgraph_upstream_attempts_total', { provider: 'plugnmeet', endpoint: 'POST /auth/room/getActiveRoomsInfo', status: '200', outcome: 'ok' })).toBeGreaterThanOrEqual(4);
    expect(sample('roomgraph_upstream_retries_total', { provider: 'telnyx', endpoint: 'GET /room_sessions' })).toBe(1);
    expect(histogramCount('roomgraph_upstream_attempt_duration_seconds', { provider: 'telnyx', endpoint: 'GET /room_sessions', outcome: 'ok' })).toBeGreaterThanOrEqual(1);
  });

  it('reports each provider\'s circuit state and readiness, and the process metrics', () => {
    for (const provider of ['plugnmeet', 'videosdk', 'telnyx']) {
      expect(sample('roomgraph_upstream_circuit_state', { provider, state: 'closed' })).toBe(1);
      expect(sample('roomgraph_upstream_circuit_state', { provider, state: 'open' })).toBe(0);
      expect(sample('roomgraph_provider_ready', { provider })).toBeDefined();
    }
    expect(sample('process_cpu_user_seconds_total', {})).toBeGreaterThan(0);
    expect(sample('nodejs_heap_size_used_bytes', {})).toBeGreaterThan(0);
  });

  it('keeps label values to templates and names: no ids, no query text', () => {
    const values = families.filter((family) => family.name.startsWith('roomgraph_')).flatMap((family) => family.metrics.flatMap((metric) => Object.values(metric.labels ?? {})));
    expect(values.every((value) => /^[\w :/.+-]{1,80}$/.test(value) && !value.includes('{'))).toBe(true);
    expect(toEndpointLabel('/v2/sessions/6560d6b3b36c0e3e4c0d7e0a/participants/active')).toBe('/v2/sessions/:id/participants/active');
    expect(toEndpointLabel('/rooms/0ccc7b54-4df3-4bca-a65a-3da1ecc777f0')).toBe('/rooms/:id');
    const label = createBoundedLabel(3);
    expect(['A', 'B', 'C', 'D', 'A', 'not a name!'].map(label)).toEqual(['A', 'B', 'C', 'other', 'A', 'other']);
  });

  it('serves only the metrics the Grafana dashboard queries', () => {
    const dashboard = readFileSync(new URL('../../deploy/grafana/roomgraph-dashboard.json', import.meta.url), 'utf8');
    const queried = new Set([...dashboard.matchAll(/\b((?:roomgraph|process|nodejs)_\w+?)(?:_bucket|_sum|_count)?\b/g)].map((match) => match[1]!));
    expect(queried.size).toBeGreaterThanOrEqual(8);
    const served = new Set(families.map((family) => family.name));
    expect([...queried].filter((name) => !served.has(name))).toEqual([]);
  });

  it('reports the cache, the open subscriptions and webhook deliveries', async () => {
    expect(sample('roomgraph_cache', { figure: 'misses' })).toBeGreaterThan(0);
    expect(sample('roomgraph_cache', { figure: 'up' })).toBe(1);
    expect(sample('roomgraph_subscriptions', { figure: 'subscribers' })).toBe(0);
    expect(sample('roomgraph_subscriptions', { figure: 'executions' })).toBe(0);
    // A Telnyx receiver with a key of its own, and a delivery signed by nobody.
    const receiving = createGateway(parseConfig({ ...sandboxes.env, LOG_LEVEL: 'silent', TELNYX_PUBLIC_KEY: randomBytes(32).toString('base64') }));
    try {
      const forged = await receiving.yoga.fetch('http://gateway.test/webhooks/telnyx', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"data":{}}' });
      expect(forged.status).toBe(401);
      const text = await (await receiving.yoga.fetch('http://gateway.test/metrics')).text();
      expect(text).toContain('roomgraph_webhooks_total{provider="telnyx",outcome="refused"} 1');
    } finally {
      await receiving.close();
    }
  });

  it('moves to a port of its own when METRICS_PORT is set', async () => {
    const separate = createGateway(parseConfig({ ...sandboxes.env, LOG_LEVEL: 'silent', METRICS_PORT: '0' }));
    expect((await separate.yoga.fetch('http://gateway.test/metrics')).status).toBe(404);
    const server = createMetricsServer(separate.observability.metrics);
    const port = await listenOn(server, 0, '127.0.0.1', 'METRICS_PORT');
    try {
      const response = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(response.status).toBe(200);
      expect(parsePrometheusTextFormat(await response.text()).map((family) => family.name)).toContain('roomgraph_upstream_circuit_state');
      expect((await fetch(`http://127.0.0.1:${port}/other`)).status).toBe(404);
    } finally {
      server.close();
      await separate.close();
    }
  });
});

import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { VideoProvider } from '../domain/provider.js';
import { createBoundedLabel, toEndpointLabel } from './metric-labels.js';
import type { UpstreamAttemptEvent } from '../domain/upstream-attempts.js';

/** How one GraphQL request ended, as the metrics see it. */
export interface RequestOutcome {
  /** The client's operation name (bounded before it becomes a label); null when anonymous. */
  operationName: string | null;
  /** `success`, `partial` (data and errors), `error` (no data, or an HTTP error status), `streamed`. */
  outcome: 'success' | 'partial' | 'error' | 'streamed';
  durationSeconds: number;
  errorCodes: readonly string[];
}

/** The gateway's Prometheus registry and the instruments the server and the HTTP layer feed. */
export interface GatewayMetrics {
  registry: Registry;
  recordRequest(request: RequestOutcome): void;
  /** Subscribed to the HTTP layer's one report per upstream attempt. */
  recordAttempt(event: UpstreamAttemptEvent): void;
  /** Reports each provider's circuit and readiness at every scrape. */
  watchProviders(providers: readonly VideoProvider[], statusOf: (provider: string) => string): void;
  /** Reports the cross-request cache's counters and state at every scrape. */
  watchCache(report: () => CacheFigures): void;
  /** Reports the whole-response cache's counters at every scrape. */
  watchResponseCache(report: () => ResponseCacheFigures): void;
  /** Reports the open subscriptions and their buffered events at every scrape. */
  watchSubscriptions(figures: () => { subscribers: number; executions: number; bufferedEvents: number }): void;
  /** Counts one webhook delivery by provider and outcome (`published`, `duplicate`, `refused`, `failed`). */
  recordWebhook(provider: string, outcome: 'published' | 'duplicate' | 'refused' | 'failed'): void;
  /** The exposition: Prometheus text format. */
  render(): Promise<{ contentType: string; body: string }>;
}

/** What the metrics read from the cache (`/ready`'s `cache` report). */
export interface CacheFigures {
  enabled: boolean;
  status: string;
  /** Counters since start; `bytes` and `entries` are null where the store does not tell (Redis). */
  stats: { hits: number; misses: number; evictions: number; bytes: number | null; entries: number | null };
}

/** What the metrics read from the response cache (`/ready`'s `responseCache` report). */
export interface ResponseCacheFigures {
  enabled: boolean;
  stats: { hits: number; misses: number; evictions: number; bytes: number; entries: number } | null;
}

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** A registry of its own (never prom-client's global one), with Node's process metrics. */
export function createMetrics(): GatewayMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const operation = createBoundedLabel(100);
  const code = createBoundedLabel(100);
  const endpoint = createBoundedLabel(100, /^[A-Z]{1,10} \/[\w:/.-]{0,80}$/);
  const registers = [registry];
  const requests = new Counter({ name: 'roomgraph_graphql_requests_total', help: 'GraphQL requests by operation name and outcome.', labelNames: ['operation', 'outcome'], registers });
  const requestSeconds = new Histogram({ name: 'roomgraph_graphql_request_duration_seconds', help: 'GraphQL request duration by operation name and outcome.', labelNames: ['operation', 'outcome'], buckets: SECONDS, registers });
  const errors = new Counter({ name: 'roomgraph_graphql_errors_total', help: 'Errors in GraphQL responses by extensions.code.', labelNames: ['code'], registers });
  const attempts = new Counter({ name: 'roomgraph_upstream_attempts_total', help: 'Upstream HTTP attempts by provider, endpoint template, HTTP status and outcome.', labelNames: ['provider', 'endpoint', 'status', 'outcome'], registers });
  const attemptSeconds = new Histogram({ name: 'roomgraph_upstream_attempt_duration_seconds', help: 'Upstream attempt duration by provider, endpoint template and outcome.', labelNames: ['provider', 'endpoint', 'outcome'], buckets: SECONDS, registers });
  const retries = new Counter({ name: 'roomgraph_upstream_retries_total', help: 'Upstream attempts that were retries.', labelNames: ['provider', 'endpoint'], registers });
  let watched: { providers: readonly VideoProvider[]; statusOf: (provider: string) => string } = { providers: [], statusOf: () => 'unknown' };
  new Gauge({
    name: 'roomgraph_upstream_circuit_state',
    help: '1 for the state each provider circuit is in (closed, half-open, open).',
    labelNames: ['provider', 'state'],
    registers,
    collect() {
      for (const provider of watched.providers) {
        const current = provider.state().circuit;
        for (const state of ['closed', 'half-open', 'open']) this.set({ provider: provider.name, state }, state === current ? 1 : 0);
      }
    },
  });
  new Gauge({
    name: 'roomgraph_provider_ready',
    help: '1 when the provider last probed usable, else 0.',
    labelNames: ['provider'],
    registers,
    collect() {
      for (const provider of watched.providers) this.set({ provider: provider.name }, watched.statusOf(provider.name) === 'ok' ? 1 : 0);
    },
  });
  let cache: (() => CacheFigures) | null = null;
  new Gauge({
    name: 'roomgraph_cache',
    help: 'The cross-request cache at scrape time: hits, misses and evictions since start, bytes and entries held, up (1 or 0).',
    labelNames: ['figure'],
    registers,
    collect() {
      const report = cache?.();
      if (!report?.enabled) return;
      for (const [figure, value] of Object.entries(report.stats)) if (value !== null) this.set({ figure }, value);
      this.set({ figure: 'up' }, report.status === 'up' ? 1 : 0);
    },
  });
  let responseCache: (() => ResponseCacheFigures) | null = null;
  new Gauge({
    name: 'roomgraph_response_cache',
    help: 'The whole-response cache at scrape time: hits and misses of cacheable queries and evictions since start, JSON bytes and entries held.',
    labelNames: ['figure'],
    registers,
    collect() {
      const report = responseCache?.();
      if (!report?.enabled || !report.stats) return;
      for (const [figure, value] of Object.entries(report.stats)) this.set({ figure }, value);
    },
  });
  let subscriptions: (() => { subscribers: number; executions: number; bufferedEvents: number }) | null = null;
  new Gauge({
    name: 'roomgraph_subscriptions',
    help: 'Open roomEvents subscriptions in this process, the executions they share, and the events buffered for them.',
    labelNames: ['figure'],
    registers,
    collect() {
      const figures = subscriptions?.();
      if (!figures) return;
      this.set({ figure: 'subscribers' }, figures.subscribers);
      this.set({ figure: 'executions' }, figures.executions);
      this.set({ figure: 'buffered_events' }, figures.bufferedEvents);
    },
  });
  const webhooks = new Counter({ name: 'roomgraph_webhooks_total', help: 'Provider webhook deliveries by provider and outcome.', labelNames: ['provider', 'outcome'], registers });
  return {
    registry,
    watchCache: (report) => void (cache = report),
    watchResponseCache: (report) => void (responseCache = report),
    watchSubscriptions: (figures) => void (subscriptions = figures),
    recordWebhook: (provider, outcome) => webhooks.inc({ provider, outcome }),
    recordRequest: (request) => {
      const labels = { operation: request.operationName ? operation(request.operationName) : 'anonymous', outcome: request.outcome };
      requests.inc(labels);
      requestSeconds.observe(labels, request.durationSeconds);
      for (const errorCode of request.errorCodes.slice(0, 100)) errors.inc({ code: code(errorCode) });
    },
    recordAttempt: (event) => {
      const labels = { provider: event.provider, endpoint: endpoint(`${event.method} ${toEndpointLabel(event.path)}`), outcome: event.outcome };
      attempts.inc({ ...labels, status: event.status === null ? 'none' : String(event.status) });
      attemptSeconds.observe(labels, event.durationMs / 1000);
      if (event.attempt > 1) retries.inc({ provider: labels.provider, endpoint: labels.endpoint });
    },
    watchProviders: (providers, statusOf) => void (watched = { providers, statusOf }),
    render: async () => ({ contentType: registry.contentType, body: await registry.metrics() }),
  };
}

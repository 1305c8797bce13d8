import { setTimeout as sleep } from 'node:timers/promises';
import { Pool } from 'undici';
import { UpstreamError, toEcho, type UpstreamCall } from '../../domain/errors.js';
import type { ProviderName } from '../../domain/model.js';
import { createCircuitBreaker, type CircuitState } from './circuit-breaker.js';
import { createRetryBudget } from './retry-budget.js';
import { attemptUpstream, toAbortError, type AttemptPlan, type UpstreamResponse } from './upstream-attempt.js';
import { DEFAULT_MAX_BODY_BYTES, type UpstreamOptions } from './upstream-options.js';
import { toRetryDelay } from './upstream-retry.js';
import { CLOSE_GRACE_MS, closeWithin } from './upstream-close.js';
import { refuseDotSegments, toQueryString } from './upstream-path.js';
import { createCachingHttp, type ResponseFacts } from '../cache/caching-http.js';
import type { ProviderSharing } from '../cache/upstream-sharing.js';

export type { UpstreamResponse } from './upstream-attempt.js';

/** One upstream's HTTP client: where it is, and how its answers are read. */
export interface UpstreamHttpOptions extends Omit<UpstreamOptions, 'bounds'> {
  provider: ProviderName;
  /** Origin plus optional path prefix, e.g. `https://meet.example.com` or `http://127.0.0.1:9/v2`. */
  baseUrl: string;
  /** Pulls the provider's own error message out of an error body (never a credential). */
  describeErrorBody?: (body: unknown) => string | null;
  /** Response headers that say how long to wait before retrying, tried in order; `['retry-after']` by default. */
  waitHeaders?: readonly string[];
  /** The account's cross-request cache and shared rate budget (`providers/cache/`), when the gateway has them. */
  shared?: ProviderSharing;
  /** Which cache fact each read's answer is (mutable when not said). */
  cacheFacts?: ResponseFacts;
}

/** One call to an upstream, as a provider client describes it. */
export interface UpstreamRequest {
  method: 'GET' | 'POST';
  /** Path below the base URL, starting with `/`. */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  headers?: Record<string, string>;
  body?: string;
  /** A POST that only reads, safe to send twice; GETs always are. Only idempotent calls are retried. */
  idempotent?: boolean;
  /** An absolute deadline (epoch ms) tighter than the configured call budget. */
  deadline?: number;
  /** The GraphQL request's signal: when it aborts, the attempt in flight and any retry stop. */
  signal?: AbortSignal;
}

/** What readiness needs to know about an upstream. */
export interface UpstreamState {
  circuit: CircuitState;
}

/** A JSON-over-HTTP client for one upstream; failures reject with a typed UpstreamError. */
export interface UpstreamHttp {
  request(request: UpstreamRequest): Promise<UpstreamResponse>;
  /** The circuit breaker's state, for readiness. */
  state(): UpstreamState;
  /**
   * The same client with every request tied to `signal` (one request's view; the pool is shared);
   * `fresh` skips the cross-request cache, when there is one.
   */
  withSignal(signal: AbortSignal, fresh?: boolean): UpstreamHttp;
  close(): Promise<void>;
}

/**
 * One keep-alive undici pool per upstream, whose `connections` cap its concurrency, with a retry
 * budget and a circuit breaker of its own. A call is refused at once with UPSTREAM_CIRCUIT_OPEN
 * while the circuit is open; otherwise it is attempted, and retried as `toRetryDelay` allows and
 * the budget affords, within `callBudgetMs`. The last attempt's UpstreamError is what rejects.
 * A call whose request signal aborts rejects with the signal's reason (REQUEST_TIMEOUT,
 * REQUEST_CANCELLED, SHUTTING_DOWN), is not retried and counts neither way at the breaker. Bodies
 * over `maxBodyBytes` are cut off (UPSTREAM_BAD_RESPONSE); a path with a `.` or `..` segment is
 * never sent (BAD_USER_INPUT), since servers would read it as a step up the path.
 */
export function createUpstreamHttp(options: UpstreamHttpOptions): UpstreamHttp {
  const { resilience, timeouts } = options;
  const base = new URL(options.baseUrl);
  const prefix = base.pathname.replace(/\/+$/, '');
  const pool = new Pool(base.origin, {
    connections: resilience.maxConcurrency,
    connectTimeout: timeouts.connectMs,
    headersTimeout: timeouts.headersMs,
    bodyTimeout: timeouts.bodyMs,
    keepAliveTimeout: 30_000,
    maxResponseSize: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
  });
  const breaker = createCircuitBreaker({ failureThreshold: resilience.breakerFailures, cooldownMs: resilience.breakerCooldownMs });
  const budget = createRetryBudget({ ratio: resilience.retryBudgetRatio, min: resilience.retryBudgetMin });

  async function request(request: UpstreamRequest): Promise<UpstreamResponse> {
    const call: UpstreamCall = { provider: options.provider, method: request.method, path: request.path };
    refuseDotSegments(request.path);
    if (request.signal?.aborted) throw toAbortError(request.signal);
    if (!breaker.tryAcquire()) throw toCircuitOpenError(call, breaker.remainingCooldownMs(), resilience.breakerFailures);
    budget.recordRequest();
    const deadline = Math.min(request.deadline ?? Infinity, Date.now() + resilience.callBudgetMs);
    const idempotent = request.method === 'GET' || request.idempotent === true;
    // Bounded: toRetryDelay answers null once `attempt` reaches `resilience.retries`.
    // The breaker counts calls, not attempts: a call that succeeds on a retry was healthy.
    for (let attempt = 0; ; attempt += 1) {
      if (request.signal?.aborted) return abandon(request.signal);
      await options.shared?.gate?.beforeAttempt(call, deadline, request.signal).catch((error: unknown) => abandonWith(error));
      const started = performance.now();
      const observer = options.onAttemptStart?.({ ...call, attempt: attempt + 1 });
      const result = await attemptUpstream(pool, toPlan(call, request, deadline, observer?.headers));
      const event = {
        ...call,
        attempt: attempt + 1,
        status: result.ok ? result.response.status : result.failure.error instanceof UpstreamError ? result.failure.error.status : null,
        outcome: result.ok ? 'ok' : result.failure.error.code,
        durationMs: Math.round(performance.now() - started),
        ...(result.ok ? {} : { detail: toEcho(result.failure.error.message, 300) }),
      };
      options.onAttempt?.(event);
      observer?.end(event);
      if (result.ok) {
        breaker.record(true);
        return result.response;
      }
      if (result.failure.aborted) return abandon(request.signal!);
      if (result.failure.error.code === 'UPSTREAM_RATE_LIMITED') options.shared?.gate?.onRateLimited(result.failure.waitHintMs);
      const remainingMs = deadline - Date.now();
      const delay = toRetryDelay({ attempt, failure: result.failure, idempotent, remainingMs, policy: resilience, random: Math.random });
      if (delay === null || breaker.state() !== 'closed' || !budget.tryRetry()) {
        breaker.record(!result.failure.unhealthy);
        throw result.failure.error;
      }
      await sleep(delay, undefined, { signal: request.signal }).catch(() => abandon(request.signal!));
    }
  }

  /** The request ended: free a half-open probe slot without an outcome and reject with its reason. */
  function abandon(signal: AbortSignal): never {
    breaker.release();
    throw toAbortError(signal);
  }

  /** The shared budget refused or the request ended while waiting for it: free the breaker slot. */
  function abandonWith(error: unknown): never {
    breaker.release();
    throw error;
  }

  function toPlan(call: UpstreamCall, request: UpstreamRequest, deadline: number, extraHeaders?: Record<string, string>): AttemptPlan {
    const path = prefix + request.path + toQueryString(request.query);
    const timeout = AbortSignal.timeout(Math.max(1, deadline - Date.now()));
    const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
    return {
      call,
      options: { method: request.method, path, headers: extraHeaders ? { ...request.headers, ...extraHeaders } : request.headers, body: request.body, signal },
      waitHeaders: options.waitHeaders ?? ['retry-after'],
      describeErrorBody: options.describeErrorBody,
      requestSignal: request.signal,
      maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    };
  }

  const state = () => ({ circuit: breaker.state() });
  const close = () => closeWithin(pool, CLOSE_GRACE_MS);
  const withSignal = (signal: AbortSignal): UpstreamHttp => ({
    request: (call) => request({ ...call, signal: call.signal ? AbortSignal.any([call.signal, signal]) : signal }),
    state,
    withSignal,
    close,
  });
  const http = { request, state, withSignal, close };
  return options.shared ? createCachingHttp(http, options.shared.cache, options.cacheFacts) : http;
}

function toCircuitOpenError(call: UpstreamCall, remainingMs: number, failures: number): UpstreamError {
  const seconds = Math.max(1, Math.ceil(remainingMs / 1000));
  const next = remainingMs > 0 ? `the next probe goes in ${seconds} s` : 'a probe is under way';
  const detail = `not attempted: the circuit opened after ${failures} consecutive failures and ${next}`;
  return new UpstreamError('UPSTREAM_CIRCUIT_OPEN', call, detail, null, seconds);
}

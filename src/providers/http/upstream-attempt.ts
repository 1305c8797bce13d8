import type { Dispatcher } from 'undici';
import { errors as undiciErrors } from 'undici';
import { GatewayError, RequestAbortedError, UpstreamError, type UpstreamCall, type UpstreamErrorCode } from '../../domain/errors.js';

/** The parsed answer of a successful call. */
export interface UpstreamResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The parsed JSON body. */
  body: unknown;
}

/** Why one attempt failed, and what that says about retrying and about the upstream's health. */
export interface AttemptFailure {
  /** An UpstreamError, or the request's own abort reason (deadline, disconnect, shutdown). */
  error: UpstreamError | GatewayError;
  /** Another attempt may succeed: network errors, timeouts, a body cut short, 429, 502, 503, 504. */
  transient: boolean;
  /** Counts toward opening the circuit: network errors, timeouts, 5xx, a broken or non-JSON body. */
  unhealthy: boolean;
  /** How long the upstream asked to be left alone (its Retry-After or equivalent), in ms. */
  waitHintMs: number | null;
  /** The GraphQL request ended (not the upstream's fault): no retry, and the breaker is not told. */
  aborted?: boolean;
}

/** An attempt's outcome: the parsed response, or why it failed. */
export type AttemptResult = { ok: true; response: UpstreamResponse } | { ok: false; failure: AttemptFailure };

/** One attempt's request, and how to read the answer. */
export interface AttemptPlan {
  call: UpstreamCall;
  options: Dispatcher.RequestOptions;
  /** Response headers that tell how long to wait, tried in order. */
  waitHeaders: readonly string[];
  describeErrorBody?: (body: unknown) => string | null;
  /** The GraphQL request's own signal (also inside `options.signal`), to tell its end from the call's deadline. */
  requestSignal?: AbortSignal;
  /** The pool's `maxResponseSize`, for the message when a body exceeds it. */
  maxBodyBytes?: number;
}

/** The statuses worth another attempt; 500 is left out: it is usually this request's own bug. */
const TRANSIENT_STATUSES = new Set([429, 502, 503, 504]);

/**
 * Sends one request and reads its whole body; never rejects. Statuses become codes here:
 * 401/403 → UPSTREAM_UNAUTHORIZED, 404 → UPSTREAM_NOT_FOUND, 429 → UPSTREAM_RATE_LIMITED, other
 * 4xx → UPSTREAM_REJECTED, 5xx and unreachable → UPSTREAM_UNAVAILABLE, timeouts → UPSTREAM_TIMEOUT,
 * a body that breaks off, is not JSON, exceeds the size cap or answers a redirect (3xx) →
 * UPSTREAM_BAD_RESPONSE. An attempt cut by the request's own signal fails with the signal's reason.
 */
export async function attemptUpstream(dispatcher: Dispatcher, plan: AttemptPlan): Promise<AttemptResult> {
  let response: Dispatcher.ResponseData;
  try {
    response = await dispatcher.request(plan.options);
  } catch (error) {
    return failed(toNetworkFailure(plan, error, 'UPSTREAM_UNAVAILABLE', 'could not be reached'));
  }
  let text: string;
  try {
    text = await response.body.text();
  } catch (error) {
    return failed(toNetworkFailure(plan, error, 'UPSTREAM_BAD_RESPONSE', 'the response body broke off'));
  }
  return toResult(plan, response.statusCode, response.headers, parseJson(text));
}

function toResult(plan: AttemptPlan, status: number, headers: UpstreamResponse['headers'], body: unknown): AttemptResult {
  if (status >= 300 && status < 400) {
    // undici follows no redirect; a 3xx is a misrouted call, never data.
    const error = new UpstreamError('UPSTREAM_BAD_RESPONSE', plan.call, `answered with a redirect (HTTP ${status})`, status);
    return failed({ error, transient: false, unhealthy: true, waitHintMs: null });
  }
  if (status >= 400) {
    const detail = (body !== undefined && plan.describeErrorBody?.(body)) || `HTTP ${status}`;
    const waitHintMs = toWaitHintMs(headers, plan.waitHeaders);
    const retryAfter = waitHintMs === null ? null : Math.ceil(waitHintMs / 1000);
    const error = new UpstreamError(toStatusCode(status), plan.call, detail, status, retryAfter);
    return failed({ error, transient: TRANSIENT_STATUSES.has(status), unhealthy: status >= 500, waitHintMs });
  }
  if (body === undefined) {
    const error = new UpstreamError('UPSTREAM_BAD_RESPONSE', plan.call, 'the response body is not valid JSON', status);
    return failed({ error, transient: false, unhealthy: true, waitHintMs: null });
  }
  return { ok: true, response: { status, headers, body } };
}

function failed(failure: AttemptFailure): AttemptResult {
  return { ok: false, failure };
}

function toStatusCode(status: number): UpstreamErrorCode {
  if (status === 401 || status === 403) return 'UPSTREAM_UNAUTHORIZED';
  if (status === 404) return 'UPSTREAM_NOT_FOUND';
  if (status === 429) return 'UPSTREAM_RATE_LIMITED';
  if (status >= 500) return 'UPSTREAM_UNAVAILABLE';
  return 'UPSTREAM_REJECTED';
}

/**
 * A failure without a status. An attempt cut by the GraphQL request's end fails with the request's
 * reason, unretried and not held against the upstream; one cut by the call's deadline is a timeout.
 */
function toNetworkFailure(plan: AttemptPlan, error: unknown, code: UpstreamErrorCode, what: string): AttemptFailure {
  if (plan.requestSignal?.aborted) {
    return { error: toAbortError(plan.requestSignal), transient: false, unhealthy: false, waitHintMs: null, aborted: true };
  }
  if (error instanceof undiciErrors.ResponseExceededMaxSizeError) {
    const detail = `the response body is larger than ${plan.maxBodyBytes ?? 'the allowed'} bytes`;
    return { error: new UpstreamError('UPSTREAM_BAD_RESPONSE', plan.call, detail), transient: false, unhealthy: true, waitHintMs: null };
  }
  if (plan.options.signal && (plan.options.signal as AbortSignal).aborted) {
    const failure = new UpstreamError('UPSTREAM_TIMEOUT', plan.call, 'ran out of its time budget');
    return { error: failure, transient: false, unhealthy: true, waitHintMs: null };
  }
  if (
    error instanceof undiciErrors.ConnectTimeoutError ||
    error instanceof undiciErrors.HeadersTimeoutError ||
    error instanceof undiciErrors.BodyTimeoutError
  ) {
    return { error: new UpstreamError('UPSTREAM_TIMEOUT', plan.call, `timed out (${error.code})`), transient: true, unhealthy: true, waitHintMs: null };
  }
  const reason = (error as { code?: unknown }).code;
  const detail = `${what} (${typeof reason === 'string' ? reason : 'network error'})`;
  return { error: new UpstreamError(code, plan.call, detail), transient: true, unhealthy: true, waitHintMs: null };
}

/** The error a request's aborted signal stands for: its GatewayError reason, else a cancellation. */
export function toAbortError(signal: AbortSignal): GatewayError {
  return signal.reason instanceof GatewayError ? signal.reason : new RequestAbortedError('REQUEST_CANCELLED');
}

/**
 * The first of `names` that holds a wait: delta seconds, or an HTTP date (`Retry-After`, RFC 9110
 * §10.2.3). Telnyx's `x-ratelimit-reset` is seconds until the window resets, so the same rule reads it.
 */
export function toWaitHintMs(headers: UpstreamResponse['headers'], names: readonly string[], now = Date.now()): number | null {
  for (const name of names) {
    const raw = headers[name];
    const value = (Array.isArray(raw) ? raw[0] : raw)?.trim();
    if (!value) continue;
    if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
    const date = Date.parse(value);
    if (Number.isFinite(date)) return Math.max(0, date - now);
  }
  return null;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

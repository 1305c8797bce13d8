import type { UpstreamAttemptEvent, UpstreamAttemptObserver, UpstreamAttemptStart } from '../../domain/upstream-attempts.js';

export type { UpstreamAttemptEvent, UpstreamAttemptObserver, UpstreamAttemptStart };

/** Timeouts of every upstream attempt, in milliseconds. */
export interface UpstreamTimeouts {
  connectMs: number;
  /** From the request written to the response headers received. */
  headersMs: number;
  /** The longest silence between two chunks of a response body. */
  bodyMs: number;
}

/**
 * How the HTTP layer protects the gateway and each upstream (see README, "Configuration"). Every
 * provider gets its own pool, retry budget and circuit breaker built from these values.
 */
export interface UpstreamResilience {
  /** Retries after the first attempt of an idempotent call; 0 turns retrying off. */
  retries: number;
  /** The first backoff step; attempt n waits a random time in [0, base·2ⁿ) (full jitter). */
  retryBaseMs: number;
  /** The longest wait before a retry; an upstream asking for longer (Retry-After) is not retried. */
  retryMaxMs: number;
  /** Retries may add at most this fraction on top of first attempts (over a 10 s sliding window). */
  retryBudgetRatio: number;
  /** Retries always allowed per window, so a quiet provider can still retry. */
  retryBudgetMin: number;
  /** The longest one call may take, all attempts and waits included. */
  callBudgetMs: number;
  /** Consecutive failed calls (after their retries: network, timeout, 5xx, broken body) that open the circuit. */
  breakerFailures: number;
  /** How long an open circuit fails fast before it lets one probe through. */
  breakerCooldownMs: number;
  /** Connections per upstream: at most this many requests are in flight at once; more wait. */
  maxConcurrency: number;
}

/** The default of `UpstreamOptions.maxBodyBytes`: 8 MiB. */
export const DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024;


/**
 * How much one read of an upstream list may fetch (README, "Limits"). A list past these bounds
 * fails with UPSTREAM_LIMIT_EXCEEDED instead of being read: an upstream's page count or total never
 * decides the gateway's work on its own.
 */
export interface ReadBounds {
  /** The most pages one list read fetches. */
  maxPages: number;
  /** The most rows one list read collects. */
  maxRows: number;
  /** Pages of one list read in flight at once. */
  pageConcurrency: number;
}

import type { UpstreamSharing } from '../cache/upstream-sharing.js';

/** What every provider client is built with: the timeouts, the resilience policy, an observer. */
export interface UpstreamOptions {
  /** The cross-request cache and shared rate budgets; each provider takes its account's part (`forAccount`). */
  sharing?: UpstreamSharing;
  timeouts: UpstreamTimeouts;
  resilience: UpstreamResilience;
  bounds: ReadBounds;
  /** The largest upstream response body read, in bytes (`UPSTREAM_MAX_BODY_BYTES`); larger fails with UPSTREAM_BAD_RESPONSE. */
  maxBodyBytes?: number;
  /** Told of every attempt (for the upstream-call log). */
  onAttempt?: (event: UpstreamAttemptEvent) => void;
  /** Told of every attempt before it is sent (for traces): may add headers, is told the same end event. */
  onAttemptStart?: (start: UpstreamAttemptStart) => UpstreamAttemptObserver | undefined;
}

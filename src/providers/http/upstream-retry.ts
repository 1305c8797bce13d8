import type { AttemptFailure } from './upstream-attempt.js';
import type { UpstreamResilience } from './upstream-options.js';

/** What decides whether a failed attempt is tried again. */
export interface RetryContext {
  /** 0 after the first attempt. */
  attempt: number;
  failure: AttemptFailure;
  /** GETs, and POSTs the caller declared idempotent. */
  idempotent: boolean;
  /** Time left before the call's deadline, in ms. */
  remainingMs: number;
  policy: Pick<UpstreamResilience, 'retries' | 'retryBaseMs' | 'retryMaxMs'>;
  /** In [0, 1). */
  random: () => number;
}

/**
 * The wait before the next attempt, or null to give up. Only transient failures of idempotent
 * calls are retried, `policy.retries` times at most. The wait is the upstream's own hint when it
 * sent one (a hint longer than `retryMaxMs` is not retried: trying earlier than asked would only
 * spend the budget on another refusal), else full-jitter exponential backoff: a random time in
 * [0, min(retryMaxMs, retryBaseMs·2^attempt)). A wait that would end past the deadline gives up.
 */
export function toRetryDelay(context: RetryContext): number | null {
  const { attempt, failure, policy } = context;
  if (!failure.transient || !context.idempotent || attempt >= policy.retries) return null;
  if (failure.waitHintMs !== null && failure.waitHintMs > policy.retryMaxMs) return null;
  const delay = failure.waitHintMs ?? Math.floor(context.random() * Math.min(policy.retryMaxMs, policy.retryBaseMs * 2 ** attempt));
  return delay < context.remainingMs ? delay : null;
}

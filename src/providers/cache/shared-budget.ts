import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { UpstreamError, type UpstreamCall } from '../../domain/errors.js';
import { toAbortError } from '../http/upstream-attempt.js';

/** The upstream rate budget an HTTP client asks before each attempt; see `createUpstreamGate`. */
export interface UpstreamGate {
  /**
   * Resolves when the account's budget allows one more attempt; waits (within `deadline` and the
   * signal) while it is spent or paused. Rejects with UPSTREAM_RATE_LIMITED when the wait would
   * pass the deadline, and with the signal's reason when it aborts.
   */
  beforeAttempt(call: UpstreamCall, deadline: number, signal?: AbortSignal): Promise<void>;
  /** The upstream said 429 and to wait `waitMs`: every replica sharing the budget pauses that long. */
  onRateLimited(waitMs: number | null): void;
}

/** The pause after a 429 that names no wait. */
const DEFAULT_PAUSE_MS = 1_000;

/**
 * A token budget of `perSecond` attempts per second for one provider account (a fixed one-second
 * window, rate-limiter-flexible), in Redis when a client is given (shared by every replica; if
 * Redis fails, a per-process limiter of the same size takes over) or in the process. `perSecond`
 * 0 sets no limit of ours, but a 429's pause is still shared. `key` names the account.
 */
export function createUpstreamGate(key: string, perSecond: number, redis: Redis | null): UpstreamGate {
  const points = perSecond > 0 ? perSecond : 1_000_000_000;
  const memory = new RateLimiterMemory({ points, duration: 1, keyPrefix: 'rg-budget' });
  const limiter: RateLimiterAbstract = redis
    ? new RateLimiterRedis({ storeClient: redis, points, duration: 1, keyPrefix: 'rg:v1:budget', insuranceLimiter: memory, rejectIfRedisNotReady: true })
    : memory;
  return {
    async beforeAttempt(call, deadline, signal) {
      // Bounded by the deadline: every turn waits at least a millisecond or returns or throws.
      for (;;) {
        if (signal?.aborted) throw toAbortError(signal);
        const waitMs = await tryConsume(limiter, key);
        if (waitMs === 0) return;
        if (Date.now() + waitMs > deadline) {
          throw new UpstreamError('UPSTREAM_RATE_LIMITED', call, `not attempted: the account's shared rate budget is spent for ${Math.ceil(waitMs)} ms more`, null, Math.ceil(waitMs / 1_000));
        }
        await sleep(Math.max(1, waitMs), undefined, { signal }).catch(() => {
          throw toAbortError(signal!);
        });
      }
    },
    onRateLimited(waitMs) {
      const seconds = Math.max(1, Math.ceil((waitMs ?? DEFAULT_PAUSE_MS) / 1_000));
      void limiter.block(key, seconds).catch(() => memory.block(key, seconds).catch(() => undefined));
    },
  };
}

/** 0 when a point was taken, else how long until the next one. */
async function tryConsume(limiter: RateLimiterAbstract, key: string): Promise<number> {
  try {
    await limiter.consume(key, 1);
    return 0;
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return Math.max(1, rejection.msBeforeNext);
    return 0;
  }
}

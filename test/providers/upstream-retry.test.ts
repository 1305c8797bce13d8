import { describe, expect, it } from 'vitest';
import { UpstreamError } from '../../src/domain/errors.js';
import { createRetryBudget } from '../../src/providers/http/retry-budget.js';
import { toWaitHintMs, type AttemptFailure } from '../../src/providers/http/upstream-attempt.js';
import { toRetryDelay, type RetryContext } from '../../src/providers/http/upstream-retry.js';

const failure = (changes: Partial<AttemptFailure> = {}): AttemptFailure => ({
  error: new UpstreamError('UPSTREAM_UNAVAILABLE', { provider: 'telnyx', method: 'GET', path: '/x' }, 'HTTP 503', 503),
  transient: true,
  unhealthy: true,
  waitHintMs: null,
  ...changes,
});

const context = (changes: Partial<RetryContext> = {}): RetryContext => ({
  attempt: 0,
  failure: failure(),
  idempotent: true,
  remainingMs: 10_000,
  policy: { retries: 3, retryBaseMs: 100, retryMaxMs: 1_000 },
  random: () => 0.999,
  ...changes,
});

describe('toRetryDelay', () => {
  it('backs off with full jitter below base·2^attempt, capped at the longest wait', () => {
    expect([0, 1, 2].map((attempt) => toRetryDelay(context({ attempt })))).toEqual([99, 199, 399]);
    expect(toRetryDelay(context({ attempt: 2, policy: { retries: 3, retryBaseMs: 100, retryMaxMs: 250 } }))).toBe(249);
    expect(toRetryDelay(context({ random: () => 0 }))).toBe(0);
  });

  it('gives up on lasting failures, non-idempotent calls, spent retries, long hints and the deadline', () => {
    expect(toRetryDelay(context({ failure: failure({ transient: false }) }))).toBeNull();
    expect(toRetryDelay(context({ idempotent: false }))).toBeNull();
    expect(toRetryDelay(context({ attempt: 3 }))).toBeNull();
    expect(toRetryDelay(context({ failure: failure({ waitHintMs: 1_001 }) }))).toBeNull();
    expect(toRetryDelay(context({ failure: failure({ waitHintMs: 1_000 }) }))).toBe(1_000);
    expect(toRetryDelay(context({ remainingMs: 99 }))).toBeNull();
  });
});

describe('toWaitHintMs', () => {
  it('reads delta seconds or an HTTP date from the first header that has one', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(toWaitHintMs({ 'retry-after': '3' }, ['retry-after'], now)).toBe(3_000);
    expect(toWaitHintMs({ 'retry-after': 'Thu, 01 Jan 2026 00:00:05 GMT' }, ['retry-after'], now)).toBe(5_000);
    expect(toWaitHintMs({ 'retry-after': 'Wed, 31 Dec 2025 23:00:00 GMT' }, ['retry-after'], now)).toBe(0);
    expect(toWaitHintMs({ 'x-ratelimit-reset': '7' }, ['retry-after', 'x-ratelimit-reset'], now)).toBe(7_000);
    expect(toWaitHintMs({ 'x-ratelimit-reset': '7' }, ['retry-after'], now)).toBeNull();
    expect(toWaitHintMs({ 'retry-after': 'soon' }, ['retry-after'], now)).toBeNull();
  });
});

describe('the retry budget', () => {
  it('allows min + ratio × requests retries per window and refills as the window slides', () => {
    let now = 0;
    const budget = createRetryBudget({ ratio: 0.5, min: 1, windowMs: 1_000, now: () => now });
    for (let request = 0; request < 4; request += 1) budget.recordRequest();
    const granted = () => Array.from({ length: 5 }, () => budget.tryRetry()).filter(Boolean).length;
    expect(granted()).toBe(3);
    now = 500;
    expect(granted()).toBe(0);
    now = 1_100;
    expect(granted()).toBe(1);
  });
});

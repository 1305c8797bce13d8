/** `closed`: calls flow; `open`: calls fail fast; `half-open`: the cool-down is over, one probe may go. */
export type CircuitState = 'closed' | 'open' | 'half-open';

export interface CircuitBreakerOptions {
  /** Consecutive unhealthy outcomes that open the circuit. */
  failureThreshold: number;
  /** How long the circuit stays open before it admits one probe. */
  cooldownMs: number;
  now?: () => number;
}

/**
 * A per-upstream circuit breaker. It opens after `failureThreshold` consecutive unhealthy outcomes;
 * while open, `tryAcquire` refuses every call; after the cool-down it admits exactly one probe
 * (half-open), whose healthy outcome closes the circuit and whose unhealthy one opens it again.
 * Any healthy outcome closes it and resets the count.
 */
export interface CircuitBreaker {
  state(): CircuitState;
  /** Whether a call may go upstream now (in half-open: the first caller only, as the probe). */
  tryAcquire(): boolean;
  /** Milliseconds until an open circuit admits its probe; 0 unless open. */
  remainingCooldownMs(): number;
  /** Records the outcome of one call: healthy means the upstream answered sanely (any 2xx–4xx). */
  record(healthy: boolean): void;
  /** Ends a call without an outcome (its request was aborted): a half-open probe slot is freed. */
  release(): void;
}

/** Creates a closed circuit breaker. */
export function createCircuitBreaker(options: CircuitBreakerOptions): CircuitBreaker {
  const now = options.now ?? Date.now;
  let failures = 0;
  let openedAt: number | null = null;
  let probing = false;

  const state = (): CircuitState => {
    if (openedAt === null) return 'closed';
    return now() - openedAt >= options.cooldownMs ? 'half-open' : 'open';
  };

  function record(healthy: boolean): void {
    if (healthy) {
      failures = 0;
      openedAt = null;
      probing = false;
    } else if (probing) {
      probing = false;
      openedAt = now();
    } else if (openedAt === null && (failures += 1) >= options.failureThreshold) {
      openedAt = now();
    }
  }

  return {
    state,
    tryAcquire: () => {
      const current = state();
      if (current === 'closed') return true;
      if (current === 'open' || probing) return false;
      probing = true;
      return true;
    },
    remainingCooldownMs: () => (state() === 'open' ? options.cooldownMs - (now() - openedAt!) : 0),
    record,
    release: () => void (probing = false),
  };
}

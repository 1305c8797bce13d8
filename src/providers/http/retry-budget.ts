/** The sliding window a retry budget counts over. */
export const RETRY_BUDGET_WINDOW_MS = 10_000;
const SLOTS = 10;

export interface RetryBudgetOptions {
  /** Retries allowed per first attempt, e.g. 0.2 = at most 20% extra load. */
  ratio: number;
  /** Retries always allowed per window. */
  min: number;
  windowMs?: number;
  now?: () => number;
}

/**
 * Caps the load retries add to one upstream: over the last window, retries stay below
 * `min + ratio × first attempts`. Under a sustained outage this keeps the upstream's load near
 * what callers ask for instead of multiplying it by the retry count.
 */
export interface RetryBudget {
  /** Counts a first attempt. */
  recordRequest(): void;
  /** Whether one more retry fits the budget; a `true` answer spends it. */
  tryRetry(): boolean;
}

interface Slot {
  epoch: number;
  requests: number;
  retries: number;
}

/** A retry budget over a window of ten time slots (constant memory whatever the traffic). */
export function createRetryBudget(options: RetryBudgetOptions): RetryBudget {
  const now = options.now ?? Date.now;
  const slotMs = (options.windowMs ?? RETRY_BUDGET_WINDOW_MS) / SLOTS;
  const slots: Slot[] = Array.from({ length: SLOTS }, () => ({ epoch: -1, requests: 0, retries: 0 }));

  const current = (): Slot => {
    const epoch = Math.floor(now() / slotMs);
    const slot = slots[epoch % SLOTS]!;
    if (slot.epoch !== epoch) Object.assign(slot, { epoch, requests: 0, retries: 0 });
    return slot;
  };
  const totals = () => {
    const oldest = Math.floor(now() / slotMs) - SLOTS;
    const live = slots.filter((slot) => slot.epoch > oldest);
    return { requests: sum(live.map((slot) => slot.requests)), retries: sum(live.map((slot) => slot.retries)) };
  };

  return {
    recordRequest: () => void (current().requests += 1),
    tryRetry: () => {
      const { requests, retries } = totals();
      if (retries >= options.min + options.ratio * requests) return false;
      current().retries += 1;
      return true;
    },
  };
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

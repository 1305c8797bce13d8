import { LRUCache } from 'lru-cache';
import type { IdempotencyStore } from '../context.js';
import { RoomControlRefusal } from '../domain/room-control.js';

/** How long keys are kept and how many at most. */
export interface MemoryIdempotencyOptions {
  ttlMs: number;
  maxKeys: number;
}

interface Entry {
  fingerprint: string;
  result: Promise<unknown>;
}

/**
 * The in-process idempotency store: a bounded LRU of keys (the least recently used forgotten
 * first, and every key after `ttlMs`), each holding its first call's promise, so a repeat made
 * while the first call is still running joins it instead of calling the upstream again. A task
 * that fails is forgotten. Replicas do not share it (a shared store may replace it behind
 * `IdempotencyStore`).
 */
export function createMemoryIdempotencyStore(options: MemoryIdempotencyOptions): IdempotencyStore {
  const entries = new LRUCache<string, Entry>({ max: options.maxKeys, ttl: options.ttlMs });
  return {
    run<T>(key: string, fingerprint: string, task: () => Promise<T>): Promise<T> {
      const known = entries.get(key);
      if (known) {
        if (known.fingerprint !== fingerprint) {
          return Promise.reject(new RoomControlRefusal('IDEMPOTENCY_KEY_REUSED', 'This idempotency key was used for another input.', ['input', 'idempotencyKey']));
        }
        return known.result as Promise<T>;
      }
      const result = task();
      const entry = { fingerprint, result };
      entries.set(key, entry);
      result.catch(() => {
        if (entries.peek(key) === entry) entries.delete(key);
      });
      return result;
    },
  };
}

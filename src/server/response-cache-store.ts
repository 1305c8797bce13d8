import type { Cache } from '@graphql-yoga/plugin-response-cache';
import type { ExecutionResult } from 'graphql';
import { LRUCache } from 'lru-cache';

/** Counters of the response cache since start, and what it holds now. */
export interface ResponseCacheStats {
  hits: number;
  misses: number;
  evictions: number;
  /** JSON bytes of the answers held (keys included). */
  bytes: number;
  entries: number;
}

/**
 * Where whole answers live: the plugin's `Cache` (get, set with a TTL, invalidate by entity),
 * plus `clear` for a room change and counters. The in-process store is the only one built; a
 * store shared through Redis would implement the same interface.
 */
export interface ResponseStore extends Cache {
  /** Forgets every answer at once. */
  clear(): void;
  stats(): ResponseCacheStats;
}

/** The most answers held whatever their size (each costs a key and an LRU slot besides its JSON). */
const MAX_ENTRIES = 10_000;

/**
 * An in-process LRU bounded by `maxBytes` of JSON (and `MAX_ENTRIES`), with TTLs. Each answer is
 * serialised once when stored: that gives its size, and yoga sends the same bytes on every hit
 * through the result's `stringify` instead of serialising the object again. Entity ids are not
 * kept: a room change clears the whole store (see `response-cache.ts`).
 */
export function createMemoryResponseStore(maxBytes: number): ResponseStore {
  const counters = { hits: 0, misses: 0, evictions: 0 };
  const lru = new LRUCache<string, ExecutionResult, unknown>({
    max: MAX_ENTRIES,
    maxSize: maxBytes,
    sizeCalculation: (value, key) => (value as { stringify?: () => string }).stringify!().length + key.length,
    ttlAutopurge: false,
    dispose: (_value, _key, reason) => {
      if (reason === 'evict') counters.evictions += 1;
    },
  });
  return {
    get: (key) => {
      const value = lru.get(key);
      if (value === undefined) counters.misses += 1;
      else counters.hits += 1;
      return value ?? null;
    },
    set: (key, result, _entities, ttlMs) => {
      const json = JSON.stringify(withoutInternals(result));
      if (json.length + key.length > maxBytes || !(ttlMs > 0)) return;
      Object.defineProperty(result, 'stringify', { value: () => json, enumerable: false });
      lru.set(key, result, { ttl: ttlMs });
    },
    invalidate: () => lru.clear(),
    clear: () => lru.clear(),
    stats: () => ({ ...counters, bytes: lru.calculatedSize, entries: lru.size }),
  };
}

/**
 * The result as yoga serialises it (`omitInternalsFromResultErrors`): without `extensions.http`
 * (the ETag headers the plugin adds), and without `extensions` when nothing else is left. Stored
 * answers have no errors, so there are no error internals to drop.
 */
function withoutInternals(result: ExecutionResult): ExecutionResult {
  if (!result.extensions || !('http' in result.extensions)) return result;
  const { http: _http, ...extensions } = result.extensions;
  return { ...result, extensions: Object.keys(extensions).length > 0 ? extensions : undefined };
}

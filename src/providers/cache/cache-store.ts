import { LRUCache } from 'lru-cache';

/** Counters of a cache, for `/ready` details and benchmarks. */
export interface CacheStats {
  hits: number;
  misses: number;
  evictions: number;
  /** Bytes held now (memory store only; null for Redis, which keeps its own). */
  bytes: number | null;
  entries: number | null;
}

/** Whether a store answers: `down` means every read is a miss until it is back. */
export interface CacheHealth {
  backend: 'memory' | 'redis';
  status: 'up' | 'down';
  /** The last failure's message (no credentials: the URL is never part of it). */
  lastError: string | null;
}

/**
 * Where cached values live. Values are serialised bytes. A store never rejects: a failure reads
 * as a miss (`undefined`) and a failed write is dropped; `health` says so.
 */
export interface CacheStore {
  get(key: string): Promise<Buffer | undefined>;
  /** Stores a value for `ttlMs` (null: until evicted). */
  set(key: string, value: Buffer, ttlMs: number | null): Promise<void>;
  stats(): CacheStats;
  health(): CacheHealth;
  close(): Promise<void>;
}

/** An in-process LRU bounded by `maxBytes` of serialised values (keys included), with counters. */
export function createMemoryStore(maxBytes: number): CacheStore {
  const counters = { hits: 0, misses: 0, evictions: 0 };
  const lru = new LRUCache<string, Buffer>({
    maxSize: maxBytes,
    sizeCalculation: (value, key) => value.byteLength + key.length,
    ttlAutopurge: false,
    dispose: (_value, _key, reason) => {
      if (reason === 'evict') counters.evictions += 1;
    },
  });
  return {
    get: async (key) => {
      const value = lru.get(key);
      if (value === undefined) counters.misses += 1;
      else counters.hits += 1;
      return value;
    },
    set: async (key, value, ttlMs) => {
      if (value.byteLength + key.length > maxBytes) return;
      lru.set(key, value, ttlMs === null ? {} : { ttl: ttlMs });
    },
    stats: () => ({ ...counters, bytes: lru.calculatedSize, entries: lru.size }),
    health: () => ({ backend: 'memory', status: 'up', lastError: null }),
    close: async () => lru.clear(),
  };
}

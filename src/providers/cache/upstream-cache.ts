import { deserialize, serialize } from 'node:v8';
import type { CacheStore } from './cache-store.js';
import type { SingleFlight } from './single-flight.js';

/**
 * How long a fact may be served from the cache: `immutable` until evicted (an ended, settled
 * session), `mutable` for the mutable TTL and until the provider's next announced room change,
 * `uncached` not at all (the value is still shared by the callers in flight).
 */
export type CacheFact = 'immutable' | 'mutable' | 'uncached';

/** One provider account's view of the cross-request cache; see `createUpstreamCache`. */
export interface UpstreamCache {
  /**
   * The cached value of `key`, or `load`'s, made once for all callers in flight (single flight)
   * and stored for as long as `factOf(value)` allows. A store failure is a miss.
   */
  read<T>(key: string, load: (signal: AbortSignal) => Promise<T>, factOf: (value: T) => CacheFact, signal?: AbortSignal): Promise<T>;
  /** The cached values of immutable keys (undefined: not cached); one store read per key, in parallel. */
  peekImmutable<T>(keys: readonly string[]): Promise<(T | undefined)[]>;
  /** Stores immutable values (settled facts); failures are dropped. */
  storeImmutable(entries: readonly (readonly [string, unknown])[]): Promise<void>;
  /** Makes every mutable entry of this account stale at once (a room changed). */
  invalidateMutable(): void;
  /** Counts `invalidateMutable` calls: a history index that saw another value syncs again. */
  generation(): number;
  /** The mutable TTL this cache was built with (the history index's freshness too). */
  mutableTtlMs: number;
  settleMs: number;
}

/** What an account's cache is made of. */
export interface UpstreamCacheOptions {
  store: CacheStore | null;
  flight: SingleFlight;
  /** `rg:v1:<provider>:<account>`: versioned, namespaced; two accounts never share an entry. */
  namespace: string;
  mutableTtlMs: number;
  settleMs: number;
}

/**
 * Values are stored with `v8.serialize` (compact, and Dates, Maps and nested objects come back as
 * they went in); a value that fails to decode is a miss. With no store (cache disabled) every read
 * loads, still once per key in flight.
 */
export function createUpstreamCache(options: UpstreamCacheOptions): UpstreamCache {
  const { store, flight, namespace, mutableTtlMs } = options;
  let generation = 0;
  const keyOf = (key: string, fact: 'immutable' | 'mutable', at = generation) => `${namespace}:${fact === 'immutable' ? 'i' : `m${at}`}:${key}`;
  const decode = <T>(value: Buffer | undefined): T | undefined => {
    if (value === undefined) return undefined;
    try {
      return deserialize(value) as T;
    } catch {
      return undefined;
    }
  };
  const lookup = async <T>(key: string, at: number): Promise<T | undefined> => {
    if (!store) return undefined;
    const immutable = decode<T>(await store.get(keyOf(key, 'immutable')));
    if (immutable !== undefined || mutableTtlMs === 0) return immutable;
    return decode<T>(await store.get(keyOf(key, 'mutable', at)));
  };
  const remember = async (key: string, value: unknown, fact: CacheFact, at: number) => {
    if (!store || fact === 'uncached' || (fact === 'mutable' && mutableTtlMs === 0)) return;
    await store.set(keyOf(key, fact, at), serialize(value), fact === 'immutable' ? null : mutableTtlMs);
  };
  return {
    read<T>(key: string, load: (signal: AbortSignal) => Promise<T>, factOf: (value: T) => CacheFact, signal?: AbortSignal) {
      const at = generation;
      return flight.run(
        `${namespace}:${at}:${key}`,
        async (shared) => {
          const cached = await lookup<T>(key, at);
          if (cached !== undefined) return cached;
          const value = await load(shared);
          await remember(key, value, factOf(value), at);
          return value;
        },
        signal,
      );
    },
    peekImmutable: async <T>(keys: readonly string[]) =>
      store ? Promise.all(keys.map(async (key) => decode<T>(await store.get(keyOf(key, 'immutable'))))) : keys.map(() => undefined),
    storeImmutable: async (entries) => void (await Promise.all(entries.map(([key, value]) => remember(key, value, 'immutable', generation)))),
    invalidateMutable: () => void (generation += 1),
    generation: () => generation,
    mutableTtlMs,
    settleMs: options.settleMs,
  };
}

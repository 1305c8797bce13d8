import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { ProviderName } from '../../domain/model.js';
import type { RoomChangeFeed } from '../../domain/room-changes.js';
import type { CacheConfig } from './cache-config.js';
import { createMemoryStore, type CacheHealth, type CacheStats, type CacheStore } from './cache-store.js';
import { createRedisClient, createRedisStore, type RedisStoreLog } from './redis-store.js';
import { createUpstreamGate, type UpstreamGate } from './shared-budget.js';
import { createSingleFlight } from './single-flight.js';
import { createUpstreamCache, type UpstreamCache } from './upstream-cache.js';

/** Cache key format version: bump it when a cached value's shape changes. */
export const CACHE_KEY_VERSION = 'v1';

/** What one provider account shares across requests (and, with Redis, across replicas). */
export interface ProviderSharing {
  provider: ProviderName;
  /** A non-secret id of the account: a hash of its base URL and credentials. */
  account: string;
  cache: UpstreamCache;
  /** Absent without Redis and without a configured rate: the per-process limits (concurrency, retry budget) stay. */
  gate?: UpstreamGate;
}

/** What `/ready` reports about the cache. */
export interface CacheReport extends CacheHealth {
  enabled: boolean;
  stats: CacheStats;
}

/** The gateway's cache and upstream budgets, for every provider account; see `createUpstreamSharing`. */
export interface UpstreamSharing {
  /**
   * The sharing of one account, made once per provider and account; undefined when the cache is
   * off and no budget is shared (the provider then reads its upstream exactly as without this module).
   */
  forAccount(provider: ProviderName, identity: readonly string[]): ProviderSharing | undefined;
  /** Listens to a room-change feed: an announced change makes the provider's mutable entries stale. */
  listen(feed: RoomChangeFeed): () => void;
  report(): CacheReport;
  /** Whether history indexes are kept (the cache is enabled). */
  historyEnabled(): boolean;
  /** How often a history index is rebuilt whole. */
  indexRebuildMs: number;
  close(): Promise<void>;
}

/** A short, non-reversible id of a provider account (never the key itself). */
export function toAccountId(identity: readonly string[]): string {
  return createHash('sha256').update(identity.join('\u0000')).digest('base64url').slice(0, 16);
}

/**
 * The cache (Redis with `REDIS_URL`, else an in-process LRU; none when disabled), one single
 * flight for the process, and per account a namespaced cache and a rate budget.
 */
export function createUpstreamSharing(config: CacheConfig, log: RedisStoreLog): UpstreamSharing {
  const redis: Redis | null = config.redisUrl ? createRedisClient(config.redisUrl) : null;
  const store: CacheStore | null = !config.enabled ? null : redis ? createRedisStore(redis, log) : createMemoryStore(config.maxBytes);
  if (redis && !store) redis.on('error', () => undefined);
  const flight = createSingleFlight();
  const accounts = new Map<string, ProviderSharing>();
  const forAccount = (provider: ProviderName, identity: readonly string[]) => {
    const account = toAccountId(identity);
    const id = `${provider}:${account}`;
    const known = accounts.get(id);
    if (known) return known;
    if (!config.enabled && !redis && config.ratePerSecond[provider] === 0) return undefined;
    const namespace = `rg:${CACHE_KEY_VERSION}:${id}`;
    const cache = createUpstreamCache({ store, flight, namespace, mutableTtlMs: config.mutableTtlMs, settleMs: config.settleMs });
    const rate = config.ratePerSecond[provider];
    const gate = redis || rate > 0 ? createUpstreamGate(id, rate, redis) : undefined;
    const sharing: ProviderSharing = { provider, account, cache, gate };
    accounts.set(id, sharing);
    return sharing;
  };
  return {
    forAccount,
    listen: (feed) =>
      feed.onChange((change) => {
        for (const sharing of accounts.values()) if (sharing.provider === change.provider) sharing.cache.invalidateMutable();
      }),
    report: () => {
      const health = store?.health() ?? { backend: redis ? 'redis' : 'memory', status: 'up', lastError: null };
      const stats = store?.stats() ?? { hits: 0, misses: 0, evictions: 0, bytes: null, entries: null };
      return { enabled: store !== null, ...health, stats };
    },
    historyEnabled: () => config.enabled,
    indexRebuildMs: config.indexRebuildMs,
    close: async () => {
      await store?.close();
      redis?.disconnect();
    },
  };
}

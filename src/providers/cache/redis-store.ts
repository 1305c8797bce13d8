import { Redis } from 'ioredis';
import type { CacheHealth, CacheStats, CacheStore } from './cache-store.js';

/** What the Redis store tells the log: when it goes down and comes back (never the URL). */
export type RedisStoreLog = (event: { msg: string; detail?: string }) => void;

/**
 * A client that fails fast: no offline queue (a command while disconnected rejects at once), no
 * per-command retries, a short command timeout, and a reconnect every half second for ever.
 */
export function createRedisClient(url: string): Redis {
  return new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 1_000,
    commandTimeout: 500,
    retryStrategy: () => 500,
    lazyConnect: false,
  });
}

/**
 * A cache in Redis, shared by every replica. Every failure is a miss (or a dropped write): the
 * gateway keeps answering from the upstreams, logs that the cache went down, and `health` reports
 * it until Redis answers again. Hit and miss counters count this process's reads.
 */
export function createRedisStore(client: Redis, log: RedisStoreLog): CacheStore {
  const counters = { hits: 0, misses: 0, evictions: 0 };
  const health: CacheHealth = { backend: 'redis', status: client.status === 'ready' ? 'up' : 'down', lastError: null };
  const down = (error: unknown) => {
    const detail = error instanceof Error ? error.message : String(error);
    if (health.status === 'up') log({ msg: 'cache down: reading from the upstreams', detail });
    Object.assign(health, { status: 'down', lastError: detail });
  };
  client.on('error', down);
  client.on('ready', () => {
    if (health.status === 'down') log({ msg: 'cache back' });
    health.status = 'up';
  });
  return {
    get: async (key) => {
      try {
        const value = (await client.getBuffer(key)) ?? undefined;
        if (value === undefined) counters.misses += 1;
        else counters.hits += 1;
        return value;
      } catch (error) {
        counters.misses += 1;
        down(error);
        return undefined;
      }
    },
    set: async (key, value, ttlMs) => {
      try {
        await (ttlMs === null ? client.set(key, value) : client.set(key, value, 'PX', Math.max(1, ttlMs)));
      } catch (error) {
        down(error);
      }
    },
    stats: (): CacheStats => ({ ...counters, bytes: null, entries: null }),
    health: () => ({ ...health }),
    close: async () => void client.disconnect(),
  };
}

import { isSet, parseBoolean, parseInteger, type Env } from '../../config-values.js';
import { PROVIDER_NAMES, type ProviderName } from '../../domain/model.js';

/** The cross-request cache and the shared upstream budget (README, "Cache"). */
export interface CacheConfig {
  /** `CACHE_ENABLED`: false turns the cross-request cache off (single flight and budgets stay). */
  enabled: boolean;
  /** `REDIS_URL`: a shared cache and rate budget for every replica; unset, both live in the process. */
  redisUrl: string | null;
  /** `CACHE_MAX_BYTES`: the in-memory cache's bound (serialised bytes, LRU). */
  maxBytes: number;
  /** `CACHE_MUTABLE_TTL_MS`: how long mutable facts (live rooms, listings, totals) are served; 0 = not cached. */
  mutableTtlMs: number;
  /** `CACHE_SETTLE_MS`: how long after its end a session may still change; only then is it immutable. */
  settleMs: number;
  /** `CACHE_INDEX_REBUILD_MS`: a history index is rebuilt whole this often (upstream deletions). */
  indexRebuildMs: number;
  /** `<PROVIDER>_RATE_LIMIT`: upstream calls per second per provider account; 0 = no limit of ours. */
  ratePerSecond: Record<ProviderName, number>;
}

/** Reads the cache settings; ConfigError names a bad variable. */
export function parseCacheConfig(env: Env): CacheConfig {
  return {
    enabled: parseBoolean(env, 'CACHE_ENABLED', true),
    redisUrl: isSet(env.REDIS_URL) ? env.REDIS_URL.trim() : null,
    maxBytes: parseInteger(env, 'CACHE_MAX_BYTES', 64 * 1024 * 1024, 1024, 64 * 1024 * 1024 * 1024),
    mutableTtlMs: parseInteger(env, 'CACHE_MUTABLE_TTL_MS', 2_000, 0, 3_600_000),
    settleMs: parseInteger(env, 'CACHE_SETTLE_MS', 120_000, 0, 86_400_000),
    indexRebuildMs: parseInteger(env, 'CACHE_INDEX_REBUILD_MS', 3_600_000, 1_000, 7 * 86_400_000),
    ratePerSecond: Object.fromEntries(
      PROVIDER_NAMES.map((name) => [name, parseInteger(env, `${name.toUpperCase()}_RATE_LIMIT`, 0, 0, 1_000_000)]),
    ) as Record<ProviderName, number>,
  };
}

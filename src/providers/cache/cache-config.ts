import { isSet, parseBoolean, parseInteger, type Env } from '../../config-values.js';
import { PROVIDER_NAMES, type ProviderName } from '../../domain/model.js';

/** The whole-response cache (`server/response-cache.ts`; README, "Cache"). */
export interface ResponseCacheConfig {
  /** On when the cache is (`CACHE_ENABLED`), `RESPONSE_CACHE_ENABLED` is not false and the TTL is above 0. */
  enabled: boolean;
  /** `RESPONSE_CACHE_TTL_MS`: how long a whole answer is served; its share of `CACHE_MUTABLE_TTL_MS`. */
  ttlMs: number;
  /** `RESPONSE_CACHE_MAX_BYTES`: the bound of the answers held (their JSON bytes, LRU). */
  maxBytes: number;
}

/** The cross-request cache and the shared upstream budget (README, "Cache"). */
export interface CacheConfig {
  /** `CACHE_ENABLED`: false turns the cross-request cache and the response cache off (single flight and budgets stay). */
  enabled: boolean;
  /** `REDIS_URL`: a shared cache and rate budget for every replica; unset, both live in the process. */
  redisUrl: string | null;
  /** `CACHE_MAX_BYTES`: the in-memory cache's bound (serialised bytes, LRU). */
  maxBytes: number;
  /**
   * How long mutable upstream reads (live rooms, listings, totals) are served; 0 = not cached. It is
   * `CACHE_MUTABLE_TTL_MS` less the response cache's TTL, so an answer built from a cached read and
   * then cached whole is never older than `CACHE_MUTABLE_TTL_MS`.
   */
  mutableTtlMs: number;
  /** `CACHE_SETTLE_MS`: how long after its end a session may still change; only then is it immutable. */
  settleMs: number;
  /** `CACHE_INDEX_REBUILD_MS`: a history index is rebuilt whole this often (upstream deletions). */
  indexRebuildMs: number;
  /** `<PROVIDER>_RATE_LIMIT`: upstream calls per second per provider account; 0 = no limit of ours. */
  ratePerSecond: Record<ProviderName, number>;
  response: ResponseCacheConfig;
}

/** Reads the cache settings; ConfigError names a bad variable. */
export function parseCacheConfig(env: Env): CacheConfig {
  const enabled = parseBoolean(env, 'CACHE_ENABLED', true);
  const freshnessMs = parseInteger(env, 'CACHE_MUTABLE_TTL_MS', 2_000, 0, 3_600_000);
  const response = parseResponseCacheConfig(env, enabled, freshnessMs);
  return {
    enabled,
    redisUrl: isSet(env.REDIS_URL) ? env.REDIS_URL.trim() : null,
    maxBytes: parseInteger(env, 'CACHE_MAX_BYTES', 64 * 1024 * 1024, 1024, 64 * 1024 * 1024 * 1024),
    mutableTtlMs: freshnessMs - (response.enabled ? response.ttlMs : 0),
    settleMs: parseInteger(env, 'CACHE_SETTLE_MS', 120_000, 0, 86_400_000),
    indexRebuildMs: parseInteger(env, 'CACHE_INDEX_REBUILD_MS', 3_600_000, 1_000, 7 * 86_400_000),
    ratePerSecond: Object.fromEntries(
      PROVIDER_NAMES.map((name) => [name, parseInteger(env, `${name.toUpperCase()}_RATE_LIMIT`, 0, 0, 1_000_000)]),
    ) as Record<ProviderName, number>,
    response,
  };
}

/** The response cache takes half of `freshnessMs` unless told otherwise, never more than all of it. */
function parseResponseCacheConfig(env: Env, cacheEnabled: boolean, freshnessMs: number): ResponseCacheConfig {
  const ttlMs = parseInteger(env, 'RESPONSE_CACHE_TTL_MS', Math.floor(freshnessMs / 2), 0, freshnessMs);
  return {
    enabled: cacheEnabled && parseBoolean(env, 'RESPONSE_CACHE_ENABLED', true) && ttlMs > 0,
    ttlMs,
    maxBytes: parseInteger(env, 'RESPONSE_CACHE_MAX_BYTES', 16 * 1024 * 1024, 1024, 16 * 1024 * 1024 * 1024),
  };
}

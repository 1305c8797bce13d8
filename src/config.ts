import { DEFAULT_MAX_BODY_BYTES, type ReadBounds, type UpstreamOptions, type UpstreamResilience, type UpstreamTimeouts } from './providers/http/upstream-options.js';
import { isSet, parseDecimal, parseInteger, parseUrl, ConfigError, type Env } from './config-values.js';
import { parseServerConfig, type ServerConfig } from './server/server-config.js';
import { parseProviderConfigs, type ProviderConfigs } from './providers/registry.js';
import { parseOperationsConfig, type OperationsConfig } from './server/operations-config.js';
import { withProfileDefaults } from './server/production-profile.js';
import { parseCacheConfig, type CacheConfig } from './providers/cache/cache-config.js';
import { parseLiveConfig, type LiveConfig } from './server/live-config.js';
import { parseWebhookConfigs, type WebhookConfigs } from './providers/webhook-registry.js';

/** The gateway's whole configuration; a provider is present when its credentials are set. */
export interface GatewayConfig {
  port: number;
  providers: ProviderConfigs;
  upstreamTimeouts: UpstreamTimeouts;
  upstreamResilience: UpstreamResilience;
  upstreamBounds: ReadBounds;
  /** The largest upstream response body read, in bytes (`UPSTREAM_MAX_BODY_BYTES`). */
  upstreamMaxBodyBytes: number;
  /** The cross-request cache and the shared upstream budgets (README, "Cache"). */
  cache: CacheConfig;
  server: ServerConfig;
  /** Profile, listening, readiness, metrics, traces (README, "Deploy"). */
  operations: OperationsConfig;
  /** The webhook receivers whose provider key is configured (README, "Live events"). */
  webhooks: WebhookConfigs;
  /** The webhook routes' bounds, the pub/sub between replicas, subscription bounds. */
  live: LiveConfig;
}

/** Parses the environment once into a typed config; throws ConfigError naming the bad variable. */
export function parseConfig(env: Env): GatewayConfig {
  return {
    port: parseInteger(env, 'PORT', 4000, 0, 65535),
    providers: parseProviderConfigs(env),
    upstreamTimeouts: {
      connectMs: parseInteger(env, 'UPSTREAM_CONNECT_TIMEOUT_MS', 5_000, 1, 600_000),
      headersMs: parseInteger(env, 'UPSTREAM_HEADERS_TIMEOUT_MS', 10_000, 1, 600_000),
      bodyMs: parseInteger(env, 'UPSTREAM_BODY_TIMEOUT_MS', 10_000, 1, 600_000),
    },
    upstreamResilience: parseResilience(env),
    upstreamBounds: {
      maxPages: parseInteger(env, 'UPSTREAM_MAX_PAGES', 100, 1, 100_000),
      maxRows: parseInteger(env, 'UPSTREAM_MAX_ROWS', 25_000, 1, 10_000_000),
      pageConcurrency: parseInteger(env, 'UPSTREAM_PAGE_CONCURRENCY', 4, 1, 64),
    },
    upstreamMaxBodyBytes: parseInteger(env, 'UPSTREAM_MAX_BODY_BYTES', DEFAULT_MAX_BODY_BYTES, 1_024, 1024 * 1024 * 1024),
    cache: parseCacheConfig(env),
    server: parseServerConfig(withProfileDefaults(env)),
    operations: parseOperationsConfig(env),
    webhooks: parseWebhookConfigs(env),
    live: parseLiveConfig(env),
  };
}

/** Retries, retry budget, circuit breaker and concurrency of every upstream (README, "Configuration"). */
function parseResilience(env: Env): UpstreamResilience {
  return {
    retries: parseInteger(env, 'UPSTREAM_RETRIES', 2, 0, 10),
    retryBaseMs: parseInteger(env, 'UPSTREAM_RETRY_BASE_MS', 100, 1, 60_000),
    retryMaxMs: parseInteger(env, 'UPSTREAM_RETRY_MAX_MS', 2_000, 0, 600_000),
    retryBudgetRatio: parseDecimal(env, 'UPSTREAM_RETRY_BUDGET_RATIO', 0.2, 0, 10),
    retryBudgetMin: parseInteger(env, 'UPSTREAM_RETRY_BUDGET_MIN', 10, 0, 1_000_000),
    callBudgetMs: parseInteger(env, 'UPSTREAM_CALL_BUDGET_MS', 30_000, 1, 600_000),
    breakerFailures: parseInteger(env, 'UPSTREAM_BREAKER_FAILURES', 5, 1, 1_000_000),
    breakerCooldownMs: parseInteger(env, 'UPSTREAM_BREAKER_COOLDOWN_MS', 10_000, 1, 3_600_000),
    maxConcurrency: parseInteger(env, 'UPSTREAM_MAX_CONCURRENCY', 16, 1, 1_024),
  };
}

/** What every provider's HTTP layer is built with, from the configuration and an observer of attempts. */
export function toUpstreamOptions(
  config: GatewayConfig,
  onAttempt?: UpstreamOptions['onAttempt'],
  onAttemptStart?: UpstreamOptions['onAttemptStart'],
): UpstreamOptions {
  return {
    timeouts: config.upstreamTimeouts,
    resilience: config.upstreamResilience,
    bounds: config.upstreamBounds,
    maxBodyBytes: config.upstreamMaxBodyBytes,
    onAttempt,
    onAttemptStart,
  };
}

import type { ReadBounds, UpstreamResilience, UpstreamTimeouts } from './providers/http/upstream-options.js';
import { isSet, parseDecimal, parseInteger, parseUrl, ConfigError, type Env } from './config-values.js';
import { parseServerConfig, type ServerConfig } from './server/server-config.js';
import { parseOperationsConfig, type OperationsConfig } from './server/operations-config.js';
import { withProfileDefaults } from './server/production-profile.js';

/** plugNmeet: a self-hosted server, so its URL has no default. */
export interface PlugnmeetConfig {
  url: string;
  apiKey: string;
  apiSecret: string;
}

export interface VideosdkConfig {
  apiUrl: string;
  apiKey: string;
  apiSecret: string;
}

export interface TelnyxConfig {
  apiUrl: string;
  apiKey: string;
}

/** The gateway's whole configuration; a provider is present when its credentials are set. */
export interface GatewayConfig {
  port: number;
  providers: {
    plugnmeet?: PlugnmeetConfig;
    videosdk?: VideosdkConfig;
    telnyx?: TelnyxConfig;
  };
  upstreamTimeouts: UpstreamTimeouts;
  upstreamResilience: UpstreamResilience;
  upstreamBounds: ReadBounds;
  server: ServerConfig;
  /** Profile, listening, readiness, metrics, traces (README, "Deploy"). */
  operations: OperationsConfig;
}

export const DEFAULT_VIDEOSDK_API_URL = 'https://api.videosdk.live';
export const DEFAULT_TELNYX_API_URL = 'https://api.telnyx.com/v2';

/** Parses the environment once into a typed config; throws ConfigError naming the bad variable. */
export function parseConfig(env: Env): GatewayConfig {
  return {
    port: parseInteger(env, 'PORT', 4000, 0, 65535),
    providers: {
      plugnmeet: parseGroup(env, ['PLUGNMEET_API_KEY', 'PLUGNMEET_API_SECRET'], ['PLUGNMEET_URL'], () => ({
        url: parseUrl(env, 'PLUGNMEET_URL'),
        apiKey: env.PLUGNMEET_API_KEY!,
        apiSecret: env.PLUGNMEET_API_SECRET!,
      })),
      videosdk: parseGroup(env, ['VIDEOSDK_API_KEY', 'VIDEOSDK_API_SECRET'], [], () => ({
        apiUrl: parseUrl(env, 'VIDEOSDK_API_URL', DEFAULT_VIDEOSDK_API_URL),
        apiKey: env.VIDEOSDK_API_KEY!,
        apiSecret: env.VIDEOSDK_API_SECRET!,
      })),
      telnyx: parseGroup(env, ['TELNYX_API_KEY'], [], () => ({
        apiUrl: parseUrl(env, 'TELNYX_API_URL', DEFAULT_TELNYX_API_URL),
        apiKey: env.TELNYX_API_KEY!,
      })),
    },
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
    server: parseServerConfig(withProfileDefaults(env)),
    operations: parseOperationsConfig(env),
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

/** Whether any provider has credentials; without any, `npm start` serves the sandbox. */
export function hasProviderCredentials(env: Env): boolean {
  return ['PLUGNMEET_API_KEY', 'PLUGNMEET_API_SECRET', 'VIDEOSDK_API_KEY', 'VIDEOSDK_API_SECRET', 'TELNYX_API_KEY'].some(
    (name) => isSet(env[name]),
  );
}

/**
 * A provider is enabled when any of its credential variables is set; then all of them, and its
 * other required variables, must be set too.
 */
function parseGroup<T>(env: Env, credentials: string[], required: string[], parse: () => T): T | undefined {
  if (!credentials.some((name) => isSet(env[name]))) return undefined;
  for (const name of [...required, ...credentials]) {
    if (!isSet(env[name])) throw new ConfigError(`${name} must be set when ${credentials.join('/')} is configured.`);
  }
  return parse();
}


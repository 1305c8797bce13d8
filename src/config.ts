import type { UpstreamResilience, UpstreamTimeouts } from './providers/upstream-options.js';
import type { ClientAuthConfig } from './server/client-auth.js';
import { DEFAULT_QUERY_LIMITS, type QueryLimits } from './server/query-cost.js';

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
  server: ServerConfig;
}

/** How the gateway serves clients: limits, production switches, auth, logs, shutdown. */
export interface ServerConfig {
  queryLimits: QueryLimits;
  introspection: boolean;
  graphiql: boolean;
  /** A JSON file of `{ "<sha256 hash>": "<document>" }`: when set, only these operations run. */
  persistedOperationsFile: string | null;
  csrfPrevention: boolean;
  /** Origins allowed by CORS; null allows any origin. */
  corsOrigins: string[] | null;
  clientAuth: ClientAuthConfig | null;
  logLevel: string;
  shutdownTimeoutMs: number;
}

/** A configuration value is missing or invalid; the message names the variable, never its value. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export const DEFAULT_VIDEOSDK_API_URL = 'https://api.videosdk.live';
export const DEFAULT_TELNYX_API_URL = 'https://api.telnyx.com/v2';

type Env = Record<string, string | undefined>;

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
    server: parseServer(env),
  };
}

/** The server switches (README, "Configuration"); production turns some of them off. */
function parseServer(env: Env): ServerConfig {
  const limits = DEFAULT_QUERY_LIMITS;
  return {
    queryLimits: {
      maxCost: parseInteger(env, 'MAX_QUERY_COST', limits.maxCost, 1, 10_000_000),
      maxDepth: parseInteger(env, 'MAX_QUERY_DEPTH', limits.maxDepth, 1, 100),
      maxBreadth: parseInteger(env, 'MAX_QUERY_BREADTH', limits.maxBreadth, 1, 100_000),
      maxAliases: parseInteger(env, 'MAX_QUERY_ALIASES', limits.maxAliases, 0, 10_000),
      maxTokens: parseInteger(env, 'MAX_QUERY_TOKENS', limits.maxTokens, 1, 1_000_000),
      maxDirectives: parseInteger(env, 'MAX_QUERY_DIRECTIVES', limits.maxDirectives, 0, 10_000),
      maxBodyBytes: parseInteger(env, 'MAX_BODY_BYTES', limits.maxBodyBytes, 1_024, 100 * 1024 * 1024),
    },
    introspection: parseBoolean(env, 'INTROSPECTION', true),
    graphiql: parseBoolean(env, 'GRAPHIQL', true),
    persistedOperationsFile: isSet(env.PERSISTED_OPERATIONS_FILE) ? env.PERSISTED_OPERATIONS_FILE.trim() : null,
    csrfPrevention: parseBoolean(env, 'CSRF_PREVENTION', true),
    corsOrigins: isSet(env.CORS_ORIGINS) ? env.CORS_ORIGINS.split(',').map((origin) => origin.trim()).filter(Boolean) : null,
    clientAuth: parseClientAuth(env),
    logLevel: parseChoice(env, 'LOG_LEVEL', 'info', ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']),
    shutdownTimeoutMs: parseInteger(env, 'SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000),
  };
}

/** Client JWTs: a shared HS256 secret or a JWKS URL (not both); unset leaves the gateway open. */
function parseClientAuth(env: Env): ClientAuthConfig | null {
  const issuer = isSet(env.AUTH_JWT_ISSUER) ? env.AUTH_JWT_ISSUER.trim() : null;
  const audience = isSet(env.AUTH_JWT_AUDIENCE) ? env.AUTH_JWT_AUDIENCE.trim() : null;
  if (isSet(env.AUTH_JWT_SECRET) && isSet(env.AUTH_JWKS_URL)) throw new ConfigError('Set AUTH_JWT_SECRET or AUTH_JWKS_URL, not both.');
  if (isSet(env.AUTH_JWT_SECRET)) {
    if (env.AUTH_JWT_SECRET.length < 32) throw new ConfigError('AUTH_JWT_SECRET must be at least 32 characters.');
    return { kind: 'shared-secret', secret: env.AUTH_JWT_SECRET, issuer, audience };
  }
  if (isSet(env.AUTH_JWKS_URL)) return { kind: 'jwks', jwksUrl: parseUrl(env, 'AUTH_JWKS_URL'), issuer, audience };
  return null;
}

function parseBoolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (!isSet(raw)) return fallback;
  if (['true', '1', 'yes', 'on'].includes(raw)) return true;
  if (['false', '0', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(`${name} must be true or false.`);
}

function parseChoice(env: Env, name: string, fallback: string, choices: string[]): string {
  const raw = env[name]?.trim().toLowerCase();
  if (!isSet(raw)) return fallback;
  if (!choices.includes(raw)) throw new ConfigError(`${name} must be one of ${choices.join(', ')}.`);
  return raw;
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

function parseUrl(env: Env, name: string, fallback?: string): string {
  const value = isSet(env[name]) ? env[name]!.trim() : fallback;
  if (value === undefined) throw new ConfigError(`${name} must be set.`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${name} is not a valid URL.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError(`${name} must be an http(s) URL.`);
  if (url.username || url.password) throw new ConfigError(`${name} must not carry credentials.`);
  return url.toString().replace(/\/+$/, '');
}

function parseInteger(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (!isSet(raw)) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}.`);
  }
  return value;
}

function parseDecimal(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (!isSet(raw)) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a number from ${min} to ${max}.`);
  }
  return value;
}

function isSet(value: string | undefined): value is string {
  return value !== undefined && value.trim() !== '';
}

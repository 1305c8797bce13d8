import { isSet, parseBoolean, parseChoice, parseInteger, parseUrl, ConfigError, type Env } from '../config-values.js';
import type { ClientAuthConfig } from './client-auth.js';
import { DEFAULT_QUERY_LIMITS, type QueryLimits } from '../context.js';

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

/** The server switches (README, "Configuration"); production turns some of them off. */
export function parseServerConfig(env: Env): ServerConfig {
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

import { randomBytes } from 'node:crypto';
import { isSet, parseBoolean, parseChoice, parseInteger, parseUrl, ConfigError, type Env } from '../config-values.js';
import type { ClientAuthConfig } from './client-auth.js';
import { parseMutationConfig, type MutationConfig } from './mutation-access.js';
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
  /** A GraphQL request's deadline: past it, its upstream work stops and it answers REQUEST_TIMEOUT. */
  requestTimeoutMs: number;
  /** The HMAC key of cursors (`CURSOR_SECRET`, else random per process: replicas must share one). */
  cursorSecret: string;
  /** A router presenting this in `x-router-secret` may read `_service { sdl }` with introspection off. */
  routerSecret: string | null;
  /** The most errors one response carries; the rest are summed up in one TOO_MANY_ERRORS entry. */
  maxResponseErrors: number;
  /** Per-client budget of estimated query cost per window; null turns the limit off. */
  rateLimit: { points: number; windowSeconds: number } | null;
  /** Node's own HTTP server limits (slow clients, idle sockets, connection count). */
  http: HttpServerLimits;
  /** Who may run the room-control mutations, and how idempotency keys are kept. */
  mutations: MutationConfig;
}

/** Limits of the node:http server (`SERVER_*` variables). */
export interface HttpServerLimits {
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
  maxConnections: number;
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
    requestTimeoutMs: parseInteger(env, 'REQUEST_TIMEOUT_MS', 30_000, 100, 600_000),
    cursorSecret: parseSecret(env, 'CURSOR_SECRET') ?? randomBytes(32).toString('base64url'),
    routerSecret: parseSecret(env, 'ROUTER_SECRET'),
    maxResponseErrors: parseInteger(env, 'MAX_RESPONSE_ERRORS', 50, 1, 10_000),
    rateLimit: parseRateLimit(env),
    http: {
      headersTimeoutMs: parseInteger(env, 'SERVER_HEADERS_TIMEOUT_MS', 10_000, 1_000, 600_000),
      requestTimeoutMs: parseInteger(env, 'SERVER_REQUEST_TIMEOUT_MS', 60_000, 1_000, 3_600_000),
      keepAliveTimeoutMs: parseInteger(env, 'SERVER_KEEP_ALIVE_TIMEOUT_MS', 5_000, 1, 600_000),
      maxConnections: parseInteger(env, 'SERVER_MAX_CONNECTIONS', 1_000, 1, 1_000_000),
    },
    mutations: parseMutationConfig(env),
  };
}

/** A secret of at least 32 characters, or null when unset. */
function parseSecret(env: Env, name: string): string | null {
  if (!isSet(env[name])) return null;
  if (env[name].length < 32) throw new ConfigError(`${name} must be at least 32 characters.`);
  return env[name];
}

/** `RATE_LIMIT_POINTS` (0 turns the limit off) per `RATE_LIMIT_WINDOW_SECONDS`. */
function parseRateLimit(env: Env): ServerConfig['rateLimit'] {
  const points = parseInteger(env, 'RATE_LIMIT_POINTS', 200_000, 0, 1_000_000_000);
  const windowSeconds = parseInteger(env, 'RATE_LIMIT_WINDOW_SECONDS', 60, 1, 86_400);
  return points === 0 ? null : { points, windowSeconds };
}

/** Client JWTs: a shared HS256 secret or a JWKS URL (not both); unset leaves the gateway open. */
function parseClientAuth(env: Env): ClientAuthConfig | null {
  const issuer = isSet(env.AUTH_JWT_ISSUER) ? env.AUTH_JWT_ISSUER.trim() : null;
  const audience = isSet(env.AUTH_JWT_AUDIENCE) ? env.AUTH_JWT_AUDIENCE.trim() : null;
  const requireExp = parseBoolean(env, 'AUTH_JWT_REQUIRE_EXP', true);
  if (isSet(env.AUTH_JWT_SECRET) && isSet(env.AUTH_JWKS_URL)) throw new ConfigError('Set AUTH_JWT_SECRET or AUTH_JWKS_URL, not both.');
  if (isSet(env.AUTH_JWT_SECRET)) {
    if (env.AUTH_JWT_SECRET.length < 32) throw new ConfigError('AUTH_JWT_SECRET must be at least 32 characters.');
    return { kind: 'shared-secret', secret: env.AUTH_JWT_SECRET, issuer, audience, requireExp };
  }
  if (isSet(env.AUTH_JWKS_URL)) return { kind: 'jwks', jwksUrl: parseUrl(env, 'AUTH_JWKS_URL'), issuer, audience, requireExp };
  return null;
}

import { parseProfile } from './production-profile.js';
import { isSet, parseBoolean, parseInteger, ConfigError, type Env } from '../config-values.js';
import { DEFAULT_SCOPE_NAMES, type MutationAccess } from '../context.js';

/** How mutations are authorised and replayed (README, "Room control"). */
export interface MutationConfig {
  /** `MUTATIONS_WITHOUT_AUTH`: with client auth off, allow every mutation (development only; the sandbox turns it on). */
  withoutAuth: boolean;
  /** `MUTATION_SCOPE_WRITE` / `_JOIN` / `_ADMIN`. */
  scopeNames: { write: string; join: string; admin: string };
  /** How long an idempotency key remembers its first result (`IDEMPOTENCY_TTL_SECONDS`). */
  idempotencyTtlSeconds: number;
  /** How many keys are remembered at most, the oldest forgotten first (`IDEMPOTENCY_MAX_KEYS`). */
  idempotencyMaxKeys: number;
}

/** A scope name: printable, no spaces (scopes travel space-separated in `scope`). */
const SCOPE_NAME = /^[\x21-\x7e]{1,64}$/;

/** The most scopes read from one token, and the longest `scope` string looked at. */
const MAX_SCOPES = 100;
const MAX_SCOPE_TEXT = 4096;

/** The mutation settings of the environment; ConfigError names a bad variable. */
export function parseMutationConfig(env: Env): MutationConfig {
  const scopeName = (name: string, fallback: string) => {
    const value = isSet(env[name]) ? env[name].trim() : fallback;
    if (!SCOPE_NAME.test(value)) throw new ConfigError(`${name} must be 1 to 64 printable characters without spaces.`);
    return value;
  };
  const withoutAuth = parseBoolean(env, 'MUTATIONS_WITHOUT_AUTH', false);
  if (withoutAuth && parseProfile(env) === 'production') {
    throw new ConfigError('MUTATIONS_WITHOUT_AUTH is for development: the production profile needs client auth (AUTH_JWT_SECRET or AUTH_JWKS_URL) for mutations.');
  }
  return {
    withoutAuth,
    scopeNames: {
      write: scopeName('MUTATION_SCOPE_WRITE', DEFAULT_SCOPE_NAMES.write),
      join: scopeName('MUTATION_SCOPE_JOIN', DEFAULT_SCOPE_NAMES.join),
      admin: scopeName('MUTATION_SCOPE_ADMIN', DEFAULT_SCOPE_NAMES.admin),
    },
    idempotencyTtlSeconds: parseInteger(env, 'IDEMPOTENCY_TTL_SECONDS', 86_400, 1, 30 * 86_400),
    idempotencyMaxKeys: parseInteger(env, 'IDEMPOTENCY_MAX_KEYS', 10_000, 1, 10_000_000),
  };
}

/**
 * Who may run mutations in one request. With client auth on, the verified JWT decides (its `sub`,
 * and its scopes from `scope` (space-separated, RFC 8693), `scp` or `permissions`); the switch then
 * changes nothing. With client auth off, mutations run only when `MUTATIONS_WITHOUT_AUTH` is on.
 */
export function toMutationAccess(config: MutationConfig, clientAuth: boolean, payload: Record<string, unknown> | undefined): MutationAccess {
  const scopeNames = config.scopeNames;
  if (!clientAuth) return { mode: config.withoutAuth ? 'development' : 'disabled', subject: null, scopes: new Set(), scopeNames };
  const subject = typeof payload?.sub === 'string' && payload.sub !== '' ? payload.sub : null;
  return { mode: 'client-auth', subject, scopes: readScopes(payload ?? {}), scopeNames };
}

function readScopes(payload: Record<string, unknown>): ReadonlySet<string> {
  const scopes: string[] = [];
  for (const claim of [payload.scope, payload.scp, payload.permissions]) {
    if (typeof claim === 'string' && claim.length <= MAX_SCOPE_TEXT) scopes.push(...claim.split(' '));
    if (Array.isArray(claim)) scopes.push(...claim.slice(0, MAX_SCOPES).filter((item): item is string => typeof item === 'string'));
  }
  return new Set(scopes.filter(Boolean).slice(0, MAX_SCOPES));
}

import { ConfigError, isSet, parseChoice, type Env } from '../config-values.js';

/** Which defaults the gateway runs with: friendly for a developer, or safe for production. */
export type Profile = 'production' | 'development';

/** The variables that enable a provider; the production profile needs one of these groups. */
const CREDENTIAL_GROUPS = ['PLUGNMEET_URL, PLUGNMEET_API_KEY and PLUGNMEET_API_SECRET', 'VIDEOSDK_API_KEY and VIDEOSDK_API_SECRET', 'TELNYX_API_KEY'];

/**
 * The profile: `ROOMGRAPH_PROFILE` (`production` or `development`) when set, else `production`
 * exactly when `NODE_ENV=production`.
 */
export function parseProfile(env: Env): Profile {
  const fallback = env.NODE_ENV?.trim().toLowerCase() === 'production' ? 'production' : 'development';
  return parseChoice(env, 'ROOMGRAPH_PROFILE', fallback, ['production', 'development']) as Profile;
}

/**
 * The environment with the profile's defaults filled in where a variable is unset: production
 * turns GraphiQL and introspection off. Explicit values always win.
 */
export function withProfileDefaults(env: Env): Env {
  if (parseProfile(env) !== 'production') return env;
  const defaults: Env = { INTROSPECTION: 'false', GRAPHIQL: 'false' };
  const filled = Object.entries(defaults).map(([name, value]) => [name, isSet(env[name]) ? env[name] : value]);
  return { ...env, ...Object.fromEntries(filled) };
}

/**
 * Refuses to start the production profile without provider credentials (it never falls back to
 * the demo simulators); the message names the variables, never a value.
 */
export function checkProductionCredentials(profile: Profile, hasCredentials: boolean): void {
  if (profile !== 'production' || hasCredentials) return;
  throw new ConfigError(
    `the production profile (NODE_ENV=production) serves no demo data: set ${CREDENTIAL_GROUPS.join(', or ')}. ` +
      'Unset NODE_ENV (or set ROOMGRAPH_PROFILE=development) to run the sandbox.',
  );
}

/** Yoga's CORS option: listed origins; in production nothing cross-origin unless listed; else any. */
export function toCorsOptions(corsOrigins: string[] | null, profile: Profile): { origin: string[]; credentials: true } | false | undefined {
  if (corsOrigins) return { origin: corsOrigins, credentials: true };
  return profile === 'production' ? false : undefined;
}

/** Readers of configuration values from the environment; every error names the variable, never its value. */

/** A configuration value is missing or invalid; the message names the variable, never its value. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** The environment, as `process.env` gives it. */
export type Env = Record<string, string | undefined>;

/** Whether a variable holds something other than blanks. */
export function isSet(value: string | undefined): value is string {
  return value !== undefined && value.trim() !== '';
}

/** An integer in [min, max], or `fallback` when unset. */
export function parseInteger(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (!isSet(raw)) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}.`);
  }
  return value;
}

/** A number in [min, max], or `fallback` when unset. */
export function parseDecimal(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (!isSet(raw)) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a number from ${min} to ${max}.`);
  }
  return value;
}

/** true/1/yes/on or false/0/no/off, or `fallback` when unset. */
export function parseBoolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (!isSet(raw)) return fallback;
  if (['true', '1', 'yes', 'on'].includes(raw)) return true;
  if (['false', '0', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(`${name} must be true or false.`);
}

/** One of `choices` (case-insensitive), or `fallback` when unset. */
export function parseChoice(env: Env, name: string, fallback: string, choices: string[]): string {
  const raw = env[name]?.trim().toLowerCase();
  if (!isSet(raw)) return fallback;
  if (!choices.includes(raw)) throw new ConfigError(`${name} must be one of ${choices.join(', ')}.`);
  return raw;
}

/** An http(s) URL without credentials and trailing slash; `fallback` when unset, an error when neither. */
export function parseUrl(env: Env, name: string, fallback?: string): string {
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

/**
 * Whether a provider's credential group is configured: false when none of `credentials` is set;
 * otherwise every credential and every other `required` variable must be set too (ConfigError
 * names the first missing variable, never a value).
 */
export function isGroupConfigured(env: Env, credentials: readonly string[], required: readonly string[] = []): boolean {
  if (!credentials.some((name) => isSet(env[name]))) return false;
  for (const name of [...required, ...credentials]) {
    if (!isSet(env[name])) throw new ConfigError(`${name} must be set when ${credentials.join('/')} is configured.`);
  }
  return true;
}

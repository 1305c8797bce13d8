import type { UpstreamTimeouts } from './providers/upstream-http.js';

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

function isSet(value: string | undefined): value is string {
  return value !== undefined && value.trim() !== '';
}

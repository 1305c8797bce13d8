import { isSet, parseBoolean, parseChoice, parseInteger, type Env } from '../config-values.js';
import { parseProfile, type Profile } from './production-profile.js';
import { parseTracingConfig, type TracingConfig } from './tracing-config.js';

/** How `/ready` judges the providers' probes. */
export interface ReadinessConfig {
  /** `all`: every provider must be usable; `any`: one usable provider is enough (partial data). */
  require: 'all' | 'any';
  /** How often the providers are probed (and how old a probe `/ready` trusts). */
  intervalMs: number;
  /** The longest one probe may take. */
  timeoutMs: number;
}

/** How the gateway is run and observed: profile, listening, compression, readiness, metrics, traces. */
export interface OperationsConfig {
  profile: Profile;
  /** The interface to listen on. */
  host: string;
  /** gzip/deflate responses for clients that accept them (streamed multipart answers excepted). */
  compression: boolean;
  /** Automatic persisted queries (Apollo's APQ protocol), unless an allow-list is configured. */
  automaticPersistedQueries: boolean;
  readiness: ReadinessConfig;
  /** `/metrics` on the main port (`port: null`), on a port of its own, or off. */
  metrics: { enabled: boolean; port: number | null };
  /** OTLP trace export; null when no OTLP endpoint is configured. */
  tracing: TracingConfig | null;
}

/** Reads the operations variables (README, "Configuration"); errors name the variable. */
export function parseOperationsConfig(env: Env): OperationsConfig {
  return {
    profile: parseProfile(env),
    host: isSet(env.HOST) ? env.HOST.trim() : '0.0.0.0',
    compression: parseBoolean(env, 'COMPRESSION', true),
    automaticPersistedQueries: parseBoolean(env, 'APQ', true),
    readiness: {
      require: parseChoice(env, 'READY_REQUIRE', 'all', ['all', 'any']) as 'all' | 'any',
      intervalMs: parseInteger(env, 'READY_PROBE_INTERVAL_MS', 15_000, 10, 3_600_000),
      timeoutMs: parseInteger(env, 'READY_PROBE_TIMEOUT_MS', 5_000, 10, 600_000),
    },
    metrics: {
      enabled: parseBoolean(env, 'METRICS', true),
      port: isSet(env.METRICS_PORT) ? parseInteger(env, 'METRICS_PORT', 0, 0, 65535) : null,
    },
    tracing: parseTracingConfig(env),
  };
}

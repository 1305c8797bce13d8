import { ConfigError, isSet, parseUrl, type Env } from '../config-values.js';

/** Where spans go: an OTLP/HTTP (JSON) traces endpoint, from the standard `OTEL_*` variables. */
export interface TracingConfig {
  /** The full traces URL, e.g. `http://collector:4318/v1/traces`. */
  url: string;
  serviceName: string;
}

/**
 * Tracing is on when `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` or `OTEL_EXPORTER_OTLP_ENDPOINT` is set,
 * unless `OTEL_SDK_DISABLED=true` or `OTEL_TRACES_EXPORTER=none`. The exporter itself reads the
 * other standard variables (`OTEL_EXPORTER_OTLP_HEADERS`, `_TIMEOUT`, `OTEL_TRACES_SAMPLER`, …).
 */
export function parseTracingConfig(env: Env): TracingConfig | null {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return null;
  const exporters = (env.OTEL_TRACES_EXPORTER ?? 'otlp').split(',').map((name) => name.trim().toLowerCase());
  if (!exporters.includes('otlp')) return null;
  const url = isSet(env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT)
    ? parseUrl(env, 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT')
    : isSet(env.OTEL_EXPORTER_OTLP_ENDPOINT)
      ? `${parseUrl(env, 'OTEL_EXPORTER_OTLP_ENDPOINT')}/v1/traces`
      : null;
  if (!url) return null;
  const protocol = (env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL ?? env.OTEL_EXPORTER_OTLP_PROTOCOL ?? 'http/json').trim();
  if (protocol !== 'http/json') throw new ConfigError('OTEL_EXPORTER_OTLP_PROTOCOL must be http/json (traces are sent as OTLP/HTTP JSON).');
  return { url, serviceName: isSet(env.OTEL_SERVICE_NAME) ? env.OTEL_SERVICE_NAME.trim() : 'roomgraph' };
}

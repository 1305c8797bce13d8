import type { OperationsConfig } from './operations-config.js';

/**
 * The start-up lines: which profile runs, where the graph is served, whether the sandbox stands in
 * for the providers. GraphiQL is advertised only when it is on.
 */
export function toBanner(config: { operations: OperationsConfig; server: { graphiql: boolean } }, port: number, providerNames: readonly string[], sandbox: boolean): string[] {
  const { profile, host, metrics, tracing } = config.operations;
  const shownHost = host === '0.0.0.0' || host === '::' || host === '127.0.0.1' ? 'localhost' : host;
  const endpoint = `http://${shownHost}:${port}/graphql`;
  const lines = [`roomgraph: ${profile} profile, listening on ${host}:${port}`];
  if (sandbox) lines.push('roomgraph: no provider credentials set, serving the built-in sandbox upstreams (demo data).');
  lines.push(config.server.graphiql ? `roomgraph: GraphiQL at ${endpoint}` : `roomgraph: GraphQL endpoint at ${endpoint} (GraphiQL off)`);
  lines.push(`roomgraph: providers enabled: ${providerNames.join(', ') || 'none'}`);
  const metricsAt = metrics.port === null ? `:${port}/metrics` : `:${metrics.port}/metrics`;
  lines.push(`roomgraph: metrics ${metrics.enabled ? `at ${metricsAt}` : 'off'}; traces ${tracing ? `to ${tracing.url}` : 'off (no OTEL_EXPORTER_OTLP_ENDPOINT)'}`);
  return lines;
}

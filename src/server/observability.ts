import type { Plugin } from 'graphql-yoga';
import type { VideoProvider } from '../domain/provider.js';
import { useErrorLog } from './error-log.js';
import type { Logger } from './logging.js';
import { createMetrics, type GatewayMetrics } from './metrics.js';
import { useMetrics } from './metrics-plugin.js';
import type { OperationsConfig } from './operations-config.js';
import { createReadinessMonitor, type ReadinessMonitor } from './readiness.js';
import { currentRequestScope } from './request-context.js';
import { createTracing, type GatewayTracing } from './tracing.js';
import type { UpstreamAttemptEvent } from '../domain/upstream-attempts.js';

/** Metrics, traces, readiness and error logs of one gateway, fed by the server and the HTTP layer. */
export interface Observability {
  metrics: GatewayMetrics;
  tracing: GatewayTracing;
  /** The HTTP layer's one report per upstream attempt: logged, counted. */
  onAttempt: (report: UpstreamAttemptEvent) => void;
  /** The HTTP layer's attempt starts: traced. */
  onAttemptStart: GatewayTracing['onAttemptStart'];
  /** Set once the providers exist; creates their readiness monitor. */
  watch(providers: readonly VideoProvider[]): ReadinessMonitor;
  /** The yoga plugins: request metrics (and `/metrics`), request spans, error logs. */
  plugins(graphqlPath: string): Plugin[];
  close(): Promise<void>;
}

/** Creates the gateway's observability from the operations config. */
export function createObservability(operations: OperationsConfig, logger: Logger): Observability {
  const metrics = createMetrics();
  const tracing = createTracing(operations.tracing);
  let readiness: ReadinessMonitor | null = null;
  return {
    metrics,
    tracing,
    onAttempt: (event) => {
      logger.info({ msg: 'upstream call', requestId: currentRequestScope()?.requestId, ...event });
      metrics.recordAttempt(event);
    },
    onAttemptStart: tracing.onAttemptStart,
    watch: (providers) => {
      readiness = createReadinessMonitor(providers, operations.readiness, logger);
      metrics.watchProviders(providers, readiness.statusOf);
      return readiness;
    },
    plugins: (graphqlPath) => [
      tracing.plugin,
      ...(operations.metrics.enabled ? [useMetrics(metrics, { graphqlPath, serveEndpoint: operations.metrics.port === null })] : []),
      useErrorLog(logger),
    ],
    close: async () => {
      readiness?.stop();
      await tracing.shutdown();
    },
  };
}

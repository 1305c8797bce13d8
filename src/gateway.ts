import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { useDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { createYoga, useReadinessCheck, type Plugin, type YogaServerInstance, type YogaServerOptions } from 'graphql-yoga';
import type { GatewayConfig } from './config.js';
import type { ServerConfig } from './server/server-config.js';
import { createContext, type GatewayContext } from './context.js';
import type { VideoProvider } from './domain/provider.js';
import { EXAMPLE_QUERY } from './server/example-query.js';
import { usePartialFailures } from './server/partial-failures-plugin.js';
import { createProviders } from './providers/create-providers.js';
import { schema } from './schema/index.js';
import { useClientAuth } from './server/client-auth.js';
import { createLogger, useRequestLog, type Logger } from './server/logging.js';
import { useAllowListedOperations } from './server/persisted-operations.js';
import { createObservability, type Observability } from './server/observability.js';
import { clientConveniencePlugins } from './server/client-conveniences.js';
import { toCorsOptions } from './server/production-profile.js';
import type { ReadinessMonitor } from './server/readiness.js';
import { useRequestSizeLimit } from './server/request-size.js';
import { createErrorReporting } from './server/yoga-logger.js';

/** The gateway: a yoga app (not listening) and the providers it reads from. */
export interface Gateway {
  yoga: YogaServerInstance<Record<string, unknown>, GatewayContext>;
  providers: readonly VideoProvider[];
  logger: Logger;
  /** Metrics, traces and error logs (issue 14); `readiness` probes the providers. */
  observability: Observability;
  readiness: ReadinessMonitor;
  /** Marks the gateway as shutting down: `/ready` answers 503 from now on. */
  drain(): void;
  /** Closes every upstream connection pool. */
  close(): Promise<void>;
}

type YogaPlugins = NonNullable<YogaServerOptions<Record<string, unknown>, GatewayContext>['plugins']>;

/** Headers that mark a request as not forgeable cross-site (CSRF prevention). */
const CSRF_HEADERS = ['x-graphql-yoga-csrf', 'apollo-require-preflight', 'graphql-require-preflight'];

/**
 * Wires config → providers → a fresh context (sources and loaders) per request → yoga. It does not
 * listen: `main.ts` does, and tests call `gateway.yoga.fetch()` in process.
 */
export function createGateway(config: GatewayConfig, options: { logger?: Logger } = {}): Gateway {
  const logger = options.logger ?? createLogger(config.server.logLevel);
  const observability = createObservability(config.operations, logger);
  const providers = createProviders(config, observability.onAttempt, observability.onAttemptStart);
  const readiness = observability.watch(providers);
  const errorReporting = createErrorReporting(logger);
  let draining = false;
  const server = config.server;
  const yoga = createYoga<Record<string, unknown>, GatewayContext>({
    schema,
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/health',
    context: ({ request }) => createContext(providers, server.queryLimits, request.signal),
    maskedErrors: { maskError: errorReporting.maskError },
    logging: errorReporting.logger,
    renderGraphiQL,
    graphiql: server.graphiql ? { title: 'roomgraph', defaultQuery: EXAMPLE_QUERY } : false,
    landingPage: false,
    cors: toCorsOptions(server.corsOrigins, config.operations.profile),
    plugins: [
      useRequestLog(logger),
      ...observability.plugins('/graphql'),
      useRequestSizeLimit(server.queryLimits.maxBodyBytes),
      useReadinessCheck({
        endpoint: '/ready',
        check: async ({ fetchAPI }) => {
          const report = await readiness.report(draining);
          return Response.json.call(fetchAPI.Response, report, { status: report.ready ? 200 : 503 });
        },
      }),
      ...serverPlugins(server),
      usePartialFailures(),
      ...clientConveniencePlugins(config.operations, server.persistedOperationsFile !== null),
    ],
  });
  return {
    yoga,
    providers,
    logger,
    observability,
    readiness,
    drain: () => void (draining = true),
    close: async () => void (await Promise.all([...providers.map((provider) => provider.close()), observability.close()])),
  };
}

/** The switches of `ServerConfig`: client auth, CSRF, query limits, introspection, allow-list. */
function serverPlugins(server: ServerConfig): YogaPlugins {
  const limits = server.queryLimits;
  return [
    ...(server.clientAuth ? [useClientAuth(server.clientAuth)] : []),
    ...(server.csrfPrevention ? [useCSRFPrevention({ requestHeaders: CSRF_HEADERS })] : []),
    EnvelopArmorPlugin({
      maxTokens: { n: limits.maxTokens },
      maxAliases: { n: limits.maxAliases },
      maxDirectives: { n: limits.maxDirectives },
      maxDepth: { n: limits.maxDepth },
      costLimit: { enabled: false },
      blockFieldSuggestion: { enabled: !server.introspection },
    }) as Plugin,
    ...(server.introspection ? [] : [useDisableIntrospection()]),
    ...(server.persistedOperationsFile ? [useAllowListedOperations(server.persistedOperationsFile)] : []),
  ];
}

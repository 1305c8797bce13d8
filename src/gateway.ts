import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { useDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection';
import { createYoga, useReadinessCheck, type GraphiQLOptions, type Plugin, type YogaServerInstance, type YogaServerOptions } from 'graphql-yoga';
import { toUpstreamOptions, type GatewayConfig } from './config.js';
import type { ServerConfig } from './server/server-config.js';
import { createContext, type GatewayContext, type MutationAccess } from './context.js';
import type { VideoProvider } from './domain/provider.js';
import { createErrorMask } from './server/error-mask.js';
import type { GatewayError } from './domain/errors.js';
import { EXAMPLE_QUERY, ROOM_CONTROL_EXAMPLE } from './server/example-query.js';
import { usePartialFailures } from './server/partial-failures-plugin.js';
import { createProviders } from './providers/registry.js';
import { createUpstreamSharing } from './providers/cache/upstream-sharing.js';
import { createWebhookReceivers } from './providers/webhook-registry.js';
import { createCursorSigner } from './schema/cursors.js';
import { createMemoryIdempotencyStore } from './schema/idempotency-store.js';
import { toMutationAccess } from './server/mutation-access.js';
import { createRoomChangeFeed, type RoomChangeFeed } from './domain/room-changes.js';
import { schema } from './schema/index.js';
import { toClientIdentity, useClientAuth } from './server/client-auth.js';
import { createLiveEvents, type LiveEvents } from './server/live-events.js';
import { useInputLimits } from './server/input-limits.js';
import { createLogger, useRequestLog, type Logger } from './server/logging.js';
import { useAllowListedOperations } from './server/persisted-operations.js';
import { clientConveniencePlugins } from './server/client-conveniences.js';
import { createObservability, type Observability } from './server/observability.js';
import { toCorsOptions } from './server/production-profile.js';
import { useClientRateLimit } from './server/rate-limit.js';
import type { ReadinessMonitor } from './server/readiness.js';
import { currentRequestScope } from './server/request-context.js';
import { createRequestSignals } from './server/request-signals.js';
import { useRequestSizeLimit } from './server/request-size.js';
import { useErrorCeiling } from './server/response-bounds.js';
import { createResponseCache } from './server/response-cache.js';
import { useRouterOnlySdl } from './server/router-sdl.js';
import { createErrorReporting } from './server/yoga-logger.js';

/** The gateway: a yoga app (not listening) and the providers it reads from. */
export interface Gateway {
  yoga: YogaServerInstance<Record<string, unknown>, GatewayContext>;
  providers: readonly VideoProvider[];
  logger: Logger;
  /** Room changes announced in this process (live events, writes); caches listen to it. */
  roomChanges: RoomChangeFeed;
  /** Metrics, traces and error logs (issue 14); `readiness` probes the providers. */
  observability: Observability;
  readiness: ReadinessMonitor;
  /** Live events: the bus subscriptions read from, fed by the webhook routes. */
  live: LiveEvents;
  /** Marks the gateway as shutting down: `/ready` answers 503 from now on, and live subscriptions end. */
  drain(): void;
  /** Aborts every request in flight (and any later one) with SHUTTING_DOWN: their upstream calls stop. */
  abortInFlight(): void;
  /** Closes every upstream connection pool (destroying it when calls hang past a short grace). */
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
  const sharing = createUpstreamSharing(config.cache, (event) => logger.warn(event));
  const providers = createProviders(config.providers, {
    ...toUpstreamOptions(config, observability.onAttempt, observability.onAttemptStart),
    sharing,
  });
  const readiness = observability.watch(providers);
  let draining = false;
  const server = config.server;
  const signals = createRequestSignals(server.requestTimeoutMs);
  const cursors = createCursorSigner(server.cursorSecret);
  const roomChanges = createRoomChangeFeed();
  const mutations = server.mutations;
  const idempotency = createMemoryIdempotencyStore({ ttlMs: mutations.idempotencyTtlSeconds * 1000, maxKeys: mutations.idempotencyMaxKeys });
  sharing.listen(roomChanges);
  const responses = createResponseCache(config.cache.response, { roomChanges, clientAuth: server.clientAuth !== null });
  const contextFor = (access: MutationAccess, signal: AbortSignal): GatewayContext =>
    createContext(providers, { queryLimits: server.queryLimits, signal, cursors, roomChanges, access, idempotency, roomEvents: live.bus });
  const live: LiveEvents = createLiveEvents(config.live, {
    logger,
    roomChanges,
    receivers: createWebhookReceivers(config.webhooks),
    onWebhook: observability.metrics.recordWebhook,
    sharing: {
      identityOf: (context) => toClientIdentity((context as { jwt?: { payload?: Record<string, unknown> } }).jwt?.payload),
      contextFor: (subscriber, signal) => contextFor((subscriber as GatewayContext).roomControl.access, signal),
    },
  });
  observability.metrics.watchCache(sharing.report);
  observability.metrics.watchResponseCache(responses.report);
  observability.metrics.watchSubscriptions(() => ({
    subscribers: live.subscriptions.subscriberCount(),
    executions: live.subscriptions.executionCount(),
    bufferedEvents: live.subscriptions.bufferedResults() + live.bus.bufferedEvents(),
  }));
  const logUpstreamError = (error: GatewayError) =>
    logger.warn({ msg: 'upstream error', requestId: currentRequestScope()?.requestId, code: error.code, detail: error.message });
  const errorReporting = createErrorReporting(logger, createErrorMask({ hideSuggestions: !server.introspection, logUpstreamError }));
  const yoga = createYoga<Record<string, unknown>, GatewayContext>({
    schema,
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/health',
    // The body limit is `useRequestSizeLimit`'s (below); Yoga's would pipe every body once more.
    maxRequestBodySize: false,
    context: ({ request, jwt }) => {
      const access = toMutationAccess(mutations, server.clientAuth !== null, (jwt as { payload?: Record<string, unknown> } | undefined)?.payload);
      return contextFor(access, signals.signalOf(request));
    },
    maskedErrors: { maskError: errorReporting.maskError },
    logging: errorReporting.logger,
    renderGraphiQL: renderGraphiQLLazily,
    graphiql: server.graphiql ? { title: 'roomgraph', defaultQuery: EXAMPLE_QUERY, defaultTabs: [{ query: EXAMPLE_QUERY }, { query: ROOM_CONTROL_EXAMPLE }] } : false,
    landingPage: false,
    cors: toCorsOptions(server.corsOrigins, config.operations.profile),
    plugins: [
      useRequestLog(logger),
      signals.plugin,
      ...observability.plugins('/graphql'),
      ...live.plugins,
      useRequestSizeLimit(server.queryLimits.maxBodyBytes),
      useReadinessCheck({
        endpoint: '/ready',
        check: async ({ fetchAPI }) => {
          const report = { ...(await readiness.report(draining)), cache: sharing.report(), responseCache: responses.report() };
          return Response.json.call(fetchAPI.Response, report, { status: report.ready ? 200 : 503 });
        },
      }),
      ...serverPlugins(server),
      usePartialFailures(logUpstreamError),
      useErrorCeiling(server.maxResponseErrors),
      ...clientConveniencePlugins(config.operations, server.persistedOperationsFile !== null),
      // Last: a hit is served in the execute phase after every limit above has run, and the key is
      // built in `onParams` after the allow-list and APQ have put the document in place.
      ...responses.plugins,
    ],
  });
  return {
    yoga,
    providers,
    logger,
    roomChanges,
    observability,
    readiness,
    live,
    drain: () => {
      draining = true;
      // Subscriptions would hold their connections open past the shutdown deadline: end them now.
      live.endSubscriptions();
    },
    abortInFlight: () => signals.abortAll(),
    close: async () => void (responses.close(), await Promise.all([...providers.map((provider) => provider.close()), observability.close(), sharing.close(), live.close()])),
  };
}

/** The switches of `ServerConfig`: client auth, CSRF, query and input limits, introspection, allow-list, rate limit. */
function serverPlugins(server: ServerConfig): YogaPlugins {
  const limits = server.queryLimits;
  return [
    ...(server.clientAuth ? useClientAuth(server.clientAuth) : []),
    ...(server.csrfPrevention ? [useCSRFPrevention({ requestHeaders: CSRF_HEADERS })] : []),
    EnvelopArmorPlugin({
      maxTokens: { n: limits.maxTokens },
      maxAliases: { n: limits.maxAliases },
      maxDirectives: { n: limits.maxDirectives },
      maxDepth: { n: limits.maxDepth },
      costLimit: { enabled: false },
      blockFieldSuggestion: { enabled: !server.introspection },
    }) as Plugin,
    ...(server.introspection ? [] : [useDisableIntrospection(), useRouterOnlySdl(server.routerSecret)]),
    ...(server.persistedOperationsFile ? [useAllowListedOperations(server.persistedOperationsFile)] : []),
    useInputLimits(),
    ...(server.rateLimit ? [useClientRateLimit(server.rateLimit, schema)] : []),
  ];
}

/**
 * GraphiQL's page, with its bundle (≈ 35 MB of heap once loaded) imported on the first page view:
 * a gateway nobody opens GraphiQL on, or one with `GRAPHIQL=false`, never holds it.
 */
async function renderGraphiQLLazily(options: GraphiQLOptions): Promise<string> {
  const { renderGraphiQL } = await import('@graphql-yoga/render-graphiql');
  return renderGraphiQL(options);
}

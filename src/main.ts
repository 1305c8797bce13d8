/**
 * `npm start`: the only module with side effects. Reads the environment once; with no provider
 * credentials it starts the sandbox simulators in process and serves the graph over them.
 */
import type { Server } from 'node:http';
import { ConfigError, parseInteger } from './config-values.js';
import { parseConfig } from './config.js';
import { hasProviderCredentials } from './providers/registry.js';
import { createGateway, type Gateway } from './gateway.js';
import { MAX_SANDBOX_HISTORY } from './sandbox/demo-timeline.js';
import { createLiveSandbox, DEFAULT_LIVE_INTERVAL_MS } from './sandbox/live-sandbox.js';
import { SANDBOX_GATEWAY_DEFAULTS, startSandboxes, type Sandboxes } from './sandbox/sandboxes.js';
import { attachGraphqlWs } from './server/graphql-ws.js';
import { createHttpServer } from './server/http-server.js';
import { toBanner } from './server/banner.js';
import { ListenError, listenOn } from './server/listen.js';
import { createMetricsServer } from './server/metrics-server.js';
import { checkProductionCredentials, parseProfile } from './server/production-profile.js';

async function main(): Promise<void> {
  checkProductionCredentials(parseProfile(process.env), hasProviderCredentials(process.env));
  const history = parseInteger(process.env, 'SANDBOX_HISTORY', 0, 0, MAX_SANDBOX_HISTORY) || undefined;
  const sandbox = hasProviderCredentials(process.env) ? null : await startSandboxes({ history });
  const live = sandbox ? createLiveSandbox(sandbox) : null;
  // The demo sandbox listens on loopback only and lets GraphiQL run mutations, unless the environment says otherwise.
  const config = parseConfig(sandbox ? { ...SANDBOX_GATEWAY_DEFAULTS, ...process.env, ...sandbox.env, ...live!.env } : process.env);
  const gateway = createGateway(config);
  const server = createHttpServer(gateway.yoga, config.server.http);
  const port = await listenOn(server, config.port, config.operations.host);
  // Attached once listening: a WebSocket server re-emits its HTTP server's listen errors as its own.
  const sockets = attachGraphqlWs(server, gateway.yoga, { maxPayloadBytes: config.server.queryLimits.maxBodyBytes });
  const metricsServer = config.operations.metrics.port === null ? null : createMetricsServer(gateway.observability.metrics);
  if (metricsServer) await listenOn(metricsServer, config.operations.metrics.port!, config.operations.host, 'METRICS_PORT');
  // The sandbox's live timeline sends its signed webhooks to this gateway: GraphiQL shows live events at once.
  const timeline = live?.createTimeline({ targetOrigin: `http://127.0.0.1:${port}` });
  const intervalMs = parseInteger(process.env, 'SANDBOX_LIVE_INTERVAL_MS', DEFAULT_LIVE_INTERVAL_MS, 0, 3_600_000);
  if (timeline && intervalMs > 0) timeline.start(intervalMs);
  for (const line of toBanner(config, port, gateway.providers.map((provider) => provider.name), sandbox !== null)) console.log(line);
  console.log(`roomgraph: webhook receivers on: ${gateway.live.receivers.map((name) => `/webhooks/${name}`).join(', ') || 'none'}`);
  const stop = () => {
    metricsServer?.close();
    void timeline?.stop();
    void sockets.close();
    void shutdown(server, gateway, sandbox, config.server.shutdownTimeoutMs);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  // Probe every provider now (its outcome is logged), then periodically for /ready and the metrics.
  void gateway.readiness.probe();
  gateway.readiness.start();
}

/** Extra time after the shutdown timeout for the aborted work to unwind before the exit is forced. */
const FORCED_EXIT_GRACE_MS = 900;

/**
 * Graceful shutdown: `/ready` turns 503, no new connection is accepted, requests in flight finish
 * up to `timeoutMs`; then every request still running is aborted (SHUTTING_DOWN, its upstream calls
 * cut), its connection closed, and the upstream pools destroyed. The process exits within
 * `timeoutMs` plus a second whatever the upstreams do.
 */
async function shutdown(server: Server, gateway: Gateway, sandbox: Sandboxes | null, timeoutMs: number): Promise<void> {
  gateway.drain();
  gateway.logger.info({ msg: 'shutting down', timeoutMs });
  setTimeout(() => exit(gateway, 1, 'forced exit: shutdown overran its deadline'), timeoutMs + FORCED_EXIT_GRACE_MS).unref();
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // Keep-alive connections turn idle as their last response ends: close them as they do.
  const sweeper = setInterval(() => server.closeIdleConnections(), 100);
  const deadline = setTimeout(() => {
    gateway.abortInFlight();
    // Let the aborted requests answer SHUTTING_DOWN, then cut whatever connection is left.
    setTimeout(() => server.closeAllConnections(), 200).unref();
  }, timeoutMs);
  await closed;
  clearInterval(sweeper);
  clearTimeout(deadline);
  await Promise.all([gateway.close(), sandbox?.close()]);
  exit(gateway, 0, 'stopped');
}

function exit(gateway: Gateway, code: number, msg: string): void {
  gateway.logger.info({ msg });
  gateway.logger.flush();
  process.exit(code);
}

main().catch((error: unknown) => {
  // Config errors name the variable, never its value; start-up errors (a port in use) carry none.
  const known = error instanceof ConfigError || error instanceof ListenError;
  const message = known ? error.message : `failed to start: ${(error as Error).message}`;
  console.error(`roomgraph: ${message}`);
  process.exit(1);
});

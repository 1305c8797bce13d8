/**
 * `npm start`: the only module with side effects. Reads the environment once; with no provider
 * credentials it starts the sandbox simulators in process and serves the graph over them.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigError, parseInteger } from './config-values.js';
import { parseConfig } from './config.js';
import { hasProviderCredentials } from './providers/registry.js';
import { createGateway, type Gateway } from './gateway.js';
import { MAX_SANDBOX_HISTORY } from './sandbox/demo-timeline.js';
import { startSandboxes, type Sandboxes } from './sandbox/sandboxes.js';
import { createHttpServer } from './server/http-server.js';

async function main(): Promise<void> {
  const history = parseInteger(process.env, 'SANDBOX_HISTORY', 0, 0, MAX_SANDBOX_HISTORY) || undefined;
  const sandbox = hasProviderCredentials(process.env) ? null : await startSandboxes({ history });
  const config = parseConfig(sandbox ? { ...process.env, ...sandbox.env } : process.env);
  const gateway = createGateway(config);
  const server = createHttpServer(gateway.yoga, config.server.http);
  await new Promise<void>((resolve) => server.listen(config.port, '0.0.0.0', resolve));
  const { port } = server.address() as AddressInfo;
  if (sandbox) {
    console.log('roomgraph: no provider credentials set, serving the built-in sandbox upstreams (demo data).');
  }
  console.log(`roomgraph: GraphiQL at http://localhost:${port}/graphql`);
  console.log(`roomgraph: providers enabled: ${gateway.providers.map((provider) => provider.name).join(', ') || 'none'}`);
  const stop = () => void shutdown(server, gateway, sandbox, config.server.shutdownTimeoutMs);
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
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
  const message = error instanceof ConfigError ? error.message : `failed to start: ${(error as Error).message}`;
  console.error(`roomgraph: ${message}`);
  process.exit(1);
});

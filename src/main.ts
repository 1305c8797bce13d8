/**
 * `npm start`: the only module with side effects. Reads the environment once; with no provider
 * credentials it starts the sandbox simulators in process and serves the graph over them.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigError } from './config-values.js';
import { hasProviderCredentials, parseConfig } from './config.js';
import { createGateway, type Gateway } from './gateway.js';
import { startSandboxes, type Sandboxes } from './sandbox/sandboxes.js';

async function main(): Promise<void> {
  const sandbox = hasProviderCredentials(process.env) ? null : await startSandboxes();
  const config = parseConfig(sandbox ? { ...process.env, ...sandbox.env } : process.env);
  const gateway = createGateway(config);
  const server = createServer(gateway.yoga);
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

/**
 * Graceful shutdown: `/ready` turns 503, no new connection is accepted, requests in flight finish
 * (up to `timeoutMs`, then their connections are cut), and the upstream pools close.
 */
async function shutdown(server: Server, gateway: Gateway, sandbox: Sandboxes | null, timeoutMs: number): Promise<void> {
  gateway.drain();
  gateway.logger.info({ msg: 'shutting down', timeoutMs });
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // Keep-alive connections turn idle as their last response ends: close them as they do.
  const sweeper = setInterval(() => server.closeIdleConnections(), 100);
  const deadline = setTimeout(() => server.closeAllConnections(), timeoutMs);
  await closed;
  clearInterval(sweeper);
  clearTimeout(deadline);
  await Promise.all([gateway.close(), sandbox?.close()]);
  gateway.logger.info({ msg: 'stopped' });
  gateway.logger.flush();
  process.exit(0);
}

main().catch((error: unknown) => {
  // Config errors name the variable, never its value; start-up errors (a port in use) carry none.
  const message = error instanceof ConfigError ? error.message : `failed to start: ${(error as Error).message}`;
  console.error(`roomgraph: ${message}`);
  process.exit(1);
});

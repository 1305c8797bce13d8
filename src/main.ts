/**
 * `npm start`: the only module with side effects. Reads the environment once; with no provider
 * credentials it starts the sandbox simulators in process and serves the graph over them.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigError, hasProviderCredentials, parseConfig } from './config.js';
import { createGateway } from './gateway.js';
import { startSandboxes } from './sandbox/sandboxes.js';

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
  const shutdown = () => {
    server.close(() => void Promise.all([gateway.close(), sandbox?.close()]).then(() => process.exit(0)));
    server.closeIdleConnections();
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  // Config errors name the variable, never its value; start-up errors (a port in use) carry none.
  const message = error instanceof ConfigError ? error.message : `failed to start: ${(error as Error).message}`;
  console.error(`roomgraph: ${message}`);
  process.exit(1);
});

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseConfig } from '../../src/config.js';
import { createGateway, type Gateway } from '../../src/gateway.js';
import { startSandboxes, type Sandboxes } from '../../src/sandbox/sandboxes.js';

/** A gateway served over real HTTP on loopback, reading from the sandbox simulators. */
export interface ServedGateway {
  /** The GraphQL endpoint, `http://127.0.0.1:PORT/graphql`. */
  url: string;
  sandboxes: Sandboxes;
  gateway: Gateway;
  /** Stops the HTTP server (dropping open connections), then the gateway's pools and the simulators. */
  close(): Promise<void>;
}

/**
 * Starts the three provider simulators, a gateway configured from their environment, and a node:http
 * server for it on a free port of 127.0.0.1, for tests that need real HTTP clients or a browser.
 */
export async function serveSandboxGateway(): Promise<ServedGateway> {
  const sandboxes = await startSandboxes();
  // The cache stays off, as in createTestGateway: these tests assert what the upstreams answer.
  const gateway = createGateway(parseConfig({ LOG_LEVEL: 'silent', CACHE_ENABLED: 'false', ...sandboxes.env }));
  const server = createServer(gateway.yoga);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const close = async () => {
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    await gateway.close();
    await sandboxes.close();
  };
  return { url: `http://127.0.0.1:${port}/graphql`, sandboxes, gateway, close };
}

/**
 * A gateway process for the replica tests: configured from its environment (REDIS_URL, webhook
 * keys), served over HTTP, SSE and WebSocket on a free loopback port. Prints `{"port":N}` once its
 * Redis subscription is live; stops on SIGTERM.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseConfig } from '../../src/config.js';
import { createGateway } from '../../src/gateway.js';
import { attachGraphqlWs } from '../../src/server/graphql-ws.js';

const gateway = createGateway(parseConfig({ LOG_LEVEL: 'silent', ...process.env }));
const server = createServer(gateway.yoga);
const sockets = attachGraphqlWs(server, gateway.yoga, { maxPayloadBytes: 64 * 1024 });
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
await gateway.live.bus.ready();
process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
process.once('SIGTERM', () => {
  void sockets.close().then(async () => {
    server.closeAllConnections();
    server.close();
    await gateway.close();
    process.exit(0);
  });
});

import { createServer, type Server } from 'node:http';
import type { GatewayMetrics } from './metrics.js';

/** A bare HTTP server that answers `GET /metrics` (and 404 otherwise), for `METRICS_PORT`. */
export function createMetricsServer(metrics: GatewayMetrics): Server {
  return createServer((request, response) => {
    if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
      response.writeHead(404).end();
      return;
    }
    metrics.render().then(
      ({ contentType, body }) => response.writeHead(200, { 'content-type': contentType }).end(body),
      () => response.writeHead(500).end(),
    );
  });
}

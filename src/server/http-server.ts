import { createServer, type RequestListener, type Server } from 'node:http';
import type { HttpServerLimits } from './server-config.js';

/**
 * A node:http server with its limits set (README, "Limits"): the whole request head must arrive
 * within `headersTimeoutMs` and the whole request within `requestTimeoutMs` (slow clients get 408
 * and their socket closed), idle keep-alive sockets close after `keepAliveTimeoutMs`, and
 * connections past `maxConnections` are refused at accept.
 */
export function createHttpServer(handler: RequestListener, limits: HttpServerLimits): Server {
  const server = createServer({ headersTimeout: limits.headersTimeoutMs, requestTimeout: limits.requestTimeoutMs }, handler);
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.maxConnections = limits.maxConnections;
  return server;
}

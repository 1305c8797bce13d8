import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFaultQueue, serveFault, type FaultReplies, type FaultScope, type SimulatorFault } from './faults.js';

/** One request a simulator received, recorded so tests can count upstream calls. */
export interface RecordedCall {
  method: string;
  /** Path without the query string, exactly as received (percent-encoding kept). */
  path: string;
  /** Decoded query parameters (`filter[room_id]` style keys kept flat). */
  query: Record<string, string>;
  /** The request body as text (empty for GET). */
  body: string;
  /** The request headers, lower-case names (for tests of what the gateway sends, e.g. `traceparent`). */
  headers: Record<string, string>;
}

/** A running upstream simulator on loopback. */
export interface Simulator {
  /** The base URL to configure a gateway or an SDK with. */
  url: string;
  /** The environment assignments that point a gateway at this simulator. */
  env: Record<string, string>;
  /** Every request received since start or the last `resetCalls()`, in arrival order. */
  calls: RecordedCall[];
  resetCalls(): void;
  /** Makes the next matching requests fail this way (they are still recorded in `calls`). */
  injectFault(fault: SimulatorFault, scope?: FaultScope): void;
  /** Drops every fault not yet served. */
  clearFaults(): void;
  /** Stops listening and drops open connections, hanging responses included. */
  close(): Promise<void>;
  /** The node server itself, for tools that observe the traffic (the benchmark counts bytes sent). */
  server: Server;
}

export interface SimulatorListenOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** Ended sessions to seed instead of the demo's own (`SANDBOX_HISTORY`; the benchmark's long histories). */
  history?: number;
}

/** A request handler given the raw body, already recorded. */
export type SimulatorHandler = (request: IncomingMessage, body: Buffer, response: ServerResponse) => void | Promise<void>;

/** What `listenSimulator` gives back: a Simulator but for its `url` and `env`, plus where it listens. */
export type ListeningSimulator = Omit<Simulator, 'url' | 'env'> & { port: number; origin: string };

/**
 * Starts an HTTP server on loopback that records every call, serves an injected fault when one
 * matches the path (in the provider's words from `faultReplies`), and otherwise hands the request,
 * with its whole body read, to `handle`. A handler that throws answers 500 with a JSON body.
 */
export async function listenSimulator(
  handle: SimulatorHandler,
  options: SimulatorListenOptions & { faultReplies: FaultReplies },
): Promise<ListeningSimulator> {
  const calls: RecordedCall[] = [];
  const faults = createFaultQueue();
  const serve = async (request: IncomingMessage, body: Buffer, response: ServerResponse) => {
    const call = toRecordedCall(request, body);
    calls.push(call);
    const fault = faults.take(call.path);
    if (fault && !(await serveFault(fault, response, options.faultReplies))) return;
    await handle(request, body, response);
  };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      serve(request, Buffer.concat(chunks), response).catch(() => {
        if (!response.headersSent) sendJson(response, 500, { message: 'simulator error' });
        else response.destroy();
      });
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  const origin = `http://${toUrlHost(options.host ?? '127.0.0.1')}:${port}`;
  return { server, port, origin, calls, resetCalls: () => void calls.splice(0), injectFault: faults.inject, clearFaults: faults.clear, close };
}

/** A host as it goes in a URL a client can reach (a wildcard listen address becomes loopback). */
function toUrlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

/** Writes a JSON body with the given status. */
export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  response.end(text);
}

function toRecordedCall(request: IncomingMessage, body: Buffer): RecordedCall {
  const url = new URL(request.url ?? '/', 'http://simulator');
  const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : (value ?? '')]));
  return { method: request.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams), body: body.toString('utf8'), headers };
}

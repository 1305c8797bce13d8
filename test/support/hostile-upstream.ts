import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request as undiciRequest } from 'undici';

/**
 * How the proxy misbehaves for the next requests:
 * - `pass`: forwards to the target, then applies `rewrite` (if any) to the JSON answer;
 * - `redirect`: 302 to the target (a gateway must not follow it);
 * - `huge`: 200 with a JSON content type and `bytes` of body streamed in 64 KiB chunks;
 * - `hang`: headers and the start of a body, then nothing, until the client or `close` goes;
 * - `slow-error`: waits `ms`, then answers `status` with `body` as text.
 */
export type HostileMode =
  | { kind: 'pass' }
  | { kind: 'redirect' }
  | { kind: 'huge'; bytes: number }
  | { kind: 'hang' }
  | { kind: 'slow-error'; ms: number; status: number; body: string };

/** A loopback proxy in front of an upstream (a simulator) that can lie, flood, stall and redirect. */
export interface HostileUpstream {
  /** The proxy's origin plus the target's path prefix: configure the gateway with it. */
  url: string;
  /** Paths of every request received, in arrival order. */
  calls: string[];
  /** Requests received whose answer has not ended yet. */
  inFlight(): number;
  setMode(mode: HostileMode): void;
  /** Rewrites every forwarded JSON answer (absurd totals, endless rows, out-of-range values); null stops it. */
  setRewrite(rewrite: ((body: unknown, path: string) => unknown) | null): void;
  close(): Promise<void>;
}

/** Starts a hostile proxy in front of `target` (e.g. a simulator's `url`, `http://127.0.0.1:PORT/v2`). */
export async function startHostileUpstream(target: string): Promise<HostileUpstream> {
  const base = new URL(target);
  let mode: HostileMode = { kind: 'pass' };
  let rewrite: ((body: unknown, path: string) => unknown) | null = null;
  const calls: string[] = [];
  let inFlight = 0;
  const server = createServer((incoming, outgoing) => {
    calls.push(incoming.url ?? '');
    inFlight += 1;
    outgoing.once('close', () => (inFlight -= 1));
    void serve(mode, incoming, outgoing, base, rewrite).catch(() => outgoing.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${base.pathname.replace(/\/+$/, '')}`,
    calls,
    inFlight: () => inFlight,
    setMode: (next) => void (mode = next),
    setRewrite: (next) => void (rewrite = next),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function serve(
  mode: HostileMode,
  incoming: IncomingMessage,
  outgoing: ServerResponse,
  base: URL,
  rewrite: ((body: unknown, path: string) => unknown) | null,
): Promise<void> {
  switch (mode.kind) {
    case 'redirect':
      outgoing.writeHead(302, { location: `${base.origin}${incoming.url}`, 'content-type': 'application/json' });
      outgoing.end('{"data":[]}');
      return;
    case 'huge':
      return streamHuge(outgoing, mode.bytes);
    case 'hang':
      outgoing.writeHead(200, { 'content-type': 'application/json' });
      outgoing.write('{"data": [');
      return;
    case 'slow-error':
      await new Promise((resolve) => setTimeout(resolve, mode.ms));
      if (!outgoing.destroyed) outgoing.writeHead(mode.status, { 'content-type': 'text/plain' }).end(mode.body);
      return;
    case 'pass':
      return forward(incoming, outgoing, base, rewrite);
  }
}

async function forward(incoming: IncomingMessage, outgoing: ServerResponse, base: URL, rewrite: ((body: unknown, path: string) => unknown) | null) {
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  const headers = { ...incoming.headers, host: base.host };
  delete headers['content-length'];
  const answer = await undiciRequest(`${base.origin}${incoming.url}`, {
    method: incoming.method as 'GET',
    headers,
    body: chunks.length ? Buffer.concat(chunks) : undefined,
  });
  let text = await answer.body.text();
  if (rewrite) text = JSON.stringify(rewrite(JSON.parse(text) as unknown, incoming.url ?? ''));
  outgoing.writeHead(answer.statusCode, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  outgoing.end(text);
}

function streamHuge(outgoing: ServerResponse, bytes: number): void {
  const chunk = Buffer.alloc(64 * 1024, ' ');
  let sent = 0;
  outgoing.writeHead(200, { 'content-type': 'application/json' });
  const pump = () => {
    while (sent < bytes && !outgoing.destroyed) {
      sent += chunk.length;
      if (!outgoing.write(chunk)) return void outgoing.once('drain', pump);
    }
    if (!outgoing.destroyed) outgoing.end();
  };
  outgoing.write('{"data": [');
  pump();
}

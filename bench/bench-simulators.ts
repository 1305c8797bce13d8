/**
 * The benchmark's upstreams: the three sandbox simulators in a child process of their own, so
 * their CPU is not counted as any server's. Controlled over IPC: `latency` (a latency fault on
 * every call, or none), `traffic` (calls and bytes sent so far, per provider), `capture` (the exact
 * calls made while on, headers included, for the direct client to replay).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { startSandboxes } from '../src/sandbox/sandboxes.js';

/** One call as the simulator received it. */
export interface CapturedCall {
  provider: string;
  origin: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** Upstream calls and response bytes per provider, since the simulators started. */
export type Traffic = Record<string, { calls: number; bytes: number }>;

const history = Number(process.env.BENCH_HISTORY) || undefined;
const sandboxes = await startSandboxes({ history });
const traffic: Traffic = {};
const written = new WeakMap<Socket, number>();
let captured: CapturedCall[] | null = null;

for (const [provider, simulator] of Object.entries(sandboxes.simulators)) {
  const counts = (traffic[provider] = { calls: 0, bytes: 0 });
  const origin = new URL(simulator.url).origin;
  simulator.server.prependListener('request', (request: IncomingMessage, response: ServerResponse) => {
    counts.calls += 1;
    const socket = request.socket;
    response.once('finish', () => {
      counts.bytes += socket.bytesWritten - (written.get(socket) ?? 0);
      written.set(socket, socket.bytesWritten);
    });
    if (captured) capture(captured, provider, origin, request);
  });
}

function capture(into: CapturedCall[], provider: string, origin: string, request: IncomingMessage): void {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const headers = Object.fromEntries(
      Object.entries(request.headers).filter(([name]) => !['host', 'connection', 'content-length'].includes(name)),
    ) as Record<string, string>;
    into.push({ provider, origin, method: request.method ?? 'GET', url: request.url ?? '/', headers, body: Buffer.concat(chunks).toString('utf8') });
  });
}

process.on('message', (message: { id: number; op: string; ms?: number; on?: boolean }) => {
  switch (message.op) {
    case 'latency':
      for (const simulator of Object.values(sandboxes.simulators)) {
        simulator.clearFaults();
        if (message.ms) simulator.injectFault({ kind: 'latency', ms: message.ms }, { times: Infinity });
      }
      return process.send!({ id: message.id });
    case 'traffic':
      // The simulators' own call records would grow without end under load.
      for (const simulator of Object.values(sandboxes.simulators)) simulator.resetCalls();
      return process.send!({ id: message.id, traffic });
    case 'capture': {
      const calls = captured ?? [];
      captured = message.on ? [] : null;
      return process.send!({ id: message.id, calls });
    }
  }
});
process.send!({ ready: true, env: sandboxes.env });
process.once('SIGTERM', () => void sandboxes.close().then(() => process.exit(0)));

import type { ServerResponse } from 'node:http';

/**
 * A failure a simulator can be told to produce, the same for every provider:
 * - `latency`: wait `ms`, then answer normally;
 * - `status`: answer this status (a string body is sent verbatim as text; no body: the provider's own);
 * - `malformed-json`: 200 with a JSON content type and a body that does not parse;
 * - `truncated-body`: 200 promising more bytes than are sent, then the connection is dropped;
 * - `reset`: drop the connection without an answer;
 * - `hang`: send the headers and the start of a body that never finishes (until the server closes);
 * - `wrong-auth`: answer what the provider answers for bad credentials.
 */
export type SimulatorFault =
  | { kind: 'latency'; ms: number }
  | { kind: 'status'; status: number; body?: unknown; headers?: Record<string, string> }
  | { kind: 'malformed-json' }
  | { kind: 'truncated-body' }
  | { kind: 'reset' }
  | { kind: 'hang' }
  | { kind: 'wrong-auth' };

/** Which requests a fault hits: the next `times` (default 1, `Infinity` until cleared) whose path matches. */
export interface FaultScope {
  times?: number;
  /** The exact path as received, without the query (`/v2/rooms`), or a pattern tested against it. */
  path?: string | RegExp;
}

/** A reply in a provider's own words. */
export interface SimulatorReply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** How a simulator words the faults whose body is provider-specific. */
export interface FaultReplies {
  /** The answer to bad credentials. */
  wrongAuth(): SimulatorReply;
  /** The body and headers of an injected status without a body; a generic JSON message otherwise. */
  status?(status: number): Omit<SimulatorReply, 'status'>;
}

/** The faults waiting to be served, first in first out. */
export interface FaultQueue {
  inject(fault: SimulatorFault, scope?: FaultScope): void;
  clear(): void;
  /** The first queued fault matching the path, counted as served; null when none matches. */
  take(path: string): SimulatorFault | null;
}

/** An empty fault queue. */
export function createFaultQueue(): FaultQueue {
  let queued: { fault: SimulatorFault; remaining: number; path?: string | RegExp }[] = [];
  const matches = (pattern: string | RegExp | undefined, path: string) =>
    pattern === undefined || (typeof pattern === 'string' ? pattern === path : pattern.test(path));
  return {
    inject: (fault, scope = {}) => void queued.push({ fault, remaining: scope.times ?? 1, path: scope.path }),
    clear: () => void (queued = []),
    take: (path) => {
      const entry = queued.find((candidate) => matches(candidate.path, path));
      if (!entry) return null;
      if ((entry.remaining -= 1) <= 0) queued = queued.filter((candidate) => candidate !== entry);
      return entry.fault;
    },
  };
}

/**
 * Serves a fault. Resolves `true` when the request should still reach the simulator's handler
 * (after latency, if the client is still there), `false` when the fault was the whole answer.
 */
export async function serveFault(fault: SimulatorFault, response: ServerResponse, replies: FaultReplies): Promise<boolean> {
  switch (fault.kind) {
    case 'latency':
      return (await waitUnlessClosed(response, fault.ms)) && !response.destroyed;
    case 'status':
      sendStatusFault(response, fault, replies);
      return false;
    case 'wrong-auth':
      sendReply(response, replies.wrongAuth());
      return false;
    case 'malformed-json':
      sendText(response, 200, 'application/json', '{"data": [{"id": "1", ');
      return false;
    case 'truncated-body':
      sendTruncated(response);
      return false;
    case 'reset':
      response.destroy();
      return false;
    case 'hang':
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"data": [');
      return false;
  }
}

function sendStatusFault(response: ServerResponse, fault: Extract<SimulatorFault, { kind: 'status' }>, replies: FaultReplies): void {
  if (typeof fault.body === 'string') {
    sendText(response, fault.status, 'text/plain; charset=utf-8', fault.body, fault.headers);
    return;
  }
  const own = replies.status?.(fault.status) ?? { body: { message: 'Injected fault' } };
  const body = fault.body ?? own.body;
  sendReply(response, { status: fault.status, body, headers: { ...own.headers, ...fault.headers } });
}

function sendReply(response: ServerResponse, reply: SimulatorReply): void {
  sendText(response, reply.status, 'application/json', JSON.stringify(reply.body), reply.headers);
}

function sendText(response: ServerResponse, status: number, type: string, text: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(text), ...headers });
  response.end(text);
}

/** Half of a JSON body under a content-length for all of it; the socket is dropped once that half is out. */
function sendTruncated(response: ServerResponse): void {
  const text = JSON.stringify({ data: [{ id: 'truncated', note: 'x'.repeat(200) }] });
  response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  response.write(text.slice(0, text.length / 2), () => response.destroy());
}

/** Waits `ms`, or less if the client goes away first; resolves whether the full wait passed. */
function waitUnlessClosed(response: ServerResponse, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const onClose = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      response.off('close', onClose);
      resolve(true);
    }, ms);
    response.once('close', onClose);
  });
}

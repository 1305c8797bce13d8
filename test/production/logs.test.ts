import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { createGateway, type Gateway } from '../../src/gateway.js';
import { startSandboxes, type Sandboxes } from '../../src/sandbox/sandboxes.js';
import { createLogger } from '../../src/server/logging.js';

type Line = Record<string, unknown> & { level: number; msg: string };
const INFO = 30;
const WARN = 40;
const ERROR = 50;

let sandboxes: Sandboxes;
beforeAll(async () => {
  sandboxes = await startSandboxes();
});
afterAll(async () => {
  await sandboxes.close();
});

function loggedGateway(env: Record<string, string> = {}): { gateway: Gateway; lines: Line[] } {
  const lines: Line[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const text of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(text) as Line);
      done();
    },
  });
  return { gateway: createGateway(parseConfig({ ...sandboxes.env, ...env }), { logger: createLogger('info', sink) }), lines };
}

async function send(gateway: Gateway, requestId: string, init: RequestInit & { path?: string } = {}): Promise<number> {
  const headers = { 'content-type': 'application/json', 'x-request-id': requestId, ...(init.headers as Record<string, string>) };
  const response = await gateway.yoga.fetch(`http://gateway.test${init.path ?? '/graphql'}`, { method: 'POST', ...init, headers });
  await response.text();
  return response.status;
}

const forRequest = (lines: Line[], requestId: string) => lines.filter((line) => line.requestId === requestId && line.msg !== 'upstream call');

describe('logs', () => {
  it('logs client mistakes at info with their code and the request id, without a stack, once', async () => {
    const { gateway, lines } = loggedGateway({ MAX_QUERY_DEPTH: '3', AUTH_JWT_SECRET: 's'.repeat(40) });
    await send(gateway, 'unauthenticated', { body: JSON.stringify({ query: '{ activeRooms { totalCount } }' }) });
    await gateway.close();
    const open = loggedGateway({ MAX_QUERY_DEPTH: '3' });
    await send(open.gateway, 'bad-variable', { body: JSON.stringify({ query: 'query Q($n: Int!) { activeRooms(first: $n) { totalCount } }', variables: { n: 'x' } }) });
    await send(open.gateway, 'too-deep', { body: JSON.stringify({ query: '{ activeRooms { edges { node { participants { room { title } } } } } }' }) });
    await send(open.gateway, 'no-csrf', { method: 'GET', path: '/graphql?query=%7B__typename%7D', headers: { 'content-type': '' } });
    await open.gateway.close();
    const all = [...lines, ...open.lines];
    const expected = { unauthenticated: 'UNAUTHENTICATED', 'bad-variable': 'BAD_USER_INPUT', 'too-deep': 'QUERY_TOO_DEEP', 'no-csrf': 'CSRF_HEADER_REQUIRED' };
    for (const [requestId, code] of Object.entries(expected)) {
      const logged = forRequest(all, requestId);
      expect(logged.filter((line) => line.msg === 'request error')).toEqual([expect.objectContaining({ level: INFO, code, requestId })]);
      expect(logged.find((line) => line.msg === 'request')).toMatchObject({ level: INFO, errorCodes: [code] });
      expect(logged.every((line) => line.level < ERROR && !JSON.stringify(line).includes('    at '))).toBe(true);
    }
  });

  it('logs an unexpected error at error level with its stack, once, and masks it for the client', async () => {
    const { gateway, lines } = loggedGateway();
    const provider = gateway.providers[0]!;
    const createSource = provider.createSource.bind(provider);
    provider.createSource = (scope) => ({ ...createSource(scope), listActiveRooms: () => Promise.reject(new TypeError('a bug in the gateway')) });
    const response = await gateway.yoga.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'bug' },
      body: JSON.stringify({ query: '{ activeRooms { totalCount } }' }),
    });
    expect(JSON.stringify(await response.json())).not.toContain('a bug in the gateway');
    await gateway.close();
    const errors = forRequest(lines, 'bug').filter((line) => line.level === ERROR);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ msg: 'unexpected error', err: { type: 'TypeError', message: 'a bug in the gateway', stack: expect.stringContaining('    at ') } });
    expect(forRequest(lines, 'bug').find((line) => line.msg === 'request')).toMatchObject({ errorCodes: ['INTERNAL_SERVER_ERROR'] });
  });

  it('logs each partial failure at warn with the provider and code, and the request line carries the codes', async () => {
    const { gateway, lines } = loggedGateway({ UPSTREAM_RETRIES: '0' });
    sandboxes.simulators.telnyx.injectFault({ kind: 'status', status: 500 }, { times: 1 });
    await send(gateway, 'partial', { body: JSON.stringify({ query: '{ activeRooms { totalCount } }' }) });
    await gateway.close();
    const logged = forRequest(lines, 'partial');
    expect(logged.filter((line) => line.msg === 'partial failure')).toEqual([
      expect.objectContaining({ level: WARN, provider: 'TELNYX', code: 'UPSTREAM_UNAVAILABLE', path: 'activeRooms' }),
    ]);
    expect(logged.find((line) => line.msg === 'request')).toMatchObject({ status: 200, errorCodes: ['UPSTREAM_UNAVAILABLE'] });
  });
});

import { spawn, type ChildProcess } from 'node:child_process';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { createGateway } from '../../src/gateway.js';
import { startSandboxes, type Sandboxes } from '../../src/sandbox/sandboxes.js';
import { createLogger } from '../../src/server/logging.js';

let sandboxes: Sandboxes;

beforeAll(async () => {
  sandboxes = await startSandboxes();
});
afterAll(async () => {
  await sandboxes.close();
});

/** A gateway whose JSON log lines are collected. */
function loggedGateway(env: Record<string, string> = {}) {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const gateway = createGateway(parseConfig({ ...sandboxes.env, ...env }), { logger: createLogger('info', sink) });
  return { gateway, lines };
}

describe('operations', () => {
  it('answers /health and /ready, and /ready turns 503 once draining', async () => {
    const { gateway } = loggedGateway();
    const health = await gateway.yoga.fetch('http://gateway.test/health');
    expect(health.status).toBe(200);
    const ready = await gateway.yoga.fetch('http://gateway.test/ready');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      ready: true,
      draining: false,
      require: 'all',
      providers: ['plugnmeet', 'videosdk', 'telnyx'].map((provider) => ({ provider, status: 'ok', circuit: 'closed', checkedAt: expect.any(String) })),
      cache: { enabled: true, backend: 'memory', status: 'up', lastError: null, stats: expect.any(Object) },
      responseCache: { enabled: true, backend: 'memory', ttlMs: 1000, stats: { hits: 0, misses: 0, evictions: 0, bytes: 0, entries: 0 } },
    });
    gateway.drain();
    expect((await gateway.yoga.fetch('http://gateway.test/ready')).status).toBe(503);
    await gateway.close();
  });

  it('is not ready when every provider\'s circuit is open', async () => {
    const { gateway } = loggedGateway({ UPSTREAM_BREAKER_FAILURES: '1', UPSTREAM_RETRIES: '0' });
    for (const simulator of Object.values(sandboxes.simulators)) simulator.injectFault({ kind: 'status', status: 503 }, { times: Infinity });
    try {
      await gateway.yoga.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ activeRooms { totalCount } }' }),
      });
      const ready = await gateway.yoga.fetch('http://gateway.test/ready');
      expect(ready.status).toBe(503);
      expect(((await ready.json()) as { providers: { circuit: string }[] }).providers.map((provider) => provider.circuit)).toEqual(['open', 'open', 'open']);
    } finally {
      for (const simulator of Object.values(sandboxes.simulators)) simulator.clearFaults();
      await gateway.close();
    }
  });

  it('logs one line per request and per upstream call, tied by the request id it echoes', async () => {
    const { gateway, lines } = loggedGateway();
    const response = await gateway.yoga.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'req-42' },
      body: JSON.stringify({ query: 'query Live { activeRooms { totalCount } }', operationName: 'Live' }),
    });
    expect(response.headers.get('x-request-id')).toBe('req-42');
    const requests = lines.filter((line) => line.msg === 'request');
    const calls = lines.filter((line) => line.msg === 'upstream call');
    expect(requests).toEqual([expect.objectContaining({ requestId: 'req-42', method: 'POST', path: '/graphql', status: 200, operationName: 'Live' })]);
    expect(new Set(calls.map((call) => call.provider))).toEqual(new Set(['plugnmeet', 'videosdk', 'telnyx']));
    expect(calls.every((call) => call.requestId === 'req-42' && call.outcome === 'ok' && typeof call.durationMs === 'number')).toBe(true);
    await gateway.close();
  });
});

describe('graceful shutdown', () => {
  let child: ChildProcess | undefined;
  afterAll(() => child?.kill('SIGKILL'));

  it('finishes the request in flight on SIGTERM, then exits 0', async () => {
    child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { ...process.env, ...sandboxes.env, PORT: '0', LOG_LEVEL: 'silent', SHUTDOWN_TIMEOUT_MS: '5000' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const url = await new Promise<string>((resolve, reject) => {
      let output = '';
      child!.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /GraphiQL at (http:\/\/localhost:\d+\/graphql)/.exec(output);
        if (match) resolve(match[1]!);
      });
      child!.once('exit', () => reject(new Error(`gateway exited early: ${output}`)));
    });
    sandboxes.simulators.plugnmeet.injectFault({ kind: 'latency', ms: 800 }, { times: 1 });
    const inFlight = fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ activeRooms(provider: PLUGNMEET) { totalCount } }' }),
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(((await response.json()) as { data: { activeRooms: { totalCount: number } } }).data.activeRooms.totalCount).toBeGreaterThan(0);
    expect(await exited).toBe(0);
  }, 20_000);
});

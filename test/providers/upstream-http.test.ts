import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { UpstreamError } from '../../src/domain/errors.js';
import { createUpstreamHttp, type UpstreamHttp, type UpstreamHttpOptions, type UpstreamRequest } from '../../src/providers/http/upstream-http.js';
import type { UpstreamResilience } from '../../src/providers/http/upstream-options.js';

/** What the loopback upstream does with the n-th request (0-based) to a path. */
type Behaviour = (response: ServerResponse, hit: number, request: IncomingMessage) => void;

const upstream = {
  url: '',
  /** Requests received, per path. */
  hits: new Map<string, number>(),
  inFlight: 0,
  maxInFlight: 0,
  behave: ((response) => json(response, 200, { ok: true })) as Behaviour,
  close: async () => {},
};

beforeAll(async () => {
  const server = createServer((request, response) => {
    const path = request.url!.split('?')[0]!;
    const hit = upstream.hits.get(path) ?? 0;
    upstream.hits.set(path, hit + 1);
    upstream.maxInFlight = Math.max(upstream.maxInFlight, (upstream.inFlight += 1));
    response.on('close', () => void (upstream.inFlight -= 1));
    request.resume().on('end', () => upstream.behave(response, hit, request));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  upstream.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  upstream.close = () => new Promise((resolve) => (server.closeAllConnections(), server.close(() => resolve())));
});
afterAll(() => upstream.close());

const clients: UpstreamHttp[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
  upstream.hits.clear();
  upstream.maxInFlight = 0;
});

const RESILIENCE: UpstreamResilience = {
  retries: 2,
  retryBaseMs: 5,
  retryMaxMs: 2_000,
  retryBudgetRatio: 0.2,
  retryBudgetMin: 100,
  callBudgetMs: 10_000,
  breakerFailures: 1_000,
  breakerCooldownMs: 10_000,
  maxConcurrency: 16,
};

function clientWith(resilience: Partial<UpstreamResilience> = {}, options: Partial<UpstreamHttpOptions> = {}): UpstreamHttp {
  const timeouts = { connectMs: 1_000, headersMs: 300, bodyMs: 300 };
  const client = createUpstreamHttp({ provider: 'telnyx', baseUrl: upstream.url, timeouts, resilience: { ...RESILIENCE, ...resilience }, ...options });
  clients.push(client);
  return client;
}

function json(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

/** Fails the first request to each path the given way, then answers 200. */
function failFirst(fail: Behaviour): Behaviour {
  return (response, hit, request) => (hit === 0 ? fail(response, hit, request) : json(response, 200, { ok: true }));
}

const FAILURES: Record<string, Behaviour> = {
  reset: (response) => response.destroy(),
  // undici runs headers and body timeouts on coarse timers (about half a second of resolution).
  'headers timeout': (response) => void setTimeout(() => response.destroyed || json(response, 200, { late: true }), 2_000),
  'truncated body': (response) => {
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
    response.write('{"data": [', () => response.destroy());
  },
  ...Object.fromEntries([429, 500, 502, 503, 504, 401, 404].map((status) => [status, (response: ServerResponse) => json(response, status, {})])),
  'malformed JSON': (response) => response.writeHead(200, { 'content-type': 'application/json' }).end('{"data": ['),
};

async function failureOf(promise: Promise<unknown>): Promise<UpstreamError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof UpstreamError) return error;
    throw error;
  }
  throw new Error('expected an UpstreamError');
}

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const started = performance.now();
  const result = await run();
  return { ms: performance.now() - started, result };
}

const get = (path: string): UpstreamRequest => ({ method: 'GET', path });

describe('retries', () => {
  it('retries a GET and a POST declared idempotent, and sends any other POST once', async () => {
    upstream.behave = failFirst((response) => json(response, 503, {}));
    const client = clientWith();
    expect((await client.request(get('/get'))).body).toEqual({ ok: true });
    expect((await client.request({ method: 'POST', path: '/read', body: '{}', idempotent: true })).body).toEqual({ ok: true });
    const error = await failureOf(client.request({ method: 'POST', path: '/write', body: '{}' }));
    expect([error.code, error.status]).toEqual(['UPSTREAM_UNAVAILABLE', 503]);
    expect(Object.fromEntries(upstream.hits)).toEqual({ '/get': 2, '/read': 2, '/write': 1 });
  });

  it.each([
    ['reset', 2, 'success'],
    ['headers timeout', 2, 'success'],
    ['truncated body', 2, 'success'],
    ['429', 2, 'success'],
    ['502', 2, 'success'],
    ['503', 2, 'success'],
    ['504', 2, 'success'],
    ['500', 1, 'UPSTREAM_UNAVAILABLE'],
    ['401', 1, 'UPSTREAM_UNAUTHORIZED'],
    ['404', 1, 'UPSTREAM_NOT_FOUND'],
    ['malformed JSON', 1, 'UPSTREAM_BAD_RESPONSE'],
  ])('after a first answer "%s" makes %i attempt(s) and ends in %s', async (failure, attempts, code) => {
    upstream.behave = failFirst(FAILURES[failure]!);
    const outcome = clientWith().request(get('/x'));
    if (code === 'success') expect((await outcome).body).toEqual({ ok: true });
    else expect((await failureOf(outcome)).code).toBe(code);
    expect(upstream.hits.get('/x')).toBe(attempts);
  });

  it('gives up after the configured retries with the last attempt\'s error', async () => {
    upstream.behave = FAILURES['truncated body']!;
    const error = await failureOf(clientWith({ retries: 2 }).request(get('/x')));
    expect(error.code).toBe('UPSTREAM_BAD_RESPONSE');
    expect(error.message).toMatch(/^Telnyx GET \/x failed: the response body broke off \(UND_ERR_SOCKET\)$/);
    expect(upstream.hits.get('/x')).toBe(3);
  });
});

describe('waits the upstream asks for', () => {
  it('honours Retry-After in seconds and as an HTTP date', async () => {
    upstream.behave = failFirst((response) => json(response, 429, {}, { 'retry-after': '1' }));
    const seconds = await timed(() => clientWith().request(get('/seconds')));
    upstream.behave = failFirst((response) => json(response, 429, {}, { 'retry-after': new Date(Date.now() + 2_000).toUTCString() }));
    const date = await timed(() => clientWith().request(get('/date')));
    expect(seconds.ms).toBeGreaterThanOrEqual(950);
    expect(seconds.ms).toBeLessThan(1_800);
    // An HTTP date has whole seconds: two seconds from now is one to two seconds away.
    expect(date.ms).toBeGreaterThanOrEqual(950);
    expect(date.ms).toBeLessThan(2_500);
    expect(Object.fromEntries(upstream.hits)).toEqual({ '/seconds': 2, '/date': 2 });
  });

  it('reads x-ratelimit-reset when the client names it, and ignores it otherwise', async () => {
    upstream.behave = failFirst((response) => json(response, 429, {}, { 'x-ratelimit-reset': '1' }));
    const named = await timed(() => clientWith({}, { waitHeaders: ['retry-after', 'x-ratelimit-reset'] }).request(get('/named')));
    const unnamed = await timed(() => clientWith().request(get('/unnamed')));
    expect(named.ms).toBeGreaterThanOrEqual(950);
    expect(unnamed.ms).toBeLessThan(500);
  });

  it('does not retry when the upstream asks for longer than the longest wait, and reports the wait', async () => {
    upstream.behave = (response) => json(response, 429, { message: 'slow down' }, { 'retry-after': '30' });
    const { ms, result } = await timed(() => failureOf(clientWith({ retryMaxMs: 2_000 }).request(get('/x'))));
    expect([result.code, result.retryAfterSeconds, upstream.hits.get('/x')]).toEqual(['UPSTREAM_RATE_LIMITED', 30, 1]);
    expect(ms).toBeLessThan(500);
  });

  it('never sleeps past the call budget, and cuts an attempt off at it', async () => {
    upstream.behave = (response) => json(response, 503, {}, { 'retry-after': '1' });
    const early = await timed(() => failureOf(clientWith({ callBudgetMs: 500 }).request(get('/wait'))));
    expect([early.result.code, upstream.hits.get('/wait')]).toEqual(['UPSTREAM_UNAVAILABLE', 1]);
    expect(early.ms).toBeLessThan(400);
    upstream.behave = (response) => response.writeHead(200).write('{');
    const slow = createUpstreamHttp({ provider: 'videosdk', baseUrl: upstream.url, timeouts: { connectMs: 1_000, headersMs: 5_000, bodyMs: 5_000 }, resilience: { ...RESILIENCE, callBudgetMs: 300 } });
    clients.push(slow);
    const cut = await timed(() => failureOf(slow.request(get('/hang'))));
    expect([cut.result.code, cut.result.message]).toEqual(['UPSTREAM_TIMEOUT', 'VideoSDK GET /hang failed: ran out of its time budget']);
    expect(cut.ms).toBeLessThan(1_000);
  });
});

describe('the retry budget', () => {
  it('keeps retries near the budget under a sustained outage instead of multiplying the load', async () => {
    upstream.behave = (response) => json(response, 503, {});
    const client = clientWith({ retries: 2, retryBudgetRatio: 0.2, retryBudgetMin: 3 });
    for (let call = 0; call < 20; call += 1) await failureOf(client.request(get('/down')));
    const retries = upstream.hits.get('/down')! - 20;
    // Without the budget: 40 retries. With it: at most min + ratio × calls = 3 + 0.2 × 20.
    expect(retries).toBeGreaterThanOrEqual(3);
    expect(retries).toBeLessThanOrEqual(7);
  });
});

describe('the circuit breaker', () => {
  const breakerClient = () => clientWith({ retries: 0, breakerFailures: 3, breakerCooldownMs: 200 });

  it('opens after N consecutive failed calls, then fails fast without calling the upstream', async () => {
    upstream.behave = (response) => json(response, 503, {});
    const client = breakerClient();
    for (let call = 0; call < 3; call += 1) expect((await failureOf(client.request(get('/x')))).code).toBe('UPSTREAM_UNAVAILABLE');
    expect(client.state()).toEqual({ circuit: 'open' });
    const fast = await failureOf(client.request(get('/x')));
    expect(fast.code).toBe('UPSTREAM_CIRCUIT_OPEN');
    expect(fast.message).toMatch(/^Telnyx GET \/x failed: not attempted: the circuit opened after 3 consecutive failures/);
    expect(fast.extensions).toMatchObject({ provider: 'TELNYX' });
    expect(upstream.hits.get('/x')).toBe(3);
  });

  it('half-opens after the cool-down, lets one probe through and closes when it succeeds', async () => {
    upstream.behave = (response) => json(response, 503, {});
    const client = breakerClient();
    for (let call = 0; call < 3; call += 1) await failureOf(client.request(get('/x')));
    await sleep(250);
    expect(client.state()).toEqual({ circuit: 'half-open' });
    upstream.behave = (response) => void setTimeout(() => json(response, 200, { ok: true }), 50);
    const [probe, other] = await Promise.allSettled([client.request(get('/x')), client.request(get('/x'))]);
    expect(probe.status).toBe('fulfilled');
    expect(other.status === 'rejected' && (other.reason as UpstreamError).code).toBe('UPSTREAM_CIRCUIT_OPEN');
    expect(client.state()).toEqual({ circuit: 'closed' });
    expect((await client.request(get('/x'))).body).toEqual({ ok: true });
    expect(upstream.hits.get('/x')).toBe(5);
  });

  it('opens again when the probe fails', async () => {
    upstream.behave = (response) => response.destroy();
    const client = breakerClient();
    for (let call = 0; call < 3; call += 1) await failureOf(client.request(get('/x')));
    await sleep(250);
    expect((await failureOf(client.request(get('/x')))).code).toBe('UPSTREAM_UNAVAILABLE');
    expect(client.state()).toEqual({ circuit: 'open' });
    expect((await failureOf(client.request(get('/x')))).code).toBe('UPSTREAM_CIRCUIT_OPEN');
    expect(upstream.hits.get('/x')).toBe(4);
  });

  it('does not count answers with a 4xx status, 429 included, as failures', async () => {
    const client = breakerClient();
    for (const status of [401, 404, 429, 422, 401]) {
      upstream.behave = (response) => json(response, status, {});
      await failureOf(client.request(get('/x')));
    }
    expect(client.state()).toEqual({ circuit: 'closed' });
  });
});

describe('concurrency', () => {
  it('keeps at most maxConcurrency requests in flight at the upstream and queues the rest', async () => {
    upstream.behave = (response) => void setTimeout(() => json(response, 200, { ok: true }), 40);
    const client = clientWith({ maxConcurrency: 3 });
    const answers = await Promise.all(Array.from({ length: 12 }, () => client.request(get('/x'))));
    expect(answers).toHaveLength(12);
    expect(upstream.hits.get('/x')).toBe(12);
    expect(upstream.maxInFlight).toBe(3);
  });
});

import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createUpstreamHttp } from '../../src/providers/http/upstream-http.js';
import { parseConfig } from '../../src/config.js';
import { createGateway, type Gateway } from '../../src/gateway.js';
import { startTelnyxSimulator, type TelnyxSimulator } from '../../src/sandbox/telnyx/telnyx-simulator.js';
import { createLogger } from '../../src/server/logging.js';
import { startHostileUpstream, type HostileUpstream } from '../support/hostile-upstream.js';

/*
 * Issue 10: every bound of the HTTP layer and of a request's life, crossed against a hostile
 * upstream (a proxy in front of the Telnyx simulator). Each test asserts the coded error, the calls
 * counted at the upstream, the time taken, and that `/health` answers and the process lives on.
 */

let simulator: TelnyxSimulator;
let hostile: HostileUpstream;
let gateway: Gateway;
let logLines: string[] = [];

const MAX_BODY = 64 * 1024;

beforeAll(async () => {
  simulator = await startTelnyxSimulator();
  hostile = await startHostileUpstream(simulator.env.TELNYX_API_URL!);
});
afterAll(async () => {
  await hostile.close();
  await simulator.close();
});
// A fresh gateway (pools, breaker) per test, so one test's failures cannot open the next one's circuit.
beforeEach(() => {
  hostile.setMode({ kind: 'pass' });
  hostile.setRewrite(null);
  hostile.calls.length = 0;
  logLines = [];
  const config = parseConfig({
    TELNYX_API_URL: hostile.url,
    TELNYX_API_KEY: simulator.env.TELNYX_API_KEY!,
    UPSTREAM_MAX_BODY_BYTES: String(MAX_BODY),
    REQUEST_TIMEOUT_MS: '700',
    UPSTREAM_RETRIES: '3',
    UPSTREAM_RETRY_BASE_MS: '10',
    // One unhealthy call opens the circuit: the aborted calls below must not count as one.
    UPSTREAM_BREAKER_FAILURES: '1',
    UPSTREAM_BREAKER_COOLDOWN_MS: '60000',
    // Identical concurrent requests are counted one call each here: no single flight.
    CACHE_ENABLED: 'false',
  });
  const destination = new Writable({ write: (chunk, _encoding, done) => (logLines.push(String(chunk)), done()) });
  gateway = createGateway(config, { logger: createLogger('warn', destination) });
});
afterEach(async () => {
  await gateway.close();
});

async function post(query: string) {
  const response = await gateway.yoga.fetch('http://gateway.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query }),
  });
  const text = await response.text();
  return { status: response.status, bytes: text.length, json: JSON.parse(text) as { data?: unknown; errors?: { message: string; extensions: Record<string, unknown> }[] } };
}

const codes = (json: { errors?: { extensions: Record<string, unknown> }[] }) => json.errors?.map((error) => error.extensions.code);
const health = async () => (await gateway.yoga.fetch('http://gateway.test/health')).status;
const LIVE = '{ activeRooms { totalCount } }';

describe('a hostile upstream', () => {
  it('answers normally through the proxy (the baseline the other tests cross)', async () => {
    const { json } = await post(LIVE);
    expect(json.errors).toBeUndefined();
    expect(hostile.calls.length).toBeGreaterThan(0);
  });

  it('cuts a body over UPSTREAM_MAX_BODY_BYTES with UPSTREAM_BAD_RESPONSE, once, without buffering it', async () => {
    hostile.setMode({ kind: 'huge', bytes: 200 * 1024 * 1024 });
    const heapBefore = process.memoryUsage().heapUsed;
    const started = performance.now();
    const results = await Promise.all(Array.from({ length: 5 }, () => post(LIVE)));
    expect(performance.now() - started).toBeLessThan(3_000);
    for (const { json } of results) expect(codes(json)).toEqual(['UPSTREAM_BAD_RESPONSE']);
    // Not retried: one call per request, counted at the upstream.
    expect(hostile.calls.length).toBe(5);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(64 * 1024 * 1024);
    expect(await health()).toBe(200);
    expect(logLines.join('')).toMatch(/larger than 65536 bytes/);
  });

  it('treats a redirect as UPSTREAM_BAD_RESPONSE and never follows it', async () => {
    hostile.setMode({ kind: 'redirect' });
    const { json } = await post(LIVE);
    expect(codes(json)).toEqual(['UPSTREAM_BAD_RESPONSE']);
    expect(hostile.calls.length).toBe(1);
  });

  it("never shows a client the provider's error text, and logs it", async () => {
    const secretText = 'could not connect to postgres://admin:hunter2@db.internal:5432/video';
    hostile.setMode({ kind: 'slow-error', ms: 0, status: 400, body: JSON.stringify({ errors: [{ code: '10015', title: 'Bad Request', detail: secretText }] }) });
    const { json } = await post(LIVE);
    expect(codes(json)).toEqual(['UPSTREAM_REJECTED']);
    expect(json.errors![0]!.message).toMatch(/^Telnyx GET \/\w+ failed: the provider refused the request$/);
    expect(JSON.stringify(json)).not.toMatch(/hunter2|postgres/);
    expect(logLines.join('')).toMatch(/hunter2/);
  });

  it('ends a request on a hung upstream at REQUEST_TIMEOUT_MS, without retrying or tripping the breaker', async () => {
    hostile.setMode({ kind: 'hang' });
    const started = performance.now();
    const pending = post(LIVE);
    // The event loop stays free while the request waits.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await health()).toBe(200);
    const { json } = await pending;
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(650);
    expect(elapsed).toBeLessThan(2_000);
    expect(codes(json)).toContain('REQUEST_TIMEOUT');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(hostile.calls.length).toBe(1);
    expect(hostile.inFlight()).toBe(0);
    // UPSTREAM_BREAKER_FAILURES is 1: had the abort counted, this call would be refused unattempted.
    hostile.setMode({ kind: 'pass' });
    const after = await post(LIVE);
    expect(after.json.errors).toBeUndefined();
    expect((await gateway.yoga.fetch('http://gateway.test/ready')).status).toBe(200);
  });

  it('never sends a "." or ".." path segment upstream, whatever the id', async () => {
    const config = parseConfig({});
    const http = createUpstreamHttp({ provider: 'telnyx', baseUrl: hostile.url, timeouts: config.upstreamTimeouts, resilience: config.upstreamResilience });
    try {
      for (const path of ['/rooms/..', '/rooms/.', '/rooms/%2e%2E/x', '/rooms/.%2e']) {
        await expect(http.request({ method: 'GET', path })).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
      }
      for (const roomId of ['..', '.']) {
        const { json } = await post(`{ room(provider: TELNYX, roomId: ${JSON.stringify(roomId)}) { title } }`);
        expect(json.errors).toHaveLength(1);
      }
      expect(hostile.calls.filter((path) => /\/(\.|%2e){1,2}(\/|$|\?)/i.test(path))).toEqual([]);
    } finally {
      await http.close();
    }
  });
});

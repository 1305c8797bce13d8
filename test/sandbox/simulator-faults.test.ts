import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Pool } from 'undici';
import { startPlugnmeetSimulator } from '../../src/sandbox/plugnmeet/plugnmeet-simulator.js';
import type { Simulator } from '../../src/sandbox/simulator.js';
import { startTelnyxSimulator, TELNYX_DEMO_API_KEY } from '../../src/sandbox/telnyx/telnyx-simulator.js';
import { startVideosdkSimulator } from '../../src/sandbox/videosdk/videosdk-simulator.js';

let telnyx: Simulator;
let pool: Pool;
const AUTH = { authorization: `Bearer ${TELNYX_DEMO_API_KEY}` };

beforeAll(async () => {
  telnyx = await startTelnyxSimulator();
  pool = new Pool(new URL(telnyx.url).origin, { headersTimeout: 5_000, bodyTimeout: 5_000 });
});
afterAll(async () => {
  await pool.destroy();
  await telnyx.close();
});

/** A GET against the Telnyx simulator: status, headers, and the body text (or the error reading it). */
async function get(path: string) {
  const response = await pool.request({ method: 'GET', path: `/v2${path}`, headers: AUTH });
  const text = await response.body.text().catch((error: Error) => error);
  return { status: response.statusCode, headers: response.headers, text };
}

describe('status faults', () => {
  it('answer with the provider\'s own body and headers, or with the given ones', async () => {
    telnyx.injectFault({ kind: 'status', status: 429 });
    const limited = await get('/rooms');
    expect([limited.status, limited.headers['x-ratelimit-reset'], JSON.parse(limited.text as string).errors[0].code]).toEqual([429, '7', '10011']);
    telnyx.injectFault({ kind: 'status', status: 503, body: 'upstream connect error', headers: { 'retry-after': '1' } });
    const text = await get('/rooms');
    expect([text.status, text.headers['content-type'], text.headers['retry-after'], text.text]).toEqual([503, 'text/plain; charset=utf-8', '1', 'upstream connect error']);
    expect((await get('/rooms')).status).toBe(200);
  });

  it('answer wrong credentials as each provider does', async () => {
    const simulators = [await startPlugnmeetSimulator(), await startVideosdkSimulator(), telnyx];
    try {
      const replies = await Promise.all(
        simulators.map(async (simulator) => {
          simulator.injectFault({ kind: 'wrong-auth' });
          const response = await fetch(simulator.url.replace(/\/v2$/, '') + '/anything');
          return [response.status, await response.json()];
        }),
      );
      expect(replies).toEqual([
        [401, { status: false, msg: 'Invalid API key provided.', status_code: 'INVALID_API_KEY' }],
        [401, { message: 'Token is invalid or expired' }],
        [401, { errors: [expect.objectContaining({ code: '10009', title: 'Authentication failed' })] }],
      ]);
    } finally {
      await Promise.all(simulators.slice(0, 2).map((simulator) => simulator.close()));
    }
  });
});

describe('broken answers', () => {
  it('delays by the latency, then answers normally', async () => {
    telnyx.injectFault({ kind: 'latency', ms: 200 });
    const started = performance.now();
    expect((await get('/rooms')).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
  });

  it('sends malformed JSON, a body cut short and a dropped connection', async () => {
    telnyx.injectFault({ kind: 'malformed-json' });
    const malformed = await get('/rooms');
    expect(malformed.status).toBe(200);
    expect(() => JSON.parse(malformed.text as string)).toThrow(SyntaxError);
    telnyx.injectFault({ kind: 'truncated-body' });
    const truncated = await get('/rooms');
    expect([truncated.status, (truncated.text as { code?: string }).code]).toEqual([200, 'UND_ERR_SOCKET']);
    telnyx.injectFault({ kind: 'reset' });
    await expect(get('/rooms')).rejects.toMatchObject({ code: 'UND_ERR_SOCKET' });
  });

  it('hangs a body until the server closes, and closes promptly even then', async () => {
    const hanging = await startTelnyxSimulator();
    hanging.injectFault({ kind: 'hang' });
    const response = await fetch(`${hanging.url}/rooms`, { headers: AUTH });
    expect(response.status).toBe(200);
    const body = response.text();
    const started = performance.now();
    await hanging.close();
    expect(performance.now() - started).toBeLessThan(500);
    await expect(body).rejects.toThrow();
  });
});

describe('fault scope', () => {
  it('hits only the matching path, the given number of times, and is recorded like any call', async () => {
    telnyx.resetCalls();
    telnyx.injectFault({ kind: 'status', status: 502 }, { path: '/v2/room_sessions', times: 2 });
    telnyx.injectFault({ kind: 'status', status: 504 }, { path: /^\/v2\/rooms\/[^/]+$/ });
    const statuses = [];
    for (const path of ['/rooms', '/room_sessions', '/rooms/abc', '/room_sessions', '/room_sessions', '/rooms/abc']) statuses.push((await get(path)).status);
    expect(statuses).toEqual([200, 502, 504, 502, 200, 404]);
    expect(telnyx.calls).toHaveLength(6);
  });

  it('serves no fault after clearFaults', async () => {
    telnyx.injectFault({ kind: 'status', status: 500 }, { times: Infinity });
    expect((await get('/rooms')).status).toBe(500);
    telnyx.clearFaults();
    expect((await get('/rooms')).status).toBe(200);
  });
});

import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { createGateway } from '../../src/gateway.js';
import { startTelnyxSimulator, type TelnyxSimulator } from '../../src/sandbox/telnyx/telnyx-simulator.js';
import { createHttpServer } from '../../src/server/http-server.js';
import { startHostileUpstream, type HostileUpstream } from '../support/hostile-upstream.js';

/*
 * Issue 10: a client that goes away mid-request ends the request's work. The upstream answers
 * slowly with 503, so the gateway would retry it several times; once the client disconnects, the
 * upstream sees no call beyond the one already in flight.
 */

let simulator: TelnyxSimulator;
let hostile: HostileUpstream;

beforeAll(async () => {
  simulator = await startTelnyxSimulator();
  hostile = await startHostileUpstream(simulator.env.TELNYX_API_URL!);
});
afterAll(async () => {
  await hostile.close();
  await simulator.close();
});

const waitFor = async (condition: () => boolean, ms = 3_000) => {
  for (const started = Date.now(); !condition(); ) {
    if (Date.now() - started > ms) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

describe('a client that disconnects', () => {
  it('stops the request: no upstream call after the disconnect beyond those in flight', async () => {
    const gateway = createGateway(
      parseConfig({
        TELNYX_API_URL: hostile.url,
        TELNYX_API_KEY: simulator.env.TELNYX_API_KEY!,
        LOG_LEVEL: 'silent',
        UPSTREAM_RETRIES: '5',
        UPSTREAM_RETRY_BASE_MS: '50',
        UPSTREAM_RETRY_BUDGET_MIN: '100',
        UPSTREAM_BREAKER_FAILURES: '100',
      }),
    );
    const server = createHttpServer(gateway.yoga, parseConfig({}).server.http);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    hostile.setMode({ kind: 'slow-error', ms: 300, status: 503, body: '{"errors":[{"title":"Service Unavailable"}]}' });
    hostile.calls.length = 0;
    try {
      const client = new AbortController();
      const pending = fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ activeRooms { totalCount } }' }),
        signal: client.signal,
      }).catch((error: unknown) => error);
      // Disconnect while the first attempt is in flight, before its 503 could be retried.
      await waitFor(() => hostile.calls.length >= 1);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const callsAtDisconnect = hostile.calls.length;
      client.abort();
      await pending;
      // Six attempts at 300 ms each would take ~2 s: wait past several of them.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(hostile.calls.length).toBe(callsAtDisconnect);
      expect(hostile.inFlight()).toBe(0);
      expect((await fetch(url.replace('/graphql', '/health'))).status).toBe(200);
    } finally {
      hostile.setMode({ kind: 'pass' });
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await gateway.close();
    }
  });
});

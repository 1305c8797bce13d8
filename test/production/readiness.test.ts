import { createServer } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { createGateway, type Gateway } from '../../src/gateway.js';
import type { Readiness } from '../../src/server/readiness.js';
import { startSandboxes, type Sandboxes } from '../../src/sandbox/sandboxes.js';

let sandboxes: Sandboxes;
const gateways: Gateway[] = [];
beforeAll(async () => {
  sandboxes = await startSandboxes();
});
afterEach(async () => {
  for (const simulator of Object.values(sandboxes.simulators)) simulator.clearFaults();
  await Promise.all(gateways.splice(0).map((gateway) => gateway.close()));
});
afterAll(async () => {
  await sandboxes.close();
});

function gatewayWith(env: Record<string, string>): Gateway {
  const gateway = createGateway(parseConfig({ ...sandboxes.env, LOG_LEVEL: 'silent', READY_PROBE_INTERVAL_MS: '20', ...env }));
  gateways.push(gateway);
  return gateway;
}

async function ready(gateway: Gateway): Promise<{ status: number; body: Readiness; statuses: Record<string, string> }> {
  await new Promise((resolve) => setTimeout(resolve, 25)); // older than the probe interval: /ready probes again
  const response = await gateway.yoga.fetch('http://gateway.test/ready');
  const body = (await response.json()) as Readiness;
  return { status: response.status, body, statuses: Object.fromEntries(body.providers.map((line) => [line.provider, line.status])) };
}

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('/ready', () => {
  it('answers 503 naming the provider whose credentials are wrong, and still serves the others', async () => {
    const gateway = gatewayWith({ TELNYX_API_KEY: 'KEY-not-the-right-one' });
    const { status, body, statuses } = await ready(gateway);
    expect(status).toBe(503);
    expect(statuses).toEqual({ plugnmeet: 'ok', videosdk: 'ok', telnyx: 'unauthorized' });
    expect(body.providers.find((line) => line.provider === 'telnyx')).toMatchObject({ code: 'UPSTREAM_UNAUTHORIZED', circuit: 'closed' });
    expect(JSON.stringify(body)).not.toContain('KEY-not-the-right-one');
  });

  it('turns 503 when a provider starts refusing the credentials and back to 200 once it accepts them again', async () => {
    const gateway = gatewayWith({});
    expect((await ready(gateway)).status).toBe(200);
    sandboxes.simulators.plugnmeet.injectFault({ kind: 'wrong-auth' }, { times: Infinity });
    const refused = await ready(gateway);
    expect(refused.status).toBe(503);
    expect(refused.statuses.plugnmeet).toBe('unauthorized');
    sandboxes.simulators.plugnmeet.clearFaults();
    const fixed = await ready(gateway);
    expect(fixed.status).toBe(200);
    expect(fixed.statuses).toEqual({ plugnmeet: 'ok', videosdk: 'ok', telnyx: 'ok' });
  });

  it('reports an upstream that cannot be reached, and stays ready with READY_REQUIRE=any', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/v2`;
    const strict = await ready(gatewayWith({ TELNYX_API_URL: url, UPSTREAM_RETRIES: '0' }));
    expect(strict.status).toBe(503);
    expect(strict.statuses.telnyx).toBe('unreachable');
    const lenient = await ready(gatewayWith({ TELNYX_API_URL: url, UPSTREAM_RETRIES: '0', READY_REQUIRE: 'any' }));
    expect(lenient.status).toBe(200);
    expect(lenient.body).toMatchObject({ ready: true, require: 'any' });
    expect(lenient.statuses.telnyx).toBe('unreachable');
  });

  it('reports circuit-open while a provider\'s circuit is open', async () => {
    const gateway = gatewayWith({ UPSTREAM_BREAKER_FAILURES: '1', UPSTREAM_RETRIES: '0', UPSTREAM_BREAKER_COOLDOWN_MS: '60000' });
    sandboxes.simulators.videosdk.injectFault({ kind: 'status', status: 503 }, { times: Infinity });
    await gateway.yoga.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ activeRooms { totalCount } }' }),
    });
    const { status, body, statuses } = await ready(gateway);
    expect(status).toBe(503);
    expect(statuses.videosdk).toBe('circuit-open');
    expect(body.providers.find((line) => line.provider === 'videosdk')?.circuit).toBe('open');
  });

  it('probes each provider with one cheap authenticated read', async () => {
    const gateway = gatewayWith({ READY_PROBE_INTERVAL_MS: '60000' });
    for (const simulator of Object.values(sandboxes.simulators)) simulator.resetCalls();
    await gateway.readiness.probe();
    const counts = Object.fromEntries(Object.entries(sandboxes.simulators).map(([name, simulator]) => [name, simulator.calls.length]));
    expect(counts).toEqual({ plugnmeet: 1, videosdk: expect.any(Number), telnyx: expect.any(Number) });
    expect(Math.max(...Object.values(counts))).toBeLessThanOrEqual(2);
    expect(Object.values(sandboxes.simulators).every((simulator) => simulator.calls.every((call) => call.method === 'GET' || call.path.includes('getActiveRoomsInfo')))).toBe(true);
  });
});

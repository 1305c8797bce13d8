import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { createGateway } from '../../src/gateway.js';
import { startSandboxes, type Sandboxes } from '../../src/sandbox/sandboxes.js';
import { startOtlpReceiver } from '../support/otlp-receiver.js';

let sandboxes: Sandboxes;
beforeAll(async () => {
  sandboxes = await startSandboxes();
});
afterAll(async () => {
  await sandboxes.close();
});

const QUERY = JSON.stringify({ query: 'query Live { activeRooms { totalCount } }', operationName: 'Live' });
const SERVER = 2;
const CLIENT = 3;

describe('traces', () => {
  it('exports a server span per request, child of the client traceparent, and a client span per upstream attempt that the upstream sees', async () => {
    const receiver = await startOtlpReceiver();
    const gateway = createGateway(parseConfig({ ...sandboxes.env, LOG_LEVEL: 'silent', OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint, OTEL_SERVICE_NAME: 'roomgraph-test' }));
    for (const simulator of Object.values(sandboxes.simulators)) simulator.resetCalls();
    sandboxes.simulators.telnyx.injectFault({ kind: 'status', status: 503 }, { times: 1 });
    const traceId = randomBytes(16).toString('hex');
    const clientSpanId = randomBytes(8).toString('hex');
    const response = await gateway.yoga.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', traceparent: `00-${traceId}-${clientSpanId}-01` },
      body: QUERY,
    });
    expect(response.status).toBe(200);
    await gateway.close();
    await receiver.close();

    expect(receiver.requests.every((request) => request.path === '/v1/traces' && request.contentType.includes('json'))).toBe(true);
    const server = receiver.spans.filter((span) => span.kind === SERVER);
    expect(server).toEqual([
      expect.objectContaining({
        traceId,
        parentSpanId: clientSpanId,
        name: 'query Live',
        attributes: expect.objectContaining({ 'graphql.operation.name': 'Live', 'graphql.operation.type': 'query', 'http.response.status_code': 200 }),
        resource: expect.objectContaining({ 'service.name': 'roomgraph-test' }),
      }),
    ]);
    const attempts = receiver.spans.filter((span) => span.kind === CLIENT);
    expect(new Set(attempts.map((span) => span.attributes['roomgraph.provider']))).toEqual(new Set(['plugnmeet', 'videosdk', 'telnyx']));
    for (const span of attempts) {
      expect(span).toMatchObject({ traceId, parentSpanId: server[0]!.spanId });
      expect(span.attributes).toMatchObject({ 'http.request.method': expect.any(String), 'url.template': expect.stringMatching(/^\//), 'roomgraph.upstream.attempt': expect.any(Number) });
    }
    const telnyx = attempts.filter((span) => span.attributes['roomgraph.provider'] === 'telnyx' && span.attributes['url.template'] === '/room_sessions');
    expect(telnyx.map((span) => [span.attributes['roomgraph.upstream.attempt'], span.attributes['http.response.status_code'], span.status.code ?? 0])).toEqual([
      [1, 503, 2],
      [2, 200, 0],
    ]);

    // Every upstream request carried the traceparent of its own attempt span.
    const seen = Object.values(sandboxes.simulators).flatMap((simulator) => simulator.calls.map((call) => call.headers.traceparent));
    expect(seen.sort()).toEqual(attempts.map((span) => `00-${traceId}-${span.spanId}-01`).sort());
  });

  it('sends nothing and adds no traceparent when no OTLP endpoint is configured', async () => {
    const gateway = createGateway(parseConfig({ ...sandboxes.env, LOG_LEVEL: 'silent' }));
    for (const simulator of Object.values(sandboxes.simulators)) simulator.resetCalls();
    const traceparent = `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-01`;
    await gateway.yoga.fetch('http://gateway.test/graphql', { method: 'POST', headers: { 'content-type': 'application/json', traceparent }, body: QUERY });
    await gateway.close();
    const calls = Object.values(sandboxes.simulators).flatMap((simulator) => simulator.calls);
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.every((call) => call.headers.traceparent === undefined)).toBe(true);
  });
});

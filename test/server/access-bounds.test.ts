import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { createGateway } from '../../src/gateway.js';
import { startSandboxes, type Sandboxes } from '../../src/sandbox/sandboxes.js';
import { createHttpServer } from '../../src/server/http-server.js';
import { createTestGateway } from '../support/test-gateway.js';

/* Issue 10, smaller holes: auth edge cases, `_service` with introspection off, suggestions, rate limits, server limits. */

let sandboxes: Sandboxes;
beforeAll(async () => {
  sandboxes = await startSandboxes();
});
afterAll(async () => {
  await sandboxes.close();
});

const SECRET = 'a-client-jwt-secret-of-at-least-32-chars';
const ROUTER_SECRET = 'a-router-secret-of-at-least-32-characters';
const QUERY = '{ providers { provider } }';
const key = new TextEncoder().encode(SECRET);
const signed = (claims: Record<string, unknown> = {}, expires = true) => {
  const jwt = new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuedAt();
  return (expires ? jwt.setExpirationTime('5m') : jwt).sign(key);
};

async function withGateway(env: Record<string, string>, test: (gateway: ReturnType<typeof createTestGateway>) => Promise<void>) {
  const gateway = createTestGateway({ ...sandboxes.env, ...env });
  try {
    await test(gateway);
  } finally {
    await gateway.close();
  }
}

describe('client tokens', () => {
  it('accepts the Bearer scheme in any case', async () => {
    await withGateway({ AUTH_JWT_SECRET: SECRET }, async (gateway) => {
      const token = await signed();
      for (const scheme of ['Bearer', 'bearer', 'BEARER']) {
        expect((await gateway.post({ query: QUERY }, { authorization: `${scheme} ${token}` })).status).toBe(200);
      }
    });
  });

  it('answers a malformed token with 401 UNAUTHENTICATED, not a validation error', async () => {
    await withGateway({ AUTH_JWT_SECRET: SECRET }, async (gateway) => {
      for (const authorization of ['Bearer not-a-jwt', 'Bearer a.b.c', 'Bearer', 'Basic dXNlcjpwYXNz', `Bearer ${'x'.repeat(20_000)}`]) {
        const { status, json } = await gateway.post({ query: QUERY }, { authorization });
        expect(status).toBe(401);
        expect(json.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      }
    });
  });

  it('refuses a token without exp by default, and accepts it with AUTH_JWT_REQUIRE_EXP=false', async () => {
    const eternal = await signed({}, false);
    await withGateway({ AUTH_JWT_SECRET: SECRET }, async (gateway) => {
      const { status, json } = await gateway.post({ query: QUERY }, { authorization: `Bearer ${eternal}` });
      expect(status).toBe(401);
      expect(json.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });
    await withGateway({ AUTH_JWT_SECRET: SECRET, AUTH_JWT_REQUIRE_EXP: 'false' }, async (gateway) => {
      expect((await gateway.post({ query: QUERY }, { authorization: `Bearer ${eternal}` })).status).toBe(200);
    });
  });
});

describe('with introspection off', () => {
  it('serves _service { sdl } only to a router presenting ROUTER_SECRET', async () => {
    await withGateway({ INTROSPECTION: 'false', ROUTER_SECRET }, async (gateway) => {
      for (const query of ['{ _service { sdl } }', '{ s: _service { sdl } }', '{ ...F } fragment F on Query { _service { sdl } }']) {
        const { json } = await gateway.post({ query });
        expect(json.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
        expect(JSON.stringify(json)).not.toContain('PastRoom');
      }
      const wrong = await gateway.post({ query: '{ _service { sdl } }' }, { 'x-router-secret': 'not-the-secret' });
      expect(wrong.json.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const router = await gateway.post({ query: '{ _service { sdl } }' }, { 'x-router-secret': ROUTER_SECRET });
      expect(JSON.stringify(router.json.data)).toContain('type PastRoom');
    });
  });

  it('gives no "Did you mean" hint in variable errors', async () => {
    await withGateway({ INTROSPECTION: 'false' }, async (gateway) => {
      const enumValue = await gateway.post({ query: 'query Q($p: Provider) { activeRooms(provider: $p) { totalCount } }', variables: { p: 'TELNY' } });
      const inputField = await gateway.post({ query: 'query Q($f: PastRoomFilter) { pastRooms(filter: $f) { totalCount } }', variables: { f: { roomIdz: [] } } });
      const field = await gateway.post({ query: '{ pastRoomz { totalCount } }' });
      for (const { json } of [enumValue, inputField, field]) {
        expect(json.errors?.length).toBeGreaterThan(0);
        expect(JSON.stringify(json)).not.toMatch(/Did you mean|TELNYX|roomIds|pastRooms/);
      }
    });
  });
});

describe('per-client rate limit', () => {
  it('refuses a client over its budget with RATE_LIMITED, 429 and Retry-After, and serves other clients', async () => {
    await withGateway({ AUTH_JWT_SECRET: SECRET, RATE_LIMIT_POINTS: '30', RATE_LIMIT_WINDOW_SECONDS: '60' }, async (gateway) => {
      const alice = { authorization: `Bearer ${await signed({ sub: 'alice' })}` };
      const bob = { authorization: `Bearer ${await signed({ sub: 'bob' })}` };
      const statuses: number[] = [];
      for (let index = 0; index < 12; index += 1) statuses.push((await gateway.post({ query: QUERY }, alice)).status);
      expect(statuses).toContain(429);
      const response = await gateway.gateway.yoga.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...alice },
        body: JSON.stringify({ query: QUERY }),
      });
      expect(response.status).toBe(429);
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
      const json = (await response.json()) as { errors: { extensions: { code: string } }[] };
      expect(json.errors[0]!.extensions.code).toBe('RATE_LIMITED');
      expect((await gateway.post({ query: QUERY }, bob)).status).toBe(200);
    });
  });

  it('charges a subscription to the same budget when it starts, and refuses one over it with RATE_LIMITED', async () => {
    await withGateway({ AUTH_JWT_SECRET: SECRET, RATE_LIMIT_POINTS: '3', RATE_LIMIT_WINDOW_SECONDS: '60' }, async (gateway) => {
      const alice = { authorization: `Bearer ${await signed({ sub: 'alice' })}` };
      const subscribe = async (headers: Record<string, string>) => {
        const abort = new AbortController();
        const response = await gateway.gateway.yoga.fetch('http://gateway.test/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...headers },
          body: JSON.stringify({ query: 'subscription { roomEvents { eventId } }' }),
          signal: abort.signal,
        });
        // The first chunk: a refusal is a `next` with the error; an accepted subscription sends a keep-alive or nothing yet.
        const reader = response.body!.getReader();
        const first = await Promise.race([reader.read().then(({ value }) => new TextDecoder().decode(value)), new Promise<string>((resolve) => setTimeout(() => resolve(''), 300))]);
        abort.abort();
        await reader.cancel().catch(() => {});
        return first;
      };
      const chunks: string[] = [];
      for (let index = 0; index < 6; index += 1) chunks.push(await subscribe(alice));
      expect(chunks[0]).not.toContain('RATE_LIMITED');
      expect(chunks.at(-1)).toContain('RATE_LIMITED');
      // Another client's budget is untouched.
      expect(await subscribe({ authorization: `Bearer ${await signed({ sub: 'bob' })}` })).not.toContain('RATE_LIMITED');
      // Queries and subscriptions share one budget: alice's queries are refused too.
      expect((await gateway.post({ query: QUERY }, alice)).status).toBe(429);
    });
  });

  it('keys anonymous clients by their address', async () => {
    const gateway = createGateway(parseConfig({ ...sandboxes.env, LOG_LEVEL: 'silent', RATE_LIMIT_POINTS: '5' }));
    const server = createServer(gateway.yoga);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    try {
      const statuses: number[] = [];
      for (let index = 0; index < 8; index += 1) {
        const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: QUERY }) });
        statuses.push(response.status);
        await response.text();
      }
      expect(statuses[0]).toBe(200);
      expect(statuses.at(-1)).toBe(429);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await gateway.close();
    }
  });
});

describe('the HTTP server', () => {
  it('has its header, request, keep-alive and connection limits set from SERVER_* variables', () => {
    const config = parseConfig({ SERVER_HEADERS_TIMEOUT_MS: '4000', SERVER_REQUEST_TIMEOUT_MS: '20000', SERVER_KEEP_ALIVE_TIMEOUT_MS: '3000', SERVER_MAX_CONNECTIONS: '50' });
    const server = createHttpServer(() => undefined, config.server.http);
    expect([server.headersTimeout, server.requestTimeout, server.keepAliveTimeout, server.maxConnections]).toEqual([4000, 20000, 3000, 50]);
    const defaults = createHttpServer(() => undefined, parseConfig({}).server.http);
    expect([defaults.headersTimeout, defaults.requestTimeout, defaults.maxConnections]).toEqual([10_000, 60_000, 1_000]);
  });
});

import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandboxes, type Sandboxes } from '../../src/sandbox/sandboxes.js';
import { createTestGateway } from '../support/test-gateway.js';

let sandboxes: Sandboxes;
beforeAll(async () => {
  sandboxes = await startSandboxes();
});
afterAll(async () => {
  await sandboxes.close();
});

const SECRET = 'a-client-jwt-secret-of-at-least-32-chars';
const QUERY = '{ providers { provider } }';

async function withGateway(env: Record<string, string>, test: (gateway: ReturnType<typeof createTestGateway>) => Promise<void>) {
  const gateway = createTestGateway({ ...sandboxes.env, ...env });
  try {
    await test(gateway);
  } finally {
    await gateway.close();
  }
}

const token = (secret: string, claims: Record<string, unknown> = {}) =>
  new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setExpirationTime('5m').setIssuer('https://auth.example.com').sign(new TextEncoder().encode(secret));

describe('client authentication', () => {
  it('lets any client in when no client auth is configured (the sandbox default)', async () => {
    await withGateway({}, async (gateway) => expect((await gateway.post({ query: QUERY })).status).toBe(200));
  });

  it('answers 401 without a token, with a wrongly signed one and with a wrong issuer, and serves a valid one', async () => {
    await withGateway({ AUTH_JWT_SECRET: SECRET, AUTH_JWT_ISSUER: 'https://auth.example.com' }, async (gateway) => {
      const missing = await gateway.post({ query: QUERY });
      expect(missing.status).toBe(401);
      expect(missing.json.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      const forged = await gateway.post({ query: QUERY }, { authorization: `Bearer ${await token('another-secret-that-is-long-enough-too')}` });
      expect(forged.status).toBe(401);
      const otherIssuer = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setIssuer('https://evil.example.com').setExpirationTime('5m').sign(new TextEncoder().encode(SECRET));
      expect((await gateway.post({ query: QUERY }, { authorization: `Bearer ${otherIssuer}` })).status).toBe(401);
      const valid = await gateway.post({ query: QUERY }, { authorization: `Bearer ${await token(SECRET)}` });
      expect(valid.status).toBe(200);
      expect(valid.json.errors).toBeUndefined();
    });
  });
});

describe('client authentication with a JWKS', () => {
  it('verifies RS256 tokens against the keys the JWKS URL serves', async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'key-1', alg: 'RS256', use: 'sig' };
    const server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
    try {
      await withGateway({ AUTH_JWKS_URL: jwksUrl, AUTH_JWT_AUDIENCE: 'roomgraph' }, async (gateway) => {
        const sign = (audience: string) =>
          new SignJWT({}).setProtectedHeader({ alg: 'RS256', kid: 'key-1' }).setAudience(audience).setExpirationTime('5m').sign(privateKey);
        expect((await gateway.post({ query: QUERY }, { authorization: `Bearer ${await sign('roomgraph')}` })).status).toBe(200);
        expect((await gateway.post({ query: QUERY }, { authorization: `Bearer ${await sign('another-api')}` })).status).toBe(401);
        expect((await gateway.post({ query: QUERY })).status).toBe(401);
      });
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('production switches', () => {
  it('refuses introspection when INTROSPECTION=false, and still serves queries', async () => {
    await withGateway({ INTROSPECTION: 'false' }, async (gateway) => {
      const { json } = await gateway.post({ query: '{ __schema { types { name } } }' });
      expect(json.data ?? null).toBeNull();
      expect(json.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect((await gateway.post({ query: QUERY })).json.errors).toBeUndefined();
    });
  });

  it('runs only allow-listed operations when PERSISTED_OPERATIONS_FILE is set', async () => {
    const hash = createHash('sha256').update(QUERY).digest('hex');
    const file = join(mkdtempSync(join(tmpdir(), 'roomgraph-')), 'operations.json');
    writeFileSync(file, JSON.stringify({ [hash]: QUERY }));
    await withGateway({ PERSISTED_OPERATIONS_FILE: file }, async (gateway) => {
      const listed = await gateway.post({ extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });
      expect(listed.json).toEqual({ data: { providers: [{ provider: 'PLUGNMEET' }, { provider: 'VIDEOSDK' }, { provider: 'TELNYX' }] } });
      const arbitrary = await gateway.post({ query: QUERY });
      expect(arbitrary.json.errors?.[0]?.extensions?.code).toBeDefined();
      expect(arbitrary.json.data ?? null).toBeNull();
    });
  });

  it('requires a CSRF header on GET, and accepts JSON POSTs and GETs that carry one', async () => {
    await withGateway({}, async (gateway) => {
      const url = `http://gateway.test/graphql?query=${encodeURIComponent(QUERY)}`;
      const bare = await gateway.gateway.yoga.fetch(url);
      expect(bare.status).toBe(403);
      expect(((await bare.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('CSRF_HEADER_REQUIRED');
      expect((await gateway.gateway.yoga.fetch(url, { headers: { 'apollo-require-preflight': 'true' } })).status).toBe(200);
    });
  });

  it('allows only the configured CORS origins', async () => {
    await withGateway({ CORS_ORIGINS: 'https://app.example.com' }, async (gateway) => {
      const preflight = (origin: string) =>
        gateway.gateway.yoga.fetch('http://gateway.test/graphql', {
          method: 'OPTIONS',
          headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
        });
      expect((await preflight('https://app.example.com')).headers.get('access-control-allow-origin')).toBe('https://app.example.com');
      expect((await preflight('https://evil.example.com')).headers.get('access-control-allow-origin')).not.toBe('https://evil.example.com');
    });
  });
});

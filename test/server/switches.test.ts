import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
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

import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config-values.js';
import { parseConfig } from '../../src/config.js';
import { createGateway, type Gateway } from '../../src/gateway.js';
import { startSandboxes, type Sandboxes } from '../../src/sandbox/sandboxes.js';
import { toBanner } from '../../src/server/banner.js';
import { checkProductionCredentials, parseProfile } from '../../src/server/production-profile.js';

let sandboxes: Sandboxes;
const gateways: Gateway[] = [];
beforeAll(async () => {
  sandboxes = await startSandboxes();
});
afterAll(async () => {
  await Promise.all(gateways.map((gateway) => gateway.close()));
  await sandboxes.close();
});

function gatewayWith(env: Record<string, string>): Gateway {
  const gateway = createGateway(parseConfig({ ...sandboxes.env, LOG_LEVEL: 'silent', ...env }));
  gateways.push(gateway);
  return gateway;
}

const introspect = (gateway: Gateway) =>
  gateway.yoga.fetch('http://gateway.test/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __schema { queryType { name } } }' }) });
const preflight = (gateway: Gateway) =>
  gateway.yoga.fetch('http://gateway.test/graphql', { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });

describe('the production profile', () => {
  it('is chosen by NODE_ENV=production or ROOMGRAPH_PROFILE, which wins', () => {
    expect(parseProfile({})).toBe('development');
    expect(parseProfile({ NODE_ENV: 'production' })).toBe('production');
    expect(parseProfile({ NODE_ENV: 'production', ROOMGRAPH_PROFILE: 'development' })).toBe('development');
    expect(parseProfile({ ROOMGRAPH_PROFILE: 'production' })).toBe('production');
    expect(() => parseProfile({ ROOMGRAPH_PROFILE: 'staging' })).toThrow(/ROOMGRAPH_PROFILE must be one of/);
  });

  it('refuses to start without provider credentials, naming the variables', () => {
    expect(() => checkProductionCredentials('production', false)).toThrow(ConfigError);
    expect(() => checkProductionCredentials('production', false)).toThrow(/PLUGNMEET_API_KEY.*VIDEOSDK_API_KEY.*TELNYX_API_KEY/);
    expect(() => checkProductionCredentials('production', true)).not.toThrow();
    expect(() => checkProductionCredentials('development', false)).not.toThrow();
  });

  it('refuses the development switch that opens mutations without client auth', () => {
    expect(() => parseConfig({ NODE_ENV: 'production', MUTATIONS_WITHOUT_AUTH: 'true' })).toThrow(/MUTATIONS_WITHOUT_AUTH is for development/);
    expect(() => parseConfig({ MUTATIONS_WITHOUT_AUTH: 'true' })).not.toThrow();
  });

  it('turns GraphiQL and introspection off by default, and lets explicit switches turn them on', async () => {
    const production = parseConfig({ ...sandboxes.env, NODE_ENV: 'production' });
    expect(production.server).toMatchObject({ graphiql: false, introspection: false });
    expect(production.operations).toMatchObject({ profile: 'production', compression: true });
    expect(parseConfig({ ...sandboxes.env, NODE_ENV: 'production', GRAPHIQL: 'true', INTROSPECTION: 'true' }).server).toMatchObject({ graphiql: true, introspection: true });
    const gateway = gatewayWith({ NODE_ENV: 'production' });
    const page = await gateway.yoga.fetch('http://gateway.test/graphql', { headers: { accept: 'text/html' } });
    expect(await page.text()).not.toContain('<html');
    expect(JSON.stringify(await (await introspect(gateway)).json())).not.toContain('"queryType"');
  });

  it('allows no cross-origin caller unless listed, while development allows any', async () => {
    const production = await preflight(gatewayWith({ NODE_ENV: 'production' }));
    expect(production.headers.get('access-control-allow-origin')).toBeNull();
    const listed = await preflight(gatewayWith({ NODE_ENV: 'production', CORS_ORIGINS: 'https://evil.example' }));
    expect(listed.headers.get('access-control-allow-origin')).toBe('https://evil.example');
    const development = await preflight(gatewayWith({}));
    expect(development.headers.get('access-control-allow-origin')).toBe('https://evil.example');
  });

  it('compresses large answers and the GraphiQL page for clients that accept gzip', async () => {
    const gateway = gatewayWith({});
    const page = await gateway.yoga.fetch('http://gateway.test/graphql', { headers: { accept: 'text/html', 'accept-encoding': 'gzip, deflate, br' } });
    expect(page.headers.get('content-encoding')).toBe('gzip');
    const compressed = Buffer.from(await page.arrayBuffer());
    const html = gunzipSync(compressed).toString('utf8');
    expect(html).toContain('<html');
    expect(compressed.byteLength).toBeLessThan(html.length / 2);
    const plain = await gateway.yoga.fetch('http://gateway.test/graphql', { headers: { accept: 'text/html', 'accept-encoding': 'gzip;q=0, identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
  });

  it('says in its banner which profile runs, and advertises GraphiQL only when it is on', () => {
    const production = parseConfig({ ...sandboxes.env, NODE_ENV: 'production' });
    const lines = toBanner(production, 4000, ['plugnmeet'], false).join('\n');
    expect(lines).toContain('production profile');
    expect(lines).toContain('GraphiQL off');
    expect(lines).not.toContain('GraphiQL at');
    expect(toBanner(parseConfig(sandboxes.env), 4000, ['plugnmeet'], true).join('\n')).toMatch(/development profile[\s\S]*sandbox[\s\S]*GraphiQL at http:\/\/localhost:4000\/graphql/);
  });
});

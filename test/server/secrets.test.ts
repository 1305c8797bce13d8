import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config-values.js';
import { parseConfig } from '../../src/config.js';
import { createGateway, type Gateway } from '../../src/gateway.js';
import { startPlugnmeetSimulator } from '../../src/sandbox/plugnmeet/plugnmeet-simulator.js';
import type { Simulator } from '../../src/sandbox/simulator.js';
import { startTelnyxSimulator } from '../../src/sandbox/telnyx/telnyx-simulator.js';
import { startVideosdkSimulator } from '../../src/sandbox/videosdk/videosdk-simulator.js';
import { createLogger } from '../../src/server/logging.js';

/** Recognisable credentials: the upstreams accept the RIGHT ones, the gateway is given either. */
const RIGHT = { plugnmeet: 'SECRETPNM-right-7d1f0c', videosdk: 'SECRETVSDK-right-93ab2e', telnyx: 'SECRETTLX-right-55c0de' };
const WRONG = { plugnmeet: 'SECRETPNM-wrong-1a2b3c', videosdk: 'SECRETVSDK-wrong-4d5e6f', telnyx: 'SECRETTLX-wrong-7a8b9c' };
const SECRET_PATTERNS = [/SECRET(PNM|VSDK|TLX)/, /eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/, /\b[0-9a-f]{64}\b/i, /bearer\s+\S+/i, /hash-signature/i];

let simulators: Simulator[];
let env: Record<string, string>;
const emitted: string[] = [];

function gatewayWith(secrets: typeof RIGHT): Gateway {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      emitted.push(chunk.toString('utf8'));
      done();
    },
  });
  const config = parseConfig({
    ...env,
    PLUGNMEET_API_SECRET: secrets.plugnmeet,
    VIDEOSDK_API_SECRET: secrets.videosdk,
    TELNYX_API_KEY: secrets.telnyx,
    UPSTREAM_RETRIES: '1',
    UPSTREAM_RETRY_MAX_MS: '20',
  });
  return createGateway(config, { logger: createLogger('trace', sink) });
}

async function record(gateway: Gateway, path: string, init: RequestInit = {}): Promise<void> {
  const response = await gateway.yoga.fetch(`http://gateway.test${path}`, init);
  emitted.push(JSON.stringify([...response.headers]), await response.text());
}

const QUERIES = [
  '{ pastRooms(first: 5) { totalCount edges { node { id title participants { name } } } } }',
  '{ activeRooms { edges { node { id participants { id name telnyx { context } } } } } }',
  '{ rooms(first: 5) { edges { node { id title } } } }',
  '{ room(provider: VIDEOSDK, roomId: "abcd-efgh-ijkl") { id } }',
];

beforeAll(async () => {
  const plugnmeet = await startPlugnmeetSimulator({ apiSecret: RIGHT.plugnmeet });
  const videosdk = await startVideosdkSimulator({ secret: RIGHT.videosdk });
  const telnyx = await startTelnyxSimulator({ apiKey: RIGHT.telnyx });
  simulators = [plugnmeet, videosdk, telnyx];
  env = Object.assign({}, plugnmeet.env, videosdk.env, telnyx.env);
});
afterAll(async () => {
  await Promise.all(simulators.map((simulator) => simulator.close()));
});

describe('secrets', () => {
  it('never appear in a response, a header or a log line, whatever fails', async () => {
    for (const secrets of [WRONG, RIGHT]) {
      const gateway = gatewayWith(secrets);
      for (const query of QUERIES) {
        await record(gateway, '/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
      }
      for (const fault of [{ kind: 'malformed-json' }, { kind: 'status', status: 500 }, { kind: 'reset' }, { kind: 'wrong-auth' }] as const) {
        for (const simulator of simulators) simulator.injectFault(fault, { times: 4 });
        await record(gateway, '/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: QUERIES[0] }) });
        for (const simulator of simulators) simulator.clearFaults();
      }
      await record(gateway, '/graphql', { headers: { accept: 'text/html' } });
      await record(gateway, '/ready');
      await gateway.close();
    }
    const output = emitted.join('\n');
    expect(output).toContain('UPSTREAM_UNAUTHORIZED');
    expect(output).toContain('UPSTREAM_BAD_RESPONSE');
    expect(output).toContain('upstream call');
    for (const pattern of SECRET_PATTERNS) expect(output, String(pattern)).not.toMatch(pattern);
  });

  it('never appear in a configuration error', () => {
    const attempts = [
      { PLUGNMEET_URL: `https://user:${RIGHT.plugnmeet}@meet.example.com`, PLUGNMEET_API_KEY: 'k', PLUGNMEET_API_SECRET: RIGHT.plugnmeet },
      { VIDEOSDK_API_KEY: RIGHT.videosdk, VIDEOSDK_API_URL: RIGHT.videosdk },
      { TELNYX_API_KEY: RIGHT.telnyx, PORT: RIGHT.telnyx },
    ];
    for (const attempt of attempts) {
      let message = '';
      try {
        parseConfig(attempt);
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        message = String(error);
      }
      expect(message).not.toBe('');
      expect(message).not.toMatch(SECRET_PATTERNS[0]!);
    }
  });
});

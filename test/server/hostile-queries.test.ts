import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandboxes, type Sandboxes } from '../../src/sandbox/sandboxes.js';
import { createTestGateway, type TestGateway } from '../support/test-gateway.js';

let sandboxes: Sandboxes;
let gateway: TestGateway;

beforeAll(async () => {
  sandboxes = await startSandboxes();
  gateway = createTestGateway({ ...sandboxes.env, LOG_LEVEL: 'silent' });
});
afterAll(async () => {
  await gateway.close();
  await sandboxes.close();
});

const nest = (depth: number) => `{ activeRooms { edges { node { ${'participants { room { '.repeat(depth)}title${' } }'.repeat(depth)} } } } }`;
const aliases = (count: number) => `{ ${Array.from({ length: count }, (_, index) => `a${index}: providers { provider }`).join(' ')} }`;

const HOSTILE: [string, string, unknown][] = [
  ['deep nesting', 'QUERY_TOO_DEEP', { query: nest(20) }],
  ['a thousand aliases', 'GRAPHQL_PARSE_FAILED', { query: aliases(1000) }],
  ['a hundred aliases', 'TOO_MANY_ALIASES', { query: aliases(100) }],
  ['first: 100000', 'BAD_USER_INPUT', { query: '{ pastRooms(first: 100000) { totalCount } }' }],
  ['a negative page size', 'BAD_USER_INPUT', { query: '{ rooms(last: -5) { totalCount } }' }],
  ['a garbled cursor', 'INVALID_CURSOR', { query: '{ pastRooms(after: "%%%garbage%%%") { totalCount } }' }],
  ['a garbled room cursor', 'INVALID_CURSOR', { query: '{ rooms(before: "eyJmIjoxfQ") { totalCount } }' }],
  [
    'nested connections of 100 × 100 × 100',
    'QUERY_TOO_COMPLEX',
    { query: '{ rooms(first: 100) { edges { node { pastRooms(first: 100) { edges { node { room { pastRooms(first: 100) { totalCount } } } } } } } } }' },
  ],
  ['too many directives', 'TOO_MANY_DIRECTIVES', { query: `{ providers ${'@include(if: true) '.repeat(40)}{ provider } }` }],
];

describe('hostile queries', () => {
  it.each(HOSTILE)('refuses %s quickly with %s and no upstream call', async (_name, code, body) => {
    for (const simulator of Object.values(sandboxes.simulators)) simulator.resetCalls();
    const started = performance.now();
    const { json } = await gateway.post(body);
    expect(performance.now() - started).toBeLessThan(500);
    expect(json.errors?.map((error) => error.extensions?.code)).toContain(code);
    expect(Object.values(sandboxes.simulators).reduce((sum, simulator) => sum + simulator.calls.length, 0)).toBe(0);
  });

  it('refuses a 20 MB body with 413 before reading it', async () => {
    const body = JSON.stringify({ query: '{ providers { provider } }', padding: 'x'.repeat(20 * 1024 * 1024) });
    const started = performance.now();
    const response = await gateway.gateway.yoga.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) },
      body,
    });
    expect(response.status).toBe(413);
    expect(performance.now() - started).toBeLessThan(500);
    expect(await response.json()).toEqual({ errors: [{ message: 'The request body is larger than 262144 bytes.', extensions: { code: 'REQUEST_TOO_LARGE' } }] });
  });

  it('refuses a Content-Length that is not a byte count with 400, unread', async () => {
    const response = await gateway.gateway.yoga.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': 'abc' },
      body: JSON.stringify({ query: '{ providers { provider } }' }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ errors: [{ message: 'The Content-Length header is not a byte count.', extensions: { code: 'BAD_REQUEST' } }] });
  });

  it('refuses an oversized chunked body while reading it', async () => {
    const chunk = new TextEncoder().encode(`{"query":"{ providers { provider } }","padding":"${'x'.repeat(64 * 1024)}`);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 1;
        if (sent > 40) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const response = await gateway.gateway.yoga.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(sent).toBeLessThan(40);
  });

  it('caps a chunked body of any type (a GraphQL string here), and still parses one within the limit', async () => {
    const chunked = (text: string, times: number) => {
      let sent = 0;
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          sent += 1;
          if (sent > times) controller.close();
          else controller.enqueue(new TextEncoder().encode(text));
        },
      });
      const response = gateway.gateway.yoga.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/graphql' },
        body,
        duplex: 'half',
      } as RequestInit);
      return { response, sent: () => sent };
    };
    const oversized = chunked(`# ${'x'.repeat(64 * 1024)}\n`, 40);
    expect((await oversized.response).status).toBe(413);
    expect(oversized.sent()).toBeLessThan(40);

    const small = await chunked('{ providers { provider } }', 1).response;
    expect(small.status).toBe(200);
    expect(((await small.json()) as { data: { providers: unknown[] } }).data.providers).toHaveLength(3);
  });

  it('answers normally after all of them, and the README-sized queries stay within the limits', async () => {
    const { json } = await gateway.post({
      query: '{ activeRooms(first: 20) { edges { node { participants { name } pastRooms(first: 5) { edges { node { participants { name presences { joinedAt } } } } } } } } }',
    });
    expect(json.errors).toBeUndefined();
  });
});

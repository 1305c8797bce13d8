import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandboxes, type Sandboxes } from '../../src/sandbox/sandboxes.js';
import { createTestGateway, type TestGateway } from '../support/test-gateway.js';

/*
 * Issue 10, the client's side: cursors, ids, lists and aliases sent to make the gateway work or
 * echo without bound. Each refusal is coded, costs no upstream call and keeps the response small.
 */

let sandboxes: Sandboxes;
let gateway: TestGateway;
const CURSOR_SECRET = 'a-shared-cursor-secret-of-32-chars-or-more';

beforeAll(async () => {
  sandboxes = await startSandboxes();
  gateway = createTestGateway({ ...sandboxes.env, CURSOR_SECRET });
});
afterAll(async () => {
  await gateway.close();
  await sandboxes.close();
});

const upstreamCalls = () => Object.values(sandboxes.simulators).reduce((sum, simulator) => sum + simulator.calls.length, 0);
const resetCalls = () => Object.values(sandboxes.simulators).forEach((simulator) => simulator.resetCalls());
const codes = (json: { errors?: { extensions?: { code?: string } }[] }) => json.errors?.map((error) => error.extensions?.code);

async function postMeasured(body: unknown, target: TestGateway = gateway) {
  resetCalls();
  const started = performance.now();
  const response = await target.gateway.yoga.fetch('http://gateway.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, bytes: text.length, ms: performance.now() - started, calls: upstreamCalls(), json: JSON.parse(text) as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] } };
}

const PAGE = 'query Page($after: String) { pastRooms(first: 2, after: $after) { edges { cursor } } }';

async function realCursor(target: TestGateway = gateway): Promise<string> {
  const { json } = await postMeasured({ query: PAGE }, target);
  return (json.data as { pastRooms: { edges: { cursor: string }[] } }).pastRooms.edges[1]!.cursor;
}

describe('cursors', () => {
  it('are short and opaque, and page on when sent back unchanged', async () => {
    const cursor = await realCursor();
    expect(cursor.length).toBeLessThan(300);
    expect(cursor).toMatch(/^[\w-]+\.[\w-]+$/);
    const { json } = await postMeasured({ query: PAGE, variables: { after: cursor } });
    expect(json.errors).toBeUndefined();
  });

  it('refuses an edited cursor (a position far past the end) with INVALID_CURSOR before any upstream call', async () => {
    const cursor = await realCursor();
    const [body, tag] = cursor.split('.');
    const document = JSON.parse(Buffer.from(body!, 'base64url').toString('utf8')) as { v: Record<string, string | null> };
    for (const provider of Object.keys(document.v)) if (document.v[provider]?.startsWith('p:')) document.v[provider] = 'p:999999999';
    document.v.plugnmeet = 'p:999999999';
    const edited = `${Buffer.from(JSON.stringify(document)).toString('base64url')}.${tag}`;
    const { json, calls, ms } = await postMeasured({ query: PAGE, variables: { after: edited } });
    expect(codes(json)).toEqual(['INVALID_CURSOR']);
    expect(calls).toBe(0);
    expect(ms).toBeLessThan(500);
  });

  it('refuses a forged cursor in the old unsigned format and one of a gateway with another secret', async () => {
    const forged = Buffer.from(JSON.stringify({ f: 'x', e: 'plugnmeet', v: { plugnmeet: 'p:999999999' } })).toString('base64url');
    const other = createTestGateway({ ...sandboxes.env, CURSOR_SECRET: 'another-cursor-secret-of-32-chars-or-more' });
    try {
      const foreign = await realCursor(other);
      for (const cursor of [forged, foreign, 'a.b', `${foreign}.x`]) {
        const { json, calls } = await postMeasured({ query: PAGE, variables: { after: cursor } });
        expect(codes(json)).toEqual(['INVALID_CURSOR']);
        expect(calls).toBe(0);
      }
    } finally {
      await other.close();
    }
  });

  it('are accepted by a replica that shares CURSOR_SECRET', async () => {
    const replica = createTestGateway({ ...sandboxes.env, CURSOR_SECRET });
    try {
      const { json } = await postMeasured({ query: PAGE, variables: { after: await realCursor() } }, replica);
      expect(json.errors).toBeUndefined();
    } finally {
      await replica.close();
    }
  });
});

describe('input limits', () => {
  it('refuses an over-long id with BAD_USER_INPUT, without echoing it and without an upstream call', async () => {
    const id = 'A'.repeat(100_000);
    const { json, bytes, calls } = await postMeasured({ query: 'query Node($id: ID!) { node(id: $id) { id } }', variables: { id } });
    expect(codes(json)).toEqual(['BAD_USER_INPUT']);
    expect(json.errors![0]!.message).toBe('`id` is at most 256 characters long.');
    expect(bytes).toBeLessThan(1_000);
    expect(calls).toBe(0);
  });

  it('keeps the answer to 30 aliases of an over-long id small', async () => {
    const id = 'B'.repeat(5_000);
    const query = `{ ${Array.from({ length: 30 }, (_, index) => `a${index}: node(id: "${id}") { id }`).join(' ')} }`;
    const { json, bytes, calls } = await postMeasured({ query });
    expect(codes(json)).toEqual(['BAD_USER_INPUT']);
    expect(bytes).toBeLessThan(1_000);
    expect(calls).toBe(0);
  });

  it('keeps the answer to 30 aliases of a bad id within the limit small: every echo is truncated', async () => {
    const id = 'C'.repeat(250);
    const query = `{ ${Array.from({ length: 30 }, (_, index) => `a${index}: node(id: "${id}") { id }`).join(' ')} }`;
    const { json, bytes } = await postMeasured({ query });
    expect(codes(json)).toHaveLength(30);
    expect(new Set(codes(json))).toEqual(new Set(['INVALID_ID']));
    expect(bytes).toBeLessThan(30 * 300);
  });

  it('refuses nodes with thousands of ids before any upstream call', async () => {
    const ids = Array.from({ length: 4_000 }, (_, index) => Buffer.from(`PastRoom:videosdk:room-${index}:session-${index}`).toString('base64'));
    const { json, calls, ms, bytes } = await postMeasured({ query: 'query Many($ids: [ID!]!) { nodes(ids: $ids) { id } }', variables: { ids } });
    expect(codes(json)).toEqual(['BAD_USER_INPUT']);
    expect(json.errors![0]!.message).toBe('`ids` takes at most 100 items.');
    expect(calls).toBe(0);
    expect(ms).toBeLessThan(1_000);
    expect(bytes).toBeLessThan(1_000);
  });

  it('prices nodes by its ids in the cost model', async () => {
    const cheap = createTestGateway({ ...sandboxes.env, MAX_QUERY_COST: '50' });
    try {
      const ids = Array.from({ length: 60 }, (_, index) => Buffer.from(`Room:telnyx:room-${index}`).toString('base64'));
      const { json, calls } = await postMeasured({ query: 'query Many($ids: [ID!]!) { nodes(ids: $ids) { id } }', variables: { ids } }, cheap);
      expect(codes(json)).toEqual(['QUERY_TOO_COMPLEX']);
      expect(calls).toBe(0);
    } finally {
      await cheap.close();
    }
  });

  it('refuses over-long room ids, names and cursors, in literals, variables and input objects', async () => {
    const long = 'r'.repeat(600);
    const bodies = [
      { query: `{ room(provider: TELNYX, roomId: "${long}") { title } }` },
      { query: 'query R($f: RoomFilter) { rooms(filter: $f) { totalCount } }', variables: { f: { name: long } } },
      { query: 'query P($f: PastRoomFilter) { pastRooms(filter: $f) { totalCount } }', variables: { f: { roomIds: [long] } } },
      { query: `{ pastRooms(after: "${long}") { totalCount } }` },
      { query: 'query E($r: [_Any!]!) { _entities(representations: $r) { __typename } }', variables: { r: [{ __typename: 'Room', id: long }] } },
    ];
    for (const body of bodies) {
      const { json, calls, bytes } = await postMeasured(body);
      expect(codes(json)).toEqual(['BAD_USER_INPUT']);
      expect(calls).toBe(0);
      expect(bytes).toBeLessThan(1_000);
    }
  });

  it('carries at most MAX_RESPONSE_ERRORS errors, summing up the rest', async () => {
    const capped = createTestGateway({ ...sandboxes.env, MAX_RESPONSE_ERRORS: '5' });
    try {
      const query = `{ ${Array.from({ length: 30 }, (_, index) => `a${index}: node(id: "bad") { id }`).join(' ')} }`;
      const { json } = await postMeasured({ query }, capped);
      expect(codes(json)).toEqual(['INVALID_ID', 'INVALID_ID', 'INVALID_ID', 'INVALID_ID', 'TOO_MANY_ERRORS']);
      expect(json.errors![4]!.message).toBe('26 more errors were left out of this response.');
    } finally {
      await capped.close();
    }
  });
});

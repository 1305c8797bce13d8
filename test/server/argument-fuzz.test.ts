import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/sandbox/demo-timeline.js';
import { startSandboxes, type Sandboxes } from '../../src/sandbox/sandboxes.js';
import { createTestGateway, type TestGateway } from '../support/test-gateway.js';

let sandboxes: Sandboxes;
let gateway: TestGateway;
let realIds: string[] = [];
let realCursors: string[] = [];

beforeAll(async () => {
  sandboxes = await startSandboxes();
  gateway = createTestGateway(sandboxes.env);
  const { json } = await gateway.post({ query: '{ pastRooms(first: 5) { edges { cursor node { id } } } rooms(first: 5) { edges { cursor node { id } } } }' });
  const data = json.data as Record<string, { edges: { cursor: string; node: { id: string } }[] }>;
  realIds = Object.values(data).flatMap((connection) => connection.edges.map((edge) => edge.node.id));
  realCursors = Object.values(data).flatMap((connection) => connection.edges.map((edge) => edge.cursor));
});
afterAll(async () => {
  await gateway.close();
  await sandboxes.close();
});

/** A bounded, seeded generator of hostile argument values. */
function createArbitrary(seed: number) {
  const random = seededRandom(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
  const base64 = (text: string) => Buffer.from(text).toString(pick(['base64', 'base64url'] as const));
  const strings = () =>
    pick([
      '',
      ' ',
      '%%%',
      'null',
      '\u0000\u202e',
      'x'.repeat(Math.floor(random() * 3000)),
      base64(`Room:${pick(['plugnmeet', 'videosdk', 'telnyx', 'zoom', ''])}/${pick(['', 'a', '/', '%ZZ', 'a/b/c'])}`),
      base64(`PastRoom:${pick(['plugnmeet', 'telnyx'])}/r/${pick(['s', ''])}`),
      base64(`Participant:videosdk/${'a/'.repeat(Math.floor(random() * 5))}`),
      base64(JSON.stringify({ f: pick(['', 'x', 1]), e: pick(['plugnmeet', 'nope', 7]), v: pick([{}, [], null, { plugnmeet: 'p:-1' }, { telnyx: 5 }]) })),
      base64(JSON.stringify({ f: 'x', k: pick([[1, 2, 'a'], ['a', 0, 'b'], [null, 0, ''], 'k']) })),
      pick(realIds.length ? realIds : ['']),
      pick(realCursors.length ? realCursors : ['']),
    ]);
  const ints = () => pick([-1, 0, 1, 20, 100, 101, 2 ** 31 - 1, -(2 ** 31), Math.floor(random() * 500) - 100]);
  const dates = () => pick(['2026-01-01T00:00:00Z', '1970-01-01T00:00:00Z', '2026-13-45T99:99:99Z', 'yesterday', '', '2026-01-01', '9999-12-31T23:59:59Z']);
  const range = () => pick([null, { from: dates() }, { to: dates() }, { from: dates(), to: dates() }]);
  const pageArgs = () => Object.fromEntries(['first', 'last', 'after', 'before'].filter(() => random() < 0.4).map((name) => [name, name.length < 5 ? ints() : strings()]));
  return {
    query: (): { query: string; variables: Record<string, unknown> } => {
      const kind = pick(['pastRooms', 'rooms', 'activeRooms', 'node', 'nodes', 'room']);
      if (kind === 'node') return { query: 'query ($v: ID!) { node(id: $v) { id } }', variables: { v: strings() } };
      if (kind === 'nodes') return { query: 'query ($v: [ID!]!) { nodes(ids: $v) { id } }', variables: { v: Array.from({ length: ints() % 60 > 0 ? ints() % 60 : 1 }, strings) } };
      if (kind === 'room') return { query: 'query ($p: Provider!, $r: String!) { room(provider: $p, roomId: $r) { id } }', variables: { p: pick(['PLUGNMEET', 'TELNYX', 'VIDEOSDK', 'ZOOM']), r: strings() } };
      const filter =
        kind === 'pastRooms'
          ? { provider: pick([null, 'PLUGNMEET', 'TELNYX', 'BOGUS']), roomIds: pick([null, [], [strings()], Array.from({ length: 150 }, strings)]), createdAt: range() }
          : { provider: pick([null, 'VIDEOSDK', 'TELNYX']), name: pick([null, strings()]), createdAt: range(), updatedAt: range() };
      const variables = { ...pageArgs(), ...(kind === 'activeRooms' ? {} : { filter }) };
      const args = kind === 'activeRooms' ? '(first: $first, after: $after, last: $last, before: $before)' : '(filter: $filter, first: $first, after: $after, last: $last, before: $before)';
      const filterType = kind === 'pastRooms' ? ', $filter: PastRoomFilter' : kind === 'rooms' ? ', $filter: RoomFilter' : '';
      return { query: `query ($first: Int, $after: String, $last: Int, $before: String${filterType}) { ${kind}${args} { totalCount edges { cursor node { id } } } }`, variables };
    },
  };
}

describe('argument fuzzing', () => {
  it('finds no unmasked error in 400 seeded hostile requests, and the gateway still answers', async () => {
    const arbitrary = createArbitrary(20261122);
    const codes = new Map<string, number>();
    for (let run = 0; run < 400; run += 1) {
      const body = arbitrary.query();
      const { status, json } = await gateway.post(body);
      expect([200, 400], JSON.stringify(body).slice(0, 300)).toContain(status);
      for (const error of json.errors ?? []) {
        const code = error.extensions?.code;
        expect(code, `${error.message} ← ${JSON.stringify(body).slice(0, 300)}`).toBeTypeOf('string');
        expect(code, `${error.message} ← ${JSON.stringify(body).slice(0, 300)}`).not.toBe('INTERNAL_SERVER_ERROR');
        codes.set(code!, (codes.get(code!) ?? 0) + 1);
      }
    }
    expect(codes.size).toBeGreaterThanOrEqual(4);
    const { json } = await gateway.post({ query: '{ pastRooms(first: 3) { totalCount } }' });
    expect(json.errors).toBeUndefined();
  }, 60_000);
});

/**
 * `npm run bench`: how fast the gateway answers, and how fast it refuses, in process over the
 * sandbox simulators (loopback HTTP to the upstreams). Figures go into docs/benchmarks.md.
 */
import { afterAll, beforeAll, bench, describe } from 'vitest';
import { startSandboxes, type Sandboxes } from '../../src/sandbox/sandboxes.js';
import { createTestGateway, type TestGateway } from '../support/test-gateway.js';

let sandboxes: Sandboxes;
let gateway: TestGateway;

beforeAll(async () => {
  sandboxes = await startSandboxes();
  gateway = createTestGateway(sandboxes.env);
});
afterAll(async () => {
  await gateway?.close();
  await sandboxes?.close();
});

const run = (query: string) => async () => {
  await gateway.post({ query });
};

const OPTIONS = { time: 2_000, iterations: 50 };

describe('answers', () => {
  bench('pastRooms(first: 50) merged over three providers', run('{ pastRooms(first: 50) { totalCount edges { node { id title createdAt } } } }'), OPTIONS);
  bench(
    'activeRooms with participants and pastRooms(first: 5) each',
    run('{ activeRooms(first: 20) { edges { node { title participants { name } pastRooms(first: 5) { edges { node { endedAt participants { name } } } } } } } }'),
    OPTIONS,
  );
  bench('rooms(first: 20) over three providers', run('{ rooms(first: 20) { totalCount edges { node { title isActive } } } }'), OPTIONS);
});

describe('refusals', () => {
  const nest = `{ activeRooms { edges { node { ${'participants { room { '.repeat(20)}title${' } }'.repeat(20)} } } } }`;
  const aliases = `{ ${Array.from({ length: 1000 }, (_, index) => `a${index}: providers { provider }`).join(' ')} }`;
  bench('deep nesting (depth 44)', run(nest), OPTIONS);
  bench('a thousand aliases', run(aliases), OPTIONS);
  bench('nested connections 100 × 100 × 100', run('{ rooms(first: 100) { edges { node { pastRooms(first: 100) { edges { node { room { pastRooms(first: 100) { totalCount } } } } } } } } }'), OPTIONS);
  bench('first: 100000', run('{ pastRooms(first: 100000) { totalCount } }'), OPTIONS);
  bench(
    '20 MB body',
    async () => {
      const body = `{"query":"{ providers { provider } }","padding":"${'x'.repeat(20 * 1024 * 1024)}"}`;
      await gateway.gateway.yoga.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': String(body.length) },
        body,
      });
    },
    { time: 1_000, iterations: 10 },
  );
});

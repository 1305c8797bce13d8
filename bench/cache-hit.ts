/**
 * `npm run bench:cache -- hit` (issue 12): S2 and S3 on four contenders, in interleaved rounds —
 * the miss path (`CACHE_ENABLED=false`), a data-cache hit (every upstream read cached, response
 * cache off), a response-cache hit, and a node:http server answering the same JSON with no GraphQL
 * at all — at 10 connections (req/s, ratios within each round), then one request at a time (p50),
 * where queueing does not hide a difference of a fraction of a millisecond.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'undici';
import { createSchema, createYoga } from 'graphql-yoga';
import { parseConfig } from '../src/config.js';
import { createGateway, type Gateway } from '../src/gateway.js';
import { startSandboxes } from '../src/sandbox/sandboxes.js';
import { runLoad } from './load.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
/** Sequential requests per contender per round for the one-at-a-time latency. */
const SEQUENTIAL = Number(process.env.BENCH_SEQUENTIAL ?? 1000);
const QUERIES = {
  S2: '{ pastRooms(first: 50) { totalCount edges { node { id title createdAt endedAt participantCount } } } }',
  S3: '{ pastRooms(first: 50) { totalCount edges { node { id title createdAt participants { id name presences { joinedAt leftAt } } } } } }',
};
const CONTENDERS = ['miss', 'data', 'response', 'static'] as const;
type Contender = (typeof CONTENDERS)[number];

async function listen(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql` };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** `median (min–max)` of the values (of the rounds). */
const spread = (values: number[], digits = 1) => `${median(values).toFixed(digits)} (${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)})`;

/** The p50 in ms of `count` requests sent one after another over one keep-alive connection. */
async function sequentialP50(url: string, body: string, expected: string, count: number): Promise<number> {
  const target = new URL(url);
  const pool = new Pool(target.origin, { connections: 1 });
  const times: number[] = [];
  try {
    for (let index = 0; index < count; index += 1) {
      const started = performance.now();
      const response = await pool.request({ path: target.pathname, method: 'POST', headers: { 'content-type': 'application/json' }, body });
      const text = await response.body.text();
      times.push(performance.now() - started);
      if (text !== expected) throw new Error(`${url}: unexpected answer`);
    }
  } finally {
    await pool.close();
  }
  return median(times);
}

async function answerOf(url: string, body: string): Promise<string> {
  const text = await (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).text();
  if (JSON.parse(text).errors) throw new Error(`${url}: ${text}`);
  return text;
}

/** Runs the hit benchmark and prints its two tables. */
export async function hitVersusMiss(): Promise<void> {
  const sandboxes = await startSandboxes();
  // The production profile, as users run it (`npm run bench:cache` sets NODE_ENV for graphql-js too).
  const env = { NODE_ENV: 'production', LOG_LEVEL: 'silent', RATE_LIMIT_POINTS: '0', ...sandboxes.env };
  const warm = { CACHE_ENABLED: 'true', CACHE_MUTABLE_TTL_MS: '3600000' };
  const gateways: Record<Exclude<Contender, 'static'>, Gateway> = {
    miss: createGateway(parseConfig({ ...env, CACHE_ENABLED: 'false' })),
    data: createGateway(parseConfig({ ...env, ...warm, RESPONSE_CACHE_ENABLED: 'false' })),
    response: createGateway(parseConfig({ ...env, ...warm, RESPONSE_CACHE_TTL_MS: '3600000' })),
  };
  const servers = Object.fromEntries(await Promise.all(Object.entries(gateways).map(async ([name, gateway]) => [name, await listen(gateway.yoga)]))) as Record<Contender, { server: Server; url: string }>;
  const stockYoga = await listen(createYoga({ schema: createSchema({ typeDefs: 'type Query { hello: String }', resolvers: { Query: { hello: () => 'world' } } }), logging: false }));
  const throughput: string[] = [];
  const latency: string[] = [];
  for (const [name, query] of Object.entries(QUERIES)) {
    const body = JSON.stringify({ query });
    const answer = await answerOf(servers.response.url, body);
    servers.static = await listen((request, response) => {
      request.resume();
      request.on('end', () => response.writeHead(200, { 'content-type': 'application/json' }).end(answer));
    });
    const expected = Object.fromEntries(await Promise.all(CONTENDERS.map(async (contender) => [contender, await answerOf(servers[contender].url, body)]))) as Record<Contender, string>;
    const runs = Object.fromEntries(CONTENDERS.map((contender) => [contender, [] as { rps: number; p50: number; sequential: number }[]])) as Record<Contender, { rps: number; p50: number; sequential: number }[]>;
    // Floors, one request at a time: the gateway's `{ __typename }` (no cache, no upstream), and a
    // stock graphql-yoga server with one constant field (no plugin of ours at all).
    const floor: number[] = [];
    const stock: number[] = [];
    const typename = JSON.stringify({ query: '{ __typename }' });
    const typenameAnswer = await answerOf(servers.miss.url, typename);
    const hello = JSON.stringify({ query: '{ hello }' });
    const helloAnswer = await answerOf(stockYoga.url, hello);
    for (let round = 0; round < ROUNDS; round += 1) {
      floor.push(await sequentialP50(servers.miss.url, typename, typenameAnswer, SEQUENTIAL));
      stock.push(await sequentialP50(stockYoga.url, hello, helloAnswer, SEQUENTIAL));
      for (const contender of CONTENDERS) {
        const load = await runLoad(servers[contender].url, body, { connections: 10, seconds: SECONDS, expectBody: expected[contender] });
        if (load.failures > 0 || load.mismatches > 0) throw new Error(`${contender}: ${load.failures} failures, ${load.mismatches} wrong answers`);
        // The miss path and the data-cache hit take tens of ms: a tenth of the sequential requests is enough for their median.
        const count = contender === 'miss' || contender === 'data' ? Math.ceil(SEQUENTIAL / 10) : SEQUENTIAL;
        runs[contender].push({ rps: load.reqPerSec, p50: load.p50, sequential: await sequentialP50(servers[contender].url, body, expected[contender], count) });
      }
    }
    servers.static.server.close();
    delete (servers as Partial<typeof servers>).static;
    const ratio = (contender: Contender) => runs[contender].map((run, index) => run.rps / runs.miss[index]!.rps);
    const rps = (contender: Contender) => spread(runs[contender].map((run) => run.rps));
    throughput.push(`| ${name} | ${rps('miss')} | ${rps('data')} | ${rps('response')} | ${rps('static')} | ${spread(ratio('data'))}× | ${spread(ratio('response'))}× | ${spread(runs.response.map((run) => run.p50))} | ${spread(runs.static.map((run) => run.p50))} |`);
    const sequential = (contender: Contender) => spread(runs[contender].map((run) => run.sequential), 3);
    const gap = runs.response.map((run, index) => run.sequential - runs.static[index]!.sequential);
    latency.push(`| ${name} | ${sequential('miss')} | ${sequential('data')} | ${sequential('response')} | ${sequential('static')} | ${spread(gap, 3)} | ${spread(floor, 3)} | ${spread(stock, 3)} | ${(answer.length / 1024).toFixed(1)} KiB |`);
  }
  console.log('\n| query | miss req/s | data-cache hit req/s | response-cache hit req/s | static req/s | data hit / miss | response hit / miss | response hit p50 ms | static p50 ms |\n|---|---|---|---|---|---|---|---|---|');
  console.log(throughput.join('\n'));
  console.log('\n| query (one request at a time) | miss p50 ms | data-cache hit p50 ms | response-cache hit p50 ms | static p50 ms | response hit − static, ms | gateway \`{ __typename }\` p50 ms | stock yoga \`{ hello }\` p50 ms | answer |\n|---|---|---|---|---|---|---|---|---|');
  console.log(latency.join('\n'));
  for (const { server } of [...Object.values(servers), stockYoga]) server.close();
  await Promise.all(Object.values(gateways).map((gateway) => gateway.close()));
  await sandboxes.close();
}

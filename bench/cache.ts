/**
 * `npm run bench:cache` (issue 12): the cache-hit path against the miss path for S2 and S3, hit
 * latency against serving the same JSON with no upstream, the in-memory cache at its bound, and a
 * page of a non-native order on each provider's warm history index at 1 000 and 100 000 sessions
 * (`index-cost.ts`). Rounds are interleaved (miss, hit, static, …) so drift hits every variant alike.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import { parseConfig } from '../src/config.js';
import { createGateway, type Gateway } from '../src/gateway.js';
import { createMemoryStore } from '../src/providers/cache/cache-store.js';
import { startSandboxes } from '../src/sandbox/sandboxes.js';
import { measureIndexCost } from './index-cost.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const S2 = '{ pastRooms(first: 50) { totalCount edges { node { id title createdAt endedAt participantCount } } } }';
const S3 = '{ pastRooms(first: 50) { totalCount edges { node { id title createdAt participants { id name presences { joinedAt leftAt } } } } } }';

async function listen(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql` };
}

async function load(url: string, query: string): Promise<{ rps: number; p50: number; p99: number }> {
  const result = await autocannon({
    url,
    method: 'POST',
    connections: 10,
    duration: SECONDS,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

const spread = (values: number[]) => `${(values.reduce((a, b) => a + b, 0) / values.length).toFixed(1)} (${Math.min(...values).toFixed(1)}–${Math.max(...values).toFixed(1)})`;

async function hitVersusMiss(): Promise<void> {
  const sandboxes = await startSandboxes();
  const env = { LOG_LEVEL: 'silent', RATE_LIMIT_POINTS: '0', ...sandboxes.env };
  const gateways: Gateway[] = [
    createGateway(parseConfig({ ...env, CACHE_ENABLED: 'false' })),
    createGateway(parseConfig({ ...env, CACHE_ENABLED: 'true', CACHE_MUTABLE_TTL_MS: '3600000' })),
  ];
  const [miss, hit] = await Promise.all(gateways.map((gateway) => listen(gateway.yoga)));
  for (const [name, query] of [['S2', S2], ['S3', S3]] as const) {
    const answer = await (await fetch(hit!.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) })).text();
    const stat = await listen((_request, response) => {
      _request.resume();
      _request.on('end', () => response.writeHead(200, { 'content-type': 'application/json' }).end(answer));
    });
    const runs = { miss: [] as Awaited<ReturnType<typeof load>>[], hit: [] as Awaited<ReturnType<typeof load>>[], static: [] as Awaited<ReturnType<typeof load>>[] };
    for (let round = 0; round < ROUNDS; round += 1) {
      runs.miss.push(await load(miss!.url, query));
      runs.hit.push(await load(hit!.url, query));
      runs.static.push(await load(stat.url, query));
    }
    stat.server.close();
    const ratios = runs.hit.map((run, index) => run.rps / runs.miss[index]!.rps);
    console.log(`| ${name} | ${spread(runs.miss.map((run) => run.rps))} | ${spread(runs.hit.map((run) => run.rps))} | ${spread(ratios)}× | ${spread(runs.hit.map((run) => run.p50))} | ${spread(runs.static.map((run) => run.p50))} | ${spread(runs.static.map((run) => run.rps))} |`);
  }
  for (const server of [miss!, hit!]) server.server.close();
  await Promise.all(gateways.map((gateway) => gateway.close()));
  await sandboxes.close();
}

async function memoryAtBound(): Promise<void> {
  const bound = 16 * 1024 * 1024;
  const store = createMemoryStore(bound);
  global.gc?.();
  const before = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
  for (let index = 0; index < 100_000; index += 1) await store.set(`rg:v1:telnyx:acct:i:session:${index}`, Buffer.alloc(1_000, index % 256), null);
  global.gc?.();
  const after = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
  const stats = store.stats();
  console.log(`| ${(bound / 1048576).toFixed(0)} MiB | 100 000 × 1 kB | ${((stats.bytes ?? 0) / 1048576).toFixed(2)} MiB | ${stats.entries} | ${stats.evictions} | ${((after - before) / 1048576).toFixed(1)} MiB |`);
}

async function main(): Promise<void> {
  const only = process.argv[2];
  if (!only || only === 'hit') {
    console.log('\n| query | miss req/s | hit req/s | hit / miss | hit p50 ms | static p50 ms | static req/s |\n|---|---|---|---|---|---|---|');
    await hitVersusMiss();
  }
  if (!only || only === 'memory') {
    console.log('\n| bound | written | held | entries | evictions | heap + buffers grew |\n|---|---|---|---|---|---|');
    await memoryAtBound();
  }
  if (!only || only === 'index') await measureIndexCost(ROUNDS);
}

await main();

/**
 * `npm run bench:cache` (issue 12): the miss path, a data-cache hit and a response-cache hit for S2
 * and S3 against serving the same JSON with no upstream (`cache-hit.ts`), the in-memory cache at its bound, and a
 * page of a non-native order (Telnyx, ENDED_AT) on a warm history index at 1 000 and 100 000
 * sessions. Rounds are interleaved (miss, data hit, response hit, static, …) so drift hits every variant alike.
 */
import { parseConfig } from '../src/config.js';
import { createGateway } from '../src/gateway.js';
import { createMemoryStore } from '../src/providers/cache/cache-store.js';
import { createMemoryResponseStore } from '../src/server/response-cache-store.js';
import { startTelnyxSimulator } from '../src/sandbox/telnyx/telnyx-simulator.js';
import { toTelnyxTime } from '../src/sandbox/telnyx/telnyx-store.js';
import { hitVersusMiss } from './cache-hit.js';

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

/** The response cache's store at its bound: 6× its bound of S2-like answers (50 past rooms, ~9 kB of JSON each). */
async function responsesAtBound(): Promise<void> {
  const bound = 16 * 1024 * 1024;
  const store = createMemoryResponseStore(bound);
  const answer = (index: number) => ({
    data: { pastRooms: { totalCount: 1000 + index, edges: Array.from({ length: 50 }, (_unused, row) => ({ node: { id: Buffer.from(`PastRoom:telnyx/${index}/${row}`).toString('base64'), title: `room ${row}`, createdAt: new Date(index * 1000 + row).toISOString(), endedAt: new Date(index * 1000 + row + 60_000).toISOString(), participantCount: row } })) } },
  });
  const size = JSON.stringify(answer(0)).length;
  const count = Math.ceil((6 * bound) / size);
  global.gc?.();
  const before = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
  for (let index = 0; index < count; index += 1) store.set(`key-${index}`, answer(index), [], 3_600_000);
  global.gc?.();
  const after = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
  const stats = store.stats();
  console.log(`| ${(bound / 1048576).toFixed(0)} MiB (response cache) | ${count.toLocaleString('en')} × ${(size / 1024).toFixed(1)} kB | ${(stats.bytes / 1048576).toFixed(2)} MiB | ${stats.entries} | ${stats.evictions} | ${((after - before) / 1048576).toFixed(1)} MiB |`);
}

/**
 * Adds `count` ended sessions (no participants) to a Telnyx simulator: all but the last 20 ended
 * more than three days ago, the last 20 in the past hours, so that the delta a later page reads is
 * the same at every history size and only the history before it grows.
 */
async function telnyxWithHistory(count: number) {
  const simulator = await startTelnyxSimulator();
  const rooms = simulator.store.rooms;
  const old = Date.now() - 3 * 86_400_000 - count * 60_000;
  for (let index = 0; index < count; index += 1) {
    const start = index < count - 20 ? old + index * 60_000 : Date.now() - (count - index) * 600_000;
    const id = `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`;
    simulator.store.sessions.push({ id, room_id: rooms[index % rooms.length]!.id, active: false, created_at: toTelnyxTime(new Date(start)), updated_at: toTelnyxTime(new Date(start + 30_000)), ended_at: toTelnyxTime(new Date(start + 30_000 + (index % 7) * 1_000)) });
  }
  return simulator;
}

async function indexPageCost(history: number, ttlMs: string): Promise<void> {
  const simulator = await telnyxWithHistory(history);
  const gateway = createGateway(parseConfig({ LOG_LEVEL: 'silent', ...simulator.env, CACHE_ENABLED: 'true', CACHE_MUTABLE_TTL_MS: ttlMs, UPSTREAM_MAX_PAGES: '2000', UPSTREAM_MAX_ROWS: '500000', REQUEST_TIMEOUT_MS: '600000', UPSTREAM_CALL_BUDGET_MS: '600000' }));
  const query = (after: string | null) => JSON.stringify({ query: 'query P($after: String) { pastRooms(first: 20, after: $after, orderBy: { field: ENDED_AT, direction: ASC }, filter: { provider: TELNYX }) { totalCount pageInfo { endCursor } edges { node { id } } } }', variables: { after } });
  const post = async (after: string | null) => {
    const response = await gateway.yoga.fetch('http://bench/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: query(after) });
    const json = (await response.json()) as { errors?: unknown; data: { pastRooms: { totalCount: number; pageInfo: { endCursor: string } } } };
    if (json.errors) throw new Error(JSON.stringify(json.errors));
    return json.data.pastRooms;
  };
  let started = performance.now();
  const first = await post(null);
  const buildMs = performance.now() - started;
  const buildCalls = simulator.calls.length;
  let after: string | null = first.pageInfo.endCursor;
  const times: number[] = [];
  simulator.resetCalls();
  for (let page = 0; page < 20; page += 1) {
    started = performance.now();
    after = (await post(after)).pageInfo.endCursor;
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  console.log(`| ${history.toLocaleString('en')} | ${ttlMs === '0' ? 'every page (TTL 0)' : 'fresh (TTL 1 h)'} | ${first.totalCount} | ${buildCalls} calls, ${(buildMs / 1000).toFixed(1)} s | ${(simulator.calls.length / 20).toFixed(1)} | ${times[10]!.toFixed(1)} ms | ${times[18]!.toFixed(1)} ms |`);
  await gateway.close();
  await simulator.close();
}

async function main(): Promise<void> {
  const only = process.argv[2];
  if (!only || only === 'hit') {
    await hitVersusMiss();
  }
  if (!only || only === 'memory') {
    console.log('\n| bound | written | held | entries | evictions | heap + buffers grew |\n|---|---|---|---|---|---|');
    await memoryAtBound();
    await responsesAtBound();
  }
  if (!only || only === 'index') {
    console.log('\n| history | index synced | totalCount | index build | calls per later page | page p50 | page p95 |\n|---|---|---|---|---|---|---|');
    for (const history of [1_000, 100_000]) for (const ttlMs of ['0', '3600000']) await indexPageCost(history, ttlMs);
  }
}

await main();

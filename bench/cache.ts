/**
 * `npm run bench:cache` (issue 12): the miss path, a data-cache hit and a response-cache hit for S2
 * and S3 against serving the same JSON with no upstream (`cache-hit.ts`), the in-memory caches at
 * their bounds, and a page of a non-native order on each provider's warm history index at 1 000
 * and 100 000 sessions (`index-cost.ts`). Rounds are interleaved so drift hits every variant alike.
 */
import { parseConfig } from '../src/config.js';
import { createGateway } from '../src/gateway.js';
import { createMemoryStore } from '../src/providers/cache/cache-store.js';
import { createMemoryResponseStore } from '../src/server/response-cache-store.js';
import { hitVersusMiss } from './cache-hit.js';
import { measureIndexCost } from './index-cost.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

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
  if (!only || only === 'index') await measureIndexCost(ROUNDS);
}

await main();

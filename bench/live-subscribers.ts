/**
 * `npm run bench:live`: 1 000 SSE subscribers on one gateway process, 20 signed webhooks a second
 * for 30 s. Reports whether every subscriber got every event, delivery latency (webhook's event
 * time → subscriber), the gateway heap per subscriber, and the heap after they disconnect.
 * Options: --subscribers N --rate EVENTS_PER_SECOND --seconds S, and --snapshots DIR to write heap
 * snapshots of the gateway at the baseline, with the subscribers open, after they left, and after
 * the webhook sender's idle connections closed
 * (compare them with bench/heap-diff.mjs). See docs/benchmarks.md.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { writeHeapSnapshot } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { getGlobalDispatcher } from 'undici';
import { parseConfig } from '../src/config.js';
import { createGateway } from '../src/gateway.js';
import { createTelnyxLiveDriver } from '../src/sandbox/telnyx/telnyx-webhooks.js';
import { createTelnyxStore } from '../src/sandbox/telnyx/telnyx-store.js';

const { values } = parseArgs({ options: { subscribers: { type: 'string', default: '1000' }, rate: { type: 'string', default: '20' }, seconds: { type: 'string', default: '30' }, snapshots: { type: 'string' } } });
const SUBSCRIBERS = Number(values.subscribers);
const RATE = Number(values.rate);
const SECONDS = Number(values.seconds);
const EVENTS = RATE * SECONDS;
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc (npm run bench:live does)');

const heap = async () => {
  for (let round = 0; round < 3; round += 1) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return process.memoryUsage().heapUsed;
};
const snapshot = (name: string) => values.snapshots && console.log(`heap snapshot: ${writeHeapSnapshot(`${values.snapshots}/live-${name}.heapsnapshot`)}`);
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const until = async (condition: () => boolean, ms = 60_000) => {
  for (const started = Date.now(); !condition() && Date.now() - started < ms; ) await new Promise((resolve) => setTimeout(resolve, 20));
};

const telnyx = createTelnyxLiveDriver(createTelnyxStore());
const gateway = createGateway(parseConfig({ LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent', ...telnyx.env, SERVER_MAX_CONNECTIONS: String(SUBSCRIBERS + 100), MAX_SUBSCRIPTIONS: String(SUBSCRIBERS + 100) }));
const server = createServer(gateway.yoga);
server.maxConnections = SUBSCRIBERS + 1_000;
// The webhook sender reuses its sockets: keep them open longer than the run, so no reuse races a close.
server.keepAliveTimeout = 120_000;
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const worker = new Worker(new URL('./live-subscriber-worker.mjs', import.meta.url), {
  workerData: { url: `${origin}/graphql`, subscribers: SUBSCRIBERS, query: 'subscription Bench { roomEvents { eventId occurredAt } }' },
});
const ask = <T>(message: string, type: string) =>
  new Promise<T>((resolve) => {
    const onMessage = (reply: { type: string }) => {
      if (reply.type !== type) return;
      worker.off('message', onMessage);
      resolve(reply as T);
    };
    worker.on('message', onMessage);
    worker.postMessage(message);
  });

let sent = 0;
const statuses = new Map<number, number>();
async function postEvent(): Promise<void> {
  const id = `bench-${sent++}`;
  const event = { record_type: 'event', event_type: 'video.room.participant.joined', id, occurred_at: new Date().toISOString(), payload: { room_id: 'bench-room', session_id: 'bench', participant_id: id } };
  const { body, headers } = await telnyx.sign(event, '');
  const response = await fetch(`${origin}/webhooks/telnyx`, { method: 'POST', headers, body });
  await response.arrayBuffer();
  statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
}
// Warm up the webhook path so the baseline holds what its first use allocates.
await postEvent();
statuses.clear();

const baseline = await heap();
snapshot('1-baseline');
const openStarted = Date.now();
await ask('open', 'opened');
await until(() => gateway.live.subscriptions.subscriberCount() === SUBSCRIBERS);
const withSubscribers = await heap();
snapshot('2-subscribed');
console.log(`${SUBSCRIBERS} subscribers open in ${Date.now() - openStarted} ms; gateway heap ${mb(baseline)} → ${mb(withSubscribers)} MB`);

// Webhooks go out on schedule, not one after the other's answer (providers do not wait for each other).
const started = Date.now();
const loopBefore = performance.eventLoopUtilization();
const posts: Promise<void>[] = [];
for (let index = 0; index < EVENTS; index += 1) {
  const due = started + (index * 1000) / RATE;
  if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
  posts.push(postEvent());
}
await Promise.all(posts);
const sendSeconds = (Date.now() - started) / 1000;
let report = await ask<{ counts: number[]; latencies: number[] }>('report', 'report');
const accepted = statuses.get(200) ?? 0;
for (const deadline = Date.now() + 30_000; report.counts.some((count) => count < accepted) && Date.now() < deadline; ) {
  await new Promise((resolve) => setTimeout(resolve, 200));
  report = await ask('report', 'report');
}
const loop = performance.eventLoopUtilization(loopBefore);
const duringPeak = process.memoryUsage().heapUsed;
// Summarise, then drop the report: its latencies (one number per delivery) are the bench's, not the gateway's.
const complete = report.counts.filter((count) => count === EVENTS).length;
const gotAccepted = report.counts.filter((count) => count === accepted).length;
const deliveries = report.latencies.length;
const sorted = [...report.latencies].sort((a, b) => a - b);
const latency = { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) };
sorted.length = 0;
report = { counts: [], latencies: [] };
await ask('close', 'closed');
await until(() => gateway.live.subscriptions.subscriberCount() === 0);
await worker.terminate();
const after = await heap();
snapshot('3-after');
// The webhook sender's keep-alive connections (both ends live in this process) are the bench's too.
server.closeIdleConnections();
await getGlobalDispatcher().close();
const afterIdle = await heap();
snapshot('4-after-idle-closed');

const signed = (bytes: number) => `${bytes >= 0 ? '+' : ''}${mb(bytes)} MB`;
console.log(`sent ${EVENTS} events in ${sendSeconds.toFixed(1)} s (${(EVENTS / sendSeconds).toFixed(1)}/s); webhook answers: ${JSON.stringify(Object.fromEntries(statuses))}`);
console.log(`subscribers with every event: ${complete}/${SUBSCRIBERS}; with every accepted (200) event: ${gotAccepted}/${SUBSCRIBERS} (deliveries ${deliveries}/${accepted * SUBSCRIBERS})`);
// The gateway's thread (the webhook sender's small share included) from the first webhook to the last delivery: busy time per delivery.
console.log(`gateway thread busy ${(loop.active / 1000).toFixed(1)} s of ${((loop.active + loop.idle) / 1000).toFixed(1)} s (${(loop.utilization * 100).toFixed(0)}%): ${((loop.active * 1000) / Math.max(1, deliveries)).toFixed(1)} µs per delivery`);
console.log(`delivery latency ms: p50 ${latency.p50}, p99 ${latency.p99}, max ${latency.max}`);
console.log(`gateway heap per subscriber: ${((withSubscribers - baseline) / SUBSCRIBERS / 1024).toFixed(1)} KB (peak heap while sending ${mb(duringPeak)} MB)`);
console.log(`after disconnect: ${gateway.live.subscriptions.subscriberCount()} subscribers, ${gateway.live.subscriptions.bufferedResults() + gateway.live.bus.bufferedEvents()} buffered; heap ${mb(after)} MB vs baseline ${mb(baseline)} MB (${signed(after - baseline)}); with the webhook sender's idle connections closed ${mb(afterIdle)} MB (${signed(afterIdle - baseline)})`);
server.closeAllConnections();
server.close();
await gateway.close();
process.exit(complete === SUBSCRIBERS ? 0 : 1);

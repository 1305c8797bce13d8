/**
 * `npm run bench:cache -- index`: a page of a non-native order (`ENDED_AT ASC`, `first: 20`) on a
 * warm history index, for each provider at 1 000 and 100 000 ended sessions. Per provider and
 * size one simulator and two gateways: one syncing the index on every page (mutable TTL 0: the
 * delta's calls), one serving pages from the index alone (TTL 1 h). Both build once; then rounds
 * of 20 later pages alternate between them, so drift hits both alike.
 */
import { parseConfig } from '../src/config.js';
import type { PastRoomRead } from '../src/domain/provider.js';
import { createHistoryIndex, type HistoryFacts } from '../src/providers/cache/history-index.js';
import { createSingleFlight } from '../src/providers/cache/single-flight.js';
import { createUpstreamCache } from '../src/providers/cache/upstream-cache.js';
import { createGateway, type Gateway } from '../src/gateway.js';
import { startPlugnmeetSimulator } from '../src/sandbox/plugnmeet/plugnmeet-simulator.js';
import type { Simulator } from '../src/sandbox/simulator.js';
import { startTelnyxSimulator } from '../src/sandbox/telnyx/telnyx-simulator.js';
import { toTelnyxTime } from '../src/sandbox/telnyx/telnyx-store.js';
import { startVideosdkSimulator } from '../src/sandbox/videosdk/videosdk-simulator.js';

const PROVIDERS = ['TELNYX', 'VIDEOSDK', 'PLUGNMEET'] as const;
type Provider = (typeof PROVIDERS)[number];
const PAGES = 20;

/**
 * A simulator with `count` ended sessions. Telnyx's: all but the last 20 ended more than three
 * days ago, the last 20 in the past hours (no participants). VideoSDK's and plugNmeet's: the
 * sandbox seed's long history (`SANDBOX_HISTORY`), spread over five years, plus their live sessions.
 */
async function simulatorWithHistory(provider: Provider, count: number): Promise<Simulator> {
  if (provider === 'VIDEOSDK') return startVideosdkSimulator({ history: count });
  if (provider === 'PLUGNMEET') return startPlugnmeetSimulator({ history: count });
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

interface Page {
  totalCount: number;
  pageInfo: { endCursor: string };
}

function gatewayOf(simulator: Simulator, ttlMs: string) {
  const bounds = { UPSTREAM_MAX_PAGES: '2000', UPSTREAM_MAX_ROWS: '500000', VIDEOSDK_PAGE_SIZE: '100', REQUEST_TIMEOUT_MS: '600000', UPSTREAM_CALL_BUDGET_MS: '600000' };
  return createGateway(parseConfig({ LOG_LEVEL: 'silent', RATE_LIMIT_POINTS: '0', ...simulator.env, ...bounds, CACHE_ENABLED: 'true', CACHE_MUTABLE_TTL_MS: ttlMs }));
}

async function post(gateway: Gateway, provider: Provider, after: string | null): Promise<Page> {
  const query = `query P($after: String) { pastRooms(first: 20, after: $after, orderBy: { field: ENDED_AT, direction: ASC }, filter: { provider: ${provider} }) { totalCount pageInfo { endCursor } edges { node { id } } } }`;
  const response = await gateway.yoga.fetch('http://bench/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables: { after } }) });
  const json = (await response.json()) as { errors?: unknown; data: { pastRooms: Page } };
  if (json.errors) throw new Error(JSON.stringify(json.errors));
  return json.data.pastRooms;
}

/** Pages 2 to 21 from `first`'s cursor: their times (ms) and the upstream calls they made. */
async function laterPages(gateway: Gateway, simulator: Simulator, provider: Provider, first: Page): Promise<{ times: number[]; calls: number }> {
  simulator.resetCalls();
  const times: number[] = [];
  let after: string | null = first.pageInfo.endCursor;
  for (let page = 0; page < PAGES; page += 1) {
    const started = performance.now();
    after = (await post(gateway, provider, after)).pageInfo.endCursor;
    times.push(performance.now() - started);
  }
  return { times: times.sort((a, b) => a - b), calls: simulator.calls.length };
}

const spread = (values: number[], digits = 1) => `${(values.reduce((a, b) => a + b, 0) / values.length).toFixed(digits)} (${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)})`;

async function measure(provider: Provider, history: number, rounds: number): Promise<void> {
  const simulator = await simulatorWithHistory(provider, history);
  const variants = [
    { label: 'every page (TTL 0)', gateway: gatewayOf(simulator, '0') },
    { label: 'fresh (TTL 1 h)', gateway: gatewayOf(simulator, '3600000') },
  ];
  const builds = [];
  for (const { gateway } of variants) {
    simulator.resetCalls();
    const started = performance.now();
    const first = await post(gateway, provider, null);
    builds.push({ first, ms: performance.now() - started, calls: simulator.calls.length });
  }
  const runs = variants.map(() => [] as { times: number[]; calls: number }[]);
  for (let round = 0; round < rounds; round += 1) {
    for (const [index, { gateway }] of variants.entries()) runs[index]!.push(await laterPages(gateway, simulator, provider, builds[index]!.first));
  }
  for (const [index, { label }] of variants.entries()) {
    const { first, ms, calls } = builds[index]!;
    const measured = runs[index]!;
    const perPage = spread(measured.map((run) => run.calls / PAGES));
    const p50 = spread(measured.map((run) => run.times[Math.floor(PAGES / 2)]!));
    const p95 = spread(measured.map((run) => run.times[Math.ceil(PAGES * 0.95) - 1]!));
    console.log(`| ${provider} | ${history.toLocaleString('en')} | ${label} | ${first.totalCount} | ${calls} calls, ${(ms / 1000).toFixed(1)} s | ${perPage} | ${p50} ms | ${p95} ms |`);
  }
  await Promise.all(variants.map(({ gateway }) => gateway.close()));
  await simulator.close();
}

/**
 * The index alone, in process, with no GraphQL and no upstream: a fresh index of `size` synthetic
 * sessions, 20 later pages of ENDED_AT ASC read `rounds` times; the page's p50 and p95 in µs.
 */
async function measureIndexAlone(size: number, rounds: number): Promise<void> {
  const facts = Array.from({ length: size }, (_, index): HistoryFacts => ({ id: `s${index}`, roomId: `r${index % 8}`, createdAt: new Date(index * 60_000), endedAt: new Date(index * 60_000 + ((index * 7919) % 3_600_000)) }));
  const cache = createUpstreamCache({ store: null, flight: createSingleFlight(), namespace: 'bench', mutableTtlMs: 3_600_000, settleMs: 0 });
  const index = createHistoryIndex<HistoryFacts, null>({ readAll: async () => ({ items: facts, cursor: null }), readEndedSince: async () => ({ items: [], cursor: null }), factsOf: (item) => item }, cache, { rebuildMs: 3_600_000, maxEntries: size * 4 });
  const read: PastRoomRead = { filter: { roomIds: null, createdAt: null }, order: { field: 'ENDED_AT', direction: 'ASC' }, direction: 'forward', after: null, inclusive: false, count: 20 };
  const first = await index.read(read);
  const p50s: number[] = [];
  const p95s: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    const times: number[] = [];
    let after = first.items.at(-1)!.position;
    for (let page = 0; page < PAGES; page += 1) {
      const started = performance.now();
      after = (await index.read({ ...read, after })).items.at(-1)!.position;
      times.push((performance.now() - started) * 1_000);
    }
    times.sort((a, b) => a - b);
    p50s.push(times[Math.floor(PAGES / 2)]!);
    p95s.push(times[Math.ceil(PAGES * 0.95) - 1]!);
  }
  console.log(`| ${size.toLocaleString('en')} | ${spread(p50s)} µs | ${spread(p95s)} µs |`);
}

/** Prints the table; BENCH_INDEX_PROVIDERS (e.g. `VIDEOSDK,PLUGNMEET`) and BENCH_INDEX_SIZES narrow it. */
export async function measureIndexCost(rounds: number): Promise<void> {
  const providers = (process.env.BENCH_INDEX_PROVIDERS?.split(',') ?? PROVIDERS).filter((name): name is Provider => (PROVIDERS as readonly string[]).includes(name));
  const sizes = process.env.BENCH_INDEX_SIZES?.split(',').map(Number) ?? [1_000, 100_000];
  console.log('\n| provider | history | index synced | totalCount | index build | calls per later page | page p50 | page p95 |\n|---|---|---|---|---|---|---|---|');
  for (const history of sizes) for (const provider of providers) await measure(provider, history, rounds);
  console.log('\n| index alone: sessions | page p50 | page p95 |\n|---|---|---|');
  for (const history of sizes) await measureIndexAlone(history, rounds);
}

/**
 * `npm run bench` (and `npm run bench:quick`): roomgraph against the stock-yoga reference and the
 * direct client, S1–S4 at 0 and 20 ms upstream latency, interleaved rounds; then the history-at-scale
 * matrix. Prints Markdown; `--write-docs` also puts it into docs/benchmarks.md between its markers.
 */
import { cpus, loadavg } from 'node:os';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BenchRuntime } from './bench-process.js';
import { startServer, startSimulators, type ServerContender } from './contenders.js';
import { formatHistoryTables, measureHistory, type HistoryRow } from './history.js';
import { runLoad } from './load.js';
import { expectedKey, runRounds, type Bench, type RoundOptions, type Sample } from './measure.js';
import { formatGoals, formatTables } from './report.js';
import { createScenarios, postGraphQL, ROOM_IDS_QUERY, sessionSequence, type Scenario } from './scenarios.js';

export interface BenchOptions extends RoundOptions {
  runtime: BenchRuntime;
  warmSeconds: number;
  histories: readonly number[];
  /** Names (or prefixes: `S4` is every batch size) of the scenarios to run; all when absent. */
  only?: readonly string[];
  log?: (line: string) => void;
}

export interface BenchReport {
  samples: Sample[];
  historyRows: HistoryRow[];
  /** Wrong answers, failed or mismatched responses under load: empty when every scenario answered correctly. */
  problems: string[];
  markdown: string;
}

/** The smoke test's run: every scenario answered and checked under a little load, nothing about speed. */
export const QUICK: BenchOptions = { runtime: 'tsx', rounds: 1, latencies: [0], c1Seconds: 0.1, c50Seconds: 0.1, minC50Requests: 50, warmSeconds: 0, histories: [] };
/** `npm run bench`: three rounds at 0 and 20 ms, then histories of 100, 10 000 and 100 000 sessions. */
export const FULL: BenchOptions = { runtime: 'compiled', rounds: 3, latencies: [0, 20], c1Seconds: 1.5, c50Seconds: 2, minC50Requests: 100, warmSeconds: 1, histories: [100, 10_000, 100_000] };

async function prepare(servers: ServerContender[], simulators: Bench['simulators'], problems: string[], only?: readonly string[]): Promise<Omit<Bench, 'simulators' | 'servers' | 'rates'>> {
  const roomgraph = servers[0]!;
  const rooms = await postGraphQL(roomgraph.url, JSON.stringify({ query: ROOM_IDS_QUERY }));
  const roomIds = (rooms.answer.data?.rooms as { edges: { node: { id: string } }[] }).edges.map((edge) => edge.node.id);
  const scenarios = createScenarios(roomIds).filter((scenario) => !only || only.some((name) => scenario.name.startsWith(name)));
  const expected = new Map<string, string>();
  const captured = new Map<string, Awaited<ReturnType<Bench['simulators']['capture']>>>();
  for (const scenario of scenarios) {
    const sequences = new Set<string>();
    for (const server of servers.filter((candidate) => scenario.reference || candidate.name === 'roomgraph')) {
      const { status, text, answer } = await postGraphQL(server.url, scenario.body);
      const problem = status === 200 ? scenario.check(answer) : `HTTP ${status}`;
      if (problem) problems.push(`${server.name} ${scenario.name}: ${problem}`);
      expected.set(expectedKey(server.name, scenario.name), text);
      if (scenario.name !== 'S1' && scenario.reference) sequences.add(sessionSequence(answer));
    }
    if (sequences.size > 1) problems.push(`${scenario.name}: the reference lists other sessions than roomgraph`);
    await simulators.capture(true);
    await postGraphQL(roomgraph.url, scenario.body);
    captured.set(scenario.name, await simulators.capture(false));
  }
  return { scenarios, expected, captured };
}

/** Warms every server up on every scenario; the rates seen size the first c=50 runs. */
async function warm(servers: ServerContender[], scenarios: Scenario[], seconds: number): Promise<Map<string, number>> {
  const rates = new Map<string, number>();
  if (seconds <= 0) return rates;
  for (const scenario of scenarios) {
    for (const server of servers.filter((candidate) => scenario.reference || candidate.name === 'roomgraph')) {
      rates.set(expectedKey(server.name, scenario.name), (await runLoad(server.url, scenario.body, { connections: 10, seconds })).reqPerSec);
    }
  }
  return rates;
}

function header(options: BenchOptions): string {
  const roomgraph = options.runtime === 'compiled' ? '`node dist/main.js` (compiled by `npm run build`: what users run)' : '`node --import tsx src/main.ts` (quick mode: from source)';
  return [
    `Run of ${new Date().toISOString().slice(0, 10)}: Node ${process.version}, ${cpus().length} cores (load average at start ${loadavg()[0]!.toFixed(1)}: other work shared them).`,
    `roomgraph: ${roomgraph}, with \`NODE_ENV=production\` as deployed (the production profile) and otherwise its default configuration (logs at \`info\` to stdout, discarded) but \`RATE_LIMIT_POINTS=1000000000\` (the limiter runs, never refuses) and \`CACHE_ENABLED=false\` (no cache: the same upstream calls as the reference; the cache is measured by \`npm run bench:cache\`).`,
    'reference: stock graphql-yoga, hand-written resolvers (`bench/reference/`), compiled and run alike (`NODE_ENV=production`). direct: the upstream calls roomgraph made, replayed with undici.',
    `${options.rounds} interleaved rounds; load runs with autocannon (${options.c1Seconds} s at c=1, ${options.c50Seconds} s at c=50); figures are \`median (min–max)\` over rounds, ratios are taken per round.`,
  ].join('\n');
}

/** Runs the whole benchmark with the given options. */
export async function runBenchmark(options: BenchOptions): Promise<BenchReport> {
  const log = options.log ?? (() => {});
  const problems: string[] = [];
  const started = performance.now();
  const simulators = await startSimulators(options.runtime);
  const servers = await Promise.all([
    startServer('roomgraph', options.runtime, simulators.env),
    startServer('reference', options.runtime, simulators.env),
  ]);
  let samples: Sample[] = [];
  let scenarios: Scenario[] = [];
  try {
    const prepared = await prepare(servers, simulators, problems, options.only);
    scenarios = prepared.scenarios;
    log(`prepared ${scenarios.length} scenarios in ${Math.round(performance.now() - started)} ms; warming up`);
    const rates = await warm(servers, scenarios, options.warmSeconds);
    samples = await runRounds({ simulators, servers, ...prepared, rates }, options, (sample) => {
      if (sample.failures || sample.mismatches) problems.push(`${sample.contender} ${sample.scenario} at ${sample.latencyMs} ms: ${sample.failures} failed, ${sample.mismatches} wrong answers`);
      log(`round ${sample.round + 1} ${sample.latencyMs} ms ${sample.scenario} ${sample.contender}: p50 ${sample.p50.toFixed(1)} ms${sample.cpuMsPerRequest ? `, ${sample.cpuMsPerRequest.toFixed(2)} CPU ms/req` : ''}`);
    });
  } finally {
    await Promise.all([...servers.map((server) => server.process.stop()), simulators.process.stop()]);
  }
  const historyRows = await runHistories(options, log);
  const markdown = [
    header(options),
    '',
    formatTables(samples, scenarios, options.latencies),
    '#### Goals (issue 11)\n',
    formatGoals(samples, options.latencies),
    '',
    '### History at scale\n',
    formatHistoryTables(historyRows),
  ].join('\n');
  return { samples, historyRows, problems, markdown };
}

async function runHistories(options: BenchOptions, log: (line: string) => void): Promise<HistoryRow[]> {
  const rows: HistoryRow[] = [];
  for (const history of options.histories) {
    const simulators = await startSimulators(options.runtime, history);
    const server = await startServer('roomgraph', options.runtime, simulators.env);
    try {
      rows.push(...(await measureHistory(history, server, simulators, (row) => log(`history ${history} ${row.provider} ${row.order} ${row.filter}: ${row.first.ms.toFixed(0)} ms / ${row.eleventh.ms.toFixed(0)} ms`))));
    } finally {
      await Promise.all([server.process.stop(), simulators.process.stop()]);
    }
  }
  return rows;
}

const DOCS = fileURLToPath(new URL('../docs/benchmarks.md', import.meta.url).href.replace('/dist-bench/', '/'));

/** Replaces what lies between the `bench:results` markers of docs/benchmarks.md. */
function writeDocs(markdown: string): void {
  const text = readFileSync(DOCS, 'utf8');
  const [before, rest] = text.split('<!-- bench:results:start -->');
  const after = rest?.split('<!-- bench:results:end -->')[1];
  if (before === undefined || after === undefined) throw new Error('docs/benchmarks.md has no bench:results markers');
  writeFileSync(DOCS, `${before}<!-- bench:results:start -->\n${markdown}\n<!-- bench:results:end -->${after}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const quick = process.argv.includes('--quick');
  const options = { ...(quick ? QUICK : FULL), log: (line: string) => console.error(line) };
  if (process.env.BENCH_ROUNDS) options.rounds = Number(process.env.BENCH_ROUNDS);
  // A subset for a quicker look, e.g. BENCH_SCENARIOS=S2,S4 BENCH_LATENCIES=20 (then pass --no-history).
  if (process.env.BENCH_SCENARIOS) options.only = process.env.BENCH_SCENARIOS.split(',').map((name) => name.trim());
  if (process.env.BENCH_LATENCIES) options.latencies = process.env.BENCH_LATENCIES.split(',').map(Number);
  if (process.argv.includes('--no-history')) options.histories = [];
  const report = await runBenchmark(options);
  console.log(report.markdown);
  if (report.problems.length) console.log(`\nPROBLEMS:\n${report.problems.map((problem) => `- ${problem}`).join('\n')}`);
  if (process.argv.includes('--write-docs')) writeDocs(report.markdown);
  process.exit(report.problems.length ? 1 : 0);
}

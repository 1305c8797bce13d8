/**
 * `npm run bench:ab -- --b <dir>/main.js [--a <dir>/main.js] [--b-env K=V] [--scenarios S1,S2] [--rounds 5]`:
 * two builds (or two configurations) of roomgraph side by side over the same simulators, in
 * interleaved rounds, at 0 ms upstream latency. Reports each one's CPU ms per request at c=50
 * (fixed request counts, so none is in flight when CPU is read), p50 at c=1 and peak RSS, and the
 * ratio B / A per round: median (min–max). Both run with the benchmark's configuration (caches off,
 * `bench/contenders.ts`) unless `--a-env`/`--b-env` say otherwise. The tool for "keep an optimisation only if it pays":
 * copy `dist/` aside, change the code, rebuild, and compare.
 */
import { fileURLToPath } from 'node:url';
import { startServer, startSimulators, type ServerContender } from './contenders.js';
import { runLoad } from './load.js';
import { postGraphQL, ROOM_IDS_QUERY, createScenarios } from './scenarios.js';

interface Figures {
  cpuMsPerRequest: number;
  p50: number;
  peakRssMb: number;
}

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index < 0 ? undefined : process.argv[index + 1];
}

function envOf(name: string): Record<string, string> {
  const pairs = process.argv.flatMap((value, index) => (process.argv[index - 1] === name ? [value] : []));
  return Object.fromEntries(pairs.map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]));
}

async function measure(server: ServerContender, body: string, requests: number): Promise<Figures> {
  const c1 = await runLoad(server.url, body, { connections: 1, seconds: 1 });
  await server.probe('gc');
  const before = await server.probe('reset');
  const c50 = await runLoad(server.url, body, { connections: 50, seconds: 60, amount: requests });
  const after = await server.probe('read');
  if (c50.failures) throw new Error(`${c50.failures} failed requests`);
  return { cpuMsPerRequest: (after.cpuMs - before.cpuMs) / Math.max(1, c50.requests), p50: c1.p50, peakRssMb: after.peakRss / 1e6 };
}

function spread(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  return `${median.toFixed(2)} (${sorted[0]!.toFixed(2)}–${sorted.at(-1)!.toFixed(2)})`;
}

const dist = fileURLToPath(new URL('../dist/main.js', import.meta.url)).replace('/dist-bench/dist/', '/dist/');
const rounds = Number(argument('--rounds') ?? 5);
const requests = Number(argument('--requests') ?? 600);
const wanted = (argument('--scenarios') ?? 'S1,S2,S3').split(',');
const simulators = await startSimulators('compiled');
const a = await startServer('roomgraph', 'compiled', simulators.env, [], { file: argument('--a') ?? dist, env: envOf('--a-env') });
const b = await startServer('roomgraph', 'compiled', simulators.env, [], { file: argument('--b') ?? dist, env: envOf('--b-env') });
try {
  const rooms = await postGraphQL(a.url, JSON.stringify({ query: ROOM_IDS_QUERY }));
  const roomIds = (rooms.answer.data?.rooms as { edges: { node: { id: string } }[] }).edges.map((edge) => edge.node.id);
  const scenarios = createScenarios(roomIds, [10]).filter((scenario) => wanted.includes(scenario.name));
  for (const scenario of scenarios) {
    const ratios: Record<keyof Figures, number[]> = { cpuMsPerRequest: [], p50: [], peakRssMb: [] };
    const seen: Record<'a' | 'b', Figures[]> = { a: [], b: [] };
    await runLoad(a.url, scenario.body, { connections: 10, seconds: 1 });
    await runLoad(b.url, scenario.body, { connections: 10, seconds: 1 });
    for (let round = 0; round < rounds; round += 1) {
      const order = round % 2 === 0 ? (['a', 'b'] as const) : (['b', 'a'] as const);
      const figures = {} as Record<'a' | 'b', Figures>;
      for (const which of order) figures[which] = await measure(which === 'a' ? a : b, scenario.body, requests);
      for (const which of order) seen[which].push(figures[which]);
      for (const key of Object.keys(ratios) as (keyof Figures)[]) ratios[key].push(figures.b[key] / figures.a[key]);
      console.error(`round ${round + 1} ${scenario.name}: A ${figures.a.cpuMsPerRequest.toFixed(2)} / B ${figures.b.cpuMsPerRequest.toFixed(2)} CPU ms/req`);
    }
    console.log(`${scenario.name}: CPU ms/req A ${spread(seen.a.map((f) => f.cpuMsPerRequest))}, B ${spread(seen.b.map((f) => f.cpuMsPerRequest))}, B/A ${spread(ratios.cpuMsPerRequest)}`);
    console.log(`${scenario.name}: p50 c=1 B/A ${spread(ratios.p50)}; peak RSS MB A ${spread(seen.a.map((f) => f.peakRssMb))}, B ${spread(seen.b.map((f) => f.peakRssMb))}`);
  }
} finally {
  await Promise.all([a.process.stop(), b.process.stop(), simulators.process.stop()]);
}

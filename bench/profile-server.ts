/**
 * `npm run bench:profile -- S2`: runs compiled roomgraph under `node --cpu-prof` against the
 * simulators, loads it with one scenario (c=50, 5 s), and prints where its CPU time went: the
 * heaviest functions by self time, and the share of each package and of roomgraph's own code.
 * `--env K=V` (repeatable) sets the gateway's configuration, e.g. `--env CACHE_ENABLED=false`;
 * `--connections N` (default 50) and `--latency MS` (the simulators' latency fault, default 0)
 * profile another load, e.g. one request at a time at 20 ms for the critical path. `--contender
 * reference` profiles the stock-yoga reference instead (S1–S3), to set its profile beside roomgraph's.
 */
import { readdirSync, readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, startSimulators } from './contenders.js';
import { runLoad } from './load.js';
import { createScenarios } from './scenarios.js';

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  /** µs since the previous sample, one per sample. */
  timeDeltas: number[];
  endTime: number;
}

const LOAD_SECONDS = 5;

const name = process.argv[2]?.startsWith('S') ? process.argv[2] : 'S2';
const env = Object.fromEntries(
  process.argv.flatMap((value, index) => (process.argv[index - 1] === '--env' ? [[value.slice(0, value.indexOf('=')), value.slice(value.indexOf('=') + 1)]] : [])),
);
const option = (flag: string, fallback: number) => {
  const index = process.argv.indexOf(flag);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
};
const connections = option('--connections', 50);
const latencyMs = option('--latency', 0);
const contender = process.argv.includes('--contender') ? process.argv[process.argv.indexOf('--contender') + 1] : 'roomgraph';
if (contender !== 'roomgraph' && contender !== 'reference') throw new Error(`--contender: roomgraph or reference, not ${contender}`);
const directory = mkdtempSync(join(tmpdir(), 'roomgraph-prof-'));
const simulators = await startSimulators('compiled');
const server = await startServer(contender, 'compiled', simulators.env, ['--cpu-prof', `--cpu-prof-dir=${directory}`], { env });
const scenario = createScenarios(['UmVvbTpwbHVnbm1lZXQvdG93bi1oYWxs']).find((candidate) => candidate.name === name)!;
if (latencyMs) await simulators.setLatency(latencyMs);
await runLoad(server.url, scenario.body, { connections: Math.min(connections, 10), seconds: 2 });
const result = await runLoad(server.url, scenario.body, { connections, seconds: LOAD_SECONDS });
await server.process.stop();
await simulators.process.stop();
const file = readdirSync(directory).find((entry) => entry.endsWith('.cpuprofile'))!;
const profile = JSON.parse(readFileSync(join(directory, file), 'utf8')) as CpuProfile;
// Only the samples of the measured load (its last `LOAD_SECONDS`), not start-up or the warm-up.
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const byFunction = new Map<string, number>();
const byPackage = new Map<string, number>();
let at = profile.endTime;
let total = 0;
for (let index = profile.samples.length - 1; index >= 0 && at > profile.endTime - LOAD_SECONDS * 1e6; index -= 1) {
  const micros = profile.timeDeltas[index]!;
  at -= micros;
  const { functionName, url, lineNumber } = byId.get(profile.samples[index]!)!.callFrame;
  if (functionName === '(idle)') continue;
  total += micros;
  const where = url.replace(/^.*node_modules\//, '').replace(/^.*\/dist\//, 'roomgraph:');
  const key = `${functionName || '(anonymous)'} ${where}:${lineNumber}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + micros);
  const pkg = url.includes('node_modules/') ? url.replace(/^.*node_modules\/((@[^/]+\/)?[^/]+).*$/, '$1') : url.includes('/dist/') ? 'roomgraph' : url ? 'node:internal' : functionName;
  byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + micros);
}
const perRequest = (micros: number) => `${(micros / 1000 / result.requests).toFixed(3).padStart(7)} ms`;
const top = (map: Map<string, number>, count: number) =>
  [...map].sort((a, b) => b[1] - a[1]).slice(0, count).map(([key, micros]) => `${((100 * micros) / total).toFixed(1).padStart(5)} % ${perRequest(micros)}  ${key}`).join('\n');
console.log(`${contender} ${name}: ${result.requests} requests at c=${connections}, ${latencyMs} ms upstream (${result.reqPerSec.toFixed(0)} req/s); profile ${join(directory, file)}`);
console.log(`busy (not idle) per request: ${perRequest(total)}`);
console.log(`\nby package (self time, per request):\n${top(byPackage, 20)}\n\nby function (self time, per request):\n${top(byFunction, 30)}`);

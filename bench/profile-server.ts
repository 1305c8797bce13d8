/**
 * `npm run bench:profile -- S2`: runs compiled roomgraph under `node --cpu-prof` against the
 * simulators, loads it with one scenario (c=50, 5 s), and prints where the load's CPU time went, in
 * ms per request: by package and by area of roomgraph's own code, and the heaviest functions.
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

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface CpuProfile {
  nodes: { id: number; callFrame: CallFrame }[];
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

/** Where a frame's code lives: a package, roomgraph's own code by area, or Node's internals. */
function groupOf({ functionName, url }: CallFrame): string {
  if (url.includes('node_modules/')) return url.replace(/^.*node_modules\/((@[^/]+\/)?[^/]+).*$/, '$1');
  if (url.includes('/dist-bench/')) return 'reference: its resolvers';
  if (!url.includes('/dist/')) return url ? 'node:internal' : functionName;
  // roomgraph's own code by area: the wire parsers apart from the rest of the providers, then each top folder.
  const path = url.replace(/^.*\/dist\//, '');
  if (/-wire\.js$|\/kit\/wire-/.test(path)) return 'roomgraph: wire parsers (validation)';
  const [folder, next] = path.split('/');
  return `roomgraph: ${folder === 'providers' && (next === 'http' || next === 'kit' || next === 'cache') ? `providers/${next}` : folder}`;
}
const functionOf = ({ functionName, url, lineNumber }: CallFrame) =>
  `${functionName || '(anonymous)'} ${url.replace(/^.*node_modules\//, '').replace(/^.*\/dist\//, 'roomgraph:')}:${lineNumber}`;
const add = (map: Map<string, number>, key: string, micros: number) => map.set(key, (map.get(key) ?? 0) + micros);

// Only the samples of the measured load (its last `LOAD_SECONDS`), not start-up or the warm-up.
const cpu = JSON.parse(readFileSync(join(directory, readdirSync(directory).find((entry) => entry.endsWith('.cpuprofile'))!), 'utf8')) as CpuProfile;
const frames = new Map(cpu.nodes.map((node) => [node.id, node.callFrame]));
const cpuByFunction = new Map<string, number>();
const cpuByGroup = new Map<string, number>();
let at = cpu.endTime;
let busy = 0;
for (let index = cpu.samples.length - 1; index >= 0 && at > cpu.endTime - LOAD_SECONDS * 1e6; index -= 1) {
  const micros = cpu.timeDeltas[index]!;
  at -= micros;
  const frame = frames.get(cpu.samples[index]!)!;
  if (frame.functionName === '(idle)') continue;
  busy += micros;
  add(cpuByFunction, functionOf(frame), micros);
  add(cpuByGroup, groupOf(frame), micros);
}
const msPerRequest = (micros: number) => `${(micros / 1000 / result.requests).toFixed(3).padStart(7)} ms`;
const top = (map: Map<string, number>, count: number) =>
  [...map].sort((a, b) => b[1] - a[1]).slice(0, count).map(([key, micros]) => `${((100 * micros) / busy).toFixed(1).padStart(5)} % ${msPerRequest(micros)}  ${key}`).join('\n');
console.log(`${contender} ${name}: ${result.requests} requests at c=${connections}, ${latencyMs} ms upstream (${result.reqPerSec.toFixed(0)} req/s); profile in ${directory}`);
console.log(`busy (not idle) per request: ${msPerRequest(busy)}`);
console.log(`\nby package, and roomgraph's code by area (self time, per request):\n${top(cpuByGroup, 20)}`);
console.log(`\nby function (self time, per request):\n${top(cpuByFunction, 30)}`);

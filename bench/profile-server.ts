/**
 * `npm run bench:profile -- S2`: runs compiled roomgraph under `node --cpu-prof` against the
 * simulators, loads it with one scenario (c=50, 5 s), and prints where its CPU time went: the
 * heaviest functions by self time, and the share of each package and of roomgraph's own code.
 * `--env K=V` (repeatable) sets the gateway's configuration, e.g. `--env CACHE_ENABLED=false`;
 * `--connections N` (default 50) and `--latency MS` (the simulators' latency fault, default 0)
 * profile another load, e.g. one request at a time at 20 ms for the critical path.
 */
import { readdirSync, readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, startSimulators } from './contenders.js';
import { runLoad } from './load.js';
import { createScenarios } from './scenarios.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount: number;
}

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
const directory = mkdtempSync(join(tmpdir(), 'roomgraph-prof-'));
const simulators = await startSimulators('compiled');
const server = await startServer('roomgraph', 'compiled', simulators.env, ['--cpu-prof', `--cpu-prof-dir=${directory}`], { env });
const scenario = createScenarios(['UmVvbTpwbHVnbm1lZXQvdG93bi1oYWxs']).find((candidate) => candidate.name === name)!;
if (latencyMs) await simulators.setLatency(latencyMs);
await runLoad(server.url, scenario.body, { connections: Math.min(connections, 10), seconds: 2 });
const result = await runLoad(server.url, scenario.body, { connections, seconds: 5 });
await server.process.stop();
await simulators.process.stop();
const file = readdirSync(directory).find((entry) => entry.endsWith('.cpuprofile'))!;
const profile = JSON.parse(readFileSync(join(directory, file), 'utf8')) as { nodes: ProfileNode[] };
const total = profile.nodes.reduce((sum, node) => sum + node.hitCount, 0);
const byFunction = new Map<string, number>();
const byPackage = new Map<string, number>();
for (const node of profile.nodes) {
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url.replace(/^.*node_modules\//, '').replace(/^.*\/dist\//, 'roomgraph:');
  byFunction.set(`${functionName || '(anonymous)'} ${where}:${lineNumber}`, (byFunction.get(`${functionName || '(anonymous)'} ${where}:${lineNumber}`) ?? 0) + node.hitCount);
  const pkg = url.includes('node_modules/') ? url.replace(/^.*node_modules\/((@[^/]+\/)?[^/]+).*$/, '$1') : url.includes('/dist/') ? 'roomgraph' : url ? 'node:internal' : functionName;
  byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + node.hitCount);
}
const top = (map: Map<string, number>, count: number) =>
  [...map].sort((a, b) => b[1] - a[1]).slice(0, count).map(([key, hits]) => `${((100 * hits) / total).toFixed(1).padStart(5)} %  ${key}`).join('\n');
console.log(`${name}: ${result.requests} requests at c=${connections}, ${latencyMs} ms upstream (${result.reqPerSec.toFixed(0)} req/s); profile ${join(directory, file)}`);
console.log(`\nby package:\n${top(byPackage, 15)}\n\nby function (self time):\n${top(byFunction, 30)}`);

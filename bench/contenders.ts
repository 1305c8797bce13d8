/**
 * The processes of a benchmark run: the simulators, roomgraph (compiled by `npm run build` and run
 * by node, the production configuration; or from source through tsx in quick mode) and the stock
 * yoga reference, each server with the CPU probe preloaded.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Traffic } from './bench-simulators.js';
import { freePort, spawnBenchProcess, waitForHttp, type BenchProcess, type BenchRuntime } from './bench-process.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url)).replace(/dist-bench\/$/, '');
const PROBE = `${ROOT}bench/cpu-probe.mjs`;

/** A server under test. */
export interface ServerContender {
  name: 'roomgraph' | 'reference';
  url: string;
  process: BenchProcess;
  probe(kind?: 'read' | 'reset' | 'gc'): Promise<ProbeReading>;
}

export interface ProbeReading {
  cpuMs: number;
  rss: number;
  peakRss: number;
  heapUsed: number;
}

/** The simulators' process and its controls. */
export interface SimulatorProcess {
  env: Record<string, string>;
  process: BenchProcess;
  setLatency(ms: number): Promise<void>;
  traffic(): Promise<Traffic>;
  capture(on: boolean): Promise<import('./bench-simulators.js').CapturedCall[]>;
}

function entry(runtime: BenchRuntime, source: string): { file: string; nodeArgs: string[] } {
  if (runtime === 'tsx') return { file: `${ROOT}${source}.ts`, nodeArgs: ['--import', 'tsx'] };
  const file = source.startsWith('src/') ? `${ROOT}dist/${source.slice(4)}.js` : `${ROOT}dist-bench/${source}.js`;
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run bench\` (it builds first)`);
  return { file, nodeArgs: [] };
}

/** Starts the three simulators with `history` ended sessions each (default: the demo's). */
export async function startSimulators(runtime: BenchRuntime, history?: number): Promise<SimulatorProcess> {
  const { file, nodeArgs } = entry(runtime, 'bench/bench-simulators');
  const child = spawnBenchProcess(file, { nodeArgs: [...nodeArgs, '--max-old-space-size=4096'], env: history ? { BENCH_HISTORY: String(history) } : {} });
  const ready = (await child.ready) as { env: Record<string, string> };
  return {
    env: ready.env,
    process: child,
    setLatency: async (ms) => void (await child.ask({ op: 'latency', ms })),
    traffic: async () => (await child.ask<{ traffic: Traffic }>({ op: 'traffic' })).traffic,
    capture: async (on) => (await child.ask<{ calls: import('./bench-simulators.js').CapturedCall[] }>({ op: 'capture', on })).calls,
  };
}

/** Starts roomgraph or the reference against the simulators, and waits until it answers. */
export async function startServer(
  name: ServerContender['name'],
  runtime: BenchRuntime,
  upstreamEnv: Record<string, string>,
  extraNodeArgs: string[] = [],
  overrides: { file?: string; env?: Record<string, string> } = {},
): Promise<ServerContender> {
  const built = entry(runtime, name === 'roomgraph' ? 'src/main' : 'bench/reference/reference-server');
  const { file, nodeArgs } = overrides.file ? { file: overrides.file, nodeArgs: [] } : built;
  const port = await freePort();
  const env = {
    ...upstreamEnv,
    PORT: String(port),
    // Keeps the rate limit (and its cost) but never refuses the benchmark's load from one address.
    RATE_LIMIT_POINTS: '1000000000',
    CURSOR_SECRET: 'benchmark-cursor-secret-0123456789abcdef',
    // As users run it (the Dockerfile, compose.yaml, deploy/k8s): graphql-js, yoga and roomgraph's
    // production profile take their production paths. The reference runs alike.
    NODE_ENV: 'production',
    // The work of a cache miss: with the cross-request cache on (the default), every request after
    // the first is answered without an upstream call. `npm run bench:cache` measures the hits.
    CACHE_ENABLED: 'false',
    ...overrides.env,
  };
  const child = spawnBenchProcess(file, { nodeArgs: [...nodeArgs, ...extraNodeArgs, '--import', PROBE, '--expose-gc'], env });
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/health`);
  return {
    name,
    url: `${url}/graphql`,
    process: child,
    probe: (kind = 'read') => child.ask<ProbeReading>({ probe: kind }),
  };
}

/**
 * The interleaved rounds: in every round, at every upstream latency, every scenario is run against
 * every contender in turn (the order rotating from round to round), so the noise of a shared
 * machine hits the contenders alike.
 */
import type { CapturedCall, Traffic } from './bench-simulators.js';
import type { ServerContender, SimulatorProcess } from './contenders.js';
import { replayLatencies } from './direct-client.js';
import { runLoad, type LoadResult } from './load.js';
import type { Scenario } from './scenarios.js';

/** One contender's figures for one scenario, latency and round. */
export interface Sample {
  scenario: string;
  latencyMs: number;
  contender: 'roomgraph' | 'reference' | 'direct-sequential' | 'direct-parallel';
  round: number;
  p50: number;
  p99: number;
  /** Servers only: */
  c1ReqPerSec?: number;
  c50ReqPerSec?: number;
  c50p50?: number;
  cpuMsPerRequest?: number;
  peakRssMb?: number;
  upstreamCallsPerQuery?: number;
  failures?: number;
  mismatches?: number;
}

export interface RoundOptions {
  rounds: number;
  latencies: readonly number[];
  /** Seconds of each c=1 and c=50 load run; the direct client's replays run as long as a c=1 run. */
  c1Seconds: number;
  c50Seconds: number;
  /** The fewest requests of a c=50 run (at least 50: one per connection). */
  minC50Requests: number;
}

/** What a round needs: the processes, the scenarios, each scenario's expected answers and captured calls. */
export interface Bench {
  simulators: SimulatorProcess;
  servers: ServerContender[];
  scenarios: Scenario[];
  expected: Map<string, string>;
  captured: Map<string, CapturedCall[]>;
  /** The last throughput seen per server and scenario: sizes the next c=50 run to about `c50Seconds`. */
  rates: Map<string, number>;
}

const expectedKey = (server: string, scenario: string) => `${server} ${scenario}`;
export { expectedKey };

function totalCalls(traffic: Traffic): number {
  return Object.values(traffic).reduce((sum, provider) => sum + provider.calls, 0);
}

async function measureServer(bench: Bench, server: ServerContender, scenario: Scenario, options: RoundOptions): Promise<Omit<Sample, 'latencyMs' | 'round'>> {
  const expectBody = bench.expected.get(expectedKey(server.name, scenario.name));
  const c1 = await runLoad(server.url, scenario.body, { connections: 1, seconds: options.c1Seconds, expectBody });
  const before = await server.probe('reset');
  const trafficBefore = totalCalls(await bench.simulators.traffic());
  const rate = bench.rates.get(expectedKey(server.name, scenario.name)) ?? c1.reqPerSec;
  const amount = Math.max(options.minC50Requests, Math.round(rate * options.c50Seconds));
  const c50: LoadResult = await runLoad(server.url, scenario.body, { connections: 50, seconds: options.c50Seconds, amount, expectBody });
  bench.rates.set(expectedKey(server.name, scenario.name), c50.reqPerSec);
  const after = await server.probe('read');
  const calls = totalCalls(await bench.simulators.traffic()) - trafficBefore;
  const requests = Math.max(1, c50.requests);
  return {
    scenario: scenario.name,
    contender: server.name,
    p50: c1.p50,
    p99: c1.p99,
    c1ReqPerSec: c1.reqPerSec,
    c50ReqPerSec: c50.reqPerSec,
    c50p50: c50.p50,
    cpuMsPerRequest: (after.cpuMs - before.cpuMs) / requests,
    peakRssMb: after.peakRss / 1e6,
    upstreamCallsPerQuery: calls / requests,
    failures: c1.failures + c50.failures,
    mismatches: c1.mismatches + c50.mismatches,
  };
}

async function measureDirect(calls: readonly CapturedCall[], scenario: Scenario, options: RoundOptions): Promise<Omit<Sample, 'latencyMs' | 'round'>[]> {
  const modes = ['sequential', 'parallel'] as const;
  const samples = [];
  for (const mode of modes) {
    const latencies = (await replayLatencies(calls, mode, options.c1Seconds * 1000)).sort((a, b) => a - b);
    const at = (quantile: number) => latencies[Math.min(latencies.length - 1, Math.floor(quantile * latencies.length))]!;
    samples.push({ scenario: scenario.name, contender: `direct-${mode}` as const, p50: at(0.5), p99: at(0.99), upstreamCallsPerQuery: calls.length });
  }
  return samples;
}

/** Runs every round; `onSample` sees each figure as it comes (progress). */
export async function runRounds(bench: Bench, options: RoundOptions, onSample: (sample: Sample) => void): Promise<Sample[]> {
  const samples: Sample[] = [];
  const keep = (round: number, latencyMs: number) => (sample: Omit<Sample, 'latencyMs' | 'round'>) => {
    const full = { ...sample, round, latencyMs };
    samples.push(full);
    onSample(full);
  };
  for (let round = 0; round < options.rounds; round += 1) {
    for (const latencyMs of options.latencies) {
      await bench.simulators.setLatency(latencyMs);
      for (const scenario of bench.scenarios) {
        const servers = bench.servers.filter((server) => scenario.reference || server.name === 'roomgraph');
        const turns: (ServerContender | 'direct')[] = [...servers, 'direct'];
        for (let turn = 0; turn < turns.length; turn += 1) {
          const contender = turns[(turn + round) % turns.length]!;
          if (contender === 'direct') (await measureDirect(bench.captured.get(scenario.name)!, scenario, options)).forEach(keep(round, latencyMs));
          else keep(round, latencyMs)(await measureServer(bench, contender, scenario, options));
        }
      }
    }
  }
  await bench.simulators.setLatency(0);
  return samples;
}

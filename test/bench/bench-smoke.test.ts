import { expect, it } from 'vitest';
import { QUICK, runBenchmark } from '../../bench/run-bench.js';

// `npm run bench:quick` in CI: the benchmark's servers, scenarios and direct client all work, and
// every answer under load is the expected one. Nothing is asserted about speed.
it('answers every benchmark scenario correctly from roomgraph, the stock-yoga reference and the direct client', async () => {
  const report = await runBenchmark(QUICK);
  expect(report.problems).toEqual([]);
  const measured = new Set(report.samples.map((sample) => `${sample.scenario} ${sample.contender}`));
  // S1–S3: roomgraph, reference and the direct client's two modes; S4 at three sizes: roomgraph and the direct client.
  expect(measured.size).toBe(3 * 4 + 3 * 3);
  expect(report.samples.filter((sample) => sample.contender === 'roomgraph').every((sample) => (sample.cpuMsPerRequest ?? 0) > 0)).toBe(true);
}, 120_000);

/** Medians, spreads and ratios of the rounds, as the Markdown tables `npm run bench` prints. */
import type { Sample } from './measure.js';

type Field = 'p50' | 'p99' | 'c1ReqPerSec' | 'c50ReqPerSec' | 'c50p50' | 'cpuMsPerRequest' | 'peakRssMb' | 'upstreamCallsPerQuery';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function format(value: number): string {
  if (!Number.isFinite(value)) return '–';
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
}

/** `median (min–max)` of a list of figures. */
function spread(values: number[]): string {
  if (values.length === 0) return '–';
  if (values.length === 1) return format(values[0]!);
  return `${format(median(values))} (${format(Math.min(...values))}–${format(Math.max(...values))})`;
}

/** The samples of one scenario and latency, by contender, in round order. */
function figures(samples: Sample[], scenario: string, latencyMs: number, contender: Sample['contender'], field: Field): number[] {
  return samples
    .filter((sample) => sample.scenario === scenario && sample.latencyMs === latencyMs && sample.contender === contender)
    .sort((a, b) => a.round - b.round)
    .map((sample) => sample[field] ?? Number.NaN);
}

/** Per-round ratios of two contenders' figures, then their median and spread. */
function ratios(samples: Sample[], scenario: string, latencyMs: number, field: Field, over: Sample['contender'], overField: Field = field): number[] {
  const top = figures(samples, scenario, latencyMs, 'roomgraph', field);
  const bottom = figures(samples, scenario, latencyMs, over, overField);
  return top.flatMap((value, round) => (bottom[round] ? [value / bottom[round]!] : []));
}

export function ratioMedian(samples: Sample[], scenario: string, latencyMs: number, field: Field, over: Sample['contender'], overField?: Field): number {
  const values = ratios(samples, scenario, latencyMs, field, over, overField);
  return values.length ? median(values) : Number.NaN;
}

function table(header: string[], rows: string[][]): string {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
}

/** The cost table (CPU, memory, throughput) and the latency table, per upstream latency. */
export function formatTables(samples: Sample[], scenarios: readonly { name: string; reference: boolean }[], latencies: readonly number[]): string {
  const out: string[] = [];
  for (const latencyMs of latencies) {
    const cost = scenarios.map(({ name, reference }) => [
      name,
      spread(figures(samples, name, latencyMs, 'roomgraph', 'cpuMsPerRequest')),
      reference ? spread(figures(samples, name, latencyMs, 'reference', 'cpuMsPerRequest')) : '–',
      reference ? `**${spread(ratios(samples, name, latencyMs, 'cpuMsPerRequest', 'reference'))}**` : '–',
      spread(figures(samples, name, latencyMs, 'roomgraph', 'peakRssMb')),
      reference ? spread(figures(samples, name, latencyMs, 'reference', 'peakRssMb')) : '–',
      reference ? `**${spread(ratios(samples, name, latencyMs, 'peakRssMb', 'reference'))}**` : '–',
      `${format(median(figures(samples, name, latencyMs, 'roomgraph', 'c1ReqPerSec')))} / ${reference ? format(median(figures(samples, name, latencyMs, 'reference', 'c1ReqPerSec'))) : '–'}`,
      `${format(median(figures(samples, name, latencyMs, 'roomgraph', 'c50ReqPerSec')))} / ${reference ? format(median(figures(samples, name, latencyMs, 'reference', 'c50ReqPerSec'))) : '–'}`,
    ]);
    out.push(`#### Cost per request, ${latencyMs} ms upstream latency (c=50 for CPU and memory)\n`);
    out.push(table(['scenario', 'CPU ms/req roomgraph', 'CPU ms/req reference', 'CPU ratio', 'peak RSS MB roomgraph', 'peak RSS MB reference', 'RSS ratio', 'req/s c=1 (rg / ref)', 'req/s c=50 (rg / ref)'], cost));
    const latency = scenarios.map(({ name, reference }) => [
      name,
      spread(figures(samples, name, latencyMs, 'roomgraph', 'p50')),
      spread(figures(samples, name, latencyMs, 'roomgraph', 'p99')),
      reference ? spread(figures(samples, name, latencyMs, 'reference', 'p50')) : '–',
      spread(figures(samples, name, latencyMs, 'direct-sequential', 'p50')),
      spread(figures(samples, name, latencyMs, 'direct-parallel', 'p50')),
      `**${spread(ratios(samples, name, latencyMs, 'p50', 'direct-parallel'))}**`,
      [
        format(median(figures(samples, name, latencyMs, 'roomgraph', 'upstreamCallsPerQuery'))),
        reference ? format(median(figures(samples, name, latencyMs, 'reference', 'upstreamCallsPerQuery'))) : '–',
        format(median(figures(samples, name, latencyMs, 'direct-parallel', 'upstreamCallsPerQuery'))),
      ].join(' / '),
    ]);
    out.push(`\n#### Latency at c=1 (ms), ${latencyMs} ms upstream latency\n`);
    out.push(table(['scenario', 'p50 roomgraph', 'p99 roomgraph', 'p50 reference', 'p50 direct, sequential', 'p50 direct, parallel', 'roomgraph / direct parallel', 'upstream calls (rg / ref / direct)'], latency));
    out.push('');
  }
  return out.join('\n');
}

/** The goals, each met or not, with the figures. */
export function formatGoals(samples: Sample[], latencies: readonly number[]): string {
  const lines: string[] = [];
  const check = (label: string, value: number, limit: number) =>
    lines.push(`- ${Number.isFinite(value) && value <= limit ? 'met' : 'NOT met'}: ${label} = ${format(value)} (goal ≤ ${limit})`);
  for (const scenario of ['S1', 'S2', 'S3']) check(`${scenario} CPU per request, roomgraph / reference (0 ms)`, ratioMedian(samples, scenario, 0, 'cpuMsPerRequest', 'reference'), 1.2);
  check('S2 peak RSS at c=50, roomgraph / reference (0 ms)', ratioMedian(samples, 'S2', 0, 'peakRssMb', 'reference'), 1.15);
  if (latencies.includes(20)) {
    for (const scenario of ['S2', 'S3']) check(`${scenario} p50 at 20 ms, roomgraph / direct parallel`, ratioMedian(samples, scenario, 20, 'p50', 'direct-parallel'), 1.15);
  }
  return lines.join('\n');
}

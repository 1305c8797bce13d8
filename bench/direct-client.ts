/**
 * The lower bound of the critical path: the upstream calls roomgraph made for a query, captured at
 * the simulators and replayed verbatim with undici (same method, URL, headers, body), the bodies
 * parsed as JSON and nothing else. `sequential` issues them one after another; `parallel` all at once
 * (one round: what no gateway can beat, whatever depends on what).
 */
import { request } from 'undici';
import type { CapturedCall } from './bench-simulators.js';

export type ReplayMode = 'sequential' | 'parallel';

async function call(upstream: CapturedCall): Promise<void> {
  const response = await request(`${upstream.origin}${upstream.url}`, {
    method: upstream.method as 'GET' | 'POST',
    headers: upstream.headers,
    body: upstream.method === 'GET' ? undefined : upstream.body,
  });
  JSON.parse(await response.body.text());
  if (response.statusCode !== 200) throw new Error(`${upstream.url} answered ${response.statusCode}`);
}

/** Issues the calls once. */
export async function replay(calls: readonly CapturedCall[], mode: ReplayMode): Promise<void> {
  if (mode === 'parallel') {
    await Promise.all(calls.map(call));
    return;
  }
  for (const upstream of calls) await call(upstream);
}

/** Latencies (ms) of one replay after another, for `durationMs` (at least `minSamples`, at most `maxSamples`). */
export async function replayLatencies(calls: readonly CapturedCall[], mode: ReplayMode, durationMs: number, minSamples = 5, maxSamples = 2_000): Promise<number[]> {
  const latencies: number[] = [];
  const end = performance.now() + durationMs;
  while (latencies.length < maxSamples && (latencies.length < minSamples || performance.now() < end)) {
    const start = performance.now();
    await replay(calls, mode);
    latencies.push(performance.now() - start);
  }
  return latencies;
}

import type { ExecutionResult } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createSharedExecution, type SubscribeOutcome } from '../../src/server/shared-execution.js';
import { createSubscriberQueue } from '../../src/server/subscriber-queue.js';

// The contract of one shared execution, on a hand-fed source: what the transports cannot show
// directly (the execution's own signal, the source's return, a failure reaching every subscriber).

function createSource() {
  const state = { returned: false, signal: null as AbortSignal | null };
  const queue = createSubscriberQueue<ExecutionResult>(100, () => new Error('overflow'), () => void (state.returned = true));
  const start = (signal: AbortSignal): SubscribeOutcome => {
    state.signal = signal;
    return queue.iterator;
  };
  return { state, queue, start };
}

const open = (start: (signal: AbortSignal) => SubscribeOutcome | Promise<SubscribeOutcome>, bufferResults = 10) => {
  let stopped = 0;
  const execution = createSharedExecution(start, { bufferResults, overflowError: () => new Error('SUBSCRIPTION_OVERFLOW'), onStop: () => void (stopped += 1) });
  return { execution, stops: () => stopped };
};
const stream = async (outcome: Promise<SubscribeOutcome>) => (await outcome) as AsyncIterableIterator<ExecutionResult>;

describe('a shared execution', () => {
  it('aborts its signal and returns its source when the last subscriber leaves, not before', async () => {
    const source = createSource();
    const { execution, stops } = open(source.start);
    const [first, second] = [new AbortController(), new AbortController()];
    const firstStream = await stream(execution.attach(first.signal));
    await stream(execution.attach(second.signal));
    first.abort();
    expect(await firstStream.next()).toEqual({ value: undefined, done: true });
    expect(source.state.signal!.aborted).toBe(false);
    expect(execution.subscriberCount()).toBe(1);
    second.abort();
    expect(source.state.signal!.aborted).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(source.state.returned).toBe(true);
    expect(stops()).toBe(1);
  });

  it('gives every subscriber the same result object, once per source result', async () => {
    const source = createSource();
    const { execution } = open(source.start);
    const streams = await Promise.all([1, 2, 3].map(() => stream(execution.attach(new AbortController().signal))));
    source.queue.push({ data: { n: 1 } });
    const results = await Promise.all(streams.map(async (each) => (await each.next()).value as ExecutionResult));
    expect(results[0]).toMatchObject({ data: { n: 1 } });
    for (const result of results) expect(result).toBe(results[0]);
  });

  it('ends every subscriber with the error when the execution fails, then forgets itself', async () => {
    const source = createSource();
    const { execution, stops } = open(source.start);
    const streams = await Promise.all([1, 2].map(() => stream(execution.attach(new AbortController().signal))));
    source.queue.end(new Error('upstream stream failed'));
    for (const each of streams) await expect(each.next()).rejects.toThrow('upstream stream failed');
    expect(stops()).toBe(1);
    expect(execution.subscriberCount()).toBe(0);
  });

  it('hands a start that yields a single result (an error) to every subscriber that attached meanwhile', async () => {
    const failure: ExecutionResult = { errors: [] };
    const { execution, stops } = open(() => Promise.resolve(failure));
    const outcomes = await Promise.all([execution.attach(new AbortController().signal), execution.attach(new AbortController().signal)]);
    expect(outcomes).toEqual([failure, failure]);
    expect(stops()).toBe(1);
  });

  it('ends only the subscriber that falls `bufferResults` behind', async () => {
    const source = createSource();
    const { execution } = open(source.start, 2);
    const [reader, stalled] = await Promise.all([1, 2].map(() => stream(execution.attach(new AbortController().signal))));
    const read: unknown[] = [];
    for (let index = 0; index < 5; index += 1) {
      source.queue.push({ data: { index } });
      read.push((await reader!.next()).value);
    }
    expect(read).toHaveLength(5);
    await expect(stalled!.next()).rejects.toThrow('SUBSCRIPTION_OVERFLOW');
    expect(execution.subscriberCount()).toBe(1);
  });
});

/**
 * One subscription execution shared by every subscriber whose operation is the same (same document,
 * operation name, variables and client identity): each event's selection is executed once, and the
 * one result is appended to each subscriber's own bounded buffer. Appending never waits, so a slow
 * subscriber holds up nobody and overflows alone (SUBSCRIPTION_OVERFLOW), as with unshared streams.
 */
import type { ExecutionResult } from 'graphql';
import { createSubscriberQueue, type SubscriberQueue } from './subscriber-queue.js';

/** What starting a subscription gives: its stream of results, or one result (errors) when it did not start. */
export type SubscribeOutcome = AsyncIterable<ExecutionResult> | ExecutionResult;

/** Starts the execution, with a signal that aborts when it stops (its last subscriber left, or it ended). */
export type StartExecution = (signal: AbortSignal) => SubscribeOutcome | Promise<SubscribeOutcome>;

export interface SharedExecutionOptions {
  /** Results one subscriber may have waiting before it is ended with `overflowError()`. */
  bufferResults: number;
  overflowError(): Error;
  /** Called once when the execution stops: from then on it takes no subscriber (its owner forgets it). */
  onStop(): void;
}

export interface SharedExecution {
  /** Adds a subscriber until `signal` aborts or it returns its stream; resolves with that stream, or with the single result of an execution that did not start. */
  attach(signal: AbortSignal): Promise<SubscribeOutcome>;
  subscriberCount(): number;
  /** Results waiting in the subscribers' buffers, in all. */
  bufferedResults(): number;
  /** Ends every subscriber (each completes after what it has buffered) and stops the execution. */
  end(): void;
}

interface Member {
  queue: SubscriberQueue<ExecutionResult>;
  leave(): void;
}

/**
 * Starts the shared execution at once; it stops when its last subscriber leaves, or when its stream
 * ends. `start` is called once and not kept (it may hold the first subscriber's request).
 */
export function createSharedExecution(start: StartExecution, options: SharedExecutionOptions): SharedExecution {
  const { bufferResults, overflowError, onStop } = options;
  const members = new Set<Member>();
  const controller = new AbortController();
  let iterator: AsyncIterator<ExecutionResult> | null = null;
  let stopped = false;

  const stop = (ending: { error: Error | null } | null) => {
    if (stopped) return;
    stopped = true;
    for (const member of members) (ending ? member.queue.end(ending.error) : undefined, member.leave());
    controller.abort();
    // Removes the execution's bus listener and drops its buffered events (a pending `next` settles as done).
    void Promise.resolve(iterator?.return?.()).catch(() => undefined);
    onStop();
  };

  // No closure here may refer to `start`: V8 would keep it (and the request it holds) as long as the execution.
  const started = begin(start, controller.signal).then(
    (outcome) => {
      if (!isAsyncIterable(outcome)) return (stop(null), outcome);
      iterator = outcome[Symbol.asyncIterator]();
      if (stopped) void Promise.resolve(iterator.return?.()).catch(() => undefined);
      else void pump(iterator);
      return null;
    },
    (error: unknown) => {
      stop(null);
      throw error;
    },
  );

  async function pump(source: AsyncIterator<ExecutionResult>): Promise<void> {
    try {
      for (;;) {
        const step = await source.next();
        if (stopped) return;
        if (step.done) return stop({ error: null });
        // One result object for all: the SSE writer encodes its frame once (`event-stream.ts`).
        for (const member of members) if (!member.queue.push(step.value)) member.leave();
      }
    } catch (error) {
      // The execution failed as a whole: every subscriber gets the failure, as each would alone.
      stop({ error: error instanceof Error ? error : new Error(String(error)) });
    }
  }

  function attach(signal: AbortSignal): Promise<SubscribeOutcome> {
    const onAbort = () => (member.queue.end(), member.leave());
    const leave = () => {
      signal.removeEventListener('abort', onAbort);
      if (!members.delete(member)) return;
      if (members.size === 0) stop(null);
    };
    const member: Member = { queue: createSubscriberQueue(bufferResults, overflowError, () => leave()), leave };
    members.add(member);
    signal.addEventListener('abort', onAbort, { once: true });
    if (signal.aborted) onAbort();
    return started.then((failure) => failure ?? member.queue.iterator);
  }

  return {
    attach,
    subscriberCount: () => members.size,
    bufferedResults: () => {
      let sum = 0;
      for (const member of members) sum += member.queue.size();
      return sum;
    },
    end: () => stop({ error: null }),
  };
}

async function begin(start: StartExecution, signal: AbortSignal): Promise<SubscribeOutcome> {
  return start(signal);
}

function isAsyncIterable(value: unknown): value is AsyncIterable<ExecutionResult> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

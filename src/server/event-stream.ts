/**
 * Subscriptions over Server-Sent Events, framed as Yoga's own SSE writer frames them (a `:` ping at
 * the start and every `pingIntervalMs`, `event: next` per result, `event: complete` at the end, the
 * same headers), but cheaper per subscriber:
 * - each result's frame is encoded once: subscribers that share an execution
 *   (`shared-subscriptions.ts`) receive the same result object, so the first builds the bytes and
 *   every other writes them as they are;
 * - the body is a Node stream piped to the socket, without the web-stream and promise layers of a
 *   `ReadableStream` in between.
 * Only subscriptions are written here; `@defer`/`@stream` and single results keep Yoga's writers.
 * A subscriber that stops reading fills the socket, then its bounded queue (this stream reads no
 * result ahead), which ends it with SUBSCRIPTION_OVERFLOW (`subscriber-queue.ts`), as with Yoga's writer.
 */
import { Readable } from 'node:stream';
import type { ExecutionResult, GraphQLError } from 'graphql';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';

const HEADERS = { 'Content-Type': 'text/event-stream', Connection: 'keep-alive', 'Cache-Control': 'no-cache', 'Content-Encoding': 'none' };
const PING = Buffer.from(':\n\n');
const COMPLETE = Buffer.from('event: complete\ndata:\n\n');

/** Replaces Yoga's SSE writer for subscription results. */
export function useSubscriptionEventStream(pingIntervalMs = 12_000): Plugin {
  const subscriptionRequests = new WeakSet<Request>();
  const frames = new WeakMap<ExecutionResult, Buffer>();
  const frameOf = (result: ExecutionResult) => {
    let frame = frames.get(result);
    if (!frame) frames.set(result, (frame = Buffer.from(`event: next\ndata: ${toWireJson(result)}\n\n`)));
    return frame;
  };
  return {
    onSubscribe: ({ args }) => {
      const request = (args.contextValue as { request?: Request }).request;
      if (request) subscriptionRequests.add(request);
    },
    onResultProcess: ({ request, result, resultProcessor, setResultProcessor }) => {
      // For a subscription's stream, Yoga's only candidate writer is its SSE writer: a writer chosen means SSE was accepted.
      if (!resultProcessor || !isAsyncIterable(result) || !subscriptionRequests.has(request)) return;
      setResultProcessor(
        (results, fetchAPI) => new fetchAPI.Response(toEventStream(results as AsyncIterable<ExecutionResult>, frameOf, pingIntervalMs) as never, { status: 200, headers: HEADERS }),
        'text/event-stream',
      );
    },
  };
}

/** The stream of frames: reads the next result only when the socket has taken the previous ones. */
function toEventStream(results: AsyncIterable<ExecutionResult>, frameOf: (result: ExecutionResult) => Buffer, pingIntervalMs: number): Readable {
  const iterator = results[Symbol.asyncIterator]();
  let reading = false;
  let finished = false;
  const onStep = (step: IteratorResult<ExecutionResult>) => {
    reading = false;
    if (body.destroyed) return;
    if (!step.done) return void body.push(frameOf(step.value));
    finished = true;
    body.push(COMPLETE);
    body.push(null);
  };
  // Yoga turns a stream's errors into results; what still throws is an abort (the request ended).
  // The response then ends without `complete`, and no stream error reaches the pipe (nothing listens).
  const onError = () => {
    reading = false;
    finished = true;
    if (!body.destroyed) body.push(null);
  };
  const body = new Readable({
    // Nothing read ahead: while the socket is full, results wait in the subscriber's bounded queue
    // (counted in events, SUBSCRIPTION_BUFFER_EVENTS), not in a stream buffer counted in bytes
    // (16 KiB by default on Node 20, 64 KiB on Node 22, i.e. hundreds of small events).
    highWaterMark: 0,
    read() {
      if (reading || finished) return;
      reading = true;
      iterator.next().then(onStep, onError);
    },
    destroy(error, callback) {
      clearInterval(ping);
      // A subscriber that left: its share of the execution (and its queue) is released.
      if (!finished) void Promise.resolve(iterator.return?.()).catch(() => undefined);
      finished = true;
      callback(error);
    },
  });
  // A ping first: some clients show nothing until the first bytes arrive.
  body.push(PING);
  // Only into an empty buffer: a stalled reader gets at most one ping waiting.
  const ping = setInterval(() => {
    if (!finished && body.readableLength === 0) body.push(PING);
  }, pingIntervalMs);
  return body;
}

/** The result as Yoga writes it: without the `http` and `unexpected` extensions Yoga keeps for itself. */
function toWireJson(result: ExecutionResult): string {
  const { http, ...extensions } = (result.extensions ?? {}) as Record<string, unknown>;
  if (!result.errors?.length && http === undefined) return JSON.stringify(result);
  return JSON.stringify({
    ...result,
    errors: result.errors?.map(withoutInternalExtensions),
    extensions: Object.keys(extensions).length > 0 ? extensions : undefined,
  });
}

function withoutInternalExtensions(error: GraphQLError) {
  if (typeof error.toJSON !== 'function') return error;
  const json = error.toJSON();
  const { http, unexpected, ...extensions } = (json.extensions ?? {}) as Record<string, unknown>;
  return { ...json, extensions: Object.keys(extensions).length > 0 ? extensions : undefined };
}

import type { Readable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { useSubscriptionEventStream } from '../../src/server/event-stream.js';
import type { LiveDriver } from '../../src/sandbox/live-driver.js';
import { until } from '../support/live-subscribers.js';
import { postWebhooks, serveTelnyxLiveGateway, type LiveServedGateway } from '../support/serve-live-gateway.js';

// The SSE writer of subscriptions (src/server/event-stream.ts), read as raw bytes from a real HTTP
// connection: Yoga's framing (ping, `event: next`, `event: complete`), one serialisation of a result
// shared by many subscribers, and a subscriber that leaves releasing its share.

const QUERY = 'subscription Raw { roomEvents(filter: { provider: TELNYX }) { eventId kind } }';

let served: LiveServedGateway;
let telnyx: LiveDriver;
let roomId: string;
beforeAll(async () => void ({ served, driver: telnyx, roomId } = await serveTelnyxLiveGateway()));
afterAll(() => served?.close());
afterEach(() => vi.restoreAllMocks());

const subscriptions = () => served.gateway.live.subscriptions;

/** A subscriber that keeps the response's text exactly as it arrived. */
async function openRaw() {
  const controller = new AbortController();
  const response = await fetch(served.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify({ query: QUERY }),
    signal: controller.signal,
  });
  let text = '';
  let ended = false;
  const reading = (async () => {
    const decoder = new TextDecoder();
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) text += decoder.decode(chunk, { stream: true });
    } catch {
      // aborted by close()
    }
    ended = true;
  })();
  return {
    response,
    text: () => text,
    ended: () => ended,
    close: async () => (controller.abort(), await reading),
  };
}

async function postJoin(): Promise<string> {
  const payloads = telnyx.join(roomId, `guest-${Date.now()}`, new Date()) as { id: string }[];
  await postWebhooks(served, telnyx, payloads);
  return `telnyx:${payloads[0]!.id}`;
}

describe('subscriptions over SSE', () => {
  it('frames events as Yoga does: a ping first, one `next` event per result, `complete` when the stream ends', async () => {
    const subscriber = await openRaw();
    expect(subscriber.response.status).toBe(200);
    expect(subscriber.response.headers.get('content-type')).toBe('text/event-stream');
    expect(subscriber.response.headers.get('cache-control')).toBe('no-cache');
    await until(() => subscriptions().subscriberCount() === 1);

    const eventId = await postJoin();
    await until(() => subscriber.text().includes(eventId));
    served.gateway.live.endSubscriptions();
    await until(() => subscriber.ended());

    const frames = subscriber.text().split('\n\n').filter(Boolean);
    expect(frames[0]).toBe(':');
    const next = frames.filter((frame) => frame.startsWith('event: next\n'));
    expect(next.length).toBeGreaterThan(0);
    const joined = next.map((frame) => JSON.parse(frame.slice('event: next\ndata: '.length)) as { data: { roomEvents: { eventId: string; kind: string } } }).find((result) => result.data.roomEvents.eventId === eventId);
    expect(joined).toEqual({ data: { roomEvents: { eventId, kind: 'PARTICIPANT_JOINED' } } });
    expect(frames.at(-1)).toBe('event: complete\ndata:');
    expect(subscriptions().subscriberCount()).toBe(0);
  });

  it('serialises a result shared by 20 subscribers once, and sends every one of them the same bytes', async () => {
    const subscribers = await Promise.all(Array.from({ length: 20 }, () => openRaw()));
    await until(() => subscriptions().subscriberCount() === 20);
    expect(subscriptions().executionCount()).toBe(1);

    const stringify = vi.spyOn(JSON, 'stringify');
    const eventId = await postJoin();
    await until(() => subscribers.every((subscriber) => subscriber.text().includes(eventId)));
    const serialisations = stringify.mock.calls.filter(([value]) => (value as { data?: { roomEvents?: { eventId?: string } } } | null)?.data?.roomEvents?.eventId === eventId);
    expect(serialisations).toHaveLength(1);
    const frameOf = (text: string) => text.split('\n\n').find((frame) => frame.includes(eventId));
    for (const subscriber of subscribers) expect(frameOf(subscriber.text())).toBe(frameOf(subscribers[0]!.text()));

    // A subscriber that leaves is released at once; the others keep their shared execution.
    await subscribers[0]!.close();
    await until(() => subscriptions().subscriberCount() === 19);
    expect(subscriptions().executionCount()).toBe(1);
    await Promise.all(subscribers.slice(1).map((subscriber) => subscriber.close()));
    await until(() => subscriptions().subscriberCount() === 0);
    expect(subscriptions().executionCount()).toBe(0);
  });
});

describe('the SSE writer alone', () => {
  it('ends the body without `complete`, and without an error event nobody listens to, when a stream throws what Yoga does not turn into a result (an abort)', async () => {
    async function* aborted() {
      yield { data: { ticks: 1 } };
      throw Object.assign(new Error('the request ended'), { name: 'AbortError' });
    }
    const plugin = useSubscriptionEventStream();
    const request = new Request('http://127.0.0.1/graphql', { method: 'POST' });
    plugin.onSubscribe!({ args: { contextValue: { request } } } as never);
    let processor: ((result: unknown, fetchAPI: unknown) => { body: Readable }) | undefined;
    const result = aborted();
    plugin.onResultProcess!({ request, result, resultProcessor: () => undefined, setResultProcessor: (chosen: typeof processor) => (processor = chosen) } as never);
    // A stand-in for the fetch API's Response: the writer's body is the Node stream the server pipes.
    const { body } = processor!(result, { Response: class { constructor(readonly body: Readable) {} } });
    const errors: Error[] = [];
    body.on('error', (error) => errors.push(error));
    let text = '';
    for await (const chunk of body) text += String(chunk);
    expect(text).toBe(':\n\nevent: next\ndata: {"data":{"ticks":1}}\n\n');
    expect(errors).toEqual([]);
  });
});

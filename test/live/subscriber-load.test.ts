import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { createGateway, type Gateway } from '../../src/gateway.js';
import { createTelnyxLiveDriver } from '../../src/sandbox/telnyx/telnyx-webhooks.js';
import { createTelnyxStore } from '../../src/sandbox/telnyx/telnyx-store.js';
import { subscribeSse, type SseSubscription } from '../support/sse-subscription.js';

// The bounded version of the load benchmark (bench/live-subscribers.ts): 100 SSE subscribers on one
// gateway, some of them slow readers, and events arriving through the signed webhook route.

const SUBSCRIBERS = 100;
const SLOW = 10;
const EVENTS = 60;
const BUFFER = 80;

const telnyx = createTelnyxLiveDriver(createTelnyxStore());
let gateway: Gateway;
beforeAll(() => {
  gateway = createGateway(parseConfig({ LOG_LEVEL: 'silent', ...telnyx.env, SUBSCRIPTION_BUFFER_EVENTS: String(BUFFER) }));
});
afterAll(() => gateway.close());

const QUERY = 'subscription { roomEvents(filter: { provider: TELNYX }) { eventId kind sessionId } }';
const fetchGateway = async (url: string, init: RequestInit) => gateway.yoga.fetch(url, init);

async function postEvents(count: number, prefix: string): Promise<void> {
  for (let index = 0; index < count; index += 1) {
    const event = { record_type: 'event', event_type: 'video.room.participant.joined', id: `${prefix}-${index}`, occurred_at: new Date().toISOString(), payload: { room_id: 'room', session_id: `s-${index}`, participant_id: `p-${index}` } };
    const { body, headers } = await telnyx.sign(event, '');
    const response = await gateway.yoga.fetch('http://gateway.test/webhooks/telnyx', { method: 'POST', headers, body });
    expect(response.status).toBe(200);
  }
}

/** Reads `count` events, pausing `delayMs` after each; resolves with their session ids and when the last arrived. */
async function read(subscription: SseSubscription, count: number, delayMs: number): Promise<{ sessions: string[]; doneAt: number }> {
  const sessions: string[] = [];
  for await (const result of subscription.results) {
    sessions.push((result.data!.roomEvents as { sessionId: string }).sessionId);
    if (sessions.length === count) break;
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
  }
  return { sessions, doneAt: performance.now() };
}

const until = async (condition: () => boolean) => {
  for (let tries = 0; tries < 200 && !condition(); tries += 1) await new Promise((resolve) => setTimeout(resolve, 10));
};

describe('100 subscribers', () => {
  it('delivers every event, in order, to fast and slow subscribers, and slow ones do not hold up fast ones', async () => {
    const subscriptions = await Promise.all(Array.from({ length: SUBSCRIBERS }, () => subscribeSse(fetchGateway, 'http://gateway.test/graphql', QUERY)));
    await until(() => gateway.live.subscriptions.subscriberCount() === SUBSCRIBERS);
    expect(gateway.live.subscriptions.subscriberCount()).toBe(SUBSCRIBERS);
    const started = performance.now();
    const readers = subscriptions.map((subscription, index) => read(subscription, EVENTS, index < SLOW ? 25 : 0));
    await postEvents(EVENTS, 'load');
    const published = performance.now();
    const outcomes = await Promise.all(readers);
    const expected = Array.from({ length: EVENTS }, (_unused, index) => `s-${index}`);
    for (const outcome of outcomes) expect(outcome.sessions).toEqual(expected);
    const fastDone = Math.max(...outcomes.slice(SLOW).map((outcome) => outcome.doneAt));
    const slowDone = Math.min(...outcomes.slice(0, SLOW).map((outcome) => outcome.doneAt));
    // Fast readers have everything soon after the last webhook; slow ones need ≥ 60 × 25 ms.
    expect(fastDone - published).toBeLessThan(1_000);
    expect(slowDone - started).toBeGreaterThan(EVENTS * 25 * 0.9);
    expect(fastDone).toBeLessThan(slowDone);
    for (const subscription of subscriptions) subscription.close();
    await until(() => gateway.live.subscriptions.subscriberCount() === 0);
    expect(gateway.live.subscriptions.subscriberCount()).toBe(0);
    expect(gateway.live.subscriptions.bufferedResults()).toBe(0);
    expect(gateway.live.bus.subscriberCount()).toBe(0);
    expect(gateway.live.bus.bufferedEvents()).toBe(0);
  });

  it('ends a subscriber that falls more than SUBSCRIPTION_BUFFER_EVENTS behind with SUBSCRIPTION_OVERFLOW, and only that one', async () => {
    const stalled = await subscribeSse(fetchGateway, 'http://gateway.test/graphql', QUERY);
    const healthy = await subscribeSse(fetchGateway, 'http://gateway.test/graphql', QUERY);
    await until(() => gateway.live.subscriptions.subscriberCount() === 2);
    // Same operation: the two share one execution, and still only the stalled one overflows.
    expect(gateway.live.subscriptions.executionCount()).toBe(1);
    const healthyRead = read(healthy, BUFFER * 3, 0);
    // The stalled reader reads nothing; its stream's own buffer takes a few events, then the bus buffer fills.
    await postEvents(BUFFER * 3, 'overflow');
    expect((await healthyRead).sessions).toHaveLength(BUFFER * 3);
    await until(() => gateway.live.subscriptions.subscriberCount() === 1);
    expect(gateway.live.subscriptions.subscriberCount()).toBe(1);
    const received: unknown[] = [];
    let overflow: unknown;
    for await (const result of stalled.results) {
      if (result.errors) overflow = result.errors[0]?.extensions?.code;
      else received.push(result);
    }
    expect(overflow).toBe('SUBSCRIPTION_OVERFLOW');
    expect(received.length).toBeLessThan(BUFFER * 3);
    healthy.close();
    await until(() => gateway.live.subscriptions.subscriberCount() === 0);
    expect(gateway.live.subscriptions.subscriberCount()).toBe(0);
    expect(gateway.live.subscriptions.bufferedResults()).toBe(0);
    expect(gateway.live.bus.subscriberCount()).toBe(0);
    expect(gateway.live.bus.bufferedEvents()).toBe(0);
  });
});

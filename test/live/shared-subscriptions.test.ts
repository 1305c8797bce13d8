import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveDriver } from '../../src/sandbox/live-driver.js';
import { subscribeOverSse, subscribeOverWs, until, type CollectingSubscriber } from '../support/live-subscribers.js';
import { postWebhooks, serveTelnyxLiveGateway, type LiveServedGateway } from '../support/serve-live-gateway.js';

// Identical subscriptions share one execution per event (shared-subscriptions.ts), over SSE and
// graphql-ws alike; subscriptions that differ in variables do not. Upstream reads are counted on the
// Telnyx simulator, with the cross-request cache off so that each execution reads for itself.

const SHARED = `
  subscription Shared($kinds: [RoomEventKind!]) {
    roomEvents(filter: { provider: TELNYX, kinds: $kinds }) { eventId room { roomId participants { name } } }
  }
`;
const JOINS = { kinds: ['PARTICIPANT_JOINED'] };

let served: LiveServedGateway;
let telnyx: LiveDriver;
let roomId: string;
beforeAll(async () => {
  ({ served, driver: telnyx, roomId } = await serveTelnyxLiveGateway());
  if (telnyx.liveRooms().length === 0) await post(telnyx.startSession(roomId, new Date()));
});
afterAll(() => served?.close());

const subscriptions = () => served.gateway.live.subscriptions;

async function post(payloads: unknown[]): Promise<string[]> {
  await postWebhooks(served, telnyx, payloads);
  return payloads.map((payload) => `telnyx:${(payload as { id: string }).id}`);
}

/** Telnyx room reads (the simulator's calls; readiness probes read no single room). */
const roomReads = () => served.sandboxes.simulators.telnyx.calls.filter((call) => call.path.startsWith('/v2/rooms/') || call.path.startsWith('/v2/room_sessions/')).length;

const received = (subscriber: CollectingSubscriber, eventId: string) =>
  subscriber.results.some((result) => (result.data?.roomEvents as { eventId?: string } | undefined)?.eventId === eventId);

/** Someone joins the room; resolves with the Telnyx room reads made until every subscriber got the event. */
async function joinAndCount(subscribers: CollectingSubscriber[]): Promise<{ reads: number; eventId: string }> {
  served.sandboxes.simulators.telnyx.resetCalls();
  const [eventId] = await post(telnyx.join(roomId, `guest-${Date.now()}`, new Date()));
  await until(() => subscribers.every((subscriber) => received(subscriber, eventId!)));
  for (const subscriber of subscribers) expect(received(subscriber, eventId!)).toBe(true);
  return { reads: roomReads(), eventId: eventId! };
}

const closeAll = async (subscribers: CollectingSubscriber[]) => {
  await Promise.all(subscribers.map((subscriber) => subscriber.close()));
  await until(() => subscriptions().subscriberCount() === 0);
};

describe('shared execution of identical subscriptions', () => {
  it('executes identical subscriptions (SSE and graphql-ws) once per event: one subscriber’s upstream reads, not one set per subscriber', async () => {
    const first = await subscribeOverSse(served, SHARED, JOINS);
    await until(() => subscriptions().subscriberCount() === 1);
    const alone = await joinAndCount([first]);
    expect(alone.reads).toBeGreaterThan(0);

    const others = [await subscribeOverSse(served, SHARED, JOINS), subscribeOverWs(served, SHARED, JOINS), subscribeOverWs(served, SHARED, JOINS)];
    await until(() => subscriptions().subscriberCount() === 4);
    expect(subscriptions().executionCount()).toBe(1);
    expect(served.gateway.live.bus.subscriberCount()).toBe(1);
    const shared = await joinAndCount([first, ...others]);
    expect(shared.reads).toBe(alone.reads);

    // Every subscriber got the same result, linked room and participants resolved.
    const results = [first, ...others].map((subscriber) => subscriber.results.find((result) => (result.data?.roomEvents as { eventId: string }).eventId === shared.eventId));
    expect(results[0]!.errors).toBeUndefined();
    expect((results[0]!.data!.roomEvents as { room: { participants: unknown[] } }).room.participants.length).toBeGreaterThan(0);
    for (const result of results) expect(result).toEqual(results[0]);
    await closeAll([first, ...others]);
  });

  it('does not share between subscriptions whose variables differ', async () => {
    const joins = await subscribeOverSse(served, SHARED, JOINS);
    await until(() => subscriptions().subscriberCount() === 1);
    const alone = await joinAndCount([joins]);
    const joinsAndLeaves = subscribeOverWs(served, SHARED, { kinds: ['PARTICIPANT_JOINED', 'PARTICIPANT_LEFT'] });
    await until(() => subscriptions().subscriberCount() === 2);
    expect(subscriptions().executionCount()).toBe(2);
    expect((await joinAndCount([joins, joinsAndLeaves])).reads).toBe(2 * alone.reads);
    await closeAll([joins, joinsAndLeaves]);
  });

  it('keeps the execution running for the others when the subscriber that started it leaves', async () => {
    const starter = await subscribeOverSse(served, SHARED, JOINS);
    await until(() => subscriptions().subscriberCount() === 1);
    const stayers = [await subscribeOverSse(served, SHARED, JOINS), subscribeOverWs(served, SHARED, JOINS)];
    await until(() => subscriptions().subscriberCount() === 3);
    await starter.close();
    await until(() => subscriptions().subscriberCount() === 2);
    const { eventId } = await joinAndCount(stayers);
    for (const subscriber of stayers) {
      const result = subscriber.results.find((candidate) => (candidate.data?.roomEvents as { eventId: string }).eventId === eventId)!;
      // Not cancelled with the starter's request: the linked room was read under the execution's own signal.
      expect(result.errors).toBeUndefined();
      expect((result.data!.roomEvents as { room: unknown }).room).not.toBeNull();
    }
    expect(subscriptions().executionCount()).toBe(1);
    await closeAll(stayers);
  });

  it('stops the shared execution when its last subscriber leaves: no bus listener, nothing buffered, no more upstream reads', async () => {
    const subscribers = [await subscribeOverSse(served, SHARED, JOINS), subscribeOverWs(served, SHARED, JOINS)];
    await until(() => subscriptions().subscriberCount() === 2);
    await joinAndCount(subscribers);
    await closeAll(subscribers);
    expect(subscriptions().subscriberCount()).toBe(0);
    expect(subscriptions().executionCount()).toBe(0);
    expect(subscriptions().bufferedResults()).toBe(0);
    expect(served.gateway.live.bus.subscriberCount()).toBe(0);
    expect(served.gateway.live.bus.bufferedEvents()).toBe(0);
    served.sandboxes.simulators.telnyx.resetCalls();
    await post(telnyx.join(roomId, 'nobody-watches', new Date()));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(roomReads()).toBe(0);
  });
});

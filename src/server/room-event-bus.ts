/**
 * The gateway's live-event hub. Verified deliveries are claimed (once per dedupe window) and sent
 * through the transport; every replica, on hearing one, announces its room on the room-change
 * feed (caches forget the room's live state first) and then appends its events to the buffer of
 * each subscriber whose filter matches. Appending never waits, so one slow subscriber holds up
 * nobody; a subscriber whose buffer is full is ended with SUBSCRIPTION_OVERFLOW.
 */
import { GatewayError } from '../domain/errors.js';
import type { RoomChangeFeed } from '../domain/room-changes.js';
import {
  matchesRoomEventFilter,
  parseDeliveryMessage,
  toDeliveryMessage,
  type RoomEvent,
  type RoomEventDelivery,
  type RoomEventFilter,
  type RoomEventSubscriptions,
} from '../domain/room-events.js';
import type { RoomEventTransport } from './room-event-transport.js';
import { createSubscriberQueue, overflowError, type SubscriberQueue } from './subscriber-queue.js';

export interface RoomEventBusOptions {
  transport: RoomEventTransport;
  roomChanges: RoomChangeFeed;
  /** Events one subscriber may have waiting before it is ended with SUBSCRIPTION_OVERFLOW. */
  bufferEvents: number;
  /** Subscriptions this process serves at once; more are refused with TOO_MANY_SUBSCRIPTIONS. */
  maxSubscriptions: number;
}

export interface RoomEventBus extends RoomEventSubscriptions {
  /** Sends a verified delivery to every replica; false when it was already seen (a retry or a replay). */
  publish(delivery: RoomEventDelivery): Promise<boolean>;
  /** Streams open on this bus in this process (one per shared execution: `shared-subscriptions.ts` counts the clients). */
  subscriberCount(): number;
  /** Events buffered for those streams, in all. */
  bufferedEvents(): number;
  /** Resolves once deliveries sent from any replica reach this one. */
  ready(): Promise<void>;
  /** Ends every subscription (they complete); new ones are still accepted. */
  endSubscriptions(): void;
  /** Ends every subscription and closes the transport. */
  close(): Promise<void>;
}

interface Subscriber {
  filter: RoomEventFilter;
  queue: SubscriberQueue<RoomEvent>;
  /** Drops the subscriber from the bus (and its abort listener); idempotent. */
  forget(): void;
}

/** A bus over `transport`; it starts listening at once. */
export function createRoomEventBus(options: RoomEventBusOptions): RoomEventBus {
  const subscribers = new Set<Subscriber>();
  const overflow = () => overflowError(options.bufferEvents);

  options.transport.listen((message) => {
    const delivery = parseDeliveryMessage(message);
    if (!delivery) return;
    if (delivery.change) options.roomChanges.announce(delivery.change);
    for (const event of delivery.events) {
      for (const subscriber of subscribers) {
        if (matchesRoomEventFilter(event, subscriber.filter) && !subscriber.queue.push(event)) subscriber.forget();
      }
    }
  });

  return {
    publish: async (delivery) => {
      if (!(await options.transport.claim(delivery.deliveryId))) return false;
      try {
        await options.transport.send(toDeliveryMessage(delivery));
      } catch (error) {
        await options.transport.release(delivery.deliveryId).catch(() => undefined);
        throw error;
      }
      return true;
    },
    subscribe: (filter, signal) => {
      if (subscribers.size >= options.maxSubscriptions) {
        throw new GatewayError('TOO_MANY_SUBSCRIPTIONS', `This gateway serves at most ${options.maxSubscriptions} subscriptions at once; try again later.`);
      }
      const forget = () => {
        subscribers.delete(subscriber);
        signal.removeEventListener('abort', onAbort);
      };
      const subscriber: Subscriber = { filter, queue: createSubscriberQueue(options.bufferEvents, overflow, forget), forget };
      const onAbort = () => {
        subscriber.queue.end();
        forget();
      };
      subscribers.add(subscriber);
      signal.addEventListener('abort', onAbort, { once: true });
      if (signal.aborted) onAbort();
      return subscriber.queue.iterator;
    },
    subscriberCount: () => subscribers.size,
    bufferedEvents: () => [...subscribers].reduce((sum, subscriber) => sum + subscriber.queue.size(), 0),
    ready: () => options.transport.ready(),
    endSubscriptions: () => {
      for (const subscriber of [...subscribers]) (subscriber.queue.end(), subscriber.forget());
    },
    close: async () => {
      for (const subscriber of [...subscribers]) (subscriber.queue.end(), subscriber.forget());
      await options.transport.close();
    },
  };
}

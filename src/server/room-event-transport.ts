/**
 * How verified webhook deliveries travel between the gateway's replicas, and how a delivery is
 * recognised as already seen. In process: an EventTarget and a bounded in-memory window. With
 * Redis: Yoga's Redis event target (PUBLISH/SUBSCRIBE, so every replica, the sender included,
 * hears each message once) and `SET NX EX` claims shared by every replica.
 */
import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';

/** The channel (and event type) deliveries are published on. */
export const ROOM_EVENTS_CHANNEL = 'roomgraph:room-events';

export interface RoomEventTransport {
  /** True the first time `deliveryId` is claimed within the dedupe window (by any replica, with Redis). */
  claim(deliveryId: string): Promise<boolean>;
  /** Forgets a claim whose delivery could not be sent, so the provider's retry goes through. */
  release(deliveryId: string): Promise<void>;
  /** Sends a message to every replica's listener (this one's included). */
  send(message: unknown): Promise<void>;
  /** Sets the one listener of this replica. */
  listen(listener: (message: unknown) => void): void;
  /** Resolves once this replica hears what is sent (with Redis: its subscription is confirmed). */
  ready(): Promise<void>;
  close(): Promise<void>;
}

/** How long, and (in memory) for how many ids, a delivery id is remembered. */
export interface DedupeWindow {
  seconds: number;
  maxIds: number;
}

/** A single-process transport: deliveries reach this process's listener synchronously. */
export function createMemoryTransport(window: DedupeWindow): RoomEventTransport {
  const seen = new LRUCache<string, true>({ max: window.maxIds, ttl: window.seconds * 1000 });
  const target = new EventTarget();
  let current: ((event: Event) => void) | null = null;
  return {
    claim: async (id) => {
      if (seen.has(id)) return false;
      seen.set(id, true);
      return true;
    },
    release: async (id) => void seen.delete(id),
    send: async (message) => void target.dispatchEvent(new CustomEvent(ROOM_EVENTS_CHANNEL, { detail: message })),
    listen: (listener) => {
      if (current) target.removeEventListener(ROOM_EVENTS_CHANNEL, current);
      current = (event) => listener((event as CustomEvent).detail);
      target.addEventListener(ROOM_EVENTS_CHANNEL, current);
    },
    ready: async () => undefined,
    close: async () => void (current && target.removeEventListener(ROOM_EVENTS_CHANNEL, current)),
  };
}

/** Redis commands wait at most this long, so a stalled Redis turns into a 503 the provider retries. */
const REDIS_COMMAND_TIMEOUT_MS = 2_000;

/** A transport over Redis at `url`: two connections (one subscribed), claims as `roomgraph:webhook:<id>` keys. */
export function createRedisTransport(url: string, window: DedupeWindow): RoomEventTransport {
  const options = { commandTimeout: REDIS_COMMAND_TIMEOUT_MS, maxRetriesPerRequest: 1, lazyConnect: false };
  const publishClient = new Redis(url, options);
  const subscribeClient = new Redis(url, { ...options, commandTimeout: undefined });
  // Connection errors surface as failed commands (and so as 503s); without a handler ioredis prints them.
  publishClient.on('error', () => undefined);
  subscribeClient.on('error', () => undefined);
  const target = createRedisEventTarget({ publishClient, subscribeClient });
  const key = (id: string) => `roomgraph:webhook:${id}`;
  let current: ((event: CustomEvent) => void) | null = null;
  let subscribed: Promise<unknown> = Promise.resolve();
  return {
    claim: async (id) => (await publishClient.set(key(id), '1', 'EX', window.seconds, 'NX')) === 'OK',
    release: async (id) => void (await publishClient.del(key(id))),
    send: async (message) => void (await publishClient.publish(ROOM_EVENTS_CHANNEL, JSON.stringify(message))),
    listen: (listener) => {
      if (current) target.removeEventListener(ROOM_EVENTS_CHANNEL, current as never);
      current = (event) => listener(event.detail);
      target.addEventListener(ROOM_EVENTS_CHANNEL, current as never);
      // The target subscribes without waiting; a second SUBSCRIBE of the channel is a no-op that confirms it.
      subscribed = subscribeClient.subscribe(ROOM_EVENTS_CHANNEL);
    },
    ready: async () => void (await subscribed),
    close: async () => {
      await Promise.allSettled([publishClient.quit(), subscribeClient.quit()]);
    },
  };
}

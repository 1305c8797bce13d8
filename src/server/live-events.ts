import type { Plugin } from 'graphql-yoga';
import type { ProviderName } from '../domain/model.js';
import type { WebhookReceiver } from '../domain/room-events.js';
import type { RoomChangeFeed } from '../domain/room-changes.js';
import type { LiveConfig } from './live-config.js';
import type { Logger } from './logging.js';
import { useSubscriptionEventStream } from './event-stream.js';
import { createRoomEventBus, type RoomEventBus } from './room-event-bus.js';
import { createMemoryTransport, createRedisTransport } from './room-event-transport.js';
import { createSharedSubscriptions, type SharedSubscriptions, type SharedSubscriptionsOptions } from './shared-subscriptions.js';
import { useWebhookRoutes, type WebhookRouteOptions } from './webhook-routes.js';

/** The live-event side of a gateway: the bus subscriptions read from, the webhook routes that feed it, the shared executions of subscriptions. */
export interface LiveEvents {
  bus: RoomEventBus;
  /** The subscribers and the executions they share (`subscriberCount()` counts clients; the bus counts executions). */
  subscriptions: SharedSubscriptions;
  /** Providers whose webhook receiver is on. */
  receivers: readonly ProviderName[];
  /** Serves `POST /webhooks/<provider>`, shares the executions of identical subscriptions and writes their SSE streams. */
  plugins: Plugin[];
  /** Ends every subscription (they complete); new ones are still accepted. */
  endSubscriptions(): void;
  close(): Promise<void>;
}

/** Wires the receivers (one per provider whose webhook key is configured) to a bus over Redis (`REDIS_URL`) or in process. */
export function createLiveEvents(
  config: LiveConfig,
  options: {
    logger: Logger;
    roomChanges: RoomChangeFeed;
    receivers: ReadonlyMap<ProviderName, WebhookReceiver>;
    onWebhook?: WebhookRouteOptions['onOutcome'];
    /** Who a subscriber is and what context a shared execution gets (`shared-subscriptions.ts`). */
    sharing: Pick<SharedSubscriptionsOptions, 'identityOf' | 'contextFor'>;
  },
): LiveEvents {
  const window = { seconds: config.dedupeSeconds, maxIds: config.dedupeMaxIds };
  const transport = config.redisUrl ? createRedisTransport(config.redisUrl, window) : createMemoryTransport(window);
  const bus = createRoomEventBus({
    transport,
    roomChanges: options.roomChanges,
    bufferEvents: config.subscriptionBufferEvents,
    maxSubscriptions: config.maxSubscriptions,
  });
  const subscriptions = createSharedSubscriptions({
    ...options.sharing,
    bufferResults: config.subscriptionBufferEvents,
    maxSubscriptions: config.maxSubscriptions,
  });
  const receivers = options.receivers;
  const plugin = useWebhookRoutes({
    receivers,
    bus,
    logger: options.logger,
    maxBodyBytes: config.webhookMaxBodyBytes,
    concurrency: config.webhookConcurrency,
    onOutcome: options.onWebhook,
  });
  const endSubscriptions = () => (subscriptions.endAll(), bus.endSubscriptions());
  return {
    bus,
    subscriptions,
    receivers: [...receivers.keys()],
    plugins: [plugin, subscriptions.plugin, useSubscriptionEventStream()],
    endSubscriptions,
    close: () => (endSubscriptions(), bus.close()),
  };
}

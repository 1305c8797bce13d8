import type { Plugin } from 'graphql-yoga';
import type { ProviderName } from '../domain/model.js';
import type { WebhookReceiver } from '../domain/room-events.js';
import type { RoomChangeFeed } from '../domain/room-changes.js';
import type { LiveConfig } from './live-config.js';
import type { Logger } from './logging.js';
import { createRoomEventBus, type RoomEventBus } from './room-event-bus.js';
import { createMemoryTransport, createRedisTransport } from './room-event-transport.js';
import { useWebhookRoutes, type WebhookRouteOptions } from './webhook-routes.js';

/** The live-event side of a gateway: the bus subscriptions read from, and the webhook routes that feed it. */
export interface LiveEvents {
  bus: RoomEventBus;
  /** Providers whose webhook receiver is on. */
  receivers: readonly ProviderName[];
  /** Serves `POST /webhooks/<provider>`. */
  plugin: Plugin;
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
  const receivers = options.receivers;
  const plugin = useWebhookRoutes({
    receivers,
    bus,
    logger: options.logger,
    maxBodyBytes: config.webhookMaxBodyBytes,
    concurrency: config.webhookConcurrency,
    onOutcome: options.onWebhook,
  });
  return { bus, receivers: [...receivers.keys()], plugin, close: () => bus.close() };
}

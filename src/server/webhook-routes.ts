/**
 * `POST /webhooks/<provider>`: the providers' webhook receivers, served by the gateway's yoga app
 * ahead of GraphQL. The raw body (at most `maxBodyBytes`, read before anything is parsed) goes to
 * the provider's receiver; a refusal answers 401/400/413 with nothing published and one log line;
 * a verified delivery is handed to the bus and answered 200 (fan-out to subscribers, and resolving
 * what they select, happen after the answer). A retry or replay answers 200 and publishes nothing.
 */
import type { Plugin } from 'graphql-yoga';
import { PROVIDER_NAMES, type ProviderName } from '../domain/model.js';
import { WebhookRefusal, type WebhookReceiver } from '../domain/room-events.js';
import type { Logger } from './logging.js';
import type { RoomEventBus } from './room-event-bus.js';

export interface WebhookRouteOptions {
  receivers: ReadonlyMap<ProviderName, WebhookReceiver>;
  bus: RoomEventBus;
  logger: Logger;
  maxBodyBytes: number;
  /** Deliveries being handled at once; more answer 503 so the provider retries later. */
  concurrency: number;
  /** Told how each delivery to a configured receiver ended (for the metrics). */
  onOutcome?: (provider: ProviderName, outcome: 'published' | 'duplicate' | 'refused' | 'failed') => void;
}

const PATH = /^\/webhooks\/([a-z]{1,32})\/?$/;

/** The webhook routes as a yoga plugin (before every other plugin that reads requests). */
export function useWebhookRoutes(options: WebhookRouteOptions): Plugin {
  let inFlight = 0;
  return {
    onRequest: async ({ request, endResponse }) => {
      const match = PATH.exec(new URL(request.url).pathname);
      if (!match) return;
      if (inFlight >= options.concurrency) return endResponse(answer(503, 'busy'));
      inFlight += 1;
      try {
        endResponse(await handleWebhook(request, match[1]!, options));
      } finally {
        inFlight -= 1;
      }
    },
  };
}

async function handleWebhook(request: Request, name: string, options: WebhookRouteOptions): Promise<Response> {
  const provider = PROVIDER_NAMES.find((candidate) => candidate === name);
  const receiver = provider ? options.receivers.get(provider) : undefined;
  if (!receiver) return answer(404, 'no receiver for this provider');
  if (request.method !== 'POST') return answer(405, 'POST only');
  const refuse = (status: number, reason: string) => {
    options.onOutcome?.(receiver.provider, 'refused');
    options.logger.warn({ msg: 'webhook refused', provider, status, reason });
    return answer(status, status === 401 ? 'unauthorized' : status === 413 ? 'body too large' : 'bad request');
  };
  const body = await readCapped(request, options.maxBodyBytes);
  if (!body) return refuse(413, `body over ${options.maxBodyBytes} bytes`);
  try {
    const delivery = await receiver.receive({ body, headers: request.headers, receivedAt: new Date() });
    const published = await options.bus.publish(delivery);
    options.onOutcome?.(receiver.provider, published ? 'published' : 'duplicate');
    options.logger.info({ msg: published ? 'webhook published' : 'webhook already seen', provider, deliveryId: delivery.deliveryId, events: delivery.events.length });
    return answer(200, published ? 'published' : 'duplicate');
  } catch (error) {
    if (error instanceof WebhookRefusal) return refuse(error.status, error.reason);
    options.onOutcome?.(receiver.provider, 'failed');
    options.logger.error({ msg: 'webhook not published', provider, detail: (error as Error).message });
    return answer(503, 'try again');
  }
}

/** The body's bytes, or null past `maxBytes` (by Content-Length before reading, else while reading). */
async function readCapped(request: Request, maxBytes: number): Promise<Buffer | null> {
  if (Number(request.headers.get('content-length') ?? 0) > maxBytes) return null;
  if (!request.body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of request.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > maxBytes) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function answer(status: number, message: string): Response {
  return new Response(JSON.stringify({ status: message }), { status, headers: { 'content-type': 'application/json' } });
}

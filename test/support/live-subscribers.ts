/**
 * Subscribers for the live-event tests, over real loopback transports: SSE (with optional headers)
 * and graphql-ws (with optional `connectionParams`), each collecting what it receives.
 */
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import type { LiveServedGateway } from './serve-live-gateway.js';
import { subscribeSse } from './sse-subscription.js';

type Payload = { data?: Record<string, unknown> | null; errors?: readonly { message: string; extensions?: Record<string, unknown> }[] };

/** One subscriber: everything it received so far, whether its stream ended, and how to leave. */
export interface CollectingSubscriber {
  results: Payload[];
  /** Set once the stream completed or failed (a graphql-ws refusal lands here). */
  ended: { error: unknown } | null;
  close(): Promise<void>;
}

/** Subscribes over SSE (`Accept: text/event-stream`) with `headers` added. */
export async function subscribeOverSse(served: LiveServedGateway, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<CollectingSubscriber> {
  const withHeaders = (url: string, init: RequestInit) => fetch(url, { ...init, headers: { ...(init.headers as Record<string, string>), ...headers } });
  const subscription = await subscribeSse(withHeaders, served.url, query, variables);
  const subscriber: CollectingSubscriber = { results: [], ended: null, close: async () => subscription.close() };
  void (async () => {
    try {
      for await (const result of subscription.results) subscriber.results.push(result);
      subscriber.ended = { error: null };
    } catch (error) {
      subscriber.ended = { error };
    }
  })();
  return subscriber;
}

/** Subscribes over graphql-ws on its own socket, with `connectionParams` (e.g. `{ authorization }`). */
export function subscribeOverWs(served: LiveServedGateway, query: string, variables: Record<string, unknown> = {}, connectionParams: Record<string, unknown> = {}): CollectingSubscriber {
  const client = createClient({ url: served.wsUrl, webSocketImpl: WebSocket, retryAttempts: 0, connectionParams, lazy: false });
  const subscriber: CollectingSubscriber = { results: [], ended: null, close: () => client.dispose() as Promise<void> };
  const unsubscribe = client.subscribe(
    { query, variables },
    {
      next: (result) => void subscriber.results.push(result as Payload),
      error: (error) => void (subscriber.ended = { error }),
      complete: () => void (subscriber.ended ??= { error: null }),
    },
  );
  subscriber.close = async () => {
    unsubscribe();
    await client.dispose();
  };
  return subscriber;
}

/** Waits (bounded, ~5 s) until `condition` holds. */
export async function until(condition: () => boolean, tries = 500): Promise<void> {
  for (let attempt = 0; attempt < tries && !condition(); attempt += 1) await new Promise((resolve) => setTimeout(resolve, 10));
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { listenSimulator, sendJson, type Simulator } from '../simulator.js';
import { checkPlugnmeetAuth, type PlugnmeetCredentials } from './plugnmeet-auth.js';
import { toCommonResponse } from './plugnmeet-encoding.js';
import { createPlugnmeetRoutes } from './plugnmeet-routes.js';
import { seedPlugnmeetDemo } from './plugnmeet-seed.js';
import { createPlugnmeetWriteRoutes } from './plugnmeet-write-routes.js';
import { createPlugnmeetStore, type PlugnmeetStore } from './plugnmeet-store.js';

/** Where to listen and which credentials the simulated server accepts. */
export interface PlugnmeetSimulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** Defaults to `plugnmeet`. */
  apiKey?: string;
  /** Defaults to a demo value that is not a secret. */
  apiSecret?: string;
  /** Ended sessions to seed instead of the demo's own (`SANDBOX_HISTORY`; the benchmark's long histories). */
  history?: number;
  /** How long an ending room stays listed as running after endRoom; the server's 10 s by default. */
  endRoomDelayMs?: number;
}

/** The server's `WaitBeforeTriggerOnAfterRoomEnded` (reference §3.5). */
export const PLUGNMEET_END_ROOM_DELAY_MS = 10_000;

/** The simulator's default API key (plugNmeet's own default `client.api_key`). */
export const PLUGNMEET_DEMO_API_KEY = 'plugnmeet';
/** The simulator's default API secret: public and fake, accepted by the simulator only. */
export const PLUGNMEET_DEMO_API_SECRET = 'sandbox-not-a-secret-plugnmeet-demo';

/**
 * Starts a plugNmeet server simulator seeded with the demo data (reference/plugnmeet-api.md):
 * every `/auth/...` path is authenticated first, then routed (POST only), and anything unrouted
 * answers 404 `not found`. `store` is the live data, for tests to change.
 */
export async function startPlugnmeetSimulator(
  options: PlugnmeetSimulatorOptions = {},
): Promise<Simulator & { store: PlugnmeetStore }> {
  const credentials: PlugnmeetCredentials = {
    apiKey: options.apiKey ?? PLUGNMEET_DEMO_API_KEY,
    apiSecret: options.apiSecret ?? PLUGNMEET_DEMO_API_SECRET,
  };
  const store = createPlugnmeetStore();
  seedPlugnmeetDemo(store, new Date(), options.history);
  const timers = new Set<NodeJS.Timeout>();
  const later = (run: () => void, delayMs: number) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      run();
    }, delayMs);
    timers.add(timer);
  };
  const routes = {
    ...createPlugnmeetRoutes(store, { delayMs: options.endRoomDelayMs ?? PLUGNMEET_END_ROOM_DELAY_MS, later }),
    ...createPlugnmeetWriteRoutes(store, credentials),
  };

  const handle = (request: IncomingMessage, rawBody: Buffer, response: ServerResponse) => {
    const path = new URL(request.url ?? '/', 'http://simulator').pathname;
    // The server's `/auth` group middleware runs for every method and every path under the prefix.
    if (path !== '/auth' && !path.startsWith('/auth/')) return sendNotFound(response);
    const body = toDecodedBody(request, rawBody);
    const failure = checkPlugnmeetAuth(request.headers, body, credentials);
    if (failure) return sendJson(response, 401, failure);
    const route = request.method === 'POST' ? routes[path] : undefined;
    if (!route) return sendNotFound(response);
    sendJson(response, 200, route(body));
  };

  const faultReplies = { wrongAuth: () => ({ status: 401, body: toCommonResponse(false, 'Invalid API key provided.', 'INVALID_API_KEY') }) };
  const listening = await listenSimulator(handle, { port: options.port ?? 0, host: options.host, faultReplies });
  const url = listening.origin;
  return {
    ...listening,
    url,
    env: { PLUGNMEET_URL: url, PLUGNMEET_API_KEY: credentials.apiKey, PLUGNMEET_API_SECRET: credentials.apiSecret },
    store,
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await listening.close();
    },
  };
}

/** The server's catch-all route: 404 with the plain text `not found`. */
function sendNotFound(response: ServerResponse): void {
  response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'content-length': 9 });
  response.end('not found');
}

const DECODERS: Record<string, (body: Buffer) => Buffer> = { gzip: gunzipSync, deflate: inflateSync, br: brotliDecompressSync };

/**
 * fiber decodes a `Content-Encoding`-compressed body before the HMAC is checked (reference §1.2);
 * a body that fails to decode is kept as received, so its signature check fails.
 */
function toDecodedBody(request: IncomingMessage, body: Buffer): Buffer {
  const encoding = (request.headers['content-encoding'] ?? '').trim().toLowerCase();
  const decode = DECODERS[encoding];
  if (!decode || body.length === 0) return body;
  try {
    return decode(body);
  } catch {
    return body;
  }
}

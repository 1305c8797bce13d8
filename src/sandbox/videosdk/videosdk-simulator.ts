import type { IncomingMessage, ServerResponse } from 'node:http';
import { listenSimulator, sendJson, type Simulator } from '../simulator.js';
import { createVideosdkRoutes } from './videosdk-routes.js';
import { createVideosdkWriteRoutes } from './videosdk-write-routes.js';
import { seedStaleOngoingSession, seedVideosdkDemo } from './videosdk-seed.js';
import { createVideosdkStore, type VideosdkListOrder, type VideosdkStore } from './videosdk-store.js';
import { isAcceptedVideosdkToken, VIDEOSDK_INVALID_TOKEN_BODY, type VideosdkSimCredentials } from './videosdk-token-check.js';

export interface VideosdkSimulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** Ended sessions to seed instead of the demo's own (`SANDBOX_HISTORY`; the benchmark's long histories). */
  history?: number;
  /** Defaults to a demo key that is not a credential anywhere else. */
  apiKey?: string;
  /** Defaults to a demo value that is not a secret. */
  secret?: string;
  /** The largest perPage accepted (a larger one gets 400); defaults to 100. */
  maxPerPage?: number;
  /** Seeds a stale second `ongoing` session in a live room (audit V3); off by default. */
  staleOngoingSession?: boolean;
  /** Defaults to `scrambled`: no order a client could rely on. */
  listOrder?: VideosdkListOrder;
}

/** A running VideoSDK simulator; `store` is its live data. */
export interface VideosdkSimulator extends Simulator {
  store: VideosdkStore;
}

/** The simulator's demo credentials: public, fake, and only accepted by the simulator itself. */
export const VIDEOSDK_DEMO_API_KEY = 'sandbox-videosdk-demo-key';
export const VIDEOSDK_DEMO_SECRET = 'sandbox-not-a-secret-videosdk-demo';

/**
 * Starts a simulator of VideoSDK's REST v2 read API (reference Part A), seeded with the demo
 * account. Every `/v2/...` request must carry a valid token (else 401 "Token is invalid or
 * expired"); `url` is the origin, without `/v2`, as the official SDK's `apiEndpoint` wants it.
 */
export async function startVideosdkSimulator(options: VideosdkSimulatorOptions = {}): Promise<VideosdkSimulator> {
  const credentials: VideosdkSimCredentials = {
    apiKey: options.apiKey ?? VIDEOSDK_DEMO_API_KEY,
    secret: options.secret ?? VIDEOSDK_DEMO_SECRET,
  };
  const store = createVideosdkStore();
  const seededAt = new Date();
  seedVideosdkDemo(store, seededAt, options.history);
  if (options.staleOngoingSession) seedStaleOngoingSession(store, seededAt);
  const routes = createVideosdkRoutes(store, {
    apiKey: credentials.apiKey,
    maxPerPage: options.maxPerPage ?? 100,
    listOrder: options.listOrder ?? 'scrambled',
    now: () => new Date(),
  });

  const writes = createVideosdkWriteRoutes(store, () => new Date());

  const handle = async (request: IncomingMessage, body: Buffer, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://simulator');
    const segments = decodeSegments(url.pathname);
    if (!segments || segments[0] !== 'v2') return sendJson(response, 404, { message: 'Not found.' });
    if (!(await isAcceptedVideosdkToken(request.headers.authorization, credentials))) {
      return sendJson(response, 401, VIDEOSDK_INVALID_TOKEN_BODY);
    }
    const origin = `http://${request.headers.host ?? 'localhost'}`;
    const reply = request.method === 'POST' ? writes(segments.slice(1), body, origin) : request.method === 'GET' ? routes(segments.slice(1), url.searchParams, origin) : null;
    if (!reply) return sendJson(response, 404, { message: `Cannot ${request.method} ${url.pathname}` });
    sendJson(response, reply.status, reply.body);
  };

  const faultReplies = { wrongAuth: () => ({ status: 401, body: VIDEOSDK_INVALID_TOKEN_BODY }) };
  const listening = await listenSimulator(handle, { port: options.port ?? 0, host: options.host, faultReplies });
  const url = listening.origin;
  return {
    ...listening,
    url,
    env: { VIDEOSDK_API_URL: url, VIDEOSDK_API_KEY: credentials.apiKey, VIDEOSDK_API_SECRET: credentials.secret },
    store,
  };
}

/** Path segments, percent-decoded; null when a segment does not decode. */
function decodeSegments(pathname: string): string[] | null {
  try {
    return pathname.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    return null;
  }
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultReplies, SimulatorReply } from '../faults.js';
import { listenSimulator, sendJson, type Simulator } from '../simulator.js';
import { QueryError, toQueryParams, type DateComparison } from './telnyx-query.js';
import { isListPath, notFound, routeTelnyx, toErrorBody, type TelnyxBehaviour, type TelnyxReply } from './telnyx-routes.js';
import { seedTelnyxDemo } from './telnyx-seed.js';
import { createTelnyxStore, type TelnyxStore } from './telnyx-store.js';
import { routeTelnyxWrite } from './telnyx-write-routes.js';

/** Where to listen and which API key the simulated API accepts. */
export interface TelnyxSimulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** Ended sessions to seed instead of the demo's own (`SANDBOX_HISTORY`; the benchmark's long histories). */
  history?: number;
  /** Defaults to TELNYX_DEMO_API_KEY. */
  apiKey?: string;
  /**
   * How date filters compare a timestamp with their date; no source says (audit T1). The default
   * `calendar-day` is the spec's wording; `midnight` and `exclusive` are the strict readings a
   * gateway must survive (see `DateComparison`).
   */
  dateComparison?: DateComparison;
  /** `full` (default) meta, or `minimal`: only `page_number` and `total_pages` (audit T2). */
  pageMeta?: TelnyxBehaviour['pageMeta'];
  /**
   * `errors-array` (default): every error is `{errors: [...]}` as the platform examples show.
   * `as-specified`: the video spec's shapes (audit T4): a by-id 404 is one bare `video_Error`
   * object, and a list's 4XX is `{message: "Error", success: false}`.
   */
  errorBodies?: 'errors-array' | 'as-specified';
}

/** The simulator's default API key: public and fake, accepted by the simulator only. */
export const TELNYX_DEMO_API_KEY = 'KEY_SANDBOX_NOT_A_REAL_TELNYX_KEY';

/** A running Telnyx simulator; `store` is its live data. */
export interface TelnyxSimulator extends Simulator {
  store: TelnyxStore;
}

/**
 * Starts a Telnyx Video API simulator (reference/videosdk-telnyx-api.md, Part B) seeded with the
 * demo data. `url` ends in `/v2`, like the real base URL. Every request is authenticated first
 * (`Authorization: Bearer <key>`, else 401 code 10009), then routed (GET only); an unknown path or
 * id answers 404 code 10005 and an invalid parameter 422 naming it in `source.parameter`.
 */
export async function startTelnyxSimulator(options: TelnyxSimulatorOptions = {}): Promise<TelnyxSimulator> {
  const apiKey = options.apiKey ?? TELNYX_DEMO_API_KEY;
  const behaviour: TelnyxBehaviour = { dateComparison: options.dateComparison ?? 'calendar-day', pageMeta: options.pageMeta ?? 'full' };
  const store = createTelnyxStore();
  seedTelnyxDemo(store, new Date(), options.history);

  // Async, so that anything thrown becomes the shared 500 answer instead of an uncaught exception.
  const handle = async (request: IncomingMessage, body: Buffer, response: ServerResponse) => {
    const reply = toReply(store, apiKey, request, behaviour, options.errorBodies ?? 'errors-array', body);
    sendJson(response, reply.status, reply.body, reply.headers);
  };

  const listening = await listenSimulator(handle, { port: options.port ?? 0, host: options.host, faultReplies: TELNYX_FAULT_REPLIES });
  const url = `${listening.origin}/v2`;
  return {
    ...listening,
    url,
    env: { TELNYX_API_URL: url, TELNYX_API_KEY: apiKey },
    store,
  };
}

function toReply(store: TelnyxStore, apiKey: string, request: IncomingMessage, behaviour: TelnyxBehaviour, errorBodies: TelnyxSimulatorOptions['errorBodies'], body: Buffer): TelnyxReply {
  if (!isAuthorized(request.headers.authorization, apiKey)) return unauthorized();
  const url = new URL(request.url ?? '/', 'http://simulator');
  const segments = url.pathname.split('/').slice(1).map(decodeSegment);
  if (segments[0] === 'v2' && request.method === 'POST') return routeTelnyxWrite(store, segments.slice(1), body) ?? notFound();
  if (segments[0] !== 'v2' || request.method !== 'GET') return notFound();
  const reply = toRouteReply(store, segments.slice(1), url, behaviour);
  return errorBodies === 'as-specified' ? toSpecifiedError(reply, segments.slice(1)) : reply;
}

function toRouteReply(store: TelnyxStore, segments: string[], url: URL, behaviour: TelnyxBehaviour): TelnyxReply {
  try {
    return routeTelnyx(store, segments, toQueryParams(url), behaviour) ?? notFound();
  } catch (error) {
    if (!(error instanceof QueryError)) throw error;
    return { status: 422, body: toErrorBody('10015', 'Invalid parameter', error.message, { parameter: error.parameter }) };
  }
}

/** The video spec's error shapes: `video_ResourceNotFound` (one `video_Error`) and `video_GenericErrorResponse`. */
function toSpecifiedError(reply: TelnyxReply, segments: readonly string[]): TelnyxReply {
  if (reply.status < 400 || reply.status >= 500) return reply;
  if (isListPath(segments)) return { ...reply, body: { message: 'Error', success: false } };
  const [first] = (reply.body as { errors: unknown[] }).errors;
  return reply.status === 404 ? { ...reply, body: first } : reply;
}

/** `Bearer` (any case) followed by exactly the configured key. */
function isAuthorized(header: string | undefined, apiKey: string): boolean {
  const match = /^bearer +(\S+)$/i.exec(header ?? '');
  return match?.[1] === apiKey;
}

/** Telnyx's answer to a missing or wrong key (reference B4). */
function unauthorized(): SimulatorReply {
  const detail = 'The required authentication headers were either invalid or not included in the request.';
  return { status: 401, body: toErrorBody('10009', 'Authentication failed', detail) };
}

/** Injected faults in Telnyx's words: 429 with its rate-limit headers and code 10011, else a generic error. */
const TELNYX_FAULT_REPLIES: FaultReplies = {
  wrongAuth: unauthorized,
  status: (status) => {
    if (status === 429) {
      const headers = { 'x-ratelimit-limit': '100', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '7' };
      return { headers, body: toErrorBody('10011', 'Too many requests', 'You have exceeded the maximum number of allowed requests.') };
    }
    // Not in the reference: the code of Telnyx's generic server error is a guess.
    return { body: toErrorBody('10007', 'Unexpected error', 'An unexpected error occurred.') };
  },
};

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

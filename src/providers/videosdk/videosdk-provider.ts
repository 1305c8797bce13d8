import { isGroupConfigured, parseInteger, parseUrl, type Env } from '../../config-values.js';
import type { ProviderCapabilities, SourceScope, VideoProvider } from '../../domain/provider.js';
import { createUpstreamHttp } from '../http/upstream-http.js';
import type { UpstreamOptions } from '../http/upstream-options.js';
import { createPageCounts } from '../kit/page-walk.js';
import type { ProviderModule, WebhookConfigOf } from '../kit/provider-module.js';
import { videosdkWebhooks } from './videosdk-webhooks.js';
import { createVideosdkTokenSource } from './videosdk-auth.js';
import { createVideosdkClient, describeVideosdkError } from './videosdk-client.js';
import { createVideosdkControl } from './videosdk-control.js';
import { createVideosdkSource } from './videosdk-source.js';
import { createVideosdkHistory, toVideosdkAccount } from './videosdk-cache.js';

/** VideoSDK: a SaaS API, with the gateway minting its own REST tokens from the key and secret. */
export interface VideosdkConfig {
  apiUrl: string;
  apiKey: string;
  apiSecret: string;
  /** The `perPage` of every list read. */
  pageSize: number;
}

export const DEFAULT_VIDEOSDK_API_URL = 'https://api.videosdk.live';

/**
 * The `perPage` the gateway asks for by default: 20, the default VideoSDK documents for every list
 * endpoint, so the one value it certainly accepts. Its largest `perPage` is undocumented (reference
 * A2), and a refused one fails every read (audit V1); operators who verify a larger cap may raise
 * it with VIDEOSDK_PAGE_SIZE to save calls.
 */
export const DEFAULT_VIDEOSDK_PAGE_SIZE = 20;

const CREDENTIALS = ['VIDEOSDK_API_KEY', 'VIDEOSDK_API_SECRET'];

/** VideoSDK's settings, or undefined when neither credential is set; both must be set together. */
export function parseVideosdkConfig(env: Env): VideosdkConfig | undefined {
  if (!isGroupConfigured(env, CREDENTIALS)) return undefined;
  return {
    apiUrl: parseUrl(env, 'VIDEOSDK_API_URL', DEFAULT_VIDEOSDK_API_URL),
    apiKey: env.VIDEOSDK_API_KEY!,
    apiSecret: env.VIDEOSDK_API_SECRET!,
    pageSize: parseInteger(env, 'VIDEOSDK_PAGE_SIZE', DEFAULT_VIDEOSDK_PAGE_SIZE, 1, 1_000),
  };
}

/**
 * What VideoSDK does natively (see README, "Capabilities"). Its session list has no sort parameter
 * and an undocumented order, so the gateway reads a filter's whole list, filters and sorts it (with
 * the cross-request cache, from its history index: `videosdk-cache.ts`). It
 * filters by room natively (`roomId`); a createdAt range only narrows the read (`startDate`/
 * `endDate` are SDK-era filters) and is applied exactly by the gateway. Sessions embed their
 * participants with every join/leave segment.
 */
export const VIDEOSDK_CAPABILITIES: ProviderCapabilities = {
  nativePastRoomOrders: [],
  nativeRoomIdFilter: true,
  nativeCreatedAtFilter: false,
  pastRoomParticipants: true,
  roomListing: 'native',
  roomUpdatedAt: true,
};

/**
 * The VideoSDK provider: one pooled HTTP client with a cached JWT, and per request a source whose
 * every call carries the request's signal. `config.apiUrl` is the origin (a trailing `/v2`, as in
 * the upstream's example `.env`, is tolerated); paths are `/v2/...`. VideoSDK documents no rate
 * limits (no numbers, no headers): a 429 gets the HTTP layer's generic `Retry-After` handling (audit V8).
 */
export function createVideosdkProvider(config: VideosdkConfig, upstream: UpstreamOptions): VideoProvider {
  const shared = upstream.sharing?.forAccount('videosdk', toVideosdkAccount(config));
  const http = createUpstreamHttp({
    shared,
    provider: 'videosdk',
    baseUrl: config.apiUrl.replace(/\/v2\/?$/, ''),
    ...upstream,
    describeErrorBody: describeVideosdkError,
  });
  const tokens = createVideosdkTokenSource(config);
  // How many pages each list had at its last read, so that its next read asks for them in one round.
  const pageCounts = createPageCounts();
  const clientOf = ({ signal, fresh }: SourceScope) =>
    createVideosdkClient(http.withSignal(signal, fresh), tokens, { pageSize: config.pageSize, bounds: upstream.bounds, signal, pageCounts });
  const sharing = upstream.sharing;
  const index = shared && sharing?.historyEnabled() ? createVideosdkHistory(clientOf, shared.cache, upstream.bounds, sharing.indexRebuildMs) : null;
  return {
    name: 'videosdk',
    capabilities: VIDEOSDK_CAPABILITIES,
    createSource: (scope) => createVideosdkSource(clientOf(scope), upstream.bounds, { cache: shared?.cache, history: index ? { index, signal: scope.signal } : undefined }),
    createControl: (scope) => createVideosdkControl(clientOf(scope), { credentials: config }),
    state: () => http.state(),
    close: () => http.close(),
  };
}

/** VideoSDK for the provider registry. */
export const videosdkModule = {
  name: 'videosdk',
  credentialVariables: CREDENTIALS,
  parseConfig: parseVideosdkConfig,
  create: createVideosdkProvider,
  webhooks: videosdkWebhooks,
} as const satisfies ProviderModule<VideosdkConfig, WebhookConfigOf<typeof videosdkWebhooks>>;

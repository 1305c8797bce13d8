import { isGroupConfigured, parseUrl, type Env } from '../../config-values.js';
import type { ProviderCapabilities, SourceScope, VideoProvider } from '../../domain/provider.js';
import type { UpstreamOptions } from '../http/upstream-options.js';
import { createPageCounts } from '../kit/page-walk.js';
import type { ProviderModule, WebhookConfigOf } from '../kit/provider-module.js';
import { telnyxWebhooks } from './telnyx-webhooks.js';
import { createTelnyxClient, createTelnyxHttp } from './telnyx-client.js';
import { createTelnyxControl } from './telnyx-control.js';
import { createTelnyxSource, type TelnyxSource, type TelnyxSourceOptions } from './telnyx-source.js';
import { createTelnyxHistory, toTelnyxAccount } from './telnyx-cache.js';

/** Telnyx Video: a SaaS API, so its URL defaults to the public one; the API key is the only credential. */
export interface TelnyxConfig {
  apiUrl: string;
  apiKey: string;
}

/** The public API's base URL; paths are appended to it, so it includes `/v2`. */
export const DEFAULT_TELNYX_API_URL = 'https://api.telnyx.com/v2';

const CREDENTIALS = ['TELNYX_API_KEY'];

/** The Telnyx config from the environment: present when `TELNYX_API_KEY` is set; `TELNYX_API_URL` optional. */
export function parseTelnyxConfig(env: Env): TelnyxConfig | undefined {
  if (!isGroupConfigured(env, CREDENTIALS)) return undefined;
  return { apiUrl: parseUrl(env, 'TELNYX_API_URL', DEFAULT_TELNYX_API_URL), apiKey: env.TELNYX_API_KEY! };
}

/** What Telnyx does natively; the gateway does the rest (see README, "Capabilities"). */
export const TELNYX_CAPABILITIES: ProviderCapabilities = {
  // No sort parameter and no documented order (reference B5): every order is made here.
  nativePastRoomOrders: [],
  // `filter[room_id]` takes one id: a single id is pushed down, several are applied here.
  nativeRoomIdFilter: false,
  // The date filters have day granularity: they narrow the fetch, the exact range is applied here.
  nativeCreatedAtFilter: false,
  pastRoomParticipants: true,
  roomListing: 'native',
  roomUpdatedAt: true,
};

/** A Telnyx provider; its sources' room listing also takes a filter with parts left out. */
export interface TelnyxProvider extends VideoProvider {
  createSource(scope: SourceScope): TelnyxSource;
}

/**
 * The Telnyx Video provider: one pooled HTTP client for its lifetime and, per request, a fresh
 * batched source whose every call carries the request's signal. `source` tunes the sources (tests).
 */
export function createTelnyxProvider(config: TelnyxConfig, upstream: UpstreamOptions, source: TelnyxSourceOptions = {}): TelnyxProvider {
  const shared = upstream.sharing?.forAccount('telnyx', toTelnyxAccount(config));
  const http = createTelnyxHttp(config, upstream, shared);
  // How many pages each list had at its last read, so that its next read asks for them in one round.
  const pageCounts = createPageCounts();
  const clientOf = ({ signal, fresh }: SourceScope) =>
    createTelnyxClient(http.withSignal(signal, fresh), { apiKey: config.apiKey, bounds: upstream.bounds, signal, pageCounts });
  const index = shared && upstream.sharing!.historyEnabled() ? createTelnyxHistory((signal) => clientOf({ signal }), shared.cache, upstream.bounds, upstream.sharing!.indexRebuildMs) : null;
  return {
    name: 'telnyx',
    capabilities: TELNYX_CAPABILITIES,
    createSource: (scope) => {
      const history = index ? { index, signal: scope.signal } : undefined;
      return createTelnyxSource(clientOf(scope), { ...source, cache: shared?.cache, history });
    },
    createControl: (scope) => createTelnyxControl(clientOf(scope)),
    state: () => http.state(),
    close: () => http.close(),
  };
}

/** Telnyx for the provider registry. */
export const telnyxModule = {
  name: 'telnyx',
  credentialVariables: CREDENTIALS,
  parseConfig: parseTelnyxConfig,
  create: createTelnyxProvider,
  webhooks: telnyxWebhooks,
} as const satisfies ProviderModule<TelnyxConfig, WebhookConfigOf<typeof telnyxWebhooks>>;

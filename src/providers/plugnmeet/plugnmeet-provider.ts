import { isGroupConfigured, parseUrl, type Env } from '../../config-values.js';
import type { ProviderCapabilities, SourceScope, VideoProvider } from '../../domain/provider.js';
import { createUpstreamHttp } from '../http/upstream-http.js';
import type { UpstreamOptions } from '../http/upstream-options.js';
import type { ProviderModule, WebhookConfigOf } from '../kit/provider-module.js';
import { plugnmeetWebhooks } from './plugnmeet-webhooks.js';
import type { PlugnmeetCredentials } from './plugnmeet-auth.js';
import { createPageCounts } from '../kit/page-walk.js';
import { createPlugnmeetClient, describePlugnmeetErrorBody } from './plugnmeet-client.js';
import { createPlugnmeetControl } from './plugnmeet-control.js';
import { createPlugnmeetSource } from './plugnmeet-source.js';
import { createPlugnmeetHistory, toPlugnmeetAccount } from './plugnmeet-cache.js';

/** plugNmeet: a self-hosted server, so its URL has no default. */
export interface PlugnmeetConfig extends PlugnmeetCredentials {
  url: string;
}

const CREDENTIALS = ['PLUGNMEET_API_KEY', 'PLUGNMEET_API_SECRET'];

/**
 * The plugNmeet part of the environment: undefined when no credential variable is set; otherwise
 * the URL and both credentials must be set (ConfigError names the missing variable, never a value).
 */
export function parsePlugnmeetConfig(env: Env): PlugnmeetConfig | undefined {
  if (!isGroupConfigured(env, CREDENTIALS, ['PLUGNMEET_URL'])) return undefined;
  return { url: parseUrl(env, 'PLUGNMEET_URL'), apiKey: env.PLUGNMEET_API_KEY!, apiSecret: env.PLUGNMEET_API_SECRET! };
}

/** What plugNmeet does natively; the gateway does the rest (see README, "Capabilities"). */
export const PLUGNMEET_CAPABILITIES: ProviderCapabilities = {
  nativePastRoomOrders: ['CREATED_AT'],
  nativeRoomIdFilter: true,
  nativeCreatedAtFilter: false,
  pastRoomParticipants: false,
  // No room API: rooms are the live rooms plus the rooms named by past sessions.
  roomListing: 'derived-from-sessions',
  roomUpdatedAt: false,
};

/** The plugNmeet provider: one signed, pooled HTTP client, and a fresh batched source per request. */
export function createPlugnmeetProvider(config: PlugnmeetConfig, upstream: UpstreamOptions): VideoProvider {
  const shared = upstream.sharing?.forAccount('plugnmeet', toPlugnmeetAccount(config));
  const http = createUpstreamHttp({ provider: 'plugnmeet', baseUrl: config.url, ...upstream, shared, describeErrorBody: describePlugnmeetErrorBody });
  const credentials: PlugnmeetCredentials = { apiKey: config.apiKey, apiSecret: config.apiSecret };
  // How many pages each row list had at its last read, so that its next read asks for them in one round.
  const pageCounts = createPageCounts();
  const clientOf = ({ signal, fresh }: SourceScope) =>
    createPlugnmeetClient({ http: http.withSignal(signal, fresh), credentials, bounds: upstream.bounds, signal, pageCounts });
  const sharing = upstream.sharing;
  const index = shared && sharing?.historyEnabled() ? createPlugnmeetHistory(clientOf, shared.cache, upstream.bounds, sharing.indexRebuildMs) : null;
  return {
    name: 'plugnmeet',
    capabilities: PLUGNMEET_CAPABILITIES,
    createSource: (scope) => createPlugnmeetSource(clientOf(scope), { cache: shared?.cache, history: index ? { index, signal: scope.signal } : undefined }),
    createControl: (scope) => createPlugnmeetControl(clientOf(scope), config.url),
    state: () => http.state(),
    close: () => http.close(),
  };
}

/** plugNmeet for the provider registry. */
export const plugnmeetModule = {
  name: 'plugnmeet',
  credentialVariables: CREDENTIALS,
  parseConfig: parsePlugnmeetConfig,
  create: createPlugnmeetProvider,
  webhooks: plugnmeetWebhooks,
} as const satisfies ProviderModule<PlugnmeetConfig, WebhookConfigOf<typeof plugnmeetWebhooks>>;

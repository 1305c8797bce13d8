import type { TelnyxConfig } from '../../config.js';
import type { ProviderCapabilities, SourceScope, VideoProvider } from '../../domain/provider.js';
import type { UpstreamOptions } from '../http/upstream-options.js';
import { createTelnyxClient } from './telnyx-client.js';
import { createTelnyxSource, type TelnyxSource } from './telnyx-source.js';

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

/** The Telnyx Video provider: one pooled bearer-auth client, and a fresh batched source per request. */
export function createTelnyxProvider(config: TelnyxConfig, upstream: UpstreamOptions): TelnyxProvider {
  const client = createTelnyxClient(config, upstream);
  return {
    name: 'telnyx',
    capabilities: TELNYX_CAPABILITIES,
    createSource: () => createTelnyxSource(client),
    state: () => client.state(),
    close: () => client.close(),
  };
}


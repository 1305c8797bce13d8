import type { PlugnmeetConfig } from '../../config.js';
import type { ProviderCapabilities, VideoProvider } from '../../domain/provider.js';
import type { UpstreamOptions } from '../http/upstream-options.js';
import { createPlugnmeetClient } from './plugnmeet-client.js';
import { createPlugnmeetSource } from './plugnmeet-source.js';

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

/** The plugNmeet provider: one signed, pooled client, and a fresh batched source per request. */
export function createPlugnmeetProvider(config: PlugnmeetConfig, upstream: UpstreamOptions): VideoProvider {
  const client = createPlugnmeetClient(config, upstream);
  return {
    name: 'plugnmeet',
    capabilities: PLUGNMEET_CAPABILITIES,
    createSource: () => createPlugnmeetSource(client),
    state: () => client.state(),
    close: () => client.close(),
  };
}

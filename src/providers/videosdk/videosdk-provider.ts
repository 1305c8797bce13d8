import type { VideosdkConfig } from '../../config.js';
import type { ProviderCapabilities, VideoProvider } from '../../domain/provider.js';
import type { UpstreamOptions } from '../http/upstream-options.js';
import { createVideosdkClient } from './videosdk-client.js';
import { createVideosdkSource } from './videosdk-source.js';

/**
 * What VideoSDK does natively (see README, "Capabilities"). Its session list has no sort parameter
 * and an undocumented order, and no documented time filter, so the gateway fetches a filter's whole
 * list, filters and sorts it; it filters by room natively (`roomId`), and sessions embed their
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

/** The VideoSDK provider: one pooled client with a cached JWT, and a fresh batched source per request. */
export function createVideosdkProvider(config: VideosdkConfig, upstream: UpstreamOptions): VideoProvider {
  const client = createVideosdkClient(config, upstream);
  return {
    name: 'videosdk',
    capabilities: VIDEOSDK_CAPABILITIES,
    createSource: () => createVideosdkSource(client),
    state: () => client.state(),
    close: () => client.close(),
  };
}

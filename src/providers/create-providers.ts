import type { GatewayConfig } from '../config.js';
import type { VideoProvider } from '../domain/provider.js';
import { createPlugnmeetProvider } from './plugnmeet/plugnmeet-provider.js';
import { createTelnyxProvider } from './telnyx/telnyx-provider.js';
import type { UpstreamOptions } from './http/upstream-options.js';
import { createVideosdkProvider } from './videosdk/videosdk-provider.js';

/** One provider per configured credential set, in the providers' stable rank. */
export function createProviders(
  config: GatewayConfig,
  onAttempt?: UpstreamOptions['onAttempt'],
  onAttemptStart?: UpstreamOptions['onAttemptStart'],
): VideoProvider[] {
  const { plugnmeet, videosdk, telnyx } = config.providers;
  const upstream: UpstreamOptions = { timeouts: config.upstreamTimeouts, resilience: config.upstreamResilience, bounds: config.upstreamBounds, onAttempt, onAttemptStart };
  const providers: VideoProvider[] = [];
  if (plugnmeet) providers.push(createPlugnmeetProvider(plugnmeet, upstream));
  if (videosdk) providers.push(createVideosdkProvider(videosdk, upstream));
  if (telnyx) providers.push(createTelnyxProvider(telnyx, upstream));
  return providers;
}

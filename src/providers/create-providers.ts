import type { GatewayConfig } from '../config.js';
import type { VideoProvider } from '../domain/provider.js';
import { createPlugnmeetProvider } from './plugnmeet/plugnmeet-provider.js';

/** One provider per configured credential set, in the providers' stable rank. */
export function createProviders(config: GatewayConfig): VideoProvider[] {
  const { plugnmeet } = config.providers;
  const providers: VideoProvider[] = [];
  if (plugnmeet) providers.push(createPlugnmeetProvider(plugnmeet, config.upstreamTimeouts));
  return providers;
}

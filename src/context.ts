import { ProviderDisabledError } from './domain/errors.js';
import type { ProviderName } from './domain/model.js';
import type { ProviderSource, VideoProvider } from './domain/provider.js';

/** What every resolver gets: the enabled providers' sources, fresh for this request. */
export interface GatewayContext {
  sources: ReadonlyMap<ProviderName, ProviderSource>;
}

/** A new context with empty per-request caches. */
export function createContext(providers: readonly VideoProvider[]): GatewayContext {
  return { sources: new Map(providers.map((provider) => [provider.name, provider.createSource()])) };
}

/** The provider's source; throws PROVIDER_DISABLED when it is not configured. */
export function sourceFor(context: GatewayContext, provider: ProviderName): ProviderSource {
  const source = context.sources.get(provider);
  if (!source) throw new ProviderDisabledError(provider);
  return source;
}

import type { VideoProvider } from '../domain/provider.js';
import type { CacheReport } from '../providers/cache/upstream-sharing.js';

/** What `/ready` reports: per provider, whether its circuit lets calls through; and the cache's state. */
export interface Readiness {
  ready: boolean;
  draining: boolean;
  providers: { provider: string; circuit: string }[];
  /** The cross-request cache: a cache that is down does not make the gateway unready (reads are misses). */
  cache?: CacheReport;
}

/**
 * Ready while not shutting down and at least one enabled provider's circuit is not open (a
 * gateway whose every upstream fails fast serves nothing but errors).
 */
export function readinessOf(providers: readonly VideoProvider[], draining: boolean, cache?: CacheReport): Readiness {
  const states = providers.map((provider) => ({ provider: provider.name, circuit: provider.state().circuit }));
  const anyUsable = states.some((state) => state.circuit !== 'open');
  return { ready: !draining && anyUsable, draining, providers: states, ...(cache ? { cache } : {}) };
}

import type { SourceScope } from '../../src/domain/provider.js';

/** A source scope that never aborts, for tests that drive a provider's source directly. */
export function openScope(): SourceScope {
  return { signal: new AbortController().signal };
}

import type { UpstreamHttp, UpstreamRequest, UpstreamResponse } from '../http/upstream-http.js';
import type { CacheFact, UpstreamCache } from './upstream-cache.js';

/** Which cache fact an upstream answer is; reads nobody classified are mutable. */
export type ResponseFacts = (request: UpstreamRequest, response: UpstreamResponse) => CacheFact;

/**
 * The provider's HTTP client with the cross-request cache beside it: every read (a GET, or a POST
 * marked idempotent) is looked up first, made once for all requests that ask for it at the same
 * moment, and stored as `factsOf` says (mutable by default: the mutable TTL). Writes pass through.
 * The key is the method, path, query and body: the account is in the cache's namespace, so the
 * auth headers (which carry secrets) are never part of a key.
 */
export function createCachingHttp(http: UpstreamHttp, cache: UpstreamCache, factsOf: ResponseFacts = () => 'mutable'): UpstreamHttp {
  const request = (call: UpstreamRequest): Promise<UpstreamResponse> => {
    if (call.method !== 'GET' && call.idempotent !== true) return http.request(call);
    const key = `http:${call.method} ${call.path} ${JSON.stringify(sortedQuery(call.query))} ${call.body ?? ''}`;
    const load = async (signal: AbortSignal) => {
      const response = await http.request({ ...call, signal });
      return { status: response.status, headers: {}, body: response.body } satisfies UpstreamResponse;
    };
    return cache.read(key, load, (response) => factsOf(call, response), call.signal);
  };
  const withSignal = (signal: AbortSignal, fresh = false): UpstreamHttp => fresh ? http.withSignal(signal) : ({
    request: (call) => request({ ...call, signal: call.signal ? AbortSignal.any([call.signal, signal]) : signal }),
    state: http.state,
    withSignal,
    close: http.close,
  });
  return { request, state: http.state, withSignal, close: http.close };
}

function sortedQuery(query: UpstreamRequest['query']): [string, unknown][] {
  return Object.entries(query ?? {})
    .filter(([, value]) => value !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : 1));
}

/**
 * What the cross-request cache knows about VideoSDK (README, "Cache"): whose account a call spends
 * and when a session is settled (immutable). Its session lists are mutable and live for the
 * mutable TTL at the HTTP layer; past-room orders are still made per read from the whole list.
 */
import { isSettledEnd, withImmutableCache, type BatchLoad } from '../cache/immutable-batch.js';
import type { UpstreamCache } from '../cache/upstream-cache.js';
import { isEndedSession } from './videosdk-mapping.js';
import type { VideosdkConfig } from './videosdk-provider.js';
import type { VideosdkSession } from './videosdk-wire.js';

/** The parts that tell one VideoSDK account from another; hashed into the cache namespace, never stored. */
export function toVideosdkAccount(config: VideosdkConfig): string[] {
  return [config.apiUrl, config.apiKey, config.apiSecret];
}

/** A session by id: cached, with its participants' timelogs, once it ended longer ago than the settle window. */
export function cacheVideosdkSessions(cache: UpstreamCache | undefined, load: BatchLoad<string, VideosdkSession | null>): BatchLoad<string, VideosdkSession | null> {
  return withImmutableCache(cache, { keyOf: (id) => `session:${id}`, isSettled: (session) => isEndedSession(session) && isSettledEnd(session.end, cache!) }, load);
}

/**
 * What the cross-request cache knows about plugNmeet (README, "Cache"): whose account a call
 * spends and when a past room is settled. plugNmeet ends a room asynchronously: the row keeps a
 * zero `ended` for up to ~10 s after the end and analytics follow ~50 s later
 * (reference/plugnmeet-api.md §3.5, fidelity-audit P6), so a row is immutable only once its
 * `ended` is set and older than the settle window; a running row never is.
 */
import { toPastRoomKey, type PastRoomKey } from '../../domain/keys.js';
import type { PastRoom } from '../../domain/model.js';
import { isSettledEnd, withImmutableCache, type BatchLoad } from '../cache/immutable-batch.js';
import type { UpstreamCache } from '../cache/upstream-cache.js';
import type { PlugnmeetConfig } from './plugnmeet-provider.js';

/** The parts that tell one plugNmeet server and key from another; hashed into the cache namespace, never stored. */
export function toPlugnmeetAccount(config: PlugnmeetConfig): string[] {
  return [config.url, config.apiKey, config.apiSecret];
}

/** Past rooms by key: cached once settled. */
export function cachePlugnmeetPastRooms(cache: UpstreamCache | undefined, load: BatchLoad<PastRoomKey, PastRoom | null>): BatchLoad<PastRoomKey, PastRoom | null> {
  return withImmutableCache(cache, { keyOf: (key) => `past-room:${toPastRoomKey(key)}`, isSettled: (pastRoom) => isSettledEnd(pastRoom.endedAt, cache!) }, load);
}

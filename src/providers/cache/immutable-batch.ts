import type { UpstreamCache } from './upstream-cache.js';

/** A DataLoader batch function: one result (or error) per key, in key order. */
export type BatchLoad<K, V> = (keys: readonly K[]) => Promise<(V | Error)[]>;

/** How a batch's values are cached: under which key, and whether a value is settled (immutable). */
export interface ImmutableFacts<K, V> {
  /** A key unique within the provider account (the cache adds the account's namespace). */
  keyOf(key: K): string;
  isSettled(value: V): boolean;
}

/**
 * A batch function that asks the cross-request cache first: keys whose settled value is cached
 * cost nothing, the rest go to `load` in one batch, and the settled values it returns are stored.
 * Unsettled values (live, or ended too recently) and null answers are never stored. Without a
 * cache it is `load` itself.
 */
export function withImmutableCache<K, V>(cache: UpstreamCache | undefined, facts: ImmutableFacts<K, NonNullable<V>>, load: BatchLoad<K, V>): BatchLoad<K, V> {
  if (!cache) return load;
  return async (keys) => {
    const cached = await cache.peekImmutable<NonNullable<V>>(keys.map(facts.keyOf));
    const missing = keys.filter((_, index) => cached[index] === undefined);
    const loaded = missing.length > 0 ? await load(missing) : [];
    const settled = missing.flatMap((key, index) => {
      const value = loaded[index];
      return value !== undefined && value !== null && !(value instanceof Error) && facts.isSettled(value) ? [[facts.keyOf(key), value] as const] : [];
    });
    if (settled.length > 0) void cache.storeImmutable(settled);
    let next = 0;
    return keys.map((_, index) => cached[index] ?? (loaded[next++] as V | Error));
  };
}

/** Whether a session that ended at `endedAt` is settled: ended longer ago than the settle window. */
export function isSettledEnd(endedAt: Date | null | undefined, cache: Pick<UpstreamCache, 'settleMs'>, now = Date.now()): boolean {
  return endedAt instanceof Date && endedAt.getTime() + cache.settleMs <= now;
}

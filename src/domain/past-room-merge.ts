import { PROVIDER_NAMES, type PastRoom, type ProviderName } from './model.js';
import { compareKeyParts, toSortKey, type PastRoomOrder } from './ordering.js';
import type { PastRoomSlice } from './provider.js';

/** Each provider's position in its own stream; null = before its first item. */
export type PositionVector = Partial<Record<ProviderName, string | null>>;

/** One provider's read, in the direction it was read. */
export interface ProviderRead {
  provider: ProviderName;
  slice: PastRoomSlice;
}

/** An edge of a merged page with the vector that resumes every stream right after it. */
export interface MergedEdge {
  pastRoom: PastRoom;
  provider: ProviderName;
  /** For each provider, the last of its items at or before this edge in forward order. */
  positions: PositionVector;
}

export interface MergedPage {
  /** In forward (display) order. */
  edges: MergedEdge[];
  /** Whether items remain beyond the page in the read direction. */
  hasMore: boolean;
}

interface Head {
  provider: ProviderName;
  pastRoom: PastRoom;
  position: string;
}

/**
 * Merges forward reads of several providers into one exactly ordered page. Items are compared by
 * the order field, ties between providers by their fixed rank; items of one provider keep the
 * order of its own stream, which is already exact.
 */
export function mergeForward(reads: ProviderRead[], order: PastRoomOrder, count: number, start: PositionVector): MergedPage {
  const merged = mergeHeads(reads, order, 1);
  const vector: PositionVector = { ...start };
  const edges = merged.slice(0, count).map((head) => {
    vector[head.provider] = head.position;
    return { pastRoom: head.pastRoom, provider: head.provider, positions: { ...vector } };
  });
  return { edges, hasMore: merged.length > count || reads.some(({ slice }) => slice.hasMore) };
}

/**
 * Merges backward reads (each read from its stream's end towards its start) into the page that
 * ends where they began. Each provider must have been read for `count + 1` items, so that every
 * edge's vector can name the item of each provider just before it; providers not read keep their
 * `carried` positions.
 */
export function mergeBackward(reads: ProviderRead[], order: PastRoomOrder, count: number, carried: PositionVector = {}): MergedPage {
  const merged = mergeHeads(reads, order, -1);
  const next: PositionVector = {};
  const vectors: PositionVector[] = [];
  for (let index = merged.length - 1; index >= 0; index -= 1) {
    const head = merged[index]!;
    next[head.provider] = head.position;
    if (index < count) vectors[index] = { ...carried, ...nullVector(reads), ...next };
  }
  const page = merged.slice(0, count).map((head, index) => ({ pastRoom: head.pastRoom, provider: head.provider, positions: vectors[index]! }));
  return { edges: page.reverse(), hasMore: merged.length > count || reads.some(({ slice }) => slice.hasMore) };
}

/** All items of all reads in one sequence; `sign` -1 merges backward reads. */
function mergeHeads(reads: ProviderRead[], order: PastRoomOrder, sign: 1 | -1): Head[] {
  const queues = reads.map(({ provider, slice }) => slice.items.map((item) => ({ provider, ...item })));
  const merged: Head[] = [];
  for (;;) {
    let best: Head[] | undefined;
    for (const queue of queues) {
      if (queue.length > 0 && (!best || sign * compareHeads(queue[0]!, best[0]!, order) < 0)) best = queue;
    }
    if (!best) return merged;
    merged.push(best.shift()!);
  }
}

/** Order field first (in the order's direction), then the provider's fixed rank. */
function compareHeads(a: Head, b: Head, order: PastRoomOrder): number {
  const sign = order.direction === 'ASC' ? 1 : -1;
  const keyOf = (head: Head) => [sign * toSortKey(head.pastRoom, order.field).value, PROVIDER_NAMES.indexOf(head.provider)];
  return compareKeyParts(keyOf(a), keyOf(b));
}

function nullVector(reads: ProviderRead[]): PositionVector {
  return Object.fromEntries(reads.map(({ provider }) => [provider, null]));
}

import { describe, expect, it } from 'vitest';
import type { PastRoom, ProviderName } from '../../src/domain/model.js';
import type { PastRoomOrder } from '../../src/domain/ordering.js';
import { mergeBackward, mergeForward, type PositionVector, type ProviderRead } from '../../src/domain/past-room-merge.js';
import { readSortedPastRooms } from '../../src/domain/past-room-stream.js';
import type { PastRoomRead } from '../../src/domain/provider.js';

/** Builds a provider stream whose sessions start at the given minutes. */
function stream(provider: ProviderName, minutes: number[]): PastRoom[] {
  return minutes.map((minute, index) => ({
    provider,
    roomId: 'r',
    sessionId: `${provider}-${String(index).padStart(3, '0')}`,
    title: 't',
    createdAt: new Date(Date.UTC(2026, 0, 1, 0, minute)),
    endedAt: new Date(Date.UTC(2026, 0, 1, 0, minute + 30)),
    participantCount: 1,
    participants: null,
  }));
}

const STREAMS: Record<string, PastRoom[]> = {
  plugnmeet: stream('plugnmeet', [1, 4, 7, 10, 10, 13, 30]),
  videosdk: stream('videosdk', [2, 3, 10, 11, 12]),
  telnyx: stream('telnyx', [0, 5, 10, 40, 41, 42, 43]),
};

function readAll(order: PastRoomOrder, direction: 'forward' | 'backward', positions: PositionVector, count: number, inclusiveExcept: ProviderName | null) {
  return Object.entries(STREAMS).map(([provider, list]): ProviderRead => {
    const read: PastRoomRead = {
      filter: { roomIds: null, createdAt: null },
      order,
      direction,
      after: positions[provider as ProviderName] ?? null,
      inclusive: inclusiveExcept !== null && provider !== inclusiveExcept,
      count,
    };
    return { provider: provider as ProviderName, slice: readSortedPastRooms(list, read) };
  });
}

/** Pages through the merged list with `first: size` and returns the session ids in order. */
function pageForward(order: PastRoomOrder, size: number): string[] {
  const seen: string[] = [];
  let positions: PositionVector = { plugnmeet: null, videosdk: null, telnyx: null };
  for (let guard = 0; guard < 50; guard += 1) {
    const page = mergeForward(readAll(order, 'forward', positions, size, null), order, size, positions);
    seen.push(...page.edges.map((edge) => edge.pastRoom.sessionId));
    if (!page.hasMore) return seen;
    positions = page.edges.at(-1)!.positions;
  }
  throw new Error('paging did not end');
}

/** Pages from the end with `last: size, before:` and returns the session ids in forward order. */
function pageBackward(order: PastRoomOrder, size: number): string[] {
  const seen: string[] = [];
  let cursor: { positions: PositionVector; provider: ProviderName } | null = null;
  for (let guard = 0; guard < 50; guard += 1) {
    const reads = Object.entries(STREAMS).flatMap(([provider]) => {
      const name = provider as ProviderName;
      if (cursor && name !== cursor.provider && (cursor.positions[name] ?? null) === null) return [];
      return readAll(order, 'backward', cursor?.positions ?? {}, size + 1, cursor?.provider ?? null).filter((read) => read.provider === name);
    });
    const page = mergeBackward(reads, order, size);
    seen.unshift(...page.edges.map((edge) => edge.pastRoom.sessionId));
    if (!page.hasMore) return seen;
    cursor = page.edges[0]!;
  }
  throw new Error('paging did not end');
}

function expectedOrder(order: PastRoomOrder): string[] {
  const rank = { plugnmeet: 0, videosdk: 1, telnyx: 2 };
  const sign = order.direction === 'ASC' ? 1 : -1;
  return Object.values(STREAMS)
    .flat()
    .sort((a, b) => sign * (a.createdAt.getTime() - b.createdAt.getTime()) || rank[a.provider] - rank[b.provider] || sign * a.sessionId.localeCompare(b.sessionId))
    .map((pastRoom) => pastRoom.sessionId);
}

describe('merging provider streams', () => {
  for (const direction of ['ASC', 'DESC'] as const) {
    const order: PastRoomOrder = { field: 'CREATED_AT', direction };
    for (const size of [1, 2, 3, 4, 7, 19, 100]) {
      it(`pages forward through all streams in exact ${direction} order with page size ${size}`, () => {
        expect(pageForward(order, size)).toEqual(expectedOrder(order));
      });
      it(`pages backward through all streams in exact ${direction} order with page size ${size}`, () => {
        expect(pageBackward(order, size)).toEqual(expectedOrder(order));
      });
    }
  }

  it('breaks ties between providers by provider rank, in both directions', () => {
    const tied = ['plugnmeet-003', 'plugnmeet-004', 'videosdk-002', 'telnyx-002'];
    const asc = pageForward({ field: 'CREATED_AT', direction: 'ASC' }, 2).filter((id) => tied.includes(id));
    const desc = pageForward({ field: 'CREATED_AT', direction: 'DESC' }, 2).filter((id) => tied.includes(id));
    expect(asc).toEqual(['plugnmeet-003', 'plugnmeet-004', 'videosdk-002', 'telnyx-002']);
    expect(desc).toEqual(['plugnmeet-004', 'plugnmeet-003', 'videosdk-002', 'telnyx-002']);
  });
});

import { describe, expect, it } from 'vitest';
import { UpstreamError } from '../../src/domain/errors.js';
import type { ReadBounds } from '../../src/providers/http/upstream-options.js';
import { createPageCounts, fetchEveryPage, type ListPage, type PageCounts } from '../../src/providers/kit/page-walk.js';

/** The kit's page walk: the rounds it reads a list in, with and without a remembered page count. */

const CALL = { provider: 'videosdk', method: 'GET', path: '/v2/sessions' } as const;
const BOUNDS: ReadBounds = { maxPages: 100, maxRows: 25_000, pageConcurrency: 4 };

/**
 * A list of `rows` rows in pages of 10, whose pages answer only when `answer()` is called, so that
 * a test sees which pages were asked for before page 1 answered. Pages past the end fail with 400
 * (as some providers answer them) unless `pastEnd: 'empty'`.
 */
function createList(rows: number, options: { pastEnd?: 'empty' | 'fail'; failPage?: number } = {}) {
  const requested: number[] = [];
  const waiting: (() => void)[] = [];
  const readPage = (pageNumber: number): Promise<ListPage<number> | null> => {
    requested.push(pageNumber);
    return new Promise((resolve, reject) => {
      waiting.push(() => {
        const items = Array.from({ length: Math.max(0, Math.min(10, rows - (pageNumber - 1) * 10)) }, (_, index) => (pageNumber - 1) * 10 + index);
        if (pageNumber === options.failPage || (items.length === 0 && pageNumber > 1 && options.pastEnd !== 'empty')) {
          reject(new UpstreamError('UPSTREAM_REJECTED', CALL, `page ${pageNumber} refused`, 400));
        } else resolve({ items, totalPages: Math.max(1, Math.ceil(rows / 10)), totalItems: rows });
      });
    });
  };
  /** Answers every page asked for so far, then lets the walk ask for more. */
  const answer = async () => {
    for (const next of waiting.splice(0)) next();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { requested, readPage, answer };
}

/** Runs a walk to its end, answering round after round; the pages asked for in each round. */
async function walkInRounds(list: ReturnType<typeof createList>, remembered?: { counts: PageCounts; key: string }, bounds = BOUNDS) {
  const rounds: number[][] = [];
  const result = fetchEveryPage({ call: CALL, pageSize: 10, readPage: list.readPage, bounds, remembered });
  result.catch(() => {});
  let settled = false;
  void result.finally(() => (settled = true)).catch(() => {});
  for (let seen = 0; !settled && rounds.length < 10; ) {
    await new Promise((resolve) => setImmediate(resolve));
    rounds.push(list.requested.slice(seen));
    seen = list.requested.length;
    await list.answer();
  }
  return { rounds: rounds.filter((round) => round.length > 0), result };
}

describe('fetchEveryPage', () => {
  it('reads page 1 alone, then the other pages, when the list was never read', async () => {
    const { rounds, result } = await walkInRounds(createList(25));
    expect(rounds).toEqual([[1], [2, 3]]);
    expect(await result).toHaveLength(25);
  });

  it('reads a list of remembered page count in one round, and remembers the count it finds', async () => {
    const counts = createPageCounts();
    await walkInRounds(createList(25), { counts, key: 'sessions' });
    expect(counts.get('sessions')).toBe(3);
    const { rounds, result } = await walkInRounds(createList(25), { counts, key: 'sessions' });
    expect(rounds).toEqual([[1, 2, 3]]);
    expect(await result).toEqual(Array.from({ length: 25 }, (_, index) => index));
  });

  it('drops the pages past the end of a list that shrank, refused ones included, and remembers the new count', async () => {
    const counts = createPageCounts();
    counts.set('sessions', 3);
    const { rounds, result } = await walkInRounds(createList(8, { pastEnd: 'fail' }), { counts, key: 'sessions' });
    expect(rounds).toEqual([[1, 2, 3]]);
    expect(await result).toHaveLength(8);
    expect(counts.get('sessions')).toBe(1);
  });

  it('reads the pages a list grew by in a second round', async () => {
    const counts = createPageCounts();
    counts.set('sessions', 2);
    const { rounds, result } = await walkInRounds(createList(35), { counts, key: 'sessions' });
    expect(rounds).toEqual([[1, 2], [3, 4]]);
    expect(await result).toHaveLength(35);
  });

  it('reads ahead no more pages than pageConcurrency allows', async () => {
    const counts = createPageCounts();
    counts.set('sessions', 9);
    const { rounds, result } = await walkInRounds(createList(90), { counts, key: 'sessions' }, { ...BOUNDS, pageConcurrency: 3 });
    expect(rounds[0]).toEqual([1, 2, 3]);
    expect(rounds.flat().sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(await result).toHaveLength(90);
  });

  it('reads nothing ahead when the remembered count is beyond the bounds, and is refused after page 1', async () => {
    const counts = createPageCounts();
    counts.set('sessions', 5);
    for (const bounds of [{ ...BOUNDS, maxPages: 4 }, { ...BOUNDS, maxRows: 40 }]) {
      const list = createList(50);
      const { rounds, result } = await walkInRounds(list, { counts, key: 'sessions' }, bounds);
      expect(rounds).toEqual([[1]]);
      await expect(result).rejects.toMatchObject({ code: 'UPSTREAM_LIMIT_EXCEEDED' });
      expect(counts.get('sessions')).toBe(5);
    }
  });

  it('fails the read when a page read ahead inside the list fails', async () => {
    const counts = createPageCounts();
    counts.set('sessions', 3);
    const { result } = await walkInRounds(createList(25, { failPage: 2 }), { counts, key: 'sessions' });
    await expect(result).rejects.toThrow('page 2 refused');
  });

  it('asks for nothing when the signal has aborted', async () => {
    const list = createList(25);
    const counts = createPageCounts();
    counts.set('sessions', 3);
    const walk = { call: CALL, pageSize: 10, readPage: list.readPage, bounds: BOUNDS, remembered: { counts, key: 'sessions' }, signal: AbortSignal.abort() };
    await expect(fetchEveryPage(walk)).rejects.toThrow();
    expect(list.requested).toEqual([]);
  });
});

describe('createPageCounts', () => {
  it('keeps at most its bound of lists, forgetting the one read least recently', () => {
    const counts = createPageCounts(2);
    counts.set('a', 1);
    counts.set('b', 2);
    counts.set('a', 3);
    counts.set('c', 4);
    expect([counts.get('a'), counts.get('b'), counts.get('c')]).toEqual([3, undefined, 4]);
  });
});

/**
 * "Fetch every page" of an upstream list, once for all three providers, within explicit bounds:
 * the first page says how many pages there are; more than `maxPages` (or more rows than `maxRows`)
 * fails the read with UPSTREAM_LIMIT_EXCEEDED after that one call, a page count that cannot be
 * right for the page size and total fails it with UPSTREAM_BAD_RESPONSE, and the other pages go
 * out `pageConcurrency` at a time, stopping at the first failure or when `signal` aborts. A list
 * whose page count was remembered from an earlier read (`PageCounts`) has its next pages read
 * beside page 1, in one round instead of two; see `fetchEveryPage`.
 */
import pMap from 'p-map';
import { UpstreamError, type UpstreamCall } from '../../domain/errors.js';
import type { ReadBounds } from '../http/upstream-options.js';

/** One page of a list as the walk needs it; providers translate their envelopes into this. */
export interface ListPage<T> {
  items: T[];
  /** Pages in all, as the upstream says; null when it only gives `totalItems`. */
  totalPages: number | null;
  /** Items in all, as the upstream says; null when it does not say. */
  totalItems: number | null;
  /** The page size the upstream says it paged by, when it says; the walk's `pageSize` otherwise. */
  pageSize?: number;
}

/** How a list is walked: which call it is (for errors), its page size, and how a page is read. */
export interface PageWalk<T> {
  call: UpstreamCall;
  pageSize: number;
  /** Reads page `pageNumber` (1-based); null when the upstream says the list does not exist. */
  readPage(pageNumber: number): Promise<ListPage<T> | null>;
  bounds: ReadBounds;
  signal?: AbortSignal;
  /** Where the list's page count is remembered between reads (across requests); none: page 1 alone first. */
  remembered?: { counts: PageCounts; key: string };
}

/** Page counts of lists by a key of the caller's (the list's path and filters), bounded in size. */
export interface PageCounts {
  get(key: string): number | undefined;
  set(key: string, pages: number): void;
}

/** A page-count memory of at most `maxLists` lists; the least recently read one goes first. */
export function createPageCounts(maxLists = 1_000): PageCounts {
  const counts = new Map<string, number>();
  return {
    get: (key) => counts.get(key),
    set: (key, pages) => {
      counts.delete(key);
      counts.set(key, pages);
      if (counts.size > maxLists) counts.delete(counts.keys().next().value!);
    },
  };
}

/**
 * Every item of the list in page order (duplicates kept), or null when page 1 is null. When the
 * list was read before (`walk.remembered`), pages 2..k go out beside page 1, k being its last page
 * count capped by `pageConcurrency` (none when that count was beyond the bounds, as the read will
 * be refused). Pages that page 1 shows to lie past the end are dropped, failures included (a page
 * past the end answers empty or 4xx depending on the provider): a wasted call, never an error.
 */
export async function fetchEveryPage<T>(walk: PageWalk<T>): Promise<T[] | null> {
  walk.signal?.throwIfAborted();
  const firstRead = walk.readPage(1);
  const ahead = readAhead(walk);
  try {
    return await readRest(walk, await firstRead, ahead);
  } finally {
    // Pages read ahead and not used (past the end, or the read failed) are awaited all the same,
    // their failures ignored, so that no call outlives the read.
    await Promise.all([...ahead.values()].map((read) => read.catch(() => null)));
  }
}

/** The rest of the list once page 1 is back, the pages read ahead taken where they are inside it. */
async function readRest<T>(walk: PageWalk<T>, first: ListPage<T> | null, ahead: Map<number, Promise<ListPage<T> | null>>): Promise<T[] | null> {
  if (!first) return null;
  walk.remembered?.counts.set(walk.remembered.key, statedPages(walk, first));
  const pageCount = checkPageCount(walk, first);
  const rest = await pMap(
    Array.from({ length: pageCount - 1 }, (_, index) => index + 2),
    async (pageNumber) => (await (ahead.get(pageNumber) ?? walk.readPage(pageNumber)))?.items ?? [],
    { concurrency: walk.bounds.pageConcurrency, signal: walk.signal },
  );
  const items = [first.items, ...rest].flat();
  if (items.length > walk.bounds.maxRows) throw tooMany(walk, `${items.length} rows`, `UPSTREAM_MAX_ROWS=${walk.bounds.maxRows}`);
  return items;
}

/** Pages 2..k of a list read before, already requested; their failures wait until they are awaited. */
function readAhead<T>(walk: PageWalk<T>): Map<number, Promise<ListPage<T> | null>> {
  const { maxPages, maxRows, pageConcurrency } = walk.bounds;
  const last = walk.remembered ? (walk.remembered.counts.get(walk.remembered.key) ?? 1) : 1;
  const ahead = new Map<number, Promise<ListPage<T> | null>>();
  if (last > maxPages || (last - 1) * walk.pageSize >= maxRows) return ahead;
  for (let pageNumber = 2; pageNumber <= Math.min(last, pageConcurrency); pageNumber += 1) {
    const read = walk.readPage(pageNumber);
    read.catch(() => {});
    ahead.set(pageNumber, read);
  }
  return ahead;
}

/** The page count a first page states (its own, or implied by its total), before any check. */
function statedPages<T>(walk: Pick<PageWalk<T>, 'pageSize'>, first: ListPage<T>): number {
  return Math.max(1, first.totalPages ?? impliedPages(first, first.pageSize ?? walk.pageSize) ?? 1);
}

/** The pages a first page's total fills at `pageSize`; null when it states no total. */
function impliedPages<T>(first: ListPage<T>, pageSize: number): number | null {
  return first.totalItems === null ? null : Math.max(1, Math.ceil(first.totalItems / pageSize));
}

/** The number of pages to read, after checking it against the bounds and the page's own totals. */
export function checkPageCount<T>(walk: Pick<PageWalk<T>, 'call' | 'pageSize' | 'bounds'>, first: ListPage<T>): number {
  const { totalPages, totalItems } = first;
  const pageSize = first.pageSize ?? walk.pageSize;
  const implied = impliedPages(first, pageSize);
  const pages = Math.max(1, totalPages ?? implied ?? 1);
  if (first.items.length > pageSize) {
    throw new UpstreamError('UPSTREAM_BAD_RESPONSE', walk.call, `a page of ${pageSize} held ${first.items.length} rows`);
  }
  // One page of slack: a list that grew between the count and the page may say one more page.
  if (implied !== null && totalPages !== null && Math.abs(totalPages - implied) > 1) {
    throw new UpstreamError('UPSTREAM_BAD_RESPONSE', walk.call, `${totalPages} pages cannot hold ${totalItems} rows of ${pageSize}`);
  }
  if (pages > walk.bounds.maxPages) throw tooMany(walk, `${pages} pages`, `UPSTREAM_MAX_PAGES=${walk.bounds.maxPages}`);
  if ((totalItems ?? 0) > walk.bounds.maxRows) throw tooMany(walk, `${totalItems} rows`, `UPSTREAM_MAX_ROWS=${walk.bounds.maxRows}`);
  return pages;
}

function tooMany(walk: Pick<PageWalk<unknown>, 'call'>, amount: string, bound: string): UpstreamError {
  return new UpstreamError('UPSTREAM_LIMIT_EXCEEDED', walk.call, `the list holds ${amount}, more than one read may fetch (${bound})`);
}

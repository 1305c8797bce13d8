/**
 * "Fetch every page" of an upstream list, once for all three providers, within explicit bounds:
 * the first page says how many pages there are; more than `maxPages` (or more rows than `maxRows`)
 * fails the read with UPSTREAM_LIMIT_EXCEEDED after that one call, a page count that cannot be
 * right for the page size and total fails it with UPSTREAM_BAD_RESPONSE, and the other pages go
 * out `pageConcurrency` at a time, stopping at the first failure or when `signal` aborts.
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
}

/** How a list is walked: which call it is (for errors), its page size, and how a page is read. */
export interface PageWalk<T> {
  call: UpstreamCall;
  pageSize: number;
  /** Reads page `pageNumber` (1-based); null when the upstream says the list does not exist. */
  readPage(pageNumber: number): Promise<ListPage<T> | null>;
  bounds: ReadBounds;
  signal?: AbortSignal;
}

/** Every item of the list in page order (duplicates kept), or null when page 1 is null. */
export async function fetchEveryPage<T>(walk: PageWalk<T>): Promise<T[] | null> {
  walk.signal?.throwIfAborted();
  const first = await walk.readPage(1);
  if (!first) return null;
  const pageCount = checkPageCount(walk, first);
  const rest = await pMap(
    Array.from({ length: pageCount - 1 }, (_, index) => index + 2),
    async (pageNumber) => (await walk.readPage(pageNumber))?.items ?? [],
    { concurrency: walk.bounds.pageConcurrency, signal: walk.signal },
  );
  const items = [first.items, ...rest].flat();
  if (items.length > walk.bounds.maxRows) throw tooMany(walk, `${items.length} rows`, `UPSTREAM_MAX_ROWS=${walk.bounds.maxRows}`);
  return items;
}

/** The number of pages to read, after checking it against the bounds and the page's own totals. */
export function checkPageCount<T>(walk: Pick<PageWalk<T>, 'call' | 'pageSize' | 'bounds'>, first: ListPage<T>): number {
  const { totalPages, totalItems } = first;
  const impliedPages = totalItems === null ? null : Math.max(1, Math.ceil(totalItems / walk.pageSize));
  const pages = Math.max(1, totalPages ?? impliedPages ?? 1);
  if (first.items.length > walk.pageSize) {
    throw new UpstreamError('UPSTREAM_BAD_RESPONSE', walk.call, `a page of ${walk.pageSize} held ${first.items.length} rows`);
  }
  // One page of slack: a list that grew between the count and the page may say one more page.
  if (impliedPages !== null && totalPages !== null && Math.abs(totalPages - impliedPages) > 1) {
    throw new UpstreamError('UPSTREAM_BAD_RESPONSE', walk.call, `${totalPages} pages cannot hold ${totalItems} rows of ${walk.pageSize}`);
  }
  if (pages > walk.bounds.maxPages) throw tooMany(walk, `${pages} pages`, `UPSTREAM_MAX_PAGES=${walk.bounds.maxPages}`);
  if ((totalItems ?? 0) > walk.bounds.maxRows) throw tooMany(walk, `${totalItems} rows`, `UPSTREAM_MAX_ROWS=${walk.bounds.maxRows}`);
  return pages;
}

function tooMany(walk: Pick<PageWalk<unknown>, 'call'>, amount: string, bound: string): UpstreamError {
  return new UpstreamError('UPSTREAM_LIMIT_EXCEEDED', walk.call, `the list holds ${amount}, more than one read may fetch (${bound})`);
}

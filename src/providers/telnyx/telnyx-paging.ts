import { isTelnyxId } from './telnyx-client.js';
import type { TelnyxPage } from './telnyx-wire.js';

/** Loads page `pageNumber` (1-based) of one list query. */
export type PageReader<T> = (pageNumber: number) => Promise<TelnyxPage<T>>;

/**
 * Every item of a list: page 1, then, once `total_pages` is known, all further pages at once.
 * Telnyx documents no order, so items are deduplicated by id in case the list shifted between
 * pages.
 */
export async function fetchAllPages<T extends { id: string }>(readPage: PageReader<T>): Promise<T[]> {
  const first = await readPage(1);
  const rest = await Promise.all(pageNumbers(2, first.meta.total_pages).map(readPage));
  return uniqueById([first, ...rest].flatMap((page) => page.data));
}

/** The two ways to find objects by id: one call per id, or a list to scan page by page. */
export interface ByIdReads<T> {
  getOne(id: string): Promise<T | null>;
  readPage: PageReader<T>;
}

/**
 * Finds objects by id with the fewest calls: one by-id call for a single id; for several ids, the
 * list's first page, then whichever is fewer calls of the remaining pages (all at once) and one
 * by-id call per id still missing. Results follow `ids`; null where nothing has the id (ids that
 * are not UUIDs never cost a call).
 */
export async function findByIds<T extends { id: string }>(ids: readonly string[], reads: ByIdReads<T>): Promise<(T | null)[]> {
  const wanted = [...new Set(ids.filter(isTelnyxId))];
  const found = new Map<string, T>();
  const collect = (items: readonly (T | null)[]) => items.forEach((item) => item && found.set(item.id, item));
  if (wanted.length === 1) collect([await reads.getOne(wanted[0]!)]);
  if (wanted.length > 1) {
    const first = await reads.readPage(1);
    collect(first.data);
    const missing = wanted.filter((id) => !found.has(id));
    const pagesLeft = pageNumbers(2, first.meta.total_pages);
    if (missing.length > 0 && pagesLeft.length > 0) {
      if (missing.length < pagesLeft.length) collect(await Promise.all(missing.map((id) => reads.getOne(id))));
      else collect((await Promise.all(pagesLeft.map(reads.readPage))).flatMap((page) => page.data));
    }
  }
  return ids.map((id) => found.get(id) ?? null);
}

function pageNumbers(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, index) => from + index);
}

function uniqueById<T extends { id: string }>(items: readonly T[]): T[] {
  return [...new Map(items.map((item) => [item.id, item])).values()];
}

/**
 * Query parameters the way Telnyx takes them: deepObject keys (`filter[date_created_at][gte]`),
 * sent with brackets percent-encoded by most clients (`filter%5Bunique_name%5D=…`). The query is
 * decoded first, so encoded and literal brackets are the same key. Invalid values answer 422 with
 * `source.parameter` naming the key (reference B4 checklist; the exact code is not documented).
 */

/** A parameter the simulated API rejects; the routes answer 422 naming it. */
export class QueryError extends Error {
  constructor(
    readonly parameter: string,
    message: string,
  ) {
    super(message);
  }
}

/** `page[size]` 1..250 (default 20) and `page[number]` ≥ 1 (default 1), reference B5. */
export interface PageRequest {
  size: number;
  number: number;
}

/** A day-granular date filter: `YYYY-MM-DD` values for eq, gte and lte. */
export interface DayFilter {
  eq?: string;
  gte?: string;
  lte?: string;
}

/** The decoded query of a request URL; repeated keys keep their last value. */
export function toQueryParams(url: URL): Map<string, string> {
  return new Map(url.searchParams);
}

/** Reads and checks `page[size]` and `page[number]`. */
export function readPage(query: Map<string, string>): PageRequest {
  return {
    size: readInteger(query, 'page[size]', 20, 1, 250),
    number: readInteger(query, 'page[number]', 1, 1, Number.MAX_SAFE_INTEGER),
  };
}

/** Reads a `true`/`false` parameter; undefined when absent. */
export function readBoolean(query: Map<string, string>, name: string): boolean | undefined {
  const value = query.get(name);
  if (value === undefined) return undefined;
  if (value !== 'true' && value !== 'false') throw new QueryError(name, `${name} must be true or false.`);
  return value === 'true';
}

/** Reads `<prefix>[eq|gte|lte]`, each an ISO 8601 date (`2021-04-25`). */
export function readDayFilter(query: Map<string, string>, prefix: string): DayFilter {
  const filter: DayFilter = {};
  for (const operator of ['eq', 'gte', 'lte'] as const) {
    const name = `${prefix}[${operator}]`;
    const value = query.get(name);
    if (value === undefined) continue;
    if (!isCalendarDate(value)) {
      throw new QueryError(name, `${name} must be an ISO 8601 date such as 2021-04-25.`);
    }
    filter[operator] = value;
  }
  return filter;
}

/**
 * How a date filter compares a timestamp with its `YYYY-MM-DD` value. No source says (audit T1):
 * `calendar-day` (the default) reads the spec's "on or after / on or before that date" as whole UTC
 * days; `midnight` compares the timestamp with the date at 00:00 UTC, so `lte` drops everything
 * later on that day; `exclusive` reads the older page's "after / before that date" as strictly
 * after / before the day (seed 003).
 */
export type DateComparison = 'calendar-day' | 'midnight' | 'exclusive';

/**
 * Whether a timestamp passes a day filter under `comparison`; `eq` is always that UTC day. A
 * missing timestamp (e.g. `ended_at` of a live session) matches no date filter.
 */
export function matchesDays(time: string | undefined, filter: DayFilter, comparison: DateComparison = 'calendar-day'): boolean {
  if (filter.eq === undefined && filter.gte === undefined && filter.lte === undefined) return true;
  if (time === undefined) return false;
  const day = time.slice(0, 10);
  if (filter.eq !== undefined && day !== filter.eq) return false;
  if (filter.gte !== undefined && !isOnOrAfter(time, filter.gte, comparison)) return false;
  if (filter.lte !== undefined && !isOnOrBefore(time, filter.lte, comparison)) return false;
  return true;
}

function isOnOrAfter(time: string, date: string, comparison: DateComparison): boolean {
  if (comparison === 'exclusive') return time.slice(0, 10) > date;
  return time.slice(0, 10) >= date; // a timestamp is at or after its own day's midnight
}

function isOnOrBefore(time: string, date: string, comparison: DateComparison): boolean {
  if (comparison === 'midnight') return Date.parse(time) <= Date.parse(`${date}T00:00:00Z`);
  if (comparison === 'exclusive') return time.slice(0, 10) < date;
  return time.slice(0, 10) <= date;
}

/**
 * The list envelope of one page; `total_pages` is 0 for an empty list. `minimal` meta carries only
 * what the official client reads (`page_number`, `total_pages`): every meta field is optional in
 * the spec (audit T2).
 */
export function toPageBody<T>(items: readonly T[], page: PageRequest, meta: 'full' | 'minimal' = 'full'): { data: T[]; meta: Record<string, number> } {
  const start = (page.number - 1) * page.size;
  const totalPages = Math.ceil(items.length / page.size);
  return {
    data: items.slice(start, start + page.size),
    meta:
      meta === 'minimal'
        ? { page_number: page.number, total_pages: totalPages }
        : { page_number: page.number, page_size: page.size, total_pages: totalPages, total_results: items.length },
  };
}

/** `YYYY-MM-DD` naming a day that exists. */
function isCalendarDate(value: string): boolean {
  const time = /^\d{4}-\d{2}-\d{2}$/.test(value) ? Date.parse(`${value}T00:00:00Z`) : Number.NaN;
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
}

function readInteger(query: Map<string, string>, name: string, fallback: number, min: number, max: number): number {
  const value = query.get(name);
  if (value === undefined) return fallback;
  const number = /^\d{1,15}$/.test(value) ? Number(value) : Number.NaN;
  if (!(number >= min && number <= max)) {
    const bounds = max === Number.MAX_SAFE_INTEGER ? `of at least ${min}` : `from ${min} to ${max}`;
    throw new QueryError(name, `${name} must be an integer ${bounds}.`);
  }
  return number;
}

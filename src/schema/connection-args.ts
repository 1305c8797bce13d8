import { UserInputError } from '../domain/errors.js';

/** Page sizes a connection accepts, and the size used when neither `first` nor `last` is given. */
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

export interface ConnectionArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/** A validated page request: read forward after a cursor, or backward before one. */
export interface PageRequest {
  direction: 'forward' | 'backward';
  count: number;
  cursor: string | null;
}

/**
 * Checks the relay arguments. `first` goes with `after`, `last` with `before`; mixing directions
 * is refused rather than given a surprising meaning.
 */
export function parseConnectionArgs(args: ConnectionArgs): PageRequest {
  const { first, after, last, before } = args;
  if (first != null && last != null) throw new UserInputError('Pass either `first` or `last`, not both.', { argument: 'last' });
  if (after != null && before != null) throw new UserInputError('Pass either `after` or `before`, not both.', { argument: 'before' });
  if (last != null || before != null) {
    if (after != null) throw new UserInputError('`after` goes with `first`; use `before` with `last`.', { argument: 'after' });
    return { direction: 'backward', count: checkSize('last', last ?? DEFAULT_PAGE_SIZE), cursor: before ?? null };
  }
  return { direction: 'forward', count: checkSize('first', first ?? DEFAULT_PAGE_SIZE), cursor: after ?? null };
}

function checkSize(argument: 'first' | 'last', value: number): number {
  if (!Number.isInteger(value) || value < 0 || value > MAX_PAGE_SIZE) {
    throw new UserInputError(`\`${argument}\` must be between 0 and ${MAX_PAGE_SIZE}; got ${value}.`, { argument });
  }
  return value;
}

/** A page as the schema's connection types resolve it. */
export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { startCursor: string | null; endCursor: string | null; hasNextPage: boolean; hasPreviousPage: boolean };
  totalCount: number;
}

/** Builds a connection from its edges; the page's cursors are those of its first and last edge. */
export function toConnection<T>(
  edges: Connection<T>['edges'],
  hasNextPage: boolean,
  hasPreviousPage: boolean,
  totalCount: number,
): Connection<T> {
  return {
    edges,
    pageInfo: { startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null, hasNextPage, hasPreviousPage },
    totalCount,
  };
}

import { getNullableType, isListType, type GraphQLField } from 'graphql';
import { GatewayError } from '../domain/errors.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './connection-args.js';

/** Lists that are not pages, and are assumed to hold this many items (participants, presences). */
const ASSUMED_LIST_SIZE = 10;

/**
 * The cost model of the Pothos complexity plugin: a connection multiplies its selections by the
 * page it asks for (`first`/`last`, capped at the largest page, default 20), `nodes` by its ids, and
 * other lists by a fixed guess; `edges` adds nothing, as its connection already multiplied.
 */
export function fieldCost<Context>(
  args: Record<string, unknown>,
  _context: Context,
  field: GraphQLField<unknown, Context, Record<string, unknown>>,
): { field: number; multiplier: number } {
  if ('first' in args || 'last' in args || field.args.some((arg) => arg.name === 'first')) {
    const requested = typeof args.first === 'number' ? args.first : typeof args.last === 'number' ? args.last : DEFAULT_PAGE_SIZE;
    return { field: 1, multiplier: Math.min(Math.max(requested, 1), MAX_PAGE_SIZE) };
  }
  if (field.name === 'nodes' && Array.isArray(args.ids)) return { field: 1, multiplier: Math.max(args.ids.length, 1) };
  if (field.name === 'edges' || !isListType(getNullableType(field.type))) return { field: 1, multiplier: 1 };
  return { field: 1, multiplier: ASSUMED_LIST_SIZE };
}

const KIND_CODES = { Complexity: 'QUERY_TOO_COMPLEX', Depth: 'QUERY_TOO_DEEP', Breadth: 'QUERY_TOO_BROAD' } as const;

/** The error for an operation over a limit, saying by how much. */
export function queryLimitError(kind: keyof typeof KIND_CODES, result: object): GatewayError {
  const figures = result as Record<string, number | undefined>;
  const measure = kind.toLowerCase();
  const actual = figures[measure];
  const limit = figures[`max${kind}`];
  const advice = kind === 'Complexity' ? ' Ask for smaller pages (`first`/`last`) or fewer nested connections.' : '';
  return new GatewayError(KIND_CODES[kind], `The query's ${measure === 'complexity' ? 'estimated cost' : measure} is ${actual}, over the limit of ${limit}.${advice}`, {
    [measure]: actual,
    limit,
  });
}

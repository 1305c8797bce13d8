import { complexityFromQuery } from '@pothos/plugin-complexity';
import { GraphQLError, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { memoPerOperation } from './operation-memo.js';

/** A per-client budget: `points` of estimated query cost per `windowSeconds` (README, "Limits"). */
export interface RateLimitConfig {
  points: number;
  windowSeconds: number;
}

/**
 * Per-client rate limit of upstream-costly work, on rate-limiter-flexible's in-memory token bucket:
 * each operation spends its estimated cost (the complexity plugin's model over `schema`, `schema/query-cost.ts`)
 * from its client's budget, keyed by the JWT subject when client auth is on, else the remote
 * address. Over budget, it is refused before any resolver runs with RATE_LIMITED, HTTP 429 and
 * `Retry-After`. The budget is per process: N replicas allow N times as much.
 */
export function useClientRateLimit(config: RateLimitConfig, schema: GraphQLSchema): Plugin {
  const limiter = new RateLimiterMemory({ points: config.points, duration: config.windowSeconds });
  const costOf = memoPerOperation((document, variables) => estimateCost(schema, document, variables));
  /** Spends an operation's cost from its client's budget; the refusal to answer with, or null. */
  const spend = async (args: CostedOperation): Promise<GraphQLError | null> => {
    // An operation over the cost limit is refused by the complexity plugin without an upstream call: it costs 1.
    const estimate = costOf(args.document, (args.variableValues ?? {}) as Record<string, unknown>);
    const maxCost = (args.contextValue as { queryLimits?: { maxCost: number } }).queryLimits?.maxCost ?? Infinity;
    const cost = estimate > maxCost ? 1 : Math.min(config.points, Math.max(1, estimate));
    try {
      await limiter.consume(clientKeyOf(args.contextValue), cost);
      return null;
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) throw refusal;
      return rateLimited(Math.max(1, Math.ceil(refusal.msBeforeNext / 1000)));
    }
  };
  /** Stops an operation over its client's budget with RATE_LIMITED before anything runs. */
  const refuseOverBudget = async ({ args, setResultAndStopExecution }: { args: CostedOperation; setResultAndStopExecution(result: { errors: GraphQLError[] }): void }) => {
    const refusal = await spend(args);
    if (refusal) setResultAndStopExecution({ errors: [refusal] });
  };
  // A subscription spends its cost once, when it starts (its events are the providers' pushes, not upstream reads).
  return { onExecute: refuseOverBudget, onSubscribe: refuseOverBudget };
}

/** Who a request counts against: `sub:<JWT subject>`, else `ip:<remote address>`. */
export function clientKeyOf(context: unknown): string {
  const { jwt, req } = context as { jwt?: { payload?: { sub?: unknown } }; req?: { socket?: { remoteAddress?: string } } };
  const subject = jwt?.payload?.sub;
  if (typeof subject === 'string' && subject !== '') return `sub:${subject.slice(0, 256)}`;
  return `ip:${req?.socket?.remoteAddress ?? 'unknown'}`;
}

/** What the rate limit reads of an operation (execute's and subscribe's arguments alike). */
interface CostedOperation {
  document: DocumentNode;
  variableValues?: unknown;
  contextValue: unknown;
}

/**
 * The operation's estimated cost; 1 when it cannot be estimated (execution then refuses it anyway).
 * The cost model (`schema/query-cost.ts`) reads arguments only, never the context: an estimate holds
 * for every client asking the same operation, so it is remembered per operation.
 */
function estimateCost(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown>): number {
  try {
    return complexityFromQuery(document, { schema, ctx: {}, variables }).complexity;
  } catch {
    return 1;
  }
}

function rateLimited(retryAfterSeconds: number): GraphQLError {
  return new GraphQLError(`This client's query budget is spent; retry in ${retryAfterSeconds} s.`, {
    extensions: { code: 'RATE_LIMITED', retryAfterSeconds, http: { status: 429, headers: { 'retry-after': String(retryAfterSeconds) } } },
  });
}

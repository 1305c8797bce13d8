/**
 * Shared execution of identical subscriptions, as an envelop plugin (both transports subscribe
 * through envelop: Yoga's SSE and `graphql-ws.ts`). Subscriptions with the same document, operation
 * name, variables and client identity share one execution per event; each subscriber keeps its own
 * bounded buffer. The execution runs with a context of its own (its own signal, sources and loaders),
 * not the first subscriber's, and stops when its last subscriber leaves.
 */
import { createHash } from 'node:crypto';
import { GraphQLError, print, type DocumentNode, type ExecutionArgs } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { GatewayError } from '../domain/errors.js';
import { createSharedExecution, type SharedExecution, type StartExecution, type SubscribeOutcome } from './shared-execution.js';
import { overflowError } from './subscriber-queue.js';

export interface SharedSubscriptionsOptions {
  /** Results one subscriber may have waiting before it is ended with SUBSCRIPTION_OVERFLOW. */
  bufferResults: number;
  /** Subscribers this process serves at once; more are refused with TOO_MANY_SUBSCRIPTIONS. */
  maxSubscriptions: number;
  /** Who the subscriber is, as far as results may differ (null: anonymous); only equal identities share. */
  identityOf(context: object): string | null;
  /** The context a shared execution runs with: built for `signal`, keeping nothing of the subscriber's request. */
  contextFor(subscriber: object, signal: AbortSignal): object;
}

export interface SharedSubscriptions {
  /** Replaces each subscription's execution with a share of the one for its key. */
  plugin: Plugin;
  /** Subscribers in this process. */
  subscriberCount(): number;
  /** Executions running for them (one per distinct key). */
  executionCount(): number;
  /** Results waiting in subscribers' buffers, in all. */
  bufferedResults(): number;
  /** Ends every subscription (they complete) and stops every execution. */
  endAll(): void;
}

type SubscribeFn = (args: ExecutionArgs) => unknown;

/** The registry of shared executions, keyed by operation and identity; an execution is forgotten when it stops. */
export function createSharedSubscriptions(options: SharedSubscriptionsOptions): SharedSubscriptions {
  const executions = new Map<string, SharedExecution>();
  const subscriberCount = () => {
    let sum = 0;
    for (const execution of executions.values()) sum += execution.subscriberCount();
    return sum;
  };

  function open(key: string, start: StartExecution): SharedExecution {
    const execution = createSharedExecution(start, {
      bufferResults: options.bufferResults,
      overflowError: () => overflowError(options.bufferResults),
      onStop: () => void (executions.get(key) === execution && executions.delete(key)),
    });
    executions.set(key, execution);
    return execution;
  }

  function join(args: ExecutionArgs, subscribeFn: SubscribeFn): Promise<SubscribeOutcome> | SubscribeOutcome {
    if (subscriberCount() >= options.maxSubscriptions) {
      const refusal = new GatewayError('TOO_MANY_SUBSCRIPTIONS', `This gateway serves at most ${options.maxSubscriptions} subscriptions at once; try again later.`);
      return { errors: [new GraphQLError(refusal.message, { originalError: refusal })] };
    }
    const subscriber = args.contextValue as { signal: AbortSignal };
    const key = toSharingKey(args, options.identityOf(subscriber));
    const execution = executions.get(key) ?? open(key, toStart(args, subscribeFn, options.contextFor));
    return execution.attach(subscriber.signal);
  }

  return {
    plugin: {
      onSubscribe: ({ subscribeFn, setSubscribeFn }) => {
        setSubscribeFn(((args: ExecutionArgs) => join(args, subscribeFn as SubscribeFn)) as never);
      },
    },
    subscriberCount,
    executionCount: () => executions.size,
    bufferedResults: () => {
      let sum = 0;
      for (const execution of executions.values()) sum += execution.bufferedResults();
      return sum;
    },
    endAll: () => {
      for (const execution of [...executions.values()]) execution.end();
    },
  };
}

/**
 * How the first subscriber's operation starts for everyone: with the shared context, and without
 * graphql-ws's root (bound to that subscriber's socket) or an executor signal (graphql-tools races
 * every event's execution against it, which keeps each event's result until the signal aborts).
 */
function toStart(args: ExecutionArgs, subscribeFn: SubscribeFn, contextFor: SharedSubscriptionsOptions['contextFor']): StartExecution {
  return (signal) => subscribeFn({ ...args, rootValue: undefined, signal: undefined, contextValue: contextFor(args.contextValue as object, signal) } as ExecutionArgs) as SubscribeOutcome;
}

const printed = new WeakMap<DocumentNode, string>();

/** A digest of what decides a subscription's results: identity, operation name, variables (keys sorted) and the document. */
function toSharingKey(args: ExecutionArgs, identity: string | null): string {
  let text = printed.get(args.document);
  if (text === undefined) printed.set(args.document, (text = print(args.document)));
  const parts = [identity, args.operationName ?? null, toStableJson(args.variableValues ?? {}), text];
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url');
}

/** JSON with every object's keys sorted, so `{a, b}` and `{b, a}` are one key. */
export function toStableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(toStableJson).join(',')}]`;
  if (typeof value !== 'object' || value === null) return JSON.stringify(value) ?? 'null';
  const entries = Object.keys(value)
    .sort()
    .filter((name) => (value as Record<string, unknown>)[name] !== undefined)
    .map((name) => `${JSON.stringify(name)}:${toStableJson((value as Record<string, unknown>)[name])}`);
  return `{${entries.join(',')}}`;
}

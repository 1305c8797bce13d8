import { createHash } from 'node:crypto';
import { useResponseCache } from '@graphql-yoga/plugin-response-cache';
import { getOperationAST, visit, type DocumentNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { GatewayContext } from '../context.js';
import type { RoomChangeFeed } from '../domain/room-changes.js';
import type { ResponseCacheConfig } from '../providers/cache/cache-config.js';
import { toClientIdentity } from './client-auth.js';
import { createMemoryResponseStore, type ResponseCacheStats, type ResponseStore } from './response-cache-store.js';

/** What `/ready` and the metrics say about the response cache. */
export interface ResponseCacheReport {
  enabled: boolean;
  backend: 'memory';
  ttlMs: number;
  /** Null when the cache is off. */
  stats: ResponseCacheStats | null;
}

/** The whole-response cache of one gateway: its yoga plugins (last in the list), its report. */
export interface ResponseCache {
  plugins: Plugin[];
  report(): ResponseCacheReport;
  /** Stops listening to room changes. */
  close(): void;
}

/** What a request's context holds once yoga, the JWT plugin and `createContext` have built it. */
type CacheContext = Partial<GatewayContext> & { params?: { query?: string }; jwt?: { payload?: Record<string, unknown> } };

/**
 * The response cache (`@graphql-yoga/plugin-response-cache`) over an in-process LRU. It answers
 * only queries (no mutation, no subscription, no `@defer`/`@stream`), only in the execute phase,
 * so authentication, the allow-list, armor, the input limits and the per-client rate limit have
 * all run (and charged) before a hit. Answers are keyed by document, operation, variables and,
 * with client auth, the client's identity; an answer with any error or partial failure is not
 * kept; any announced room change clears every answer (see README, "Cache").
 */
export function createResponseCache(config: ResponseCacheConfig, options: { roomChanges: RoomChangeFeed; clientAuth: boolean }): ResponseCache {
  if (!config.enabled) return { plugins: [], report: () => ({ enabled: false, backend: 'memory', ttlMs: 0, stats: null }), close: () => undefined };
  const store = createMemoryResponseStore(config.maxBytes);
  let generation = 0;
  const stopListening = options.roomChanges.onChange(() => {
    generation += 1;
    store.clear();
  });
  const state: AdmissionState = { admitted: new WeakMap(), keyedDocuments: new WeakMap(), generation: () => generation };
  return {
    plugins: [useCacheAdmission(state, options.clientAuth), useStoredResponses(store, config.ttlMs, state)],
    report: () => ({ enabled: true, backend: 'memory', ttlMs: config.ttlMs, stats: store.stats() }),
    close: stopListening,
  };
}

/** What the admission and the plugin share about the requests in flight. */
interface AdmissionState {
  /** The room-change generation each admitted execution started in; the plugin acts on these contexts only. */
  admitted: WeakMap<object, number>;
  /** The document each request's cache key was built from. */
  keyedDocuments: WeakMap<object, string>;
  /** Counts the room changes announced so far. */
  generation(): number;
}

/**
 * Admits an execution to the cache: a query without `@defer`/`@stream`, whose cache key was built
 * from the document that runs, with a client identity when client auth is on. It also hands the
 * executor the client's own document: the plugin adds `__typename` and id selections to it, which
 * would raise the operation's cost, breadth and upstream reads above what the client asked for.
 */
function useCacheAdmission(state: AdmissionState, clientAuth: boolean): Plugin {
  const { admitted, keyedDocuments, generation } = state;
  const isPlainQuery = createPlainQueryCheck();
  return {
    onExecute: ({ args, executeFn, setExecuteFn }) => {
      const context = args.contextValue as CacheContext;
      const query = context.params?.query;
      if (!query || keyedDocuments.get(context) !== query || !isPlainQuery(args.document, args.operationName)) return;
      if (clientAuth && identityOf(context) === null) return;
      admitted.set(context, generation());
      const document = args.document;
      setExecuteFn((executeArgs) => executeFn({ ...executeArgs, document }));
    },
  };
}

/** The plugin itself, told to act only on admitted executions and to keep only complete answers. */
function useStoredResponses(store: ResponseStore, ttlMs: number, state: AdmissionState): Plugin {
  const { admitted, keyedDocuments, generation } = state;
  return useResponseCache<CacheContext>({
    cache: store,
    ttl: ttlMs,
    session: (_request, context) => identityOf(context),
    // Called in `onRequest` (the ETag → 304 path, which would skip authentication), in `onParams`
    // (a hit before parsing, which would skip the limits) and in `onExecute`: only the last is admitted.
    enabled: (_request, context) => admitted.has(context),
    buildResponseCacheKey: ({ documentString, operationName, variableValues, sessionId, context }) => {
      keyedDocuments.set(context as object, documentString);
      return createHash('sha256').update(JSON.stringify([documentString, operationName ?? null, variableValues ?? null, sessionId ?? null])).digest('base64url');
    },
    // Explicit, though it is the plugin's default: an answer with any error (a refusal, one provider down) is never kept.
    shouldCacheResult: ({ result }) => !result.errors?.length,
    // A room change announced while the answer was being made may not be in it: it is sent, not kept.
    onTtl: ({ ttl, context }) => (admitted.get(context) === generation() && (context as CacheContext).partialFailures?.length === 0 ? ttl : 0),
    idFields: [],
    invalidateViaMutation: false,
    includeExtensionMetadata: false,
  });
}

/** The client's identity with client auth (`toClientIdentity`: the claims an answer can depend on); null without a verified token. */
function identityOf(context: CacheContext): string | null {
  return toClientIdentity(context.jwt?.payload);
}

/** Whether an operation is a query and its document uses no `@defer`/`@stream`; memoised per parsed document (yoga reuses them). */
function createPlainQueryCheck(): (document: DocumentNode, operationName: string | null | undefined) => boolean {
  const known = new WeakMap<DocumentNode, Map<string | null, boolean>>();
  return (document, operationName) => {
    const byName = known.get(document) ?? new Map<string | null, boolean>();
    known.set(document, byName);
    const answer = byName.get(operationName ?? null);
    if (answer !== undefined) return answer;
    let incremental = false;
    visit(document, { Directive: (node) => void (incremental ||= node.name.value === 'defer' || node.name.value === 'stream') });
    const plain = !incremental && getOperationAST(document, operationName)?.operation === 'query';
    // A document names at most a few operations; the bound keeps a hostile one from growing the memo.
    if (byName.size < 16) byName.set(operationName ?? null, plain);
    return plain;
  };
}

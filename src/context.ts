import { GatewayError, ProviderDisabledError } from './domain/errors.js';
import { PROVIDER_NAMES, type ProviderName } from './domain/model.js';
import type { ProviderCapabilities, ProviderSource, VideoProvider } from './domain/provider.js';
import type { RoomChange, RoomChangeFeed } from './domain/room-changes.js';
import type { RoomControl } from './domain/room-control.js';
import type { RoomEventSubscriptions } from './domain/room-events.js';

/** Limits every operation must stay within; refusals carry QUERY_TOO_COMPLEX / QUERY_TOO_DEEP / QUERY_TOO_BROAD. */
export interface QueryLimits {
  /** Estimated cost: each field costs 1, and a page multiplies what it selects (see `fieldCost`). */
  maxCost: number;
  maxDepth: number;
  /** Selections in the whole operation. */
  maxBreadth: number;
  maxAliases: number;
  maxTokens: number;
  maxDirectives: number;
  /** Largest request body, in bytes. */
  maxBodyBytes: number;
}

export const DEFAULT_QUERY_LIMITS: QueryLimits = {
  maxCost: 20_000,
  maxDepth: 12,
  maxBreadth: 400,
  maxAliases: 30,
  maxTokens: 3_000,
  maxDirectives: 30,
  maxBodyBytes: 256 * 1024,
};

/** A provider failure inside a field that still answered with the other providers' data. */
export interface PartialFailure {
  path: readonly (string | number)[];
  error: GatewayError;
}

/** What every resolver gets: the enabled providers' sources, fresh for this request. */
export interface GatewayContext {
  sources: ReadonlyMap<ProviderName, ProviderSource>;
  /** What each enabled provider does natively (see README, "Capabilities"). */
  capabilities: ReadonlyMap<ProviderName, ProviderCapabilities>;
  /** Failures of fields that answered partially; added to the response's `errors`. */
  partialFailures: PartialFailure[];
  /** The limits this request's operation must stay within. */
  queryLimits: QueryLimits;
  /** The request's work signal (deadline, disconnect, shutdown); every upstream call carries it. */
  signal: AbortSignal;
  /** Seals and opens this gateway's connection cursors. */
  cursors: CursorSigner;
  /** Where resolvers announce rooms the request changed (writes), so caches forget them. */
  roomChanges: RoomChangeFeed;
  /** Room control (issue 16): each enabled provider's writes, who may run them, idempotent replays. */
  roomControl: RoomControlScope;
  /** Live room events (every replica's, with Redis), for subscriptions. */
  roomEvents: RoomEventSubscriptions;
  /** Fresh sources with empty caches: a subscription swaps them in per event, so no event sees an earlier one's reads. */
  createSources(): ReadonlyMap<ProviderName, ProviderSource>;
}

/** The scope names mutations require by default (`MUTATION_SCOPE_*` rename them; README, "Room control"). */
export const DEFAULT_SCOPE_NAMES = { write: 'rooms:write', join: 'rooms:join', admin: 'rooms:admin' } as const;

/** Who may run mutations in this request (built by `server/mutation-access.ts` from the config and the client's JWT). */
export interface MutationAccess {
  /** `client-auth`: the JWT's scopes decide; `development`: all allowed (`MUTATIONS_WITHOUT_AUTH`); `disabled`: none. */
  mode: 'client-auth' | 'development' | 'disabled';
  /** The JWT's `sub`; null without client auth. */
  subject: string | null;
  scopes: ReadonlySet<string>;
  scopeNames: { write: string; join: string; admin: string };
}

/** Remembers a write's first result under its idempotency key (in memory: `schema/idempotency-store.ts`). */
export interface IdempotencyStore {
  /**
   * Runs `task` once per key: a repeated key gets the first result (or joins the call in flight),
   * a failed task is forgotten so the key can be tried again. A key reused with another
   * `fingerprint` (another input) rejects with IDEMPOTENCY_KEY_REUSED.
   */
  run<T>(key: string, fingerprint: string, task: () => Promise<T>): Promise<T>;
}

/** What the room-control mutations of one request work with. */
export interface RoomControlScope {
  controls: ReadonlyMap<ProviderName, RoomControl>;
  access: MutationAccess;
  idempotency: IdempotencyStore;
  /** After a write: announces the room on the feed and gives its provider a fresh source, so later reads of this request see the change. */
  afterWrite(change: RoomChange): void;
}

/** Seals and opens connection cursors, so a cursor the gateway did not issue is refused (schema/cursors.ts). */
export interface CursorSigner {
  /** `base64url(payload).base64url(tag)`: opaque, short, URL-safe. */
  seal(payload: string): string;
  /** The payload of a sealed cursor; INVALID_CURSOR for anything else. */
  open(cursor: string): string;
}

/** What one request's context is made of. */
export interface ContextOptions {
  queryLimits: QueryLimits;
  /** The request's work signal: its deadline, its client's disconnect, the gateway's shutdown. */
  signal: AbortSignal;
  cursors: CursorSigner;
  roomChanges: RoomChangeFeed;
  access: MutationAccess;
  idempotency: IdempotencyStore;
  roomEvents: RoomEventSubscriptions;
}

/** A new context with empty per-request caches, whose upstream calls stop when `signal` aborts. */
export function createContext(providers: readonly VideoProvider[], options: ContextOptions): GatewayContext {
  const { signal } = options;
  const createSources = () => createLazyMap(providers, (provider) => provider.createSource({ signal }));
  const sources = createSources();
  const afterWrite = (change: RoomChange) => {
    options.roomChanges.announce(change);
    const provider = providers.find((candidate) => candidate.name === change.provider);
    if (provider) sources.set(provider.name, provider.createSource({ signal }));
  };
  return {
    sources,
    capabilities: new Map(providers.map((provider) => [provider.name, provider.capabilities])),
    partialFailures: [],
    queryLimits: options.queryLimits,
    signal,
    cursors: options.cursors,
    roomChanges: options.roomChanges,
    roomControl: {
      controls: createLazyMap(providers, (provider) => provider.createControl({ signal })),
      access: options.access,
      idempotency: options.idempotency,
      afterWrite,
    },
    roomEvents: options.roomEvents,
    createSources,
  };
}

/**
 * One value per provider, each made on its first `get` (all of them before any iteration): most
 * requests read one or two providers and a response-cache hit none, so a source or a room control
 * nobody asks for costs nothing. Making the three sources was a fifth of a cache hit's CPU.
 */
function createLazyMap<V>(providers: readonly VideoProvider[], make: (provider: VideoProvider) => V): Map<ProviderName, V> {
  return new LazyMap(new Map(providers.map((provider) => [provider.name, () => make(provider)])));
}

class LazyMap<K, V> extends Map<K, V> {
  readonly #makers: ReadonlyMap<K, () => V>;

  constructor(makers: ReadonlyMap<K, () => V>) {
    super();
    this.#makers = makers;
  }

  override get(key: K): V | undefined {
    const make = this.#makers.get(key);
    if (make && !super.has(key)) super.set(key, make());
    return super.get(key);
  }

  override has(key: K): boolean {
    return super.has(key) || this.#makers.has(key);
  }

  override get size(): number {
    return this.#filled().size;
  }

  override entries(): MapIterator<[K, V]> {
    return this.#filled().entries();
  }

  override keys(): MapIterator<K> {
    return this.#filled().keys();
  }

  override values(): MapIterator<V> {
    return this.#filled().values();
  }

  override [Symbol.iterator](): MapIterator<[K, V]> {
    return this.#filled().entries();
  }

  override forEach(callback: (value: V, key: K, map: Map<K, V>) => void, thisArg?: unknown): void {
    this.#filled();
    super.forEach(callback, thisArg);
  }

  /** Every value made, in the providers' order, as a plain Map for iteration. */
  #filled(): Map<K, V> {
    return new Map([...this.#makers.keys()].map((key) => [key, this.get(key)!]));
  }
}

/**
 * Runs one task per provider and keeps what succeeds. Failures are recorded against `path` (so
 * the response says which provider is missing from the field) unless every provider failed, in
 * which case the first failure is thrown and the field fails as a whole.
 */
export async function settleByProvider<T>(
  context: GatewayContext,
  path: readonly (string | number)[],
  providers: readonly ProviderName[],
  task: (provider: ProviderName) => Promise<T>,
): Promise<{ provider: ProviderName; value: T }[]> {
  const settled = await Promise.allSettled(providers.map(task));
  const failures = settled.flatMap((result) => (result.status === 'rejected' ? [result.reason as unknown] : []));
  if (failures.length > 0 && failures.length === providers.length) throw failures[0];
  for (const failure of failures) {
    if (!(failure instanceof GatewayError)) throw failure;
    context.partialFailures.push({ path, error: failure });
  }
  return settled.flatMap((result, index) => (result.status === 'fulfilled' ? [{ provider: providers[index]!, value: result.value }] : []));
}

/** The enabled providers in their stable rank, or just `only` when given. */
export function providersInScope(context: GatewayContext, only: ProviderName | null | undefined): ProviderName[] {
  return only ? [only] : PROVIDER_NAMES.filter((name) => context.sources.has(name));
}

/** The provider's source; throws PROVIDER_DISABLED when it is not configured. */
export function sourceFor(context: GatewayContext, provider: ProviderName): ProviderSource {
  const source = context.sources.get(provider);
  if (!source) throw new ProviderDisabledError(provider);
  return source;
}

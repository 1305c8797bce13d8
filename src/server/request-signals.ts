import { GraphQLError, type ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { RequestAbortedError } from '../domain/errors.js';
import { currentRequestScope } from './request-context.js';

/**
 * One AbortSignal per HTTP request, the union of the client's disconnect (yoga's `request.signal`),
 * the request's deadline and the gateway's shutdown; its reason is a RequestAbortedError
 * (REQUEST_CANCELLED, REQUEST_TIMEOUT, SHUTTING_DOWN). Upstream calls carry it, so nothing a request
 * started outlives it.
 */
export interface RequestSignals {
  /** The work signal of a request the plugin has seen (the request's own signal otherwise). */
  signalOf(request: Request): AbortSignal;
  /** Aborts every request in flight, and every later one, with SHUTTING_DOWN. */
  abortAll(): void;
  /** Requests whose work is still running. */
  inFlight(): number;
  /** Starts each request's signal and deadline, and ends execution when the signal aborts. */
  plugin: Plugin;
}

interface Tracked {
  controller: AbortController;
  release(): void;
}

/** Creates the registry of request signals with a deadline of `timeoutMs` per request. */
export function createRequestSignals(timeoutMs: number): RequestSignals {
  const tracked = new Map<Request, Tracked>();
  let shuttingDown = false;

  function start(request: Request): void {
    const controller = new AbortController();
    const abort = (code: 'REQUEST_TIMEOUT' | 'REQUEST_CANCELLED' | 'SHUTTING_DOWN') => controller.abort(new RequestAbortedError(code));
    const timer = setTimeout(() => abort('REQUEST_TIMEOUT'), timeoutMs);
    const onClientGone = () => abort('REQUEST_CANCELLED');
    request.signal.addEventListener('abort', onClientGone, { once: true });
    const release = () => {
      clearTimeout(timer);
      request.signal.removeEventListener('abort', onClientGone);
      tracked.delete(request);
    };
    // An aborted request has nothing left to track: release it as soon as it aborts.
    controller.signal.addEventListener('abort', release, { once: true });
    tracked.set(request, { controller, release });
    const scope = currentRequestScope();
    if (scope) scope.signal = controller.signal;
    if (shuttingDown) abort('SHUTTING_DOWN');
    else if (request.signal.aborted) onClientGone();
  }

  const plugin: Plugin = {
    onRequest: ({ request }) => start(request),
    onResponse: ({ request }) => tracked.get(request)?.release(),
    onExecute: ({ args, executeFn, setExecuteFn }) => {
      const signal = (args.contextValue as { signal?: AbortSignal }).signal;
      if (signal) setExecuteFn((executeArgs) => raceAbort(() => Promise.resolve(executeFn(executeArgs)) as Promise<ExecutionResult>, signal));
    },
  };

  return {
    signalOf: (request) => tracked.get(request)?.controller.signal ?? request.signal,
    abortAll: () => {
      shuttingDown = true;
      for (const { controller } of [...tracked.values()]) controller.abort(new RequestAbortedError('SHUTTING_DOWN'));
    },
    inFlight: () => tracked.size,
    plugin,
  };
}

/** The execution's result, or, once `signal` aborts first, a result holding only the abort's coded error. */
function raceAbort(execute: () => Promise<ExecutionResult>, signal: AbortSignal): Promise<ExecutionResult> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      const reason = signal.reason instanceof RequestAbortedError ? signal.reason : new RequestAbortedError('REQUEST_CANCELLED');
      resolve({ data: null, errors: [new GraphQLError(reason.message, { originalError: reason, extensions: { code: reason.code } })] });
    };
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    execute().then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

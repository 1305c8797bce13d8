import { AsyncLocalStorage } from 'node:async_hooks';

/** What the gateway knows about the request being served, for logs made deeper in the stack. */
export interface RequestScope {
  requestId: string;
  operationName: string | null;
  errorCodes: string[];
  /** The request's work signal (deadline, disconnect, shutdown), once `createRequestSignals` has made it. */
  signal?: AbortSignal;
}

const storage = new AsyncLocalStorage<RequestScope>();

/** Enters a request's scope for the rest of its asynchronous work. */
export function enterRequestScope(scope: RequestScope): void {
  storage.enterWith(scope);
}

/** The scope of the request being served; undefined outside one (start-up, tests of parts). */
export function currentRequestScope(): RequestScope | undefined {
  return storage.getStore();
}

import { toAbortError } from '../http/upstream-attempt.js';

/** Runs identical work once while it is in flight; see `createSingleFlight`. */
export interface SingleFlight {
  /**
   * The result of the work in flight under `key`, or of `work` started now. `signal` is this
   * caller's: when it aborts the caller leaves with the signal's reason; the work's own signal
   * aborts only when every caller waiting for it has left.
   */
  run<T>(key: string, work: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T>;
  /** How many distinct works are in flight. */
  size(): number;
}

interface Flight {
  promise: Promise<unknown>;
  controller: AbortController;
  waiters: number;
}

/**
 * Single flight across the requests of one process: the first caller starts the work, later
 * callers with the same key share its promise. The shared work is cancelled only when all its
 * callers are gone, so one request's disconnect never fails another's read.
 */
export function createSingleFlight(): SingleFlight {
  const flights = new Map<string, Flight>();
  const start = (key: string, work: (signal: AbortSignal) => Promise<unknown>): Flight => {
    const controller = new AbortController();
    const flight: Flight = { controller, waiters: 0, promise: Promise.resolve() };
    flight.promise = work(controller.signal).finally(() => {
      if (flights.get(key) === flight) flights.delete(key);
    });
    flights.set(key, flight);
    return flight;
  };
  return {
    run: <T>(key: string, work: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal) => {
      if (signal?.aborted) return Promise.reject(toAbortError(signal));
      const flight = flights.get(key) ?? start(key, work);
      flight.waiters += 1;
      if (!signal) return flight.promise as Promise<T>;
      return new Promise<T>((resolve, reject) => {
        const leave = () => {
          flight.waiters -= 1;
          if (flight.waiters === 0) {
            if (flights.get(key) === flight) flights.delete(key);
            flight.controller.abort(signal.reason);
          }
          reject(toAbortError(signal));
        };
        signal.addEventListener('abort', leave, { once: true });
        flight.promise.then(
          (value) => (signal.removeEventListener('abort', leave), resolve(value as T)),
          (error: unknown) => (signal.removeEventListener('abort', leave), reject(error)),
        );
      });
    },
    size: () => flights.size,
  };
}

/**
 * One subscriber's buffer of live events: bounded, so a slow subscriber costs at most `capacity`
 * events of memory and never holds up the others (publishing only appends here).
 */
import { GatewayError } from '../domain/errors.js';

/** The error that ends a subscriber `capacity` events behind (SUBSCRIPTION_OVERFLOW). */
export function overflowError(capacity: number): GatewayError {
  return new GatewayError('SUBSCRIPTION_OVERFLOW', `This subscriber fell ${capacity} events behind and was ended; refetch and subscribe again.`);
}

/** What a queue's `end` may carry: the stream then throws it after the buffered items. */
export type QueueEnd = Error | null;

export interface SubscriberQueue<T> {
  /** Appends `item`; false when the queue has ended, or when `capacity` items already wait: then the buffer is dropped and the stream fails with `overflowError()`. */
  push(item: T): boolean;
  /** Ends the stream: buffered items are still yielded, then `error` is thrown (or the stream completes). */
  end(error?: QueueEnd): void;
  /** Items waiting to be read. */
  size(): number;
  iterator: AsyncIterableIterator<T>;
}

/**
 * A bounded queue read as an async iterator. `onClose` runs once, when the stream is over for any
 * reason (completed, failed, or the reader called `return`), so its owner can forget it.
 */
export function createSubscriberQueue<T>(capacity: number, overflowError: () => Error, onClose: () => void): SubscriberQueue<T> {
  const items: T[] = [];
  let waiting: ((result: IteratorResult<T>) => void) | null = null;
  let failWaiting: ((error: Error) => void) | null = null;
  let ended: { error: QueueEnd } | null = null;
  let closed = false;

  const close = () => {
    if (closed) return;
    closed = true;
    onClose();
  };
  const end = (error: QueueEnd = null) => {
    if (ended) return;
    ended = { error };
    if (!waiting) return;
    const [resolve, reject] = [waiting, failWaiting!];
    waiting = failWaiting = null;
    close();
    if (!error) return resolve({ value: undefined, done: true });
    ended = { error: null };
    reject(error);
  };
  const finish = (): IteratorResult<T> => {
    close();
    items.length = 0;
    return { value: undefined, done: true };
  };

  const iterator: AsyncIterableIterator<T> = {
    next: () => {
      if (items.length > 0) return Promise.resolve({ value: items.shift()!, done: false });
      if (ended) {
        close();
        const { error } = ended;
        // A stream throws its error once; every later read is done (as a generator's would be).
        ended = { error: null };
        return error ? Promise.reject(error) : Promise.resolve(finish());
      }
      return new Promise((resolve, reject) => {
        waiting = resolve;
        failWaiting = reject;
      });
    },
    return: () => {
      end();
      return Promise.resolve(finish());
    },
    [Symbol.asyncIterator]: () => iterator,
  };

  return {
    push: (item) => {
      if (ended) return false;
      if (waiting) {
        const resolve = waiting;
        waiting = failWaiting = null;
        resolve({ value: item, done: false });
        return true;
      }
      if (items.length >= capacity) {
        // Lost events make the buffer's tail worthless: free it now, and tell the reader at once.
        items.length = 0;
        end(overflowError());
        return false;
      }
      items.push(item);
      return true;
    },
    end,
    size: () => items.length,
    iterator,
  };
}

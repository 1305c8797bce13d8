/** Small helpers the per-request provider sources share around their DataLoaders. */
import { createKeyedMemo } from './keyed-memo.js';

/** A lazy, once-per-source read; a failed read is forgotten, so a later field may try again. */
export function memo<T>(load: () => Promise<T>): () => Promise<T> {
  const read = createKeyedMemo<null, T>(load, () => '');
  return () => read(null);
}

/** DataLoader's loadMany reports errors per key; the source contract rejects instead. */
export function rethrow<T>(results: (T | Error)[]): T[] {
  for (const result of results) if (result instanceof Error) throw result;
  return results as T[];
}

/** A failure becomes the value of its key, so one bad id does not fail the others in its batch. */
export function settle<T>(promise: Promise<T>): Promise<T | Error> {
  return promise.catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
}

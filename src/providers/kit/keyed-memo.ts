/**
 * A per-source memo of reads by key: the first call for a key starts the read, later calls share
 * its promise. A failed read is forgotten, so a later field of the same request may try again
 * (and a transient failure is never served from the memo). `key` turns a key into a string.
 */
export function createKeyedMemo<K, V>(load: (key: K) => Promise<V>, key: (value: K) => string = String): (value: K) => Promise<V> {
  const reads = new Map<string, Promise<V>>();
  return (value) => {
    const id = key(value);
    let read = reads.get(id);
    if (!read) {
      read = load(value).catch((error: unknown) => {
        reads.delete(id);
        throw error;
      });
      reads.set(id, read);
    }
    return read;
  };
}

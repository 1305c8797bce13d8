import { sourceFor, type GatewayContext } from '../context.js';
import type { ProviderName } from '../domain/model.js';
import type { ProviderSource } from '../domain/provider.js';

/**
 * Loads objects by their internal keys, one batched source call per provider. A key that does not
 * parse, names a disabled provider or whose provider fails yields an Error in its slot, so one bad
 * id or one failing provider never fails the others.
 */
export async function loadByProvider<K extends { provider: ProviderName }, V>(
  context: GatewayContext,
  keys: readonly string[],
  parse: (key: string) => K,
  load: (source: ProviderSource, keys: K[]) => Promise<(V | null)[]>,
): Promise<(V | null | Error)[]> {
  const results: (V | null | Error)[] = new Array(keys.length).fill(null);
  const groups = new Map<ProviderName, { indexes: number[]; keys: K[] }>();
  keys.forEach((text, index) => {
    try {
      const key = parse(text);
      const group = groups.get(key.provider) ?? { indexes: [], keys: [] };
      group.indexes.push(index);
      group.keys.push(key);
      groups.set(key.provider, group);
    } catch (error) {
      results[index] = toError(error);
    }
  });
  await Promise.all(
    [...groups].map(async ([provider, group]) => {
      try {
        const values = await load(sourceFor(context, provider), group.keys);
        group.indexes.forEach((index, position) => (results[index] = values[position] ?? null));
      } catch (error) {
        for (const index of group.indexes) results[index] = toError(error);
      }
    }),
  );
  return results;
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

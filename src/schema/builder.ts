import SchemaBuilder from '@pothos/core';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import RelayPlugin from '@pothos/plugin-relay';
import type { GatewayContext } from '../context.js';
import { InvalidIdError } from '../domain/errors.js';

/** The types a global id may name. */
const NODE_TYPENAMES = new Set(['Room', 'PastRoom', 'Participant']);

/**
 * The one schema builder. Global ids are the relay plugin's base64 `Type:key`; decoding anything
 * else fails with INVALID_ID instead of a generic error.
 */
export const builder = new SchemaBuilder<{
  Context: GatewayContext;
  Scalars: { DateTime: { Input: Date; Output: Date } };
  Connection: { totalCount: number };
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
}>({
  plugins: [RelayPlugin, DataloaderPlugin],
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    edgesFieldOptions: { nullable: false },
    nodeFieldOptions: { nullable: false },
    decodeGlobalID: decodeGlobalId,
  },
});

function decodeGlobalId(globalId: string): { typename: string; id: string } {
  const text = /^[A-Za-z0-9+/_-]+={0,2}$/.test(globalId) ? Buffer.from(globalId, 'base64').toString('utf8') : '';
  const separator = text.indexOf(':');
  const typename = text.slice(0, separator);
  if (separator < 0 || !NODE_TYPENAMES.has(typename)) {
    throw new InvalidIdError(`"${globalId.slice(0, 80)}" is not a roomgraph id.`);
  }
  return { typename, id: text.slice(separator + 1) };
}

import SchemaBuilder from '@pothos/core';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import RelayPlugin, { resolveNodes } from '@pothos/plugin-relay';
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
  DefaultFieldNullability: false;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
}>({
  plugins: [RelayPlugin, DataloaderPlugin],
  defaultFieldNullability: false,
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    edgesFieldOptions: { nullable: false, description: 'The items of this page, in order.' },
    nodeFieldOptions: { nullable: false, description: 'The item.' },
    cursorFieldOptions: { description: 'Pass to `after` (or `before`) to continue from this item. Opaque.' },
    pageInfoFieldOptions: { description: 'Where this page stands in the whole list.' },
    nodeTypeOptions: { description: 'An object with a global id that `node` and `nodes` resolve.' },
    idFieldOptions: { description: 'Global id: opaque, stable, resolvable with `node`.' },
    pageInfoTypeOptions: { description: 'Relay page information.' },
    hasNextPageFieldOptions: { description: 'Whether items follow this page.' },
    hasPreviousPageFieldOptions: { description: 'Whether items precede this page.' },
    startCursorFieldOptions: { description: 'Cursor of the first item of the page; null when the page is empty.' },
    endCursorFieldOptions: { description: 'Cursor of the last item of the page; null when the page is empty.' },
    firstArgOptions: { description: 'Page forward: how many items (0 to 100, default 20).' },
    afterArgOptions: { description: 'Page forward from this cursor (exclusive).' },
    lastArgOptions: { description: 'Page backward: how many items before `before` (0 to 100).' },
    beforeArgOptions: { description: 'Page backward from this cursor (exclusive).' },
    nodeQueryOptions: {
      description: 'Any object by its global id; null when it no longer exists.',
      resolve: (_root, { id }, _context, _info, resolveNode) => (isValidId(id) ? resolveNode(id) : invalidId(id)),
    },
    nodesQueryOptions: {
      description: 'Many objects by global id, in the order given; batched per provider. A bad id fails only its own entry.',
      // Pothos' own resolveNodes callback ignores the ids it is given, so the exported helper is
      // called with the invalid entries blanked out (null entries are skipped, not loaded).
      resolve: (_root, { ids }, context, info): unknown[] => {
        const loaded: Promise<unknown[]> = resolveNodes(builder as never, context, info, ids.map((id) => (isValidId(id) ? id : null)));
        return ids.map((id, index) => (isValidId(id) ? loaded.then((nodes) => nodes[index]) : invalidId(id)));
      },
    },
    decodeGlobalID: decodeGlobalId,
  },
});

/** Stands in for the typename of an id that did not decode, so `nodes` can fail just that entry. */
const INVALID_TYPENAME = '#invalid';

/** Decodes relay's base64 `Type:key`; anything else becomes an invalid marker, refused when resolved. */
function decodeGlobalId(globalId: string): { typename: string; id: string } {
  const text = /^[A-Za-z0-9+/_-]+={0,2}$/.test(globalId) ? Buffer.from(globalId, 'base64').toString('utf8') : '';
  const separator = text.indexOf(':');
  const typename = text.slice(0, separator);
  if (separator < 0 || !NODE_TYPENAMES.has(typename)) return { typename: INVALID_TYPENAME, id: globalId };
  return { typename, id: text.slice(separator + 1) };
}

function isValidId(id: { typename: string }): boolean {
  return id.typename !== INVALID_TYPENAME;
}

function invalidId(id: { id: string }): InvalidIdError {
  return new InvalidIdError(`"${id.id.slice(0, 80)}" is not a roomgraph id.`);
}

import SchemaBuilder from '@pothos/core';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import ComplexityPlugin from '@pothos/plugin-complexity';
import DirectivesPlugin from '@pothos/plugin-directives';
import FederationPlugin from '@pothos/plugin-federation';
import RelayPlugin, { resolveNodes } from '@pothos/plugin-relay';
import type { GatewayContext } from '../context.js';
import { fieldCost, queryLimitError } from './query-cost.js';
import { decodeGlobalId, invalidId, isValidId } from './global-ids.js';


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
  plugins: [RelayPlugin, DataloaderPlugin, ComplexityPlugin, DirectivesPlugin, FederationPlugin],
  complexity: {
    fieldComplexity: fieldCost,
    limit: (context) => ({ complexity: context.queryLimits.maxCost, depth: context.queryLimits.maxDepth, breadth: context.queryLimits.maxBreadth }),
    complexityError: (kind, result) => queryLimitError(kind, result),
  },
  defaultFieldNullability: false,
  relay: {
    clientMutationId: 'optional',
    clientMutationIdInputOptions: { description: 'Any string the client chooses; the payload echoes it. Not an idempotency key.' },
    clientMutationIdFieldOptions: { description: "The input's `clientMutationId`, echoed." },
    cursorType: 'String',
    edgesFieldOptions: { nullable: false, description: 'The items of this page, in order.' },
    nodeFieldOptions: { nullable: false, description: 'The item.' },
    cursorFieldOptions: { description: 'Pass to `after` (or `before`) to continue from this item. Opaque.' },
    pageInfoFieldOptions: { description: 'Where this page stands in the whole list.' },
    nodeTypeOptions: { description: 'An object with a global id that `node` and `nodes` resolve.' },
    idFieldOptions: { description: 'Global id: opaque, stable, resolvable with `node`.' },
    // Other subgraphs define PageInfo and node/nodes too: shareable, so the supergraph composes.
    pageInfoTypeOptions: { description: 'Relay page information.', shareable: true },
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
      shareable: true,
      resolve: (_root, { id }, _context, _info, resolveNode) => (isValidId(id) ? resolveNode(id) : invalidId(id)),
    },
    nodesQueryOptions: {
      description: 'Many objects by global id (at most 100, each at most 256 characters), in the order given; batched per provider. A bad id fails only its own entry.',
      shareable: true,
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

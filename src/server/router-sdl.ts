import { timingSafeEqual, createHash } from 'node:crypto';
import { GraphQLError, visit, type DocumentNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/** The header a federation router presents to read `_service { sdl }` with introspection off. */
export const ROUTER_SECRET_HEADER = 'x-router-secret';

/**
 * With introspection off, `_service { sdl }` would still hand out the whole schema: this closes it
 * to everyone but a router that sends `routerSecret` in `x-router-secret` (none when unset).
 * `_entities` stays open: it resolves objects by id like `node`.
 */
export function useRouterOnlySdl(routerSecret: string | null): Plugin {
  const expected = routerSecret === null ? null : digest(routerSecret);
  return {
    onExecute: ({ args, setResultAndStopExecution }) => {
      if (!selectsService(args.document)) return;
      const request = (args.contextValue as { request?: Request }).request;
      const given = request?.headers.get(ROUTER_SECRET_HEADER);
      if (expected !== null && given && timingSafeEqual(digest(given), expected)) return;
      setResultAndStopExecution({
        errors: [new GraphQLError('`_service` is only served to the federation router.', { extensions: { code: 'FORBIDDEN' } })],
      });
    },
  };
}

function selectsService(document: DocumentNode): boolean {
  let found = false;
  visit(document, { Field: (node) => void (found ||= node.name.value === '_service') });
  return found;
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

import { GraphQLError } from 'graphql';
import type { MaskError } from 'graphql-yoga';
import { GatewayError } from './domain/errors.js';

/**
 * The yoga error mask: the second and last place errors are translated. A GatewayError (wrapped by
 * graphql-js or not) keeps its message and becomes `extensions.code` plus its own extensions;
 * anything else is an unexpected fault and is masked as INTERNAL_SERVER_ERROR, message and stack
 * withheld, so nothing of a secret can leak through it.
 */
export const maskError: MaskError = (error, message) => {
  const gatewayError = findGatewayError(error);
  if (gatewayError) {
    const original = error instanceof GraphQLError ? error : null;
    return new GraphQLError(gatewayError.message, {
      nodes: original?.nodes,
      source: original?.source,
      positions: original?.positions,
      path: original?.path,
      extensions: { ...gatewayError.extensions, code: gatewayError.code },
    });
  }
  if (error instanceof GraphQLError && !error.originalError) return error;
  const original = error instanceof GraphQLError ? error : null;
  return new GraphQLError(message, {
    nodes: original?.nodes,
    path: original?.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  });
};

function findGatewayError(error: unknown): GatewayError | null {
  for (let current = error, depth = 0; current && depth < 5; depth += 1) {
    if (current instanceof GatewayError) return current;
    current = (current as { originalError?: unknown }).originalError;
  }
  return null;
}

import { GraphQLError } from 'graphql';
import type { MaskError } from 'graphql-yoga';
import { findGatewayError } from '../domain/errors.js';

/**
 * The yoga error mask: the second and last place errors are translated. A GatewayError (wrapped by
 * graphql-js or not) keeps its message and becomes `extensions.code` plus its own extensions;
 * anything else is an unexpected fault and is masked as INTERNAL_SERVER_ERROR, message and stack
 * withheld, so nothing of a secret can leak through it. GraphQL errors of the request itself
 * (parse, validation, CSRF, auth) keep their message and get a code when they have none.
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
  // Errors of the request itself (parse, validation, variables, CSRF, auth) have no path.
  if (error instanceof GraphQLError && (!error.originalError || !error.path)) return withCode(error);
  const original = error instanceof GraphQLError ? error : null;
  return new GraphQLError(message, {
    nodes: original?.nodes,
    path: original?.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  });
};

/** Codes for request errors that yoga and its plugins raise without one, by HTTP status or message. */
function withCode(error: GraphQLError): GraphQLError {
  if (typeof error.extensions.code === 'string') return error;
  const status = (error.extensions.http as { status?: number } | undefined)?.status;
  const code = REQUEST_ERROR_CODES.find(([test]) => test(error.message, status))?.[1] ?? 'GRAPHQL_VALIDATION_FAILED';
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    extensions: { ...error.extensions, code },
  });
}

const REQUEST_ERROR_CODES: [(message: string, status: number | undefined) => boolean, string][] = [
  [(_message, status) => status === 401, 'UNAUTHENTICATED'],
  [(message) => /CSRF/.test(message), 'CSRF_HEADER_REQUIRED'],
  [(_message, status) => status === 403, 'FORBIDDEN'],
  [(message) => /depth limit/i.test(message), 'QUERY_TOO_DEEP'],
  [(message) => /aliases limit/i.test(message), 'TOO_MANY_ALIASES'],
  [(message) => /directives limit/i.test(message), 'TOO_MANY_DIRECTIVES'],
  [(message) => /persisted/i.test(message), 'PERSISTED_QUERY_NOT_FOUND'],
  [(message) => /^Variable "\$/.test(message), 'BAD_USER_INPUT'],
];

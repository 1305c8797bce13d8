import { GraphQLError } from 'graphql';
import type { MaskError } from 'graphql-yoga';
import { findGatewayError, MAX_CLIENT_MESSAGE_LENGTH, toEcho, UpstreamError, type GatewayError } from '../domain/errors.js';

/** How the mask treats messages: suggestions are withheld with introspection off; what only the log may read goes there. */
export interface ErrorMaskOptions {
  hideSuggestions: boolean;
  /** Told of each upstream error with its full internal message (the provider's words). */
  logUpstreamError?: (error: GatewayError) => void;
}

/**
 * The yoga error mask: the second and last place errors are translated. A GatewayError (wrapped by
 * graphql-js or not) becomes its client message (an upstream error: a fixed sentence per code, the
 * provider's words going to the log) plus `extensions.code` and its own extensions; anything else is
 * an unexpected fault and is masked as INTERNAL_SERVER_ERROR, message and stack withheld. GraphQL
 * errors of the request itself (parse, validation, CSRF, auth) keep their message, truncated and,
 * when `hideSuggestions`, without "Did you mean" hints, and get a code when they have none.
 */
export function createErrorMask(options: ErrorMaskOptions): MaskError {
  return (error, message) => {
    const gatewayError = findGatewayError(error);
    const original = error instanceof GraphQLError ? error : null;
    if (gatewayError) {
      if (gatewayError instanceof UpstreamError) options.logUpstreamError?.(gatewayError);
      return new GraphQLError(gatewayError.clientMessage(), {
        nodes: original?.nodes,
        source: original?.source,
        positions: original?.positions,
        path: original?.path,
        extensions: { ...gatewayError.extensions, code: gatewayError.code },
      });
    }
    // Errors of the request itself (parse, validation, variables, CSRF, auth) have no path.
    if (error instanceof GraphQLError && (!error.originalError || !error.path)) return withCode(error, options.hideSuggestions);
    return new GraphQLError(message, { nodes: original?.nodes, path: original?.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  };
}

/** A request error with a code (by HTTP status or message), its message bounded and stripped of suggestions when asked. */
function withCode(error: GraphQLError, hideSuggestions: boolean): GraphQLError {
  const status = (error.extensions.http as { status?: number } | undefined)?.status;
  const code =
    typeof error.extensions.code === 'string'
      ? error.extensions.code
      : (REQUEST_ERROR_CODES.find(([test]) => test(error.message, status))?.[1] ?? 'GRAPHQL_VALIDATION_FAILED');
  const text = hideSuggestions ? error.message.replace(/ ?Did you mean [^?]*\?/g, '') : error.message;
  return new GraphQLError(toEcho(text, MAX_CLIENT_MESSAGE_LENGTH), {
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

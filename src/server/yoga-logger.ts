import type { YogaLogger } from '@graphql-yoga/logger';
import { GraphQLError } from 'graphql';
import type { MaskError } from 'graphql-yoga';
import { findGatewayError } from '../domain/errors.js';
import type { Logger } from './logging.js';
import { currentRequestScope } from './request-context.js';

/** Yoga's logger and error mask, sharing one memory of the errors already logged. */
export interface ErrorReporting {
  logger: YogaLogger;
  maskError: MaskError;
}

/**
 * Yoga's logger, on pino, and the error mask that logs what it masks. What yoga reports as an
 * error is sorted: a client's mistake or an expected outcome (a GatewayError, a GraphQL error of
 * the request such as a bad variable, a depth refusal, a missing CSRF header, a 401) goes to
 * `info` with its code and the request id, no stack; anything else is unexpected and goes to
 * `error` with its stack, once per error.
 */
export function createErrorReporting(logger: Logger, maskError: MaskError): ErrorReporting {
  const logged = new WeakSet<object>();
  /** Whether this error was logged already (yoga reports some errors twice); remembers it if not. */
  const seen = (error: unknown) => {
    const root = rootOf(error);
    if (typeof root !== 'object' || root === null) return false;
    if (logged.has(root)) return true;
    logged.add(root);
    return false;
  };
  const reportUnexpected = (error: unknown) => {
    if (!seen(error)) logger.error({ msg: 'unexpected error', requestId: currentRequestScope()?.requestId, err: rootOf(error) });
  };
  return {
    logger: {
      debug: (...args: unknown[]) => logger.debug({ detail: args.map(String) }, 'yoga'),
      info: (...args: unknown[]) => logger.info({ detail: args.map(String) }, 'yoga'),
      warn: (...args: unknown[]) => logger.warn({ detail: args.map(String) }, 'yoga'),
      error: (...args: unknown[]) => {
        const error = args.find((arg) => arg instanceof Error) ?? args[0];
        const masked = maskError(error, 'Unexpected error.', false) as GraphQLError;
        const code = String(masked.extensions?.code);
        if (code === 'INTERNAL_SERVER_ERROR') reportUnexpected(error);
        else if (!seen(error)) logger.info({ msg: 'request error', requestId: currentRequestScope()?.requestId, code, message: masked.message });
      },
    },
    maskError: (error, message, isDev) => {
      const masked = maskError(error, message, isDev) as GraphQLError;
      if (masked.extensions?.code === 'INTERNAL_SERVER_ERROR' && !findGatewayError(error)) reportUnexpected(error);
      return masked;
    },
  };
}

/** The error a chain of GraphQL wrappers carries (graphql-js keeps the thrown one as `originalError`). */
function rootOf(error: unknown): unknown {
  let current = error;
  for (let depth = 0; current instanceof GraphQLError && current.originalError && depth < 5; depth += 1) current = current.originalError;
  return current;
}

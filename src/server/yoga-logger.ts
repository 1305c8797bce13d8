import type { YogaLogger } from '@graphql-yoga/logger';
import { GraphQLError } from 'graphql';
import { findGatewayError } from '../domain/errors.js';
import type { Logger } from './logging.js';
import { currentRequestScope } from './request-context.js';

/**
 * Yoga's logger, on pino. What yoga reports as an error is sorted: a client's mistake or an
 * expected outcome (a GatewayError, a GraphQL error of the request such as a bad variable, a depth
 * refusal, a missing CSRF header, a 401) goes to `info` with its code and the request id and no
 * stack; anything else is unexpected and goes to `error` with its stack, once per error object.
 */
export function toYogaLogger(logger: Logger): YogaLogger {
  const logged = new WeakSet<object>();
  return {
    debug: (...args: unknown[]) => logger.debug({ detail: args.map(String) }, 'yoga'),
    info: (...args: unknown[]) => logger.info({ detail: args.map(String) }, 'yoga'),
    warn: (...args: unknown[]) => logger.warn({ detail: args.map(String) }, 'yoga'),
    error: (...args: unknown[]) => {
      const requestId = currentRequestScope()?.requestId;
      const error = args.find((arg): arg is Error => arg instanceof Error);
      if (error && logged.has(error)) return;
      if (error) logged.add(error);
      const clientError = toClientError(error);
      if (clientError) logger.info({ msg: 'request error', requestId, ...clientError });
      else logger.error({ msg: 'unexpected error', requestId, err: error ?? String(args[0]) });
    },
  };
}

/** The code and message of an error that is the client's or an upstream's doing; null otherwise. */
function toClientError(error: Error | undefined): { code: string; message: string } | null {
  const gatewayError = findGatewayError(error);
  if (gatewayError) return { code: gatewayError.code, message: gatewayError.message };
  if (!(error instanceof GraphQLError)) return null;
  const status = (error.extensions.http as { status?: number } | undefined)?.status;
  const isRequestError = !error.originalError || (status !== undefined && status < 500);
  if (!isRequestError || (status !== undefined && status >= 500)) return null;
  return { code: typeof error.extensions.code === 'string' ? error.extensions.code : 'GRAPHQL_VALIDATION_FAILED', message: error.message };
}

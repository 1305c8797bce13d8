import type { YogaLogger } from '@graphql-yoga/logger';
import { findGatewayError } from '../domain/errors.js';
import type { Logger } from './logging.js';

/**
 * Yoga's logger, on pino. The errors yoga reports that are GatewayErrors are expected outcomes
 * (bad input, a failing upstream) already answered with a code: they go to `debug`, not `error`.
 */
export function toYogaLogger(logger: Logger): YogaLogger {
  return {
    debug: (...args: unknown[]) => logger.debug({ detail: args.map(String) }, 'yoga'),
    info: (...args: unknown[]) => logger.info({ detail: args.map(String) }, 'yoga'),
    warn: (...args: unknown[]) => logger.warn({ detail: args.map(String) }, 'yoga'),
    error: (...args: unknown[]) => {
      const gatewayError = args.map(findGatewayError).find(Boolean);
      if (gatewayError) logger.debug({ code: gatewayError.code, message: gatewayError.message }, 'request error');
      else logger.error({ err: args.find((arg) => arg instanceof Error) ?? String(args[0]) }, 'unexpected error');
    },
  };
}

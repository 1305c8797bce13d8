import type { Plugin } from 'graphql-yoga';
import type { GatewayContext } from '../context.js';
import type { Logger } from './logging.js';
import { currentRequestScope } from './request-context.js';

/**
 * Logs each partial failure (a provider missing from a field that still answered) at `warn`, with
 * the provider, the code and the field path, tied to the request id. At most 20 lines a request.
 */
export function useErrorLog(logger: Logger): Plugin {
  return {
    onExecute: ({ args }) => ({
      onExecuteDone: () => {
        const failures = (args.contextValue as unknown as GatewayContext).partialFailures ?? [];
        const requestId = currentRequestScope()?.requestId;
        for (const { path, error } of failures.slice(0, 20)) {
          const provider = typeof error.extensions.provider === 'string' ? error.extensions.provider : undefined;
          logger.warn({ msg: 'partial failure', requestId, provider, code: error.code, path: path.join('.'), message: error.message });
        }
      },
    }),
  };
}

import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { GatewayContext } from '../context.js';
import { providerLabel, UpstreamError, type GatewayError } from '../domain/errors.js';
import type { ProviderName } from '../domain/model.js';

/**
 * Adds the failures of fields that answered with partial data to the response's `errors`, each on
 * the field's path with the failure's code and provider, so a merged list is never presented as
 * complete when a provider is missing from it. Clients read each failure's client message; an
 * upstream failure's full message goes to `logUpstreamError`.
 */
export function usePartialFailures(logUpstreamError?: (error: GatewayError) => void): Plugin<GatewayContext> {
  return {
    onExecute: ({ args }) => ({
      onExecuteDone: ({ result, setResult }) => {
        const failures = (args.contextValue as GatewayContext).partialFailures;
        if (failures.length === 0 || !('data' in result) || Symbol.asyncIterator in result) return;
        const errors = failures.map(({ path, error }) => {
          if (error instanceof UpstreamError) logUpstreamError?.(error);
          const provider = typeof error.extensions.provider === 'string' ? error.extensions.provider.toLowerCase() : null;
          const missing = provider ? ` ${providerLabel(provider as ProviderName)}'s results are missing from this field.` : '';
          return new GraphQLError(`${error.clientMessage()}.${missing}`, { path, extensions: { ...error.extensions, code: error.code, partial: true } });
        });
        setResult({ ...result, errors: [...(result.errors ?? []), ...errors] });
      },
    }),
  };
}

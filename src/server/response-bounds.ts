import { GraphQLError, type ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/**
 * Caps the errors one response carries at `maxErrors` (validation and execution alike): past it, the
 * last slot holds a TOO_MANY_ERRORS entry counting the rest. With every message already bounded by
 * the error mask, a small request can no longer make a response of megabytes.
 */
export function useErrorCeiling(maxErrors: number): Plugin {
  return {
    onValidate: () => ({ result, setResult }) => {
      if (result.length > maxErrors) setResult(capErrors(result, maxErrors));
    },
    onExecute: () => ({
      onExecuteDone: ({ result, setResult }) => {
        if (Symbol.asyncIterator in result) return;
        const errors = (result as ExecutionResult).errors;
        if (errors && errors.length > maxErrors) setResult({ ...(result as ExecutionResult), errors: capErrors(errors, maxErrors) });
      },
    }),
  };
}

function capErrors<E extends Error>(errors: readonly E[], maxErrors: number): (E | GraphQLError)[] {
  const omitted = errors.length - (maxErrors - 1);
  const summary = new GraphQLError(`${omitted} more errors were left out of this response.`, { extensions: { code: 'TOO_MANY_ERRORS', omitted } });
  return [...errors.slice(0, maxErrors - 1), summary];
}

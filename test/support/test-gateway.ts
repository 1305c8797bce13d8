import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type GraphQLFormattedError } from 'graphql';
import { parseConfig } from '../../src/config.js';
import { createGateway, type Gateway } from '../../src/gateway.js';

export interface ExecutionResult<TData> {
  data?: TData | null;
  errors?: (GraphQLFormattedError & { extensions?: { code?: string; provider?: string } })[];
}

export interface TestGateway {
  gateway: Gateway;
  execute<TData, TVariables>(document: TypedDocumentNode<TData, TVariables>, variables?: TVariables): Promise<ExecutionResult<TData>>;
  /** Sends a raw GraphQL request body (for queries that are not in test/documents). */
  post(body: unknown, headers?: Record<string, string>): Promise<{ status: number; json: ExecutionResult<Record<string, unknown>> }>;
  close(): Promise<void>;
}

/**
 * A gateway configured from the given environment, called in process through `yoga.fetch`. The
 * cross-request cache is off unless `env` turns it on (CACHE_ENABLED): most tests change the
 * simulators or inject faults between requests and assert what the upstreams answer.
 */
export function createTestGateway(env: Record<string, string>): TestGateway {
  // Quiet unless a test asks for logs: LOG_LEVEL in `env` wins.
  const gateway = createGateway(parseConfig({ LOG_LEVEL: 'silent', CACHE_ENABLED: 'false', ...env }));
  const post = async (body: unknown, headers: Record<string, string> = {}) => {
    const response = await gateway.yoga.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: response.status, json: (await response.json()) as ExecutionResult<Record<string, unknown>> };
  };
  return {
    gateway,
    post,
    execute: async (document, variables) => (await post({ query: print(document), variables })).json as never,
    close: () => gateway.close(),
  };
}

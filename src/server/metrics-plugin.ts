import type { ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { GatewayMetrics, RequestOutcome } from './metrics.js';
import { currentRequestScope } from './request-context.js';

/**
 * Records every GraphQL request (operation name, outcome, duration, error codes) and, when
 * `serveEndpoint`, answers `GET /metrics` with the Prometheus exposition.
 */
export function useMetrics(metrics: GatewayMetrics, options: { graphqlPath: string; serveEndpoint: boolean }): Plugin {
  const started = new WeakMap<Request, number>();
  const outcomes = new WeakMap<Request, RequestOutcome['outcome']>();
  return {
    onRequest: async ({ request, url, endResponse, fetchAPI }) => {
      if (options.serveEndpoint && url.pathname === '/metrics' && request.method === 'GET') {
        const { contentType, body } = await metrics.render();
        endResponse(new fetchAPI.Response(body, { status: 200, headers: { 'content-type': contentType } }));
        return;
      }
      if (url.pathname === options.graphqlPath) started.set(request, performance.now());
    },
    onResultProcess: ({ request, result }) => {
      outcomes.set(request, toOutcome(result));
    },
    onResponse: ({ request, response }) => {
      const start = started.get(request);
      if (start === undefined) return;
      const scope = currentRequestScope();
      const outcome = response.status >= 400 ? 'error' : (outcomes.get(request) ?? 'success');
      metrics.recordRequest({
        operationName: scope?.operationName ?? null,
        outcome,
        durationSeconds: (performance.now() - start) / 1000,
        errorCodes: scope?.errorCodes ?? [],
      });
    },
  };
}

function toOutcome(result: unknown): RequestOutcome['outcome'] {
  if (Array.isArray(result)) return 'success';
  if (result && typeof result === 'object' && Symbol.asyncIterator in result) return 'streamed';
  const { data, errors } = result as ExecutionResult;
  if (!errors?.length) return 'success';
  return data ? 'partial' : 'error';
}

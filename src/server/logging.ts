import { randomUUID } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';
import { pino, type DestinationStream, type Logger } from 'pino';
import { currentRequestScope, enterRequestScope } from './request-context.js';

export type { Logger } from 'pino';

/**
 * The process logger: JSON lines on stdout (or `destination`). Nothing that could hold a secret
 * is ever passed to it: no headers, no bodies, no configuration values.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino({ level, base: { service: 'roomgraph' }, timestamp: pino.stdTimeFunctions.isoTime }, destination);
}

/** A request id from the caller when it is a sane token, else a fresh one. */
function requestIdOf(request: Request): string {
  const given = request.headers.get('x-request-id');
  return given && /^[\w.:-]{1,128}$/.test(given) ? given : randomUUID();
}

/**
 * One log line per request (id, method, path, status, duration, operation, error codes), and the
 * request id echoed in `x-request-id` and made available to the upstream-call logs.
 */
export function useRequestLog(logger: Logger): Plugin {
  const started = new WeakMap<Request, number>();
  return {
    onRequest: ({ request }) => {
      started.set(request, performance.now());
      enterRequestScope({ requestId: requestIdOf(request), operationName: null, errorCodes: [] });
    },
    onParams: ({ params }) => {
      const scope = currentRequestScope();
      if (scope && typeof params.operationName === 'string') scope.operationName = params.operationName;
    },
    // The final result, after the error mask: its codes are the ones the client sees.
    onResultProcess: ({ result }) => {
      const scope = currentRequestScope();
      if (scope) scope.errorCodes = toErrorCodes(result);
    },
    onResponse: ({ request, response }) => {
      const scope = currentRequestScope();
      if (scope) response.headers.set('x-request-id', scope.requestId);
      const url = new URL(request.url);
      logger.info({
        msg: 'request',
        requestId: scope?.requestId,
        method: request.method,
        path: url.pathname,
        status: response.status,
        durationMs: Math.round(performance.now() - (started.get(request) ?? performance.now())),
        operationName: scope?.operationName ?? undefined,
        errorCodes: scope?.errorCodes.length ? scope.errorCodes : undefined,
      });
    },
  };
}

/** The `extensions.code` of each error of a result (at most 50); streamed results report none here. */
function toErrorCodes(result: unknown): string[] {
  if (!result || typeof result !== 'object' || Array.isArray(result) || Symbol.asyncIterator in result) return [];
  const errors = (result as { errors?: readonly { extensions?: { code?: unknown } }[] }).errors ?? [];
  return errors.slice(0, 50).map((error) => String(error.extensions?.code ?? 'UNKNOWN'));
}

import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Span, type TextMapGetter, type Tracer } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import type { DocumentNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { toEndpointLabel } from './metric-labels.js';
import { currentRequestScope, type RequestScope } from './request-context.js';
import type { TracingConfig } from './tracing-config.js';
import type { UpstreamAttemptObserver, UpstreamAttemptStart } from '../domain/upstream-attempts.js';

/** Spans of requests and upstream attempts, exported over OTLP/HTTP; a no-op when tracing is off. */
export interface GatewayTracing {
  /** The yoga plugin that opens a server span per GraphQL request (child of the client's `traceparent`). */
  plugin: Plugin;
  /** Subscribed to the HTTP layer: a client span per upstream attempt, whose context goes upstream as `traceparent`. */
  onAttemptStart: ((start: UpstreamAttemptStart) => UpstreamAttemptObserver | undefined) | undefined;
  /** Flushes the spans not yet exported. */
  shutdown(): Promise<void>;
}

const propagator = new W3CTraceContextPropagator();
const headerGetter: TextMapGetter<Headers> = {
  get: (headers, key) => headers.get(key) ?? undefined,
  keys: (headers) => [...headers.keys()],
};

/** Creates the tracer provider (not registered globally: nothing else in the process is affected). */
export function createTracing(config: TracingConfig | null): GatewayTracing {
  if (!config) return { plugin: {}, onAttemptStart: undefined, shutdown: async () => {} };
  const resource = resourceFromAttributes({ [ATTR_SERVICE_NAME]: config.serviceName }).merge(detectResources({ detectors: [envDetector] }));
  const provider = new NodeTracerProvider({
    resource,
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: config.url }))],
  });
  const tracer = provider.getTracer('roomgraph');
  const requestSpans = new WeakMap<RequestScope, Span>();
  return {
    plugin: createRequestSpans(tracer, requestSpans),
    onAttemptStart: (start) => {
      const scope = currentRequestScope();
      const parent = scope ? requestSpans.get(scope) : undefined;
      const endpoint = toEndpointLabel(start.path);
      const span = tracer.startSpan(`${start.method} ${endpoint}`, {
        kind: SpanKind.CLIENT,
        attributes: {
          'roomgraph.provider': start.provider,
          'http.request.method': start.method,
          'url.template': endpoint,
          'roomgraph.upstream.attempt': start.attempt,
          'http.request.resend_count': start.attempt - 1,
        },
      }, parent ? trace.setSpan(ROOT_CONTEXT, parent) : ROOT_CONTEXT);
      const headers: Record<string, string> = {};
      propagator.inject(trace.setSpan(ROOT_CONTEXT, span), headers, { set: (carrier, key, value) => void (carrier[key] = value) });
      return {
        headers,
        end: (event) => {
          if (event.status !== null) span.setAttribute('http.response.status_code', event.status);
          span.setAttribute('roomgraph.upstream.outcome', event.outcome);
          if (event.outcome !== 'ok') span.setStatus({ code: SpanStatusCode.ERROR, message: event.outcome });
          span.end();
        },
      };
    },
    shutdown: () => provider.shutdown(),
  };
}

/** A server span per request to the GraphQL endpoint, named after the operation once it is known. */
function createRequestSpans(tracer: Tracer, requestSpans: WeakMap<RequestScope, Span>): Plugin {
  const spans = new WeakMap<Request, Span>();
  return {
    onRequest: ({ request, url }) => {
      const parent = propagator.extract(ROOT_CONTEXT, request.headers, headerGetter);
      const span = tracer.startSpan(`${request.method} ${url.pathname}`, {
        kind: SpanKind.SERVER,
        attributes: { 'http.request.method': request.method, 'url.path': url.pathname },
      }, parent);
      spans.set(request, span);
      const scope = currentRequestScope();
      if (scope) requestSpans.set(scope, span);
    },
    onExecute: ({ args }) => {
      const scope = currentRequestScope();
      const span = scope ? requestSpans.get(scope) : undefined;
      const operation = (args.document as DocumentNode).definitions.find((definition) => definition.kind === 'OperationDefinition');
      if (!span || !operation || operation.kind !== 'OperationDefinition') return;
      const name = args.operationName ?? operation.name?.value;
      span.setAttribute('graphql.operation.type', operation.operation);
      if (name) span.setAttribute('graphql.operation.name', name.slice(0, 100));
      span.updateName(`${operation.operation} ${name?.slice(0, 100) ?? 'anonymous'}`);
    },
    onResponse: ({ request, response }) => {
      const span = spans.get(request);
      if (!span) return;
      const codes = currentRequestScope()?.errorCodes ?? [];
      span.setAttribute('http.response.status_code', response.status);
      if (codes.length) span.setAttribute('roomgraph.error_codes', codes);
      if (response.status >= 500 || codes.includes('INTERNAL_SERVER_ERROR')) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    },
  };
}

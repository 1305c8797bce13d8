/**
 * GraphQL over WebSocket (`graphql-transport-ws`, the protocol of graphql-ws, Apollo Client's
 * GraphQLWsLink and urql) on the gateway's `/graphql` path, beside Yoga's HTTP and SSE. Each
 * operation runs through the same yoga plugins (error mask, client auth) with a context whose
 * signal aborts when the operation completes or the socket closes.
 */
import type { IncomingHttpHeaders, Server } from 'node:http';
import { GraphQLError, type ExecutionArgs } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { YogaServerInstance } from 'graphql-yoga';
import type { GatewayContext } from '../context.js';

/** Bounds of the WebSocket endpoint. */
export interface GraphqlWsLimits {
  /** The largest message a client may send. */
  maxPayloadBytes: number;
}

type EnvelopedRoot = { execute: (args: ExecutionArgs) => unknown; subscribe: (args: ExecutionArgs) => unknown };

/** Serves graphql-ws on `server` for the gateway's `yoga`; `close` ends every socket. */
export function attachGraphqlWs(server: Server, yoga: YogaServerInstance<Record<string, unknown>, GatewayContext>, limits: GraphqlWsLimits): { close(): Promise<void> } {
  const sockets = new WebSocketServer({ server, path: '/graphql', maxPayload: limits.maxPayloadBytes });
  const operations = new Map<string, AbortController>();
  const keyOf = (socket: object, id: string) => `${socketIds.get(socket) ?? 0}:${id}`;
  const socketIds = new WeakMap<object, number>();
  let nextSocketId = 1;
  useServer(
    {
      execute: (args) => (args.rootValue as EnvelopedRoot).execute(args) as never,
      subscribe: (args) => (args.rootValue as EnvelopedRoot).subscribe(args) as never,
      onConnect: (context) => void socketIds.set(context.extra.socket, nextSocketId++),
      onSubscribe: async (context, id, params) => {
        const controller = new AbortController();
        operations.set(keyOf(context.extra.socket, id), controller);
        const authorization = context.connectionParams?.authorization;
        const request = new Request('http://gateway.ws/graphql', {
          method: 'POST',
          signal: controller.signal,
          headers: toHeaders(context.extra.request.headers, typeof authorization === 'string' ? authorization : undefined),
        });
        try {
          const enveloped = yoga.getEnveloped({ request, params });
          const document = enveloped.parse(params.query);
          const errors = enveloped.validate(enveloped.schema, document);
          if (errors.length > 0) return errors;
          const contextValue = await enveloped.contextFactory();
          const rootValue: EnvelopedRoot = { execute: enveloped.execute, subscribe: enveloped.subscribe };
          return { schema: enveloped.schema, document, contextValue, rootValue, operationName: params.operationName, variableValues: params.variables };
        } catch (error) {
          return [toRefusal(error)];
        }
      },
      onComplete: (context, id) => {
        const key = keyOf(context.extra.socket, id);
        operations.get(key)?.abort();
        operations.delete(key);
      },
      onClose: (context) => {
        const prefix = `${socketIds.get(context.extra.socket) ?? 0}:`;
        for (const [key, controller] of operations) if (key.startsWith(prefix)) (controller.abort(), operations.delete(key));
      },
    },
    sockets,
  );
  return {
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of sockets.clients) client.terminate();
        sockets.close(() => resolve());
      }),
  };
}

/** The upgrade request's headers as Fetch headers; `connectionParams.authorization` stands in for a browser's missing header. */
function toHeaders(incoming: IncomingHttpHeaders, authorization: string | undefined): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming)) {
    if (typeof value === 'string') headers.set(name, value);
  }
  if (authorization) headers.set('authorization', authorization);
  headers.set('content-type', 'application/json');
  return headers;
}

/**
 * Why an operation was not started, as the client reads it: a GraphQL error (client auth, limits)
 * keeps its message and gets its code, without yoga's internal `http` extension (yoga drops it from
 * HTTP answers too); anything else is one fixed sentence.
 */
function toRefusal(error: unknown): GraphQLError {
  if (!(error instanceof GraphQLError)) return new GraphQLError('The operation could not be started.');
  const { http, ...extensions } = error.extensions as { http?: { status?: number }; code?: unknown };
  const code = extensions.code ?? (http?.status === 401 ? 'UNAUTHENTICATED' : undefined);
  return new GraphQLError(error.message, { extensions: code === undefined ? extensions : { ...extensions, code } });
}

import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import type { GatewayConfig } from './config.js';
import { createContext, type GatewayContext } from './context.js';
import type { VideoProvider } from './domain/provider.js';
import { maskError } from './error-mask.js';
import { usePartialFailures } from './partial-failures-plugin.js';
import { EXAMPLE_QUERY } from './example-query.js';
import { createProviders } from './providers/create-providers.js';
import { schema } from './schema/index.js';

/** The gateway: a yoga app (not listening) and the providers it reads from. */
export interface Gateway {
  yoga: YogaServerInstance<Record<string, unknown>, GatewayContext>;
  providers: readonly VideoProvider[];
  /** Closes every upstream connection pool. */
  close(): Promise<void>;
}

/**
 * Wires config → providers → a fresh context (sources and loaders) per request → yoga. It does not
 * listen: `main.ts` does, and tests call `gateway.yoga.fetch()` in process.
 */
export function createGateway(config: GatewayConfig): Gateway {
  const providers = createProviders(config);
  const yoga = createYoga<Record<string, unknown>, GatewayContext>({
    schema,
    graphqlEndpoint: '/graphql',
    context: () => createContext(providers),
    maskedErrors: { maskError },
    plugins: [usePartialFailures()],
    renderGraphiQL,
    graphiql: { title: 'roomgraph', defaultQuery: EXAMPLE_QUERY },
    landingPage: false,
  });
  return { yoga, providers, close: async () => void (await Promise.all(providers.map((provider) => provider.close()))) };
}

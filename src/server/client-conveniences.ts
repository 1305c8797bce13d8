import { useAPQ } from '@graphql-yoga/plugin-apq';
import { useDeferStream } from '@graphql-yoga/plugin-defer-stream';
import type { Plugin } from 'graphql-yoga';
import { useCompression } from './compression.js';
import type { OperationsConfig } from './operations-config.js';

/** The most documents the automatic-persisted-query store keeps (least recently used go first). */
const APQ_STORE_SIZE = 1_000;

/**
 * What frontend clients expect of a GraphQL server: `@defer`/`@stream` over multipart HTTP,
 * automatic persisted queries (off when an allow-list decides what runs) and compressed responses.
 */
export function clientConveniencePlugins(operations: OperationsConfig, hasAllowList: boolean): Plugin[] {
  return [
    useDeferStream() as Plugin,
    ...(operations.automaticPersistedQueries && !hasAllowList ? [useAPQ({ store: createApqStore() }) as Plugin] : []),
    ...(operations.compression ? [useCompression()] : []),
  ];
}

/** A bounded in-memory store: a Map kept in insertion order, refreshed on read. */
function createApqStore() {
  const documents = new Map<string, string>();
  return {
    get: (hash: string) => {
      const document = documents.get(hash);
      if (document !== undefined) {
        documents.delete(hash);
        documents.set(hash, document);
      }
      return document ?? null;
    },
    set: (hash: string, document: string) => {
      documents.delete(hash);
      documents.set(hash, document);
      if (documents.size > APQ_STORE_SIZE) documents.delete(documents.keys().next().value!);
    },
  };
}

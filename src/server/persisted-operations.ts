import { readFileSync } from 'node:fs';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import type { Plugin } from 'graphql-yoga';
import { ConfigError } from '../config-values.js';

/**
 * The persisted-operations allow-list: a JSON file mapping each operation's hash (as clients send
 * it in `extensions.persistedQuery.sha256Hash`) to its document. With it, nothing else runs.
 */
export function useAllowListedOperations(file: string): Plugin {
  const operations = loadAllowList(file);
  return usePersistedOperations({
    getPersistedOperation: (hash) => operations.get(hash) ?? null,
    allowArbitraryOperations: false,
  });
}

function loadAllowList(file: string): Map<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new ConfigError('PERSISTED_OPERATIONS_FILE cannot be read as JSON.');
  }
  const entries = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? Object.entries(parsed) : [];
  if (entries.length === 0 || entries.some(([, document]) => typeof document !== 'string')) {
    throw new ConfigError('PERSISTED_OPERATIONS_FILE must map operation hashes to GraphQL documents.');
  }
  return new Map(entries as [string, string][]);
}

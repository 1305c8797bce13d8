import type { DocumentNode } from 'graphql';

/** Variables whose JSON is longer than this are not remembered: computing again is cheaper than keeping them. */
const MAX_VARIABLES_KEY = 512;
/** Variable sets remembered per document (the oldest is forgotten first). */
const MAX_VARIABLE_SETS = 8;

/**
 * Remembers a pure function of an operation — its parsed document and its variables — so that the
 * same operation asked again is not walked again. Yoga caches parsed documents, so a repeated query
 * arrives as the same `DocumentNode`; each document's answers are held weakly with it (for its last
 * 8 variable sets, keyed by their JSON of at most 512 characters), and go when Yoga's cache lets the
 * document go: with its 1 024 documents, at most about 4 MB of keys. `compute` must read nothing
 * else (not the request, not the client).
 */
export function memoPerOperation<T>(compute: (document: DocumentNode, variables: Record<string, unknown>) => T) {
  const byDocument = new WeakMap<DocumentNode, Map<string, T>>();
  return (document: DocumentNode, variables: Record<string, unknown>): T => {
    const key = JSON.stringify(variables);
    if (key.length > MAX_VARIABLES_KEY) return compute(document, variables);
    let answers = byDocument.get(document);
    if (answers?.has(key)) return answers.get(key)!;
    const answer = compute(document, variables);
    if (!answers) byDocument.set(document, (answers = new Map()));
    if (answers.size >= MAX_VARIABLE_SETS) answers.delete(answers.keys().next().value!);
    answers.set(key, answer);
    return answer;
  };
}

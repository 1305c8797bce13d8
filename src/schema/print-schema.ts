/**
 * Writes the generated contract files (`schema/schema.graphql` for clients, `schema/subgraph.graphql`
 * for the supergraph) from the code. Run with
 * `npm run schema:print`; a test fails when the committed files drift from the code.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { printSubgraphSchema } from '@apollo/subgraph';
import { printSchema } from 'graphql';
import { clientSchema, schema } from './index.js';

/** The committed contract files and how each is printed from the code. */
export const CONTRACT_FILES = {
  [fileURLToPath(new URL('../../schema/schema.graphql', import.meta.url))]: () => `${printSchema(clientSchema)}\n`,
  [fileURLToPath(new URL('../../schema/subgraph.graphql', import.meta.url))]: () => `${printSubgraphSchema(schema)}\n`,
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const [file, print] of Object.entries(CONTRACT_FILES)) {
    writeFileSync(file, print());
    console.log(`wrote ${file}`);
  }
}

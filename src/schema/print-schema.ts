/**
 * Writes the generated contract files (`schema/schema.graphql`) from the code. Run with
 * `npm run schema:print`; a test fails when the committed files drift from the code.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { printSchema } from 'graphql';
import { schema } from './index.js';

export const SCHEMA_FILE = fileURLToPath(new URL('../../schema/schema.graphql', import.meta.url));

/** The SDL exactly as it is committed. */
export function printContract(): string {
  return `${printSchema(schema)}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(SCHEMA_FILE, printContract());
  console.log(`wrote ${SCHEMA_FILE}`);
}

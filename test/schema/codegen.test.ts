import { readFileSync } from 'node:fs';
import { generate } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';
import codegenConfig from '../../codegen.js';

// Kept apart from the schema's own drift test: loading the federation libraries in the same
// process changes how codegen prints the built-in scalars.
describe('the committed typed documents', () => {
  it('match what codegen makes from schema/schema.graphql (run `npm run codegen` after changing it)', async () => {
    const files = (await generate({ ...codegenConfig, silent: true }, false)) as { filename: string; content: string }[];
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      expect(readFileSync(file.filename, 'utf8'), file.filename).toBe(file.content);
    }
  }, 60_000);
});

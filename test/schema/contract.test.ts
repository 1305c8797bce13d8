import { readFileSync } from 'node:fs';
import { generate } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';
import codegenConfig from '../../codegen.js';
import { SCHEMA_FILE, printContract } from '../../src/schema/print-schema.js';

describe('the committed contract', () => {
  it('matches the schema the code builds (run `npm run schema:print` after changing it)', () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(printContract());
  });

  it('matches the typed documents codegen makes from it (run `npm run codegen` after changing it)', async () => {
    const files = (await generate({ ...codegenConfig, silent: true }, false)) as { filename: string; content: string }[];
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      expect(readFileSync(file.filename, 'utf8'), file.filename).toBe(file.content);
    }
  }, 60_000);
});

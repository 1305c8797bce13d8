import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONTRACT_FILES } from '../../src/schema/print-schema.js';

describe('the committed contract', () => {
  it.each(Object.entries(CONTRACT_FILES))('keeps %s equal to what the code prints (run `npm run generate` after changing it)', (file, print) => {
    expect(readFileSync(file, 'utf8')).toBe(print());
  });
});

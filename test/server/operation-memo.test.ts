import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { memoPerOperation } from '../../src/server/operation-memo.js';

describe('memoPerOperation', () => {
  const counting = () => {
    const calls: unknown[] = [];
    const memo = memoPerOperation((document, variables) => (calls.push(variables), `${document.loc?.source.body}:${JSON.stringify(variables)}`));
    return { calls, memo };
  };

  it('computes an operation once per document and variables', () => {
    const { calls, memo } = counting();
    const document = parse('query Q($n: Int) { a(first: $n) }');
    expect(memo(document, { n: 1 })).toBe('query Q($n: Int) { a(first: $n) }:{"n":1}');
    expect(memo(document, { n: 1 })).toBe('query Q($n: Int) { a(first: $n) }:{"n":1}');
    expect(calls).toHaveLength(1);
    expect(memo(document, { n: 2 })).toContain('{"n":2}');
    expect(calls).toHaveLength(2);
    // Another document with the same text is another operation for the memo (Yoga hands the same object for the same text).
    memo(parse('query Q($n: Int) { a(first: $n) }'), { n: 1 });
    expect(calls).toHaveLength(3);
  });

  it('keeps at most 8 variable sets per document, forgetting the oldest', () => {
    const { calls, memo } = counting();
    const document = parse('{ a }');
    for (let n = 0; n <= 8; n += 1) memo(document, { n });
    expect(calls).toHaveLength(9);
    memo(document, { n: 8 });
    expect(calls).toHaveLength(9);
    memo(document, { n: 0 });
    expect(calls).toHaveLength(10);
  });

  it('does not remember an operation whose variables are long', () => {
    const { calls, memo } = counting();
    const document = parse('{ a }');
    const long = { text: 'x'.repeat(600) };
    memo(document, long);
    memo(document, long);
    expect(calls).toHaveLength(2);
  });
});

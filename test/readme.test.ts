import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useSandboxGateway } from './support/sandbox-gateway.js';

const README = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const EXAMPLES = [...README.matchAll(/```graphql\n([\s\S]*?)```/g)].map((match) => match[1]!);

const sandbox = useSandboxGateway();

describe('the README', () => {
  it('has example queries', () => {
    expect(EXAMPLES.length).toBeGreaterThanOrEqual(6);
  });

  it.each(EXAMPLES.map((query) => [/query (\w+)/.exec(query)?.[1] ?? query.slice(0, 30), query]))(
    'runs the example %s against the sandbox as pasted, with data and no error',
    async (_name, query) => {
      const { status, json } = await sandbox.gateway.post({ query });
      expect(json.errors).toBeUndefined();
      expect(status).toBe(200);
      const values = Object.values(json.data ?? {});
      expect(values.length).toBeGreaterThan(0);
      expect(values.every((value) => value !== null)).toBe(true);
    },
  );

  it('names the test command that .ci/run runs', () => {
    expect(README).toContain('npm test');
    expect(readFileSync(new URL('../.ci/run', import.meta.url), 'utf8')).toMatch(/^npm test( |$)/m);
  });
});

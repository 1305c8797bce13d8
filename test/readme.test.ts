import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useSandboxGateway } from './support/sandbox-gateway.js';
import { serveLiveGateway } from './support/serve-live-gateway.js';
import { subscribeSse } from './support/sse-subscription.js';

const README = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const EXAMPLES = [...README.matchAll(/```graphql\n([\s\S]*?)```/g)].map((match) => match[1]!);
// Subscriptions cannot run as a plain POST: they are run over SSE against the live sandbox below.
const isSubscription = (document: string) => /^\s*subscription\b/.test(document);
const QUERIES = EXAMPLES.filter((document) => !isSubscription(document));
const SUBSCRIPTIONS = EXAMPLES.filter(isSubscription);

const sandbox = useSandboxGateway();

describe('the README', () => {
  it('has example queries', () => {
    expect(EXAMPLES.length).toBeGreaterThanOrEqual(6);
  });

  it.each(QUERIES.map((query) => [/query (\w+)/.exec(query)?.[1] ?? query.slice(0, 30), query]))(
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

describe('the README subscription examples', () => {
  it('has one', () => {
    expect(SUBSCRIPTIONS.length).toBeGreaterThanOrEqual(1);
  });

  it.each(SUBSCRIPTIONS.map((document) => [/subscription (\w+)/.exec(document)?.[1] ?? document.slice(0, 30), document]))(
    'runs the example %s against the live sandbox as pasted: events arrive with data and no error',
    async (_name, document) => {
      const served = await serveLiveGateway();
      try {
        const subscription = await subscribeSse(fetch, served.url, document);
        for (let tries = 0; tries < 100 && served.gateway.live.subscriptions.subscriberCount() === 0; tries += 1) await new Promise((resolve) => setTimeout(resolve, 10));
        await served.timeline.step();
        const { value } = await subscription.results.next();
        subscription.close();
        expect(value?.errors).toBeUndefined();
        const event = value?.data?.roomEvents as Record<string, unknown> | undefined;
        expect(event).toBeDefined();
        expect(Object.values(event!).every((field) => field !== null)).toBe(true);
      } finally {
        await served.close();
      }
    },
  );
});


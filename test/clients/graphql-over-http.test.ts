import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveSandboxGateway, type ServedGateway } from '../support/serve-gateway.js';
import { AUDIT_REPORT_PATH, renderAuditReport, runServerAudits, type AuditOutcome } from './graphql-over-http-audit.js';

let served: ServedGateway;
let outcomes: AuditOutcome[];

beforeAll(async () => {
  served = await serveSandboxGateway();
  outcomes = await runServerAudits(served.url);
});
afterAll(async () => {
  await served?.close();
});

describe('GraphQL over HTTP (graphql-http server audits)', () => {
  it('runs the whole audit suite', () => {
    expect(outcomes.length).toBeGreaterThanOrEqual(50);
    expect(new Set(outcomes.map((outcome) => outcome.id)).size).toBe(outcomes.length);
  });

  it('breaks no MUST of the spec', () => {
    expect(outcomes.filter((outcome) => outcome.status === 'error')).toEqual([]);
  });

  it('matches the committed report in docs/graphql-over-http-audit.md', async () => {
    const committed = await readFile(AUDIT_REPORT_PATH, 'utf8').catch(() => '(missing)');
    expect(committed, 'regenerate with `npx tsx test/clients/write-audit-report.ts`').toBe(renderAuditReport(outcomes));
  });
});

/**
 * `npx tsx test/clients/write-audit-report.ts`: runs the GraphQL over HTTP audits against the sandbox
 * gateway and writes docs/graphql-over-http-audit.md.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { serveSandboxGateway } from '../support/serve-gateway.js';
import { AUDIT_REPORT_PATH, countByStatus, renderAuditReport, runServerAudits } from './graphql-over-http-audit.js';

const served = await serveSandboxGateway();
try {
  const outcomes = await runServerAudits(served.url);
  await mkdir(dirname(AUDIT_REPORT_PATH), { recursive: true });
  await writeFile(AUDIT_REPORT_PATH, renderAuditReport(outcomes));
  console.log(`wrote ${AUDIT_REPORT_PATH}:`, countByStatus(outcomes));
} finally {
  await served.close();
}

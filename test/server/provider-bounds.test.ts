import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ProviderName } from '../../src/domain/model.js';
import { SIMULATORS } from '../../src/sandbox/sandboxes.js';
import type { Simulator } from '../../src/sandbox/simulator.js';
import { startHostileUpstream, type HostileUpstream } from '../support/hostile-upstream.js';
import { createTestGateway, type TestGateway } from '../support/test-gateway.js';

/*
 * Issue 10, the upstream-sized bounds of every provider, crossed through the gateway: a hostile
 * proxy in front of each simulator lies about page counts and totals, keeps rows from ever
 * qualifying, or sends times that cannot be right. Each case asserts the coded error, the calls
 * counted at the upstream, the time taken, and that `/health` still answers.
 */

type Json = Record<string, unknown>;
type Rewrite = (body: Json, path: string) => Json;

interface ProviderCase {
  name: ProviderName;
  enum: string;
  urlVariable: string;
  /** The page count or total of every list answer, multiplied beyond any bound (consistently). */
  hugeHistory: Rewrite;
  /** A page count that contradicts the answer's own total and page size. */
  contradictoryCount: Rewrite;
  /** Every time in every list answer set to a value that cannot be a session's time. */
  impossibleTime: Rewrite;
}

const rows = (body: Json) => (body.result as Json | undefined)?.rooms_list as Json[] | undefined;
const data = (body: Json) => (Array.isArray(body.data) ? (body.data as Json[]) : []);

const CASES: ProviderCase[] = [
  {
    name: 'plugnmeet',
    enum: 'PLUGNMEET',
    urlVariable: 'PLUGNMEET_URL',
    hugeHistory: (body) => (rows(body) ? { ...body, result: { ...(body.result as Json), total_rooms: '10000000' } } : body),
    // A page holding more rows than the limit asked for (a total alone has no page count to contradict).
    contradictoryCount: (body) => (rows(body) ? { ...body, result: { ...(body.result as Json), rooms_list: Array(500).fill(rows(body)![0]) } } : body),
    impossibleTime: (body) => (rows(body) ? { ...body, result: { ...(body.result as Json), rooms_list: rows(body)!.map((row) => ({ ...row, created: '0' })) } } : body),
  },
  {
    name: 'videosdk',
    enum: 'VIDEOSDK',
    urlVariable: 'VIDEOSDK_API_URL',
    hugeHistory: (body) => (body.pageInfo ? { ...body, pageInfo: { ...(body.pageInfo as Json), lastPage: 1_000_000, total: 20_000_000 } } : body),
    contradictoryCount: (body) => (body.pageInfo ? { ...body, pageInfo: { ...(body.pageInfo as Json), lastPage: 1_000_000 } } : body),
    impossibleTime: (body) => ({ ...body, data: data(body).map((session) => ({ ...session, start: '1970-01-01T00:00:00.000Z' })) }),
  },
  {
    name: 'telnyx',
    enum: 'TELNYX',
    urlVariable: 'TELNYX_API_URL',
    hugeHistory: (body) => (body.meta ? { ...body, meta: { ...(body.meta as Json), total_pages: 1_000_000, total_results: 250_000_000 } } : body),
    contradictoryCount: (body) => (body.meta ? { ...body, meta: { ...(body.meta as Json), total_pages: 1_000_000 } } : body),
    impossibleTime: (body) => ({ ...body, data: data(body).map((item) => ({ ...item, created_at: '0' })) }),
  },
];

/** A read that needs every page of the provider's history (no provider serves ENDED_AT natively). */
const query = (provider: string) =>
  `{ pastRooms(first: 5, filter: { provider: ${provider} }, orderBy: { field: ENDED_AT, direction: DESC }) { totalCount } }`;

describe.each(CASES)('upstream bounds of $name', (subject) => {
  let simulator: Simulator;
  let hostile: HostileUpstream;
  let gateway: TestGateway;

  beforeAll(async () => {
    simulator = await SIMULATORS[subject.name].start({});
    hostile = await startHostileUpstream(simulator.env[subject.urlVariable]!);
    gateway = createTestGateway({ ...simulator.env, [subject.urlVariable]: hostile.url, UPSTREAM_RETRIES: '0', UPSTREAM_BREAKER_FAILURES: '1000' });
  });
  afterAll(async () => {
    await gateway.close();
    await hostile.close();
    await simulator.close();
  });
  beforeEach(() => {
    hostile.setRewrite(null);
    hostile.calls.length = 0;
  });

  const crossing = async (rewrite: Rewrite) => {
    hostile.setRewrite((body, path) => rewrite(body as Json, path));
    const started = performance.now();
    const { json } = await gateway.post({ query: query(subject.enum) });
    const ms = performance.now() - started;
    const health = await gateway.gateway.yoga.fetch('http://gateway.test/health');
    return { codes: (json.errors ?? []).map((error) => error.extensions?.code), ms, calls: hostile.calls.length, health: health.status };
  };

  it('refuses a history longer than one read may fetch after its first page, not by walking it', async () => {
    const result = await crossing(subject.hugeHistory);
    expect(result.codes).toEqual(['UPSTREAM_LIMIT_EXCEEDED']);
    // The first list page, plus at most one live-room read beside it.
    expect(result.calls).toBeLessThanOrEqual(2);
    expect(result.ms).toBeLessThan(2_000);
    expect(result.health).toBe(200);
  });

  it('treats a page count the answer itself contradicts as a bad response', async () => {
    const result = await crossing(subject.contradictoryCount);
    expect(result.codes).toEqual(['UPSTREAM_BAD_RESPONSE']);
    expect(result.calls).toBeLessThanOrEqual(2);
    expect(result.health).toBe(200);
  });

  it('treats a time that cannot be right as a bad response, never as data', async () => {
    const result = await crossing(subject.impossibleTime);
    expect(result.codes).toEqual(['UPSTREAM_BAD_RESPONSE']);
    expect(result.calls).toBeLessThanOrEqual(3);
    expect(result.health).toBe(200);
  });
});

import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHostileUpstream, type HostileUpstream } from '../support/hostile-upstream.js';

/*
 * Issue 10: shutdown keeps its deadline. The real entry point runs as a child process over an
 * upstream that never answers; SIGTERM must end it within SHUTDOWN_TIMEOUT_MS plus a second, with
 * the requests in flight answered SHUTTING_DOWN.
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SHUTDOWN_TIMEOUT_MS = 1_000;

let hostile: HostileUpstream;
beforeAll(async () => {
  hostile = await startHostileUpstream('http://127.0.0.1:9/v2');
  hostile.setMode({ kind: 'hang' });
});
afterAll(async () => {
  await hostile.close();
});

describe('shutdown with hung upstreams', () => {
  it('exits within SHUTDOWN_TIMEOUT_MS plus a second, answering the requests in flight', { timeout: 60_000 }, async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        PORT: '0',
        TELNYX_API_KEY: 'KEY-shutdown-test',
        TELNYX_API_URL: hostile.url,
        SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS),
        // Nothing but the shutdown may end these requests.
        REQUEST_TIMEOUT_MS: '120000',
        UPSTREAM_HEADERS_TIMEOUT_MS: '120000',
        UPSTREAM_BODY_TIMEOUT_MS: '120000',
        UPSTREAM_CALL_BUDGET_MS: '120000',
        LOG_LEVEL: 'warn',
        // Three identical requests must each hang on their own upstream call: no single flight.
        CACHE_ENABLED: 'false',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    let output = '';
    const port = await new Promise<number>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += String(chunk);
        const match = /localhost:(\d+)\/graphql/.exec(output);
        if (match) resolve(Number(match[1]));
      });
      void exited.then(() => reject(new Error(`the gateway exited early: ${output}`)));
    });
    const url = `http://127.0.0.1:${port}/graphql`;
    const requests = Array.from({ length: 3 }, () =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ activeRooms { totalCount } }' }) })
        .then((response) => response.json() as Promise<{ errors?: { extensions?: { code?: string } }[] }>)
        .catch(() => null),
    );
    // The three requests, and the readiness probe the gateway sends at start (it hangs too).
    for (const started = Date.now(); hostile.inFlight() < 4 && Date.now() - started < 10_000; ) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(hostile.inFlight()).toBe(4);
    const signalled = performance.now();
    child.kill('SIGTERM');
    const code = await exited;
    const elapsed = performance.now() - signalled;
    expect(elapsed).toBeGreaterThanOrEqual(SHUTDOWN_TIMEOUT_MS - 50);
    expect(elapsed).toBeLessThan(SHUTDOWN_TIMEOUT_MS + 1_000);
    expect(code).toBe(0);
    const answers = await Promise.all(requests);
    expect(answers.map((answer) => answer?.errors?.[0]?.extensions?.code)).toEqual(['SHUTTING_DOWN', 'SHUTTING_DOWN', 'SHUTTING_DOWN']);
    for (const started = Date.now(); hostile.inFlight() > 0 && Date.now() - started < 2_000; ) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(hostile.inFlight()).toBe(0);
  });
});

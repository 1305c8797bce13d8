import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandboxes, type Sandboxes } from '../../src/sandbox/sandboxes.js';
import { NO_CREDENTIALS, spawnProcess, type Spawned } from '../support/spawned-gateway.js';

let sandboxes: Sandboxes;
let blocker: Server;
let blockedPort: number;
const spawned: Spawned[] = [];

beforeAll(async () => {
  sandboxes = await startSandboxes();
  blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '0.0.0.0', resolve));
  blockedPort = (blocker.address() as { port: number }).port;
});
afterAll(async () => {
  for (const process of spawned) process.child.kill('SIGKILL');
  await new Promise((resolve) => blocker.close(resolve));
  await sandboxes.close();
});

function run(command: string, args: string[], env: Record<string, string | undefined>): Spawned {
  const process = spawnProcess(command, args, env);
  spawned.push(process);
  return process;
}

describe('processes', () => {
  it('drains the request in flight when npm start gets SIGTERM, and npm exits 0', async () => {
    const gateway = run('npm', ['start'], { ...sandboxes.env, PORT: '0', LOG_LEVEL: 'silent', SHUTDOWN_TIMEOUT_MS: '5000' });
    const [, url] = await gateway.waitFor(/GraphiQL at (http:\/\/localhost:\d+\/graphql)/);
    sandboxes.simulators.plugnmeet.injectFault({ kind: 'latency', ms: 800 }, { times: 1 });
    const inFlight = fetch(url!, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ activeRooms(provider: PLUGNMEET) { totalCount } }' }),
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    gateway.child.kill('SIGTERM');
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(((await response.json()) as { data: { activeRooms: { totalCount: number } } }).data.activeRooms.totalCount).toBeGreaterThan(0);
    expect(await gateway.exited).toBe(0);
  }, 30_000);

  it('refuses to start the production profile without credentials, in one line naming the variables', async () => {
    const gateway = run(process.execPath, ['--import', 'tsx', 'src/main.ts'], { ...NO_CREDENTIALS, NODE_ENV: 'production', PORT: '0' });
    expect(await gateway.exited).toBe(1);
    const { stdout, stderr } = gateway.output();
    expect(stdout).not.toContain('sandbox');
    expect(stderr.trim().split('\n')).toEqual([expect.stringMatching(/^roomgraph: the production profile .*TELNYX_API_KEY/)]);
  }, 30_000);

  it('reports a port already in use in one clear line, for the gateway and for the sandbox', async () => {
    const gateway = run(process.execPath, ['--import', 'tsx', 'src/main.ts'], { ...sandboxes.env, PORT: String(blockedPort) });
    const sandbox = run('npm', ['run', '--silent', 'sandbox'], { SANDBOX_PORT: String(blockedPort) });
    expect(await gateway.exited).toBe(1);
    expect(await sandbox.exited).toBe(1);
    expect(gateway.output().stderr.trim().split('\n')).toEqual([`roomgraph: port ${blockedPort} on 0.0.0.0 is already in use: stop what uses it or set PORT to another port.`]);
    expect(sandbox.output().stderr.trim().split('\n')).toEqual([
      `roomgraph sandbox: port ${blockedPort} on 127.0.0.1 is already in use: stop what uses it or set SANDBOX_PORT to another port.`,
    ]);
  }, 30_000);
});

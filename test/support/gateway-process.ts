import { spawn, type ChildProcess } from 'node:child_process';

/** A gateway running as its own Node process (`node --import tsx src/main.ts`), as a replica would. */
export interface GatewayProcess {
  url: string;
  post(body: unknown): Promise<{ status: number; json: { data?: Record<string, unknown> | null; errors?: { extensions?: { code?: string } }[] } }>;
  stop(): Promise<void>;
}

/**
 * Starts a gateway process with `env` (added to this process's PATH and HOME only); resolves once it
 * listens and has probed its providers, so its readiness probes (then every 10 minutes) stay out of
 * the upstream calls a test counts.
 */
export async function startGatewayProcess(env: Record<string, string>): Promise<GatewayProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: new URL('../..', import.meta.url).pathname,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: '0', LOG_LEVEL: 'silent', READY_PROBE_INTERVAL_MS: '600000', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`the gateway process did not start: ${output}`)), 30_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /GraphiQL at http:\/\/localhost:(\d+)\//.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => reject(new Error(`the gateway process exited with ${code}: ${output}`)));
  });
  await fetch(`http://127.0.0.1:${port}/ready`);
  const url = `http://127.0.0.1:${port}/graphql`;
  return {
    url,
    post: async (body) => {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return { status: response.status, json: (await response.json()) as never };
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

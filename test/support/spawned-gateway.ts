import { spawn, type ChildProcess } from 'node:child_process';

/** A process started by a test, with everything it printed so far. */
export interface Spawned {
  child: ChildProcess;
  output(): { stdout: string; stderr: string };
  /** Resolves the first match of `pattern` in stdout; rejects if the process exits first. */
  waitFor(pattern: RegExp): Promise<RegExpExecArray>;
  exited: Promise<number | null>;
}

/** Spawns `command` in the repository root with `env` on top of the test's own environment. */
export function spawnProcess(command: string, args: string[], env: Record<string, string | undefined>, cwd = process.cwd()): Spawned {
  const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => void (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const waitFor = (pattern: RegExp) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const check = () => {
        const match = pattern.exec(stdout);
        if (match) {
          child.stdout!.off('data', check);
          resolve(match);
        }
      };
      child.stdout!.on('data', check);
      check();
      void exited.then(() => reject(new Error(`exited before printing ${pattern}: ${stdout}${stderr}`)));
    });
  return { child, output: () => ({ stdout, stderr }), waitFor, exited };
}

/** The environment without any provider credential, as on a fresh machine. */
export const NO_CREDENTIALS = Object.fromEntries(
  ['PLUGNMEET_URL', 'PLUGNMEET_API_KEY', 'PLUGNMEET_API_SECRET', 'VIDEOSDK_API_KEY', 'VIDEOSDK_API_SECRET', 'TELNYX_API_KEY'].map((name) => [name, undefined]),
);

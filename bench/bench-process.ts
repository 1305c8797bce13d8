import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/** A child process the benchmark talks to over IPC: `ask` sends a message and resolves its reply (same `id`). */
export interface BenchProcess {
  child: ChildProcess;
  ask<T>(message: Record<string, unknown>, timeoutMs?: number): Promise<T>;
  /** The first message the child sends on its own initiative (`{ ready: ... }`). */
  ready: Promise<Record<string, unknown>>;
  stop(): Promise<void>;
}

/** How a TypeScript entry runs: compiled (`dist-bench/…js` by node) or from source (`node --import tsx`). */
export type BenchRuntime = 'compiled' | 'tsx';

/** Spawns `node [...nodeArgs] entry` with an IPC channel; stdout is discarded (servers log there), stderr kept. */
export function spawnBenchProcess(entry: string, options: { nodeArgs?: string[]; env?: Record<string, string> }): BenchProcess {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), entry], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    env: { ...process.env, ...options.env },
  });
  const waiting = new Map<number, (reply: unknown) => void>();
  let nextId = 1;
  let resolveReady: (message: Record<string, unknown>) => void = () => {};
  const ready = new Promise<Record<string, unknown>>((resolve, reject) => {
    resolveReady = resolve;
    child.once('exit', (code) => reject(new Error(`${entry} exited (${code}) before it was ready`)));
  });
  ready.catch(() => {});
  child.on('message', (message: { id?: number; ready?: unknown }) => {
    if (message.ready !== undefined) return resolveReady(message as Record<string, unknown>);
    const settle = message.id === undefined ? undefined : waiting.get(message.id);
    if (settle) {
      waiting.delete(message.id!);
      settle(message);
    }
  });
  return {
    child,
    ready,
    ask: <T>(message: Record<string, unknown>, timeoutMs = 30_000) =>
      new Promise<T>((resolve, reject) => {
        const id = nextId++;
        const timer = setTimeout(() => reject(new Error(`${entry}: no answer to ${JSON.stringify(message)}`)), timeoutMs);
        waiting.set(id, (reply) => {
          clearTimeout(timer);
          resolve(reply as T);
        });
        child.send({ ...message, id });
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
      }),
  };
}

/** A free loopback port (listen on 0, read it, close). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Polls `url` until it answers 200 (at most `timeoutMs`). */
export async function waitForHttp(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not come up within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DockerfileParser, type Instruction } from 'dockerfile-ast';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { startSandboxes, type Sandboxes } from '../../src/sandbox/sandboxes.js';
import { spawnProcess, type Spawned } from '../support/spawned-gateway.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const PACKAGE = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string }; scripts: Record<string, string> };

interface Stage {
  name: string | null;
  image: string | null;
  instructions: Instruction[];
}

/** The Dockerfile's stages, each with its FROM image and the instructions that follow it. */
function parseStages(): Stage[] {
  const dockerfile = DockerfileParser.parse(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'));
  const stages: Stage[] = [];
  for (const instruction of dockerfile.getInstructions()) {
    if (instruction.getKeyword() === 'FROM') {
      const from = instruction as unknown as { getBuildStage(): string | null; getImage(): string | null };
      stages.push({ name: from.getBuildStage(), image: from.getImage(), instructions: [] });
    } else stages.at(-1)?.instructions.push(instruction);
  }
  return stages;
}

const of = (stage: Stage, keyword: string) => stage.instructions.filter((instruction) => instruction.getKeyword() === keyword);
/** A RUN's shell command, without its flags (`--mount=…`). */
const commandOf = (run: Instruction) => run.getArguments().map((argument) => argument.getValue()).join(' ').replace(/^(--\S+\s+)+/, '');
/** The exec-form array of an ENTRYPOINT or of a HEALTHCHECK's CMD. */
const execFormOf = (text: string) => JSON.parse(text.slice(text.indexOf('['))) as string[];
/** A COPY's flags and arguments, as written. */
const copyOf = (copy: Instruction) =>
  [...(copy as unknown as { getFlags(): { getName(): string; getValue(): string | null }[] }).getFlags().map((flag) => `--${flag.getName()}=${flag.getValue()}`), copy.getArgumentsContent()].join(' ');
const envOf = (stage: Stage) =>
  Object.fromEntries(of(stage, 'ENV').flatMap((env) => (env as unknown as { getProperties(): { getName(): string; getValue(): string | null }[] }).getProperties().map((property) => [property.getName(), property.getValue() ?? ''])));

/** Whether this Node satisfies the `>=X.Y.Z` engines range the package declares. */
function satisfiesEngines(): boolean {
  const minimum = /^>=(\d+)\.(\d+)/.exec(PACKAGE.engines.node)!.slice(1).map(Number);
  const [major, minor] = process.versions.node.split('.').map(Number) as [number, number];
  return major > minimum[0]! || (major === minimum[0] && minor >= minimum[1]!);
}

const stages = parseStages();
const runtime = stages.at(-1)!;

describe('the Dockerfile', () => {
  it('builds in one stage and runs in a slim one, as a non-root user, with node as PID 1 and a health check', () => {
    expect(stages.map((stage) => stage.name)).toEqual(['build', 'runtime']);
    expect(stages.every((stage) => /^node:\$\{NODE_VERSION\}-bookworm-slim$/.test(stage.image ?? ''))).toBe(true);
    expect(of(stages[0]!, 'RUN').map(commandOf)).toContain('npm run build');
    expect(of(runtime, 'USER').map((user) => user.getArgumentsContent())).toEqual(['node']);
    expect(execFormOf(of(runtime, 'ENTRYPOINT')[0]!.getArgumentsContent()!)).toEqual(['node', 'dist/main.js']);
    expect(of(runtime, 'HEALTHCHECK')[0]!.getArgumentsContent()).toMatch(/CMD \["node", "-e", .*\/health/);
    expect(envOf(runtime)).toMatchObject({ NODE_ENV: 'production' });
    const install = of(runtime, 'RUN').map(commandOf);
    expect(install).toEqual([expect.stringMatching(/^npm ci --omit=dev .*--engine-strict/)]);
    expect(of(runtime, 'COPY').map(copyOf)).toEqual(['package.json package-lock.json ./', '--from=build /app/dist ./dist']);
  });
});

describe('the runtime stage, run here', () => {
  let sandboxes: Sandboxes;
  let directory: string;
  let gateway: Spawned | undefined;
  beforeAll(async () => {
    sandboxes = await startSandboxes();
    directory = mkdtempSync(join(tmpdir(), 'roomgraph-image-'));
  });
  afterAll(async () => {
    gateway?.child.kill('SIGKILL');
    rmSync(directory, { recursive: true, force: true });
    await sandboxes.close();
  });

  it('installs production dependencies with its own command, starts with its entrypoint, serves a query, passes its health check and drains on SIGTERM', async () => {
    // The build stage's `npm run build`, into a directory of its own.
    expect(PACKAGE.scripts.build).toBe('tsc -p tsconfig.build.json');
    execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', join(directory, 'build-dist')], { cwd: ROOT });
    const env = { ...process.env, ...envOf(runtime) };
    for (const instruction of runtime.instructions) {
      const text = instruction.getKeyword() === 'COPY' ? copyOf(instruction) : '';
      if (text.startsWith('--from=build')) cpSync(join(directory, 'build-dist'), join(directory, 'dist'), { recursive: true });
      else if (instruction.getKeyword() === 'COPY') for (const file of text.split(' ').slice(0, -1)) cpSync(join(ROOT, file), join(directory, file));
      else if (instruction.getKeyword() === 'RUN') runInstall(commandOf(instruction), directory, env);
    }
    expect(readFileSync(join(directory, 'node_modules/graphql-yoga/package.json'), 'utf8')).toContain('"name": "graphql-yoga"');
    expect(() => readFileSync(join(directory, 'node_modules/vitest/package.json'))).toThrow();

    const [command, ...args] = execFormOf(of(runtime, 'ENTRYPOINT')[0]!.getArgumentsContent()!);
    expect(command).toBe('node');
    gateway = spawnProcess(process.execPath, args, { ...envOf(runtime), ...sandboxes.env, PORT: '0', LOG_LEVEL: 'warn', SHUTDOWN_TIMEOUT_MS: '5000' }, directory);
    const [, port] = await gateway.waitFor(/production profile, listening on 0\.0\.0\.0:(\d+)/);
    const url = `http://127.0.0.1:${port}`;

    const health = execFormOf(of(runtime, 'HEALTHCHECK')[0]!.getArgumentsContent()!);
    expect(spawnSync(process.execPath, health.slice(1), { env: { ...process.env, PORT: port } }).status).toBe(0);
    sandboxes.simulators.telnyx.injectFault({ kind: 'latency', ms: 800 }, { times: 1 });
    const inFlight = fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ activeRooms { totalCount } }' }) });
    await new Promise((resolve) => setTimeout(resolve, 200));
    gateway.child.kill('SIGTERM');
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(((await response.json()) as { data: { activeRooms: { totalCount: number } } }).data.activeRooms.totalCount).toBeGreaterThan(0);
    expect(await gateway.exited).toBe(0);
  }, 240_000);
});

/**
 * Runs the stage's install command as written. On a Node older than `engines` it must fail (that is
 * what `--engine-strict` is for) and is then run once more without it, so the rest can be checked.
 */
function runInstall(command: string, cwd: string, env: NodeJS.ProcessEnv): void {
  const run = (line: string) => spawnSync('sh', ['-c', line], { cwd, env, encoding: 'utf8' });
  const result = run(command);
  if (satisfiesEngines()) {
    expect(result.status, result.stderr).toBe(0);
    return;
  }
  expect(result.status).not.toBe(0);
  expect(result.stderr).toMatch(/EBADENGINE|Unsupported engine/);
  const relaxed = run(`${command} --engine-strict=false`);
  expect(relaxed.status, relaxed.stderr).toBe(0);
}

describe('compose.yaml', () => {
  it('runs two gateway replicas in production behind a load balancer, with Redis', () => {
    const compose = parseYaml(readFileSync(join(ROOT, 'compose.yaml'), 'utf8')) as { services: Record<string, any> };
    expect(Object.keys(compose.services).sort()).toEqual(['gateway', 'lb', 'redis']);
    expect(compose.services.gateway).toMatchObject({ build: '.', deploy: { replicas: 2 }, environment: { NODE_ENV: 'production' } });
    expect(compose.services.lb.ports).toEqual(['4000:80']);
    expect(compose.services.lb.depends_on).toContain('gateway');
    const nginx = readFileSync(join(ROOT, 'deploy/compose/nginx.conf'), 'utf8');
    expect(nginx).toMatch(/server gateway:4000/);
    expect(nginx).toMatch(/proxy_buffering off/);
    expect(compose.services.redis.image).toMatch(/^redis:/);
  });
});

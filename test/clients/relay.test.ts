import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveSandboxGateway, type ServedGateway } from '../support/serve-gateway.js';

// relay-compiler checks the Relay documents in test/clients/relay/ against the committed contract,
// schema/schema.graphql. Each case compiles a copy of that folder in a temp dir, so no artifact ever
// lands in the repository; the generated operations are then run against the gateway.

const RELAY_DIR = fileURLToPath(new URL('./relay/', import.meta.url));
const SCHEMA = fileURLToPath(new URL('../../schema/schema.graphql', import.meta.url));
const COMPILER = fileURLToPath(new URL('../../node_modules/.bin/relay-compiler', import.meta.url));

interface CompilerRun {
  code: number;
  output: string;
}

/**
 * Runs relay-compiler on `config` from the config's folder (it checks the artifact directory relative
 * to the working directory), bounded by a timeout; never rejects on a non-zero exit.
 */
function runCompiler(config: string, ...flags: string[]): Promise<CompilerRun> {
  return new Promise((resolve) => {
    const options = { cwd: dirname(config), timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } };
    execFile(COMPILER, [...flags, '--output', 'quiet-with-errors', config], options, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, output: `${stdout}${stderr}` });
    });
  });
}

/** A temp copy of the Relay folder whose config points at the repository's schema; `extra` adds files. */
async function copyRelayProject(extra: Record<string, string> = {}): Promise<{ dir: string; config: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'roomgraph-relay-'));
  await cp(RELAY_DIR, dir, { recursive: true });
  const config = join(dir, 'relay.config.json');
  const settings = JSON.parse(await readFile(config, 'utf8')) as { schema: string; artifactDirectory: string };
  await writeFile(config, JSON.stringify({ ...settings, schema: SCHEMA }));
  await mkdir(join(dir, settings.artifactDirectory), { recursive: true });
  for (const [name, text] of Object.entries(extra)) await writeFile(join(dir, name), text);
  return { dir, config };
}

/** The operation text relay-compiler generated for a query (its `params.text`). */
async function operationText(dir: string, queryName: string): Promise<string> {
  const artifact = await readFile(join(dir, '__generated__', `${queryName}.graphql.ts`), 'utf8');
  const literal = /"text": ("(?:[^"\\]|\\.)*")/.exec(artifact)?.[1];
  if (!literal) throw new Error(`no operation text in the ${queryName} artifact`);
  return JSON.parse(literal) as string;
}

let project: { dir: string; config: string };
let compiled: CompilerRun;
let served: ServedGateway;
const tempDirs: string[] = [];

beforeAll(async () => {
  project = await copyRelayProject();
  tempDirs.push(project.dir);
  compiled = await runCompiler(project.config);
  served = await serveSandboxGateway();
});
afterAll(async () => {
  await served?.close();
  await Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** Posts an operation to the served gateway; the data is left loosely typed, as the artifacts' types need relay-runtime. */
async function execute(query: string, variables: Record<string, unknown>): Promise<{ data?: any; errors?: unknown }> {
  const response = await fetch(served.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: any; errors?: unknown };
}

describe('Relay documents against schema/schema.graphql', () => {
  it('compiles the connection and refetchable fragments, and --validate then finds nothing pending', async () => {
    expect(compiled, compiled.output).toMatchObject({ code: 0 });
    const validated = await runCompiler(project.config, '--validate');
    expect(validated, validated.output).toMatchObject({ code: 0 });
  });

  it('runs the generated PastRoomListPaginationQuery against the gateway, page after page', async () => {
    const text = await operationText(project.dir, 'PastRoomListPaginationQuery');
    const first = await execute(text, { first: 4 });
    expect(first.errors).toBeUndefined();
    const page = first.data.pastRooms;
    expect(page.edges).toHaveLength(4);
    expect(page.pageInfo.hasNextPage).toBe(true);
    const second = await execute(text, { first: 4, after: page.pageInfo.endCursor });
    expect(second.errors).toBeUndefined();
    const ids = [...page.edges, ...second.data.pastRooms.edges].map((edge: { node: { id: string } }) => edge.node.id);
    expect(new Set(ids).size).toBe(8);
  });

  it('refetches a room through node(id:) with the generated RoomSummaryPastRoomsPaginationQuery', async () => {
    const listed = await execute(await operationText(project.dir, 'PastRoomListPaginationQuery'), { first: 1 });
    const pastRoom = listed.data.pastRooms.edges[0].node as { provider: string; roomId: string };
    const room = await execute(await operationText(project.dir, 'RoomSummaryQuery'), pastRoom);
    expect(room.errors).toBeUndefined();
    const refetched = await execute(await operationText(project.dir, 'RoomSummaryPastRoomsPaginationQuery'), { id: room.data.room.id, count: 2 });
    expect(refetched.errors).toBeUndefined();
    expect(refetched.data.node).toMatchObject({ __typename: 'Room', id: room.data.room.id, roomId: pastRoom.roomId });
    expect(refetched.data.node.pastRooms.edges.length).toBeGreaterThan(0);
  });

  it('fails, naming the field, on a fragment that selects a field the schema lacks', async () => {
    const broken = await copyRelayProject({
      'BrokenRoom.ts': "import { graphql } from './graphql-tag.js';\n\nexport const brokenRoom = graphql`\n  fragment BrokenRoom_room on Room {\n    id\n    hostName\n  }\n`;\n",
    });
    tempDirs.push(broken.dir);
    const run = await runCompiler(broken.config);
    expect(run.code).not.toBe(0);
    expect(run.output).toContain('The type `Room` has no field `hostName`');
  });
});

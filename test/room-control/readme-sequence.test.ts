import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ROOM_CONTROL_EXAMPLE } from '../../src/server/example-query.js';
import { useSandboxGateway } from '../support/sandbox-gateway.js';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const SEQUENCE = /```graphql\n(mutation RoomControlDemo[\s\S]*?)```/.exec(README)?.[1];

const sandbox = useSandboxGateway();

describe("the README's room-control sequence", () => {
  it('is the one GraphiQL opens in its second tab', async () => {
    expect(SEQUENCE).toBeDefined();
    expect(ROOM_CONTROL_EXAMPLE.endsWith(SEQUENCE!)).toBe(true);
    const page = await sandbox.gateway.gateway.yoga.fetch('http://gateway.test/graphql', { headers: { accept: 'text/html' } });
    expect(await page.text()).toContain('mutation RoomControlDemo');
  });

  it('creates a room, issues a join token for it and ends it, as pasted, without a user error', async () => {
    const { json } = await sandbox.gateway.post({ query: ROOM_CONTROL_EXAMPLE });
    expect(json.errors).toBeUndefined();
    const data = json.data as Record<string, any>;
    expect(data.createRoom).toMatchObject({ clientMutationId: 'step-1', room: { roomId: 'readme-demo', title: 'README demo', isActive: true }, userErrors: [] });
    expect(data.createJoinToken).toMatchObject({ joinToken: { userId: 'ada', token: expect.stringMatching(/^eyJ/) }, userErrors: [] });
    expect(data.endRoom).toMatchObject({ completion: 'ASYNCHRONOUS', room: { id: data.createRoom.room.id }, userErrors: [] });
    const calls = sandbox.sandboxes.simulators.plugnmeet.calls.map((call) => call.path);
    expect(calls).toEqual(expect.arrayContaining(['/auth/room/create', '/auth/room/getJoinToken', '/auth/room/endRoom']));
  });
});

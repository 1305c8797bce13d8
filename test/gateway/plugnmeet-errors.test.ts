import { describe, expect, it } from 'vitest';
import { PastRoomsPageDocument, RoomByProviderIdDocument } from '../generated/graphql.js';
import { usePlugnmeetGateway } from '../support/sandbox-gateway.js';
import { createTestGateway } from '../support/test-gateway.js';

const plugnmeet = usePlugnmeetGateway();

const codes = (errors: { extensions?: { code?: string } }[] | undefined) => errors?.map((error) => error.extensions?.code);

describe('errors over plugNmeet', () => {
  it.each([
    [{ first: 1000 }, 'BAD_USER_INPUT', /`first` must be between 0 and 100/],
    [{ first: -1 }, 'BAD_USER_INPUT', /`first` must be between 0 and 100/],
    [{ first: 1, last: 1 }, 'BAD_USER_INPUT', /either `first` or `last`/],
    [{ after: 'not-a-cursor' }, 'INVALID_CURSOR', /not a valid roomgraph cursor/],
    [{ filter: { roomIds: [''] } }, 'BAD_USER_INPUT', /filter.roomIds/],
  ])('refuses %j with %s and a clear message', async (variables, code, message) => {
    const result = await plugnmeet.gateway.execute(PastRoomsPageDocument, variables);
    expect(result.data?.pastRooms ?? null).toBeNull();
    expect(codes(result.errors)).toEqual([code]);
    expect(result.errors![0]!.message).toMatch(message);
    expect(result.errors![0]!.path).toEqual(['pastRooms']);
  });

  it('refuses a cursor from a list with another order', async () => {
    const page = await plugnmeet.gateway.execute(PastRoomsPageDocument, { first: 2, orderBy: { field: 'CREATED_AT', direction: 'ASC' } });
    const result = await plugnmeet.gateway.execute(PastRoomsPageDocument, { first: 2, after: page.data!.pastRooms.pageInfo.endCursor });
    expect(codes(result.errors)).toEqual(['INVALID_CURSOR']);
  });

  it('answers an unknown room with null and NOT_FOUND naming the provider', async () => {
    const result = await plugnmeet.gateway.execute(RoomByProviderIdDocument, { provider: 'PLUGNMEET', roomId: 'no-such-room' });
    expect(result.data).toEqual({ room: null });
    expect(codes(result.errors)).toEqual(['NOT_FOUND']);
    expect(result.errors![0]!.message).toBe('plugNmeet has no room "no-such-room".');
  });

  it('serves an idle room from its newest past session', async () => {
    const live = new Set(plugnmeet.simulator.store.runningSessions().map((session) => session.roomId));
    const idle = plugnmeet.simulator.store.sessions().filter((session) => !live.has(session.roomId)).at(-1)!;
    const result = await plugnmeet.gateway.execute(RoomByProviderIdDocument, { provider: 'PLUGNMEET', roomId: idle.roomId });
    expect(result.errors).toBeUndefined();
    expect(result.data!.room).toMatchObject({ isActive: false, title: idle.roomTitle, participants: [], activeSessionId: null });
  });

  it.each([
    ['garbled', 'bm9wZQ==', 'INVALID_ID'],
    ['not base64', '%%%', 'INVALID_ID'],
    ['of an unknown type', Buffer.from('User:1').toString('base64'), 'INVALID_ID'],
    ['with a malformed key', Buffer.from('Room:plugnmeet').toString('base64'), 'INVALID_ID'],
    ['of a disabled provider', Buffer.from('Room:telnyx/abc').toString('base64'), 'PROVIDER_DISABLED'],
  ])('answers a node id %s with %s', async (_label, id, code) => {
    const { json } = await plugnmeet.gateway.post({ query: 'query ($id: ID!) { node(id: $id) { id } }', variables: { id } });
    expect(json.data).toEqual({ node: null });
    expect(codes(json.errors)).toEqual([code]);
  });

  it('answers the id of a session that does not exist with null and no error', async () => {
    const id = Buffer.from('PastRoom:plugnmeet/weekly-standup/00000000-0000-4000-8000-000000000000').toString('base64');
    const { json } = await plugnmeet.gateway.post({ query: 'query ($id: ID!) { node(id: $id) { id } }', variables: { id } });
    expect(json).toEqual({ data: { node: null } });
  });

  it('keeps the good ids of a nodes call when one id is garbled', async () => {
    const page = await plugnmeet.gateway.execute(PastRoomsPageDocument, { first: 1 });
    const good = page.data!.pastRooms.edges[0]!.node.id;
    const { json } = await plugnmeet.gateway.post({ query: 'query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', variables: { ids: [good, 'x'] } });
    expect(json.data).toEqual({ nodes: [{ id: good }, null] });
    expect(json.errors?.map((error) => error.path)).toEqual([['nodes', 1]]);
  });

  it('names plugNmeet and hides the secret when the upstream refuses the signature', async () => {
    const wrong = createTestGateway({ ...plugnmeet.simulator.env, PLUGNMEET_API_SECRET: 'recognisable-wrong-secret-123' });
    try {
      const { status, json } = await wrong.post({ query: '{ pastRooms(first: 3) { totalCount } }' });
      expect(status).toBe(200);
      expect(codes(json.errors)).toEqual(['UPSTREAM_UNAUTHORIZED']);
      // The provider's own words go to the log only (issue 10): the client reads a fixed sentence.
      expect(json.errors![0]!.message).toMatch(/^plugNmeet POST \/auth\/room\/\w+ failed: the provider refused the gateway's credentials$/);
      expect(JSON.stringify(json)).not.toMatch(/Failed to verify|INVALID_TOKEN_OR_SIGNATURE/);
      expect(json.errors![0]!.extensions).toMatchObject({ provider: 'PLUGNMEET' });
      expect(JSON.stringify(json)).not.toMatch(/recognisable-wrong-secret-123|hash-signature/i);
    } finally {
      await wrong.close();
    }
  });

  it('reports an unreachable upstream as UPSTREAM_UNAVAILABLE', async () => {
    const down = createTestGateway({ ...plugnmeet.simulator.env, PLUGNMEET_URL: 'http://127.0.0.1:9' });
    try {
      const { json } = await down.post({ query: '{ activeRooms { totalCount } }' });
      expect(codes(json.errors)).toEqual(['UPSTREAM_UNAVAILABLE']);
      expect(json.errors![0]!.message).toMatch(/^plugNmeet POST \/auth\/room\/getActiveRoomsInfo failed: the provider could not be reached or answered with a server error$/);
    } finally {
      await down.close();
    }
  });
});

describe('nodes with mixed ids', () => {
  it('fails only the entries whose ids are garbled or of a disabled provider', async () => {
    const page = await plugnmeet.gateway.execute(PastRoomsPageDocument, { first: 2 });
    const [first, second] = page.data!.pastRooms.edges.map((edge) => edge.node.id);
    const disabled = Buffer.from('Room:videosdk/abcd-efgh-ijkl').toString('base64');
    const { json } = await plugnmeet.gateway.post({
      query: 'query ($ids: [ID!]!) { nodes(ids: $ids) { id } }',
      variables: { ids: [first, 'x', disabled, second] },
    });
    expect(json.data).toEqual({ nodes: [{ id: first }, null, null, { id: second }] });
    expect(json.errors?.map((error) => [error.path, error.extensions?.code])).toEqual([
      [['nodes', 1], 'INVALID_ID'],
      [['nodes', 2], 'PROVIDER_DISABLED'],
    ]);
  });
});

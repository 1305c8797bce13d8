import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandboxes, type Sandboxes } from '../../src/sandbox/sandboxes.js';
import { createTestGateway, type TestGateway } from '../support/test-gateway.js';

let sandboxes: Sandboxes;
let gateway: TestGateway;

beforeAll(async () => {
  sandboxes = await startSandboxes();
  // Telnyx points at a port nobody listens on; the two other providers are healthy.
  gateway = createTestGateway({ ...sandboxes.env, TELNYX_API_URL: 'http://127.0.0.1:9/v2' });
});
afterAll(async () => {
  await gateway.close();
  await sandboxes.close();
});

const QUERY = `{
  pastRooms(first: 10) { totalCount edges { node { provider } } }
  activeRooms { totalCount edges { node { provider } } }
}`;

describe('one provider failing', () => {
  it('still returns the other providers\' data, with an error naming the missing provider on each field', async () => {
    const { status, json } = await gateway.post({ query: QUERY });
    expect(status).toBe(200);
    const data = json.data as { pastRooms: { totalCount: number; edges: { node: { provider: string } }[] }; activeRooms: { edges: { node: { provider: string } }[] } };
    expect(new Set(data.pastRooms.edges.map((edge) => edge.node.provider))).toEqual(new Set(['PLUGNMEET', 'VIDEOSDK']));
    expect(new Set(data.activeRooms.edges.map((edge) => edge.node.provider))).toEqual(new Set(['PLUGNMEET', 'VIDEOSDK']));
    // The fields fail in whatever order their (retried) calls give up; the order of `errors` carries no meaning.
    const errors = [...json.errors!].sort((a, b) => String(a.path).localeCompare(String(b.path)));
    expect(errors.map((error) => [error.path, error.extensions?.code, error.extensions?.provider, (error.extensions as { partial?: boolean }).partial])).toEqual([
      [['activeRooms'], 'UPSTREAM_UNAVAILABLE', 'TELNYX', true],
      [['pastRooms'], 'UPSTREAM_UNAVAILABLE', 'TELNYX', true],
    ]);
    expect(errors[1]!.message).toMatch(/^Telnyx GET \/room_sessions failed: the provider could not be reached or answered with a server error\. Telnyx's results are missing from this field\.$/);
  });

  it('fails a field outright when its only provider fails', async () => {
    const { json } = await gateway.post({ query: '{ pastRooms(filter: { provider: TELNYX }) { totalCount } }' });
    expect(json.data).toBeNull();
    expect(json.errors?.map((error) => error.extensions?.code)).toEqual(['UPSTREAM_UNAVAILABLE']);
  });
});

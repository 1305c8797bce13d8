import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subscribeOverSse, subscribeOverWs, until, type CollectingSubscriber } from '../support/live-subscribers.js';
import { serveLiveGateway, type LiveServedGateway } from '../support/serve-live-gateway.js';

// Subscriptions with client auth on (AUTH_JWT_SECRET): over graphql-ws the token rides in
// `connectionParams.authorization`, over SSE in the `Authorization` header. Only subscribers with
// the same identity (the token's claims but its dates and id) share an execution.

const SECRET = 'subscription-auth-test-secret-of-32-chars-at-least';
const QUERY = 'subscription { roomEvents(filter: { provider: TELNYX }) { eventId kind } }';

let served: LiveServedGateway;
beforeAll(async () => {
  served = await serveLiveGateway({ AUTH_JWT_SECRET: SECRET });
});
afterAll(() => served?.close());

const token = (claims: Record<string, unknown>, key = SECRET, expiresIn = '5m') =>
  new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setExpirationTime(expiresIn).sign(new TextEncoder().encode(key));
const bearer = async (claims: Record<string, unknown>, key?: string, expiresIn?: string) => `Bearer ${await token(claims, key, expiresIn)}`;
const subscriptions = () => served.gateway.live.subscriptions;

/** The first error a refused graphql-ws subscription reported. */
async function refusal(subscriber: CollectingSubscriber): Promise<{ message: string; extensions?: Record<string, unknown> }> {
  await until(() => subscriber.ended !== null);
  const error = subscriber.ended?.error;
  expect(Array.isArray(error), `refused with GraphQL errors, got ${String(error)}`).toBe(true);
  return (error as { message: string; extensions?: Record<string, unknown> }[])[0]!;
}

async function sendTelnyxEvent(): Promise<string> {
  const telnyx = served.live.drivers.find((driver) => driver.provider === 'telnyx')!;
  const roomId = telnyx.liveRooms()[0]?.roomId ?? telnyx.idleRooms()[0]!;
  const [payload] = telnyx.liveRooms().length > 0 ? telnyx.join(roomId, 'someone', new Date()) : telnyx.startSession(roomId, new Date());
  const origin = new URL(served.url).origin;
  const { body, headers } = await telnyx.sign(payload, `${origin}/webhooks/telnyx`);
  expect((await fetch(`${origin}/webhooks/telnyx`, { method: 'POST', headers, body })).status).toBe(200);
  return `telnyx:${(payload as { id: string }).id}`;
}

describe('subscriptions with client auth on', () => {
  it('accepts a graphql-ws subscription whose connectionParams carry a valid token, and delivers events to it', async () => {
    const subscriber = subscribeOverWs(served, QUERY, {}, { authorization: await bearer({ sub: 'alice' }) });
    await until(() => subscriptions().subscriberCount() === 1);
    const eventId = await sendTelnyxEvent();
    await until(() => subscriber.results.length > 0);
    expect(subscriber.ended).toBeNull();
    expect(subscriber.results[0]).toEqual({ data: { roomEvents: { eventId, kind: expect.any(String) } } });
    await subscriber.close();
    await until(() => subscriptions().subscriberCount() === 0);
  });

  it('refuses a graphql-ws subscription without a token, or with one signed by another key, with UNAUTHENTICATED', async () => {
    const cases = [{}, { authorization: await bearer({ sub: 'mallory' }, 'another-secret-another-secret-another-secret') }, { authorization: 'Bearer not-a-jwt' }];
    for (const connectionParams of cases) {
      const subscriber = subscribeOverWs(served, QUERY, {}, connectionParams);
      const error = await refusal(subscriber);
      expect(error).toEqual({ message: 'Unauthenticated', extensions: { code: 'UNAUTHENTICATED' } });
      await subscriber.close();
    }
    expect(subscriptions().subscriberCount()).toBe(0);
  });

  it('refuses an SSE subscription without a token with 401', async () => {
    await expect(subscribeOverSse(served, QUERY)).rejects.toThrow(/refused: 401/);
  });

  it('shares one execution between tokens of the same client, and none between different clients', async () => {
    const alice = [
      subscribeOverWs(served, QUERY, {}, { authorization: await bearer({ sub: 'alice', scope: 'rooms:read' }) }),
      await subscribeOverSse(served, QUERY, {}, { authorization: await bearer({ sub: 'alice', scope: 'rooms:read' }, SECRET, '10m') }),
    ];
    const bob = subscribeOverWs(served, QUERY, {}, { authorization: await bearer({ sub: 'bob', scope: 'rooms:read' }) });
    const aliceWithOtherScope = await subscribeOverSse(served, QUERY, {}, { authorization: await bearer({ sub: 'alice', scope: 'rooms:write' }) });
    const everyone = [...alice, bob, aliceWithOtherScope];
    await until(() => subscriptions().subscriberCount() === 4);
    expect(subscriptions().subscriberCount()).toBe(4);
    expect(subscriptions().executionCount()).toBe(3);
    const eventId = await sendTelnyxEvent();
    await until(() => everyone.every((subscriber) => subscriber.results.length > 0));
    for (const subscriber of everyone) expect((subscriber.results[0]!.data!.roomEvents as { eventId: string }).eventId).toBe(eventId);
    await Promise.all(everyone.map((subscriber) => subscriber.close()));
    await until(() => subscriptions().executionCount() === 0);
    expect(subscriptions().executionCount()).toBe(0);
  });
});

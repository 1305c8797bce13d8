import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTelnyxLiveDriver } from '../../src/sandbox/telnyx/telnyx-webhooks.js';
import { createTelnyxStore } from '../../src/sandbox/telnyx/telnyx-store.js';
import { startRedisServer, type RedisServer } from '../support/redis-server.js';
import { subscribeSse, type SseSubscription } from '../support/sse-subscription.js';

// Two gateway processes and a real redis-server: a webhook lands on one replica, subscribers are
// connected to both, and each gets the event exactly once; a provider's retry landing on the other
// replica publishes nothing (the claim on the delivery id lives in Redis).

const telnyx = createTelnyxLiveDriver(createTelnyxStore());
const QUERY = 'subscription { roomEvents { eventId kind roomId sessionId } }';
let redis: RedisServer;
const processes: ChildProcess[] = [];
const origins: string[] = [];

async function startReplica(redisUrl: string): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/live-gateway-process.ts'], {
    env: { ...process.env, REDIS_URL: redisUrl, ...telnyx.env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  processes.push(child);
  const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
  return `http://127.0.0.1:${(JSON.parse(line) as { port: number }).port}`;
}

beforeAll(async () => {
  redis = await startRedisServer();
  origins.push(...(await Promise.all([startReplica(redis.url), startReplica(redis.url)])));
}, 60_000);

afterAll(async () => {
  await Promise.all(processes.map(async (child) => {
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    await exited;
  }));
  await redis?.close();
});

async function collect(subscription: SseSubscription, into: string[]): Promise<void> {
  for await (const result of subscription.results) into.push((result.data!.roomEvents as { eventId: string }).eventId);
}

async function postWebhook(origin: string, id: string): Promise<number> {
  const event = { record_type: 'event', event_type: 'video.room.session.started', id, occurred_at: new Date().toISOString(), payload: { room_id: 'room-r', session_id: `session-${id}` } };
  const { body, headers } = await telnyx.sign(event, `${origin}/webhooks/telnyx`);
  const response = await fetch(`${origin}/webhooks/telnyx`, { method: 'POST', headers, body });
  await response.text();
  return response.status;
}

describe('two gateway processes over one Redis', () => {
  it('delivers a webhook posted to A exactly once to subscribers on B and on A, and a retry on B not at all', async () => {
    const [a, b] = origins as [string, string];
    const onA: string[] = [];
    const onB: string[] = [];
    const subscriptionA = await subscribeSse(fetch, `${a}/graphql`, QUERY);
    const subscriptionB = await subscribeSse(fetch, `${b}/graphql`, QUERY);
    const readers = [collect(subscriptionA, onA), collect(subscriptionB, onB)];
    await new Promise((resolve) => setTimeout(resolve, 100));

    expect(await postWebhook(a, 'replica-event-1')).toBe(200);
    for (let tries = 0; tries < 200 && onB.length === 0; tries += 1) await new Promise((resolve) => setTimeout(resolve, 10));
    // The provider retries the same event, and this time its request lands on B.
    expect(await postWebhook(b, 'replica-event-1')).toBe(200);
    expect(await postWebhook(b, 'replica-event-2')).toBe(200);
    for (let tries = 0; tries < 200 && (onA.length < 2 || onB.length < 2); tries += 1) await new Promise((resolve) => setTimeout(resolve, 10));
    await new Promise((resolve) => setTimeout(resolve, 300));

    expect(onB).toEqual(['telnyx:replica-event-1', 'telnyx:replica-event-2']);
    expect(onA).toEqual(['telnyx:replica-event-1', 'telnyx:replica-event-2']);
    subscriptionA.close();
    subscriptionB.close();
    await Promise.all(readers);
  });
});

import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import { SignJWT } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import type { RoomChange } from '../../src/domain/room-changes.js';
import type { RoomEvent } from '../../src/domain/room-events.js';
import { createGateway } from '../../src/gateway.js';
import { createPlugnmeetLiveDriver } from '../../src/sandbox/plugnmeet/plugnmeet-webhooks.js';
import { createPlugnmeetStore } from '../../src/sandbox/plugnmeet/plugnmeet-store.js';
import { createTelnyxLiveDriver } from '../../src/sandbox/telnyx/telnyx-webhooks.js';
import { createTelnyxStore } from '../../src/sandbox/telnyx/telnyx-store.js';
import { createVideosdkLiveDriver } from '../../src/sandbox/videosdk/videosdk-webhooks.js';
import { createVideosdkStore } from '../../src/sandbox/videosdk/videosdk-store.js';
import { createLogger } from '../../src/server/logging.js';

const PLUGNMEET = { apiKey: 'plugnmeet', apiSecret: 'a-plugnmeet-secret-for-route-tests' };
const plugnmeet = createPlugnmeetLiveDriver(createPlugnmeetStore(), PLUGNMEET);
const videosdk = createVideosdkLiveDriver(createVideosdkStore());
const telnyx = createTelnyxLiveDriver(createTelnyxStore());

const logLines: Record<string, unknown>[] = [];
const logSink = new Writable({ write: (chunk, _encoding, done) => (logLines.push(JSON.parse(String(chunk)) as Record<string, unknown>), done()) });
const env = { PLUGNMEET_URL: 'http://127.0.0.1:9', PLUGNMEET_API_KEY: PLUGNMEET.apiKey, PLUGNMEET_API_SECRET: PLUGNMEET.apiSecret, ...videosdk.env, ...telnyx.env };
const gateway = createGateway(parseConfig({ ...env, WEBHOOK_MAX_BODY_BYTES: '2048' }), { logger: createLogger('info', logSink) });
const changes: RoomChange[] = [];
gateway.roomChanges.onChange((change) => changes.push(change));
afterAll(() => gateway.close());

async function post(path: string, body: string, headers: Record<string, string> = {}, method = 'POST'): Promise<number> {
  const response = await gateway.yoga.fetch(`http://gateway.test${path}`, { method, headers, body: method === 'GET' ? undefined : body });
  await response.text();
  return response.status;
}

/** Everything published, and every room change announced, while `run` runs. */
async function observe(run: () => Promise<void>): Promise<{ events: RoomEvent[]; changes: RoomChange[] }> {
  const controller = new AbortController();
  const stream = gateway.live.bus.subscribe({ provider: null, roomIds: null, kinds: null }, controller.signal);
  const events: RoomEvent[] = [];
  const reading = (async () => {
    for await (const event of stream) events.push(event);
  })();
  const before = changes.length;
  await run();
  await new Promise((resolve) => setTimeout(resolve, 20));
  controller.abort();
  await reading;
  return { events, changes: changes.slice(before) };
}

const joined = { event: 'participant_joined', id: 'EV_route', created_at: '1764633600', room: { sid: 'RM_1', room_id: 'room-1' }, participant: { sid: 'PA_1', identity: 'ada', name: 'Ada' } };

describe('webhook routes', () => {
  it('refuses 100 forged webhooks (bad, missing and foreign signatures) and publishes nothing', async () => {
    const forger = createTelnyxLiveDriver(createTelnyxStore());
    const valid = await plugnmeet.sign(joined, '');
    const refusals = logLines.length;
    const seen = await observe(async () => {
      const statuses = await Promise.all(
        Array.from({ length: 100 }, async (_unused, index) => {
          const payload = { ...joined, id: `EV_forged_${index}` };
          if (index % 4 === 0) return post('/webhooks/plugnmeet', JSON.stringify(payload), { authorization: valid.headers.authorization! });
          if (index % 4 === 1) return post('/webhooks/videosdk', JSON.stringify({ webhookType: 'session-started', data: { meetingId: 'm', sessionId: `s${index}` } }));
          if (index % 4 === 2) {
            const forged = await forger.sign({ event_type: 'video.room.session.started', id: `forged-${index}`, occurred_at: new Date().toISOString(), payload: { room_id: 'r', session_id: 's' } }, '');
            return post('/webhooks/telnyx', forged.body, forged.headers);
          }
          return post('/webhooks/videosdk', JSON.stringify({ webhookType: 'session-started', data: {} }), { 'videosdk-signature': Buffer.alloc(256, index).toString('base64') });
        }),
      );
      expect(statuses.every((status) => status === 401)).toBe(true);
    });
    expect(seen).toEqual({ events: [], changes: [] });
    const lines = logLines.slice(refusals).filter((line) => line.msg === 'webhook refused');
    expect(lines).toHaveLength(100);
    // The log names the provider and the reason; never a token or a signature.
    expect(JSON.stringify(lines)).not.toContain(valid.headers.authorization!.slice(-20));
  });

  it('answers a verified but malformed payload 400, and publishes nothing', async () => {
    const seen = await observe(async () => {
      const notJson = '{not json';
      const token = await new SignJWT({ sha256: createHash('sha256').update(notJson).digest('base64') })
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer(PLUGNMEET.apiKey)
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(new TextEncoder().encode(PLUGNMEET.apiSecret));
      expect(await post('/webhooks/plugnmeet', notJson, { authorization: token })).toBe(400);
      const missingSession = await videosdk.sign({ webhookType: 'participant-joined', data: { meetingId: 'abcd', participantId: 'p1' } }, '');
      expect(await post('/webhooks/videosdk', missingSession.body, missingSession.headers)).toBe(400);
      const badTime = await telnyx.sign({ event_type: 'video.room.session.started', id: 'bad-time', occurred_at: 'yesterday', payload: { room_id: 'r', session_id: 's' } }, '');
      expect(await post('/webhooks/telnyx', badTime.body, badTime.headers)).toBe(400);
    });
    expect(seen.events).toEqual([]);
  });

  it('refuses a body over WEBHOOK_MAX_BODY_BYTES with 413 before verifying it', async () => {
    const big = await plugnmeet.sign({ ...joined, id: 'EV_big', padding: 'x'.repeat(4096) }, '');
    const seen = await observe(async () => {
      expect(await post('/webhooks/plugnmeet', big.body, big.headers)).toBe(413);
    });
    expect(seen.events).toEqual([]);
    expect(logLines.filter((line) => line.msg === 'webhook refused').at(-1)).toMatchObject({ provider: 'plugnmeet', status: 413 });
  });

  it('answers 404 for a provider whose key is not configured, and 405 for a GET', async () => {
    const bare = createGateway(parseConfig({ LOG_LEVEL: 'silent' }));
    const response = await bare.yoga.fetch('http://gateway.test/webhooks/telnyx', { method: 'POST', body: '{}' });
    expect(response.status).toBe(404);
    await bare.close();
    expect(await post('/webhooks/plugnmeet', '', {}, 'GET')).toBe(405);
    expect(await post('/webhooks/zoom', '{}')).toBe(404);
  });

  it('announces the room of every verified delivery, even one the graph does not model', async () => {
    const track = await plugnmeet.sign({ event: 'track_published', id: 'EV_track', room: { sid: 'RM_9', room_id: 'room-9' } }, '');
    const seen = await observe(async () => {
      expect(await post('/webhooks/plugnmeet', track.body, track.headers)).toBe(200);
    });
    expect(seen).toEqual({ events: [], changes: [{ provider: 'plugnmeet', roomId: 'room-9' }] });
  });

  it('maps each provider delivery to one provider-neutral event', async () => {
    const deliveries = [
      ['plugnmeet', await plugnmeet.sign({ ...joined, id: 'EV_map' }, '')],
      ['videosdk', await videosdk.sign({ webhookType: 'session-ended', data: { sessionId: 'S9', meetingId: 'abcd-efgh-ijkl', start: '2026-11-30T10:00:00.000+00:00', end: '2026-11-30T11:00:00.000+00:00' } }, '')],
      ['telnyx', await telnyx.sign({ record_type: 'event', event_type: 'video.room.participant.left', id: 'left-1', occurred_at: '2026-11-30T10:30:00.000123Z', payload: { session_id: 'TS', room_id: 'TR', participant_id: 'TP', context: 'Alice', duration_secs: 60, left_reason: 'left' } }, '')],
    ] as const;
    const seen = await observe(async () => {
      for (const [provider, signed] of deliveries) expect(await post(`/webhooks/${provider}`, signed.body, signed.headers)).toBe(200);
    });
    expect(seen.events.map(({ kind, provider, roomId, sessionId, participant, occurredAt, providerEventType }) => ({ kind, provider, roomId, sessionId, participant, occurredAt: occurredAt.toISOString(), providerEventType }))).toEqual([
      { kind: 'PARTICIPANT_JOINED', provider: 'plugnmeet', roomId: 'room-1', sessionId: 'RM_1', participant: { participantId: 'PA_1', userId: 'ada', name: 'Ada' }, occurredAt: '2025-12-02T00:00:00.000Z', providerEventType: 'participant_joined' },
      { kind: 'ROOM_ENDED', provider: 'videosdk', roomId: 'abcd-efgh-ijkl', sessionId: 'S9', participant: null, occurredAt: '2026-11-30T11:00:00.000Z', providerEventType: 'session-ended' },
      { kind: 'PARTICIPANT_LEFT', provider: 'telnyx', roomId: 'TR', sessionId: 'TS', participant: { participantId: 'TP', userId: null, name: null }, occurredAt: '2026-11-30T10:30:00.000Z', providerEventType: 'video.room.participant.left' },
    ]);
  });
});

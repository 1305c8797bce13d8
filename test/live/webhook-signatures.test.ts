import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { WebhooksResource } from '@videosdk.live/server-sdk';
import { jwtVerify, SignJWT } from 'jose';
import { TelnyxWebhook } from 'telnyx/lib/webhooks';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import type { RoomEvent } from '../../src/domain/room-events.js';
import { createGateway } from '../../src/gateway.js';
import { createPlugnmeetLiveDriver } from '../../src/sandbox/plugnmeet/plugnmeet-webhooks.js';
import { createPlugnmeetStore } from '../../src/sandbox/plugnmeet/plugnmeet-store.js';
import { createTelnyxLiveDriver } from '../../src/sandbox/telnyx/telnyx-webhooks.js';
import { createTelnyxStore } from '../../src/sandbox/telnyx/telnyx-store.js';
import { createVideosdkLiveDriver } from '../../src/sandbox/videosdk/videosdk-webhooks.js';
import { createVideosdkStore } from '../../src/sandbox/videosdk/videosdk-store.js';

// Each scheme is checked twice on the very same bytes: by the provider's own verification code
// (Telnyx's SDK `TelnyxWebhook`, VideoSDK's server SDK `webhooks.verifySync`; for plugNmeet, whose
// helper is Go, the same steps with jose) and by the gateway's receiver route. They must agree.

const PLUGNMEET = { apiKey: 'plugnmeet', apiSecret: 'a-plugnmeet-secret-for-signature-tests' };
const plugnmeet = createPlugnmeetLiveDriver(createPlugnmeetStore(), PLUGNMEET);
const videosdk = createVideosdkLiveDriver(createVideosdkStore());
const telnyx = createTelnyxLiveDriver(createTelnyxStore());

const gateway = createGateway(
  parseConfig({ LOG_LEVEL: 'silent', PLUGNMEET_URL: 'http://127.0.0.1:9', PLUGNMEET_API_KEY: PLUGNMEET.apiKey, PLUGNMEET_API_SECRET: PLUGNMEET.apiSecret, ...videosdk.env, ...telnyx.env }),
);
afterAll(() => gateway.close());

/** Posts a delivery to the gateway's receiver; the status it answers. */
async function post(provider: string, body: string, headers: Record<string, string>): Promise<number> {
  const response = await gateway.yoga.fetch(`http://gateway.test/webhooks/${provider}`, { method: 'POST', headers, body });
  await response.text();
  return response.status;
}

/** Collects what the bus publishes while `run` runs (and a moment after). */
async function published(run: () => Promise<void>): Promise<RoomEvent[]> {
  const controller = new AbortController();
  const stream = gateway.live.bus.subscribe({ provider: null, roomIds: null, kinds: null }, controller.signal);
  const events: RoomEvent[] = [];
  const reading = (async () => {
    for await (const event of stream) events.push(event);
  })();
  await run();
  await new Promise((resolve) => setTimeout(resolve, 20));
  controller.abort();
  await reading;
  return events;
}

/** The body with its room id changed (and nothing else). */
function tamper(body: string): string {
  const changed = body.replace(/"(room_id|meetingId)":"[^"]*"/, '"$1":"other-room"');
  if (changed === body) throw new Error('nothing to tamper with');
  return changed;
}

describe('plugNmeet webhook signatures (HS256 JWT with the body hash, checked with jose as webhook.VerifyRequest does)', () => {
  const payload = { event: 'participant_joined', id: 'EV_sig_1', created_at: '1764633600', room: { sid: 'RM_1', room_id: 'room-1' }, participant: { sid: 'PA_1', identity: 'ada', name: 'Ada' } };

  /** The Go helper's steps: HS256 with the secret, iss = key, time validity, sha256 claim = base64(SHA-256(body)). */
  async function referenceVerifies(body: string, token: string, secret = PLUGNMEET.apiSecret): Promise<boolean> {
    try {
      const { payload: claims } = await jwtVerify(token, new TextEncoder().encode(secret), { algorithms: ['HS256'], issuer: PLUGNMEET.apiKey });
      return claims.sha256 === createHash('sha256').update(body).digest('base64');
    } catch {
      return false;
    }
  }

  it('passes a valid delivery in the reference check and the gateway (200)', async () => {
    const { body, headers } = await plugnmeet.sign(payload, '');
    expect(await referenceVerifies(body, headers.authorization!)).toBe(true);
    expect(await post('plugnmeet', body, headers)).toBe(200);
  });

  it('refuses a tampered body, a wrong secret and a stale token in both (401)', async () => {
    const { body, headers } = await plugnmeet.sign({ ...payload, id: 'EV_sig_2' }, '');
    expect(await referenceVerifies(tamper(body), headers.authorization!)).toBe(false);
    expect(await post('plugnmeet', tamper(body), headers)).toBe(401);
    const forger = createPlugnmeetLiveDriver(createPlugnmeetStore(), { ...PLUGNMEET, apiSecret: 'not-the-secret-the-gateway-knows' });
    const forged = await forger.sign({ ...payload, id: 'EV_sig_3' }, '');
    expect(await referenceVerifies(forged.body, forged.headers.authorization!)).toBe(false);
    expect(await post('plugnmeet', forged.body, forged.headers)).toBe(401);
    const staleBody = JSON.stringify({ ...payload, id: 'EV_sig_4' });
    const tenMinutesAgo = Math.floor(Date.now() / 1000) - 600;
    const stale = await new SignJWT({ sha256: createHash('sha256').update(staleBody).digest('base64') })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(PLUGNMEET.apiKey)
      .setIssuedAt(tenMinutesAgo)
      .setNotBefore(tenMinutesAgo)
      .setExpirationTime(tenMinutesAgo + 300)
      .sign(new TextEncoder().encode(PLUGNMEET.apiSecret));
    expect(await referenceVerifies(staleBody, stale)).toBe(false);
    expect(await post('plugnmeet', staleBody, { authorization: stale, 'hash-token': stale })).toBe(401);
  });

  it('publishes a replayed delivery once', async () => {
    const { body, headers } = await plugnmeet.sign({ ...payload, id: 'EV_sig_5' }, '');
    const events = await published(async () => {
      expect(await post('plugnmeet', body, headers)).toBe(200);
      expect(await post('plugnmeet', body, headers)).toBe(200);
    });
    expect(events.map((event) => event.eventId)).toEqual(['plugnmeet:EV_sig_5']);
  });
});

describe("VideoSDK webhook signatures (RSA-SHA256, checked by the server SDK's webhooks.verifySync)", () => {
  const reference = new WebhooksResource(undefined as never);
  const publicKey = videosdk.env.VIDEOSDK_WEBHOOK_PUBLIC_KEY!;
  const payload = { webhookType: 'participant-joined', data: { meetingId: 'abcd-efgh-ijkl', sessionId: 'S1', participantId: 'p1', participantName: 'Rahul' } };
  const referenceVerifies = (body: string, signature: string, key = publicKey) => {
    try {
      return reference.verifySync(body, signature, key).type === 'participant-joined';
    } catch {
      return false;
    }
  };

  it('passes a valid delivery in the SDK and the gateway (200)', async () => {
    const { body, headers } = await videosdk.sign(payload, '');
    expect(referenceVerifies(body, headers['videosdk-signature']!)).toBe(true);
    expect(await post('videosdk', body, headers)).toBe(200);
  });

  it('refuses a tampered body and a wrong key in both (401)', async () => {
    const { body, headers } = await videosdk.sign({ ...payload, data: { ...payload.data, participantId: 'p2' } }, '');
    expect(referenceVerifies(tamper(body), headers['videosdk-signature']!)).toBe(false);
    expect(await post('videosdk', tamper(body), headers)).toBe(401);
    const forger = createVideosdkLiveDriver(createVideosdkStore());
    const forged = await forger.sign(payload, '');
    expect(referenceVerifies(forged.body, forged.headers['videosdk-signature']!)).toBe(false);
    expect(await post('videosdk', forged.body, forged.headers)).toBe(401);
  });

  it('has no timestamp to go stale (as the SDK), so a replay is recognised by its bytes and published once', async () => {
    const { body, headers } = await videosdk.sign({ ...payload, data: { ...payload.data, participantId: 'p3' } }, '');
    expect(referenceVerifies(body, headers['videosdk-signature']!)).toBe(true);
    const events = await published(async () => {
      expect(await post('videosdk', body, headers)).toBe(200);
      expect(await post('videosdk', body, headers)).toBe(200);
    });
    expect(events).toHaveLength(1);
    expect(events[0]!.participant?.participantId).toBe('p3');
  });
});

describe("Telnyx webhook signatures (Ed25519 over timestamp|body, checked by the SDK's TelnyxWebhook)", () => {
  const reference = new TelnyxWebhook(telnyx.env.TELNYX_PUBLIC_KEY!);
  const event = (id: string) => ({
    record_type: 'event',
    event_type: 'video.room.participant.joined',
    id,
    occurred_at: new Date().toISOString(),
    payload: { session_id: 'S1', room_id: '0ccc7b54-4df3-4bca-a65a-3da1ecc777f0', context: 'Alice', participant_id: 'P1' },
  });
  const referenceVerifies = async (body: string, headers: Record<string, string>, verifier = reference) => {
    try {
      await verifier.verify(body, headers);
      return true;
    } catch {
      return false;
    }
  };

  it('passes a valid delivery in the SDK and the gateway (200)', async () => {
    const { body, headers } = await telnyx.sign(event('7b7f7a43-0000-4000-8000-000000000001'), 'https://gateway/webhooks/telnyx');
    expect(await referenceVerifies(body, headers)).toBe(true);
    expect(await post('telnyx', body, headers)).toBe(200);
  });

  it('refuses a tampered body, a wrong key and a stale timestamp in both (401)', async () => {
    const { body, headers } = await telnyx.sign(event('7b7f7a43-0000-4000-8000-000000000002'), '');
    expect(await referenceVerifies(tamper(body), headers)).toBe(false);
    expect(await post('telnyx', tamper(body), headers)).toBe(401);
    const forged = await createTelnyxLiveDriver(createTelnyxStore()).sign(event('7b7f7a43-0000-4000-8000-000000000003'), '');
    expect(await referenceVerifies(forged.body, forged.headers)).toBe(false);
    expect(await post('telnyx', forged.body, forged.headers)).toBe(401);
    // Signed with the right key, 301 s ago: past the SDK's 300 s window.
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const rawKey = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url').toString('base64');
    const staleGateway = createGateway(parseConfig({ LOG_LEVEL: 'silent', TELNYX_PUBLIC_KEY: rawKey }));
    const staleBody = JSON.stringify({ data: event('7b7f7a43-0000-4000-8000-000000000004'), meta: { attempt: 1 } });
    const timestamp = String(Math.floor(Date.now() / 1000) - 301);
    const staleHeaders = { 'telnyx-timestamp': timestamp, 'telnyx-signature-ed25519': sign(null, Buffer.from(`${timestamp}|${staleBody}`), privateKey).toString('base64') };
    expect(await referenceVerifies(staleBody, staleHeaders, new TelnyxWebhook(rawKey))).toBe(false);
    const response = await staleGateway.yoga.fetch('http://gateway.test/webhooks/telnyx', { method: 'POST', headers: staleHeaders, body: staleBody });
    expect(response.status).toBe(401);
    await staleGateway.close();
  });

  it('publishes a replayed delivery (a retry with a new timestamp) once', async () => {
    const data = event('7b7f7a43-0000-4000-8000-000000000005');
    const first = await telnyx.sign(data, '');
    const retry = await telnyx.sign(data, '');
    const events = await published(async () => {
      expect(await post('telnyx', first.body, first.headers)).toBe(200);
      expect(await post('telnyx', retry.body, retry.headers)).toBe(200);
      expect(await post('telnyx', first.body, first.headers)).toBe(200);
    });
    expect(events.map((item) => item.eventId)).toEqual(['telnyx:7b7f7a43-0000-4000-8000-000000000005']);
  });
});

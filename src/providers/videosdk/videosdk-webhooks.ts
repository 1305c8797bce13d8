/**
 * VideoSDK's webhooks (reference/webhooks.md, "VideoSDK webhooks"): the RSA-SHA256 check of the
 * official server SDK's `webhooks.verify`, over the raw body bytes, and the mapping of
 * `{webhookType, data}` to room events. VideoSDK signs no time and sends no event id.
 */
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { ConfigError, isSet, parseBoolean, parseUrl, type Env } from '../../config-values.js';
import { WebhookRefusal, type RoomEvent, type RoomEventDelivery, type RoomEventKind, type WebhookRequest } from '../../domain/room-events.js';
import { parseVerifiedBody, toBodyDigest, type ProviderWebhooks } from '../kit/provider-webhooks.js';
import { asId, asObject, asString, optional } from '../kit/wire-readers.js';
import { asIsoTime } from '../kit/wire-time.js';
import { DEFAULT_VIDEOSDK_API_URL } from './videosdk-provider.js';

/** The account's webhook public key: pinned from the configuration, or fetched once from VideoSDK. */
export type VideosdkWebhookConfig = { publicKey: KeyObject } | { publicKeyUrl: string };

/** The largest public-key answer read, and how long its fetch may take. */
const KEY_FETCH_LIMITS = { maxBytes: 16 * 1024, timeoutMs: 5_000 };

const KINDS: Record<string, RoomEventKind> = {
  'session-started': 'ROOM_STARTED',
  'session-ended': 'ROOM_ENDED',
  'participant-joined': 'PARTICIPANT_JOINED',
  'participant-left': 'PARTICIPANT_LEFT',
};

/** As the SDK's `verifyAndParse`: base64 `videosdk-signature`, RSA-SHA256 over the raw body, the key in PEM. */
export function verifyVideosdkDelivery(request: WebhookRequest, publicKey: KeyObject): void {
  const signature = request.headers.get('videosdk-signature');
  if (!signature) throw new WebhookRefusal(401, 'no videosdk-signature header');
  let valid = false;
  try {
    valid = verify('RSA-SHA256', request.body, publicKey, Buffer.from(signature, 'base64'));
  } catch {
    valid = false;
  }
  if (!valid) throw new WebhookRefusal(401, 'signature does not verify');
}

/** A verified body as a delivery. Its id is the body's digest: a retry resends the same bytes. */
export function toVideosdkDelivery(json: unknown, receivedAt: Date, body: Buffer): RoomEventDelivery {
  const root = asObject(json, 'body');
  const type = asString(root.webhookType ?? root.type ?? '', 'webhookType');
  const data = asObject(root.data ?? {}, 'data');
  const deliveryId = `videosdk:${toBodyDigest(body, 'hex')}`;
  const roomId = optional(data.meetingId, 'data.meetingId', asId);
  const change = roomId ? { provider: 'videosdk' as const, roomId } : null;
  const kind = KINDS[type];
  if (!kind || !roomId) return { deliveryId, change, events: [] };
  const joinedOrLeft = kind === 'PARTICIPANT_JOINED' || kind === 'PARTICIPANT_LEFT';
  const event: RoomEvent = {
    eventId: deliveryId,
    kind,
    provider: 'videosdk',
    roomId,
    sessionId: asId(data.sessionId, 'data.sessionId'),
    participant: joinedOrLeft
      ? { participantId: asId(data.participantId, 'data.participantId'), userId: null, name: optional(data.participantName, 'data.participantName', asString) ?? null }
      : null,
    occurredAt: kind === 'ROOM_STARTED' ? asIsoTime(data.start, 'data.start') : kind === 'ROOM_ENDED' ? asIsoTime(data.end, 'data.end') : receivedAt,
    providerEventType: type,
  };
  return { deliveryId, change, events: [event] };
}

/** A PEM public key from the environment (`\n` escapes allowed, as .env files write them); ConfigError when it is not one. */
function parsePublicKey(env: Env): KeyObject {
  try {
    return createPublicKey(env.VIDEOSDK_WEBHOOK_PUBLIC_KEY!.trim().replace(/\\n/g, '\n'));
  } catch {
    throw new ConfigError('VIDEOSDK_WEBHOOK_PUBLIC_KEY is not a PEM public key.');
  }
}

/** The key source: fetched once (single flight, a failure forgotten so the next delivery retries). */
function createKeySource(config: VideosdkWebhookConfig): () => Promise<KeyObject> {
  if ('publicKey' in config) return async () => config.publicKey;
  let pending: Promise<KeyObject> | null = null;
  return () => {
    pending ??= fetchPublicKey(config.publicKeyUrl).catch((error: unknown) => {
      pending = null;
      throw error;
    });
    return pending;
  };
}

/** `GET /v2/public/rsa-public-key` → `{publicKey}` (no auth); 503 refusal when it cannot be had. */
async function fetchPublicKey(url: string): Promise<KeyObject> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(KEY_FETCH_LIMITS.timeoutMs) });
    const text = await response.text();
    if (!response.ok || text.length > KEY_FETCH_LIMITS.maxBytes) throw new Error('bad answer');
    return createPublicKey(String((JSON.parse(text) as { publicKey?: unknown }).publicKey));
  } catch {
    throw new WebhookRefusal(503, 'the webhook public key could not be fetched from VideoSDK');
  }
}

/** VideoSDK's receiver: on when VIDEOSDK_WEBHOOK_PUBLIC_KEY is set, or VIDEOSDK_WEBHOOK_FETCH_PUBLIC_KEY=true. */
export const videosdkWebhooks = {
  name: 'videosdk',
  keyVariables: ['VIDEOSDK_WEBHOOK_PUBLIC_KEY', 'VIDEOSDK_WEBHOOK_FETCH_PUBLIC_KEY'],
  parseConfig: (env) => {
    if (isSet(env.VIDEOSDK_WEBHOOK_PUBLIC_KEY)) return { publicKey: parsePublicKey(env) };
    if (!parseBoolean(env, 'VIDEOSDK_WEBHOOK_FETCH_PUBLIC_KEY', false)) return undefined;
    return { publicKeyUrl: `${parseUrl(env, 'VIDEOSDK_API_URL', DEFAULT_VIDEOSDK_API_URL).replace(/\/v2$/, '')}/v2/public/rsa-public-key` };
  },
  createReceiver: (config) => {
    const publicKey = createKeySource(config);
    return {
      provider: 'videosdk',
      receive: async (request) => {
        verifyVideosdkDelivery(request, await publicKey());
        return parseVerifiedBody(request.body, (json) => toVideosdkDelivery(json, request.receivedAt, request.body));
      },
    };
  },
} as const satisfies ProviderWebhooks<VideosdkWebhookConfig>;

/**
 * Telnyx video room webhooks (reference/webhooks.md, "Telnyx video room webhooks"): the Ed25519
 * check of the official SDK's `TelnyxWebhook.verify`, and the mapping of the v2 event envelope to
 * room events.
 */
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { ConfigError, isSet, type Env } from '../../config-values.js';
import { WebhookRefusal, type RoomEvent, type RoomEventDelivery, type RoomEventKind, type WebhookRequest } from '../../domain/room-events.js';
import { parseVerifiedBody, type ProviderWebhooks } from '../kit/provider-webhooks.js';
import { asId, asObject, asString } from '../kit/wire-readers.js';
import { asIsoTime } from '../kit/wire-time.js';

/** The account's Ed25519 public key (Mission Control's base64 of its 32 raw bytes). */
export interface TelnyxWebhookConfig {
  publicKey: KeyObject;
}

/** The SDK refuses a `telnyx-timestamp` more than this many seconds from now, either way. */
export const TELNYX_TIMESTAMP_TOLERANCE_SECONDS = 300;

// The SDK's strict base64: padded, standard alphabet only.
const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

const KINDS: Record<string, RoomEventKind> = {
  'video.room.session.started': 'ROOM_STARTED',
  'video.room.session.ended': 'ROOM_ENDED',
  'video.room.participant.joined': 'PARTICIPANT_JOINED',
  'video.room.participant.left': 'PARTICIPANT_LEFT',
};

/**
 * As `TelnyxWebhook.verify`: `telnyx-timestamp` is decimal Unix seconds within 300 s of now, and
 * `telnyx-signature-ed25519` (strict base64 of 64 bytes) signs `<timestamp>|<raw body>`.
 */
export function verifyTelnyxDelivery(request: WebhookRequest, publicKey: KeyObject, now = Date.now()): void {
  const signature = request.headers.get('telnyx-signature-ed25519');
  const timestamp = request.headers.get('telnyx-timestamp');
  if (!signature || !timestamp) throw new WebhookRefusal(401, 'no telnyx-signature-ed25519 or telnyx-timestamp header');
  const seconds = /^\d+$/.test(timestamp) ? Number(timestamp) : NaN;
  if (!Number.isSafeInteger(seconds)) throw new WebhookRefusal(401, 'telnyx-timestamp is not Unix seconds');
  if (Math.abs(Math.floor(now / 1000) - seconds) > TELNYX_TIMESTAMP_TOLERANCE_SECONDS) throw new WebhookRefusal(401, 'telnyx-timestamp is stale');
  const signatureBytes = STRICT_BASE64.test(signature) ? Buffer.from(signature, 'base64') : Buffer.alloc(0);
  if (signatureBytes.length !== 64) throw new WebhookRefusal(401, 'signature is not 64 bytes of base64');
  const message = Buffer.concat([Buffer.from(`${timestamp}|`, 'utf8'), request.body]);
  if (!verify(null, message, publicKey, signatureBytes)) throw new WebhookRefusal(401, 'signature does not verify');
}

/** A verified envelope as a delivery; its id is the event's `data.id`. */
export function toTelnyxDelivery(json: unknown): RoomEventDelivery {
  const data = asObject(asObject(json, 'body').data, 'data');
  const type = asString(data.event_type, 'data.event_type');
  const deliveryId = `telnyx:${asId(data.id, 'data.id')}`;
  const payload = asObject(data.payload ?? {}, 'data.payload');
  const roomId = payload.room_id === undefined ? undefined : asId(payload.room_id, 'data.payload.room_id');
  const change = roomId ? { provider: 'telnyx' as const, roomId } : null;
  const kind = KINDS[type];
  if (!kind || !roomId) return { deliveryId, change, events: [] };
  const joinedOrLeft = kind === 'PARTICIPANT_JOINED' || kind === 'PARTICIPANT_LEFT';
  const event: RoomEvent = {
    eventId: deliveryId,
    kind,
    provider: 'telnyx',
    roomId,
    sessionId: asId(payload.session_id, 'data.payload.session_id'),
    participant: joinedOrLeft ? { participantId: asId(payload.participant_id, 'data.payload.participant_id'), userId: null, name: null } : null,
    occurredAt: asIsoTime(data.occurred_at, 'data.occurred_at'),
    providerEventType: type,
  };
  return { deliveryId, change, events: [event] };
}

/** The 32-byte key from its base64; ConfigError when it is not one. */
function parsePublicKey(env: Env): KeyObject {
  const raw = env.TELNYX_PUBLIC_KEY!.trim();
  const bytes = STRICT_BASE64.test(raw) ? Buffer.from(raw, 'base64') : Buffer.alloc(0);
  if (bytes.length !== 32) throw new ConfigError('TELNYX_PUBLIC_KEY must be the base64 of a 32-byte Ed25519 public key.');
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: bytes.toString('base64url') }, format: 'jwk' });
}

/** Telnyx's receiver: on when TELNYX_PUBLIC_KEY is set. */
export const telnyxWebhooks = {
  name: 'telnyx',
  keyVariables: ['TELNYX_PUBLIC_KEY'],
  parseConfig: (env) => (isSet(env.TELNYX_PUBLIC_KEY) ? { publicKey: parsePublicKey(env) } : undefined),
  createReceiver: (config) => ({
    provider: 'telnyx',
    receive: async (request) => {
      verifyTelnyxDelivery(request, config.publicKey);
      return parseVerifiedBody(request.body, toTelnyxDelivery);
    },
  }),
} as const satisfies ProviderWebhooks<TelnyxWebhookConfig>;

/**
 * plugNmeet's webhooks (reference/webhooks.md §4): the JWT check of the official Go helper
 * `webhook.VerifyRequest`, and the mapping of `CommonNotifyEvent` to room events.
 */
import { timingSafeEqual } from 'node:crypto';
import { errors as joseErrors, jwtVerify } from 'jose';
import { isSet, type Env } from '../../config-values.js';
import { WebhookRefusal, type RoomEvent, type RoomEventDelivery, type RoomEventKind, type WebhookRequest } from '../../domain/room-events.js';
import { parseVerifiedBody, toBodyDigest, type ProviderWebhooks } from '../kit/provider-webhooks.js';
import { asId, asObject, asString, optional, type Json } from '../kit/wire-readers.js';
import { asUnixSeconds } from '../kit/wire-time.js';

/** The API key (the token's `iss`) and secret (its HS256 key): the same pair the REST API uses. */
export interface PlugnmeetWebhookConfig {
  apiKey: string;
  apiSecret: string;
}

/** LiveKit's token verifier (go-jose) allows one minute of clock skew on `nbf`/`exp`. */
const CLOCK_TOLERANCE_SECONDS = 60;

const KINDS: Record<string, RoomEventKind> = {
  room_started: 'ROOM_STARTED',
  room_finished: 'ROOM_ENDED',
  participant_joined: 'PARTICIPANT_JOINED',
  participant_left: 'PARTICIPANT_LEFT',
};

/**
 * Verifies as `webhook.VerifyRequest` does: the raw token in `Authorization` (else `Hash-Token`)
 * is an HS256 JWT signed with the API secret, issued by the API key, within its validity, whose
 * `sha256` claim is the standard base64 SHA-256 of the raw body. Any failure is a 401.
 */
export async function verifyPlugnmeetDelivery(request: WebhookRequest, config: PlugnmeetWebhookConfig): Promise<void> {
  const token = request.headers.get('authorization') ?? request.headers.get('hash-token');
  if (!token) throw new WebhookRefusal(401, 'no Authorization token');
  let claims: Record<string, unknown>;
  try {
    const key = new TextEncoder().encode(config.apiSecret);
    ({ payload: claims } = await jwtVerify(token, key, { algorithms: ['HS256'], issuer: config.apiKey, clockTolerance: CLOCK_TOLERANCE_SECONDS }));
  } catch (error) {
    const stale = error instanceof joseErrors.JWTExpired || (error instanceof joseErrors.JWTClaimValidationFailed && error.claim === 'nbf');
    throw new WebhookRefusal(401, stale ? 'token outside its validity' : 'token does not verify');
  }
  const expected = Buffer.from(toBodyDigest(request.body));
  const claimed = Buffer.from(typeof claims.sha256 === 'string' ? claims.sha256 : '');
  if (claimed.length !== expected.length || !timingSafeEqual(claimed, expected)) throw new WebhookRefusal(401, 'body does not match the token');
}

/** A verified `CommonNotifyEvent` as a delivery: the room it names, and its event when the graph models it. */
export function toPlugnmeetDelivery(json: unknown, receivedAt: Date, body: Buffer): RoomEventDelivery {
  const root = asObject(json, 'body');
  const type = asString(root.event ?? '', 'event');
  const id = optional(root.id, 'id', asId) ?? toBodyDigest(body, 'hex');
  const room = optional(root.room, 'room', asObject);
  const roomId = room ? optional(room.room_id, 'room.room_id', asId) : undefined;
  const change = roomId ? { provider: 'plugnmeet' as const, roomId } : null;
  const kind = KINDS[type];
  if (!kind || !room || !roomId) return { deliveryId: `plugnmeet:${id}`, change, events: [] };
  const event: RoomEvent = {
    eventId: `plugnmeet:${id}`,
    kind,
    provider: 'plugnmeet',
    roomId,
    sessionId: asId(room.sid, 'room.sid'),
    participant: kind === 'PARTICIPANT_JOINED' || kind === 'PARTICIPANT_LEFT' ? toParticipant(asObject(root.participant, 'participant')) : null,
    occurredAt: optional(root.created_at, 'created_at', asUnixSeconds) ?? receivedAt,
    providerEventType: type,
  };
  return { deliveryId: event.eventId, change, events: [event] };
}

function toParticipant(participant: Json) {
  return {
    participantId: asId(participant.sid, 'participant.sid'),
    userId: optional(participant.identity, 'participant.identity', asString) || null,
    name: optional(participant.name, 'participant.name', asString) || null,
  };
}

/** plugNmeet's receiver: on whenever the provider's API key and secret are configured. */
export const plugnmeetWebhooks = {
  name: 'plugnmeet',
  keyVariables: ['PLUGNMEET_API_KEY', 'PLUGNMEET_API_SECRET'],
  parseConfig: (env: Env) =>
    isSet(env.PLUGNMEET_API_KEY) && isSet(env.PLUGNMEET_API_SECRET) ? { apiKey: env.PLUGNMEET_API_KEY, apiSecret: env.PLUGNMEET_API_SECRET } : undefined,
  createReceiver: (config) => ({
    provider: 'plugnmeet',
    receive: async (request) => {
      await verifyPlugnmeetDelivery(request, config);
      return parseVerifiedBody(request.body, (json) => toPlugnmeetDelivery(json, request.receivedAt, request.body));
    },
  }),
} as const satisfies ProviderWebhooks<PlugnmeetWebhookConfig>;

/**
 * The provider-neutral model of live room events: what a provider's webhook says happened, in the
 * graph's terms. Each provider's `-webhooks.ts` maps its wire events onto these; nothing here
 * knows any provider's wire format.
 */
import { PROVIDER_NAMES, type ProviderName } from './model.js';
import type { RoomChange } from './room-changes.js';

/** What happened to a room. */
export const ROOM_EVENT_KINDS = ['ROOM_STARTED', 'ROOM_ENDED', 'PARTICIPANT_JOINED', 'PARTICIPANT_LEFT'] as const;

export type RoomEventKind = (typeof ROOM_EVENT_KINDS)[number];

/** Who joined or left, as the webhook names them. */
export interface RoomEventParticipant {
  /** The provider's participant id within the session (plugNmeet sid, VideoSDK participantId, Telnyx participant id). */
  participantId: string;
  /** The application's user identity where the provider sends one apart from the id (plugNmeet `identity`). */
  userId: string | null;
  /** Display name where the webhook carries one (plugNmeet, VideoSDK). */
  name: string | null;
}

/** One live event of one room session. */
export interface RoomEvent {
  /** Unique per provider event: `<provider>:<the provider's event id>` (a body digest for VideoSDK, which sends none). */
  eventId: string;
  kind: RoomEventKind;
  provider: ProviderName;
  roomId: string;
  sessionId: string;
  /** Set for PARTICIPANT_JOINED and PARTICIPANT_LEFT, null otherwise. */
  participant: RoomEventParticipant | null;
  /** When it happened, by the provider's clock (its event time; the receive time where the webhook has none). */
  occurredAt: Date;
  /** The provider's own event name (`participant_joined`, `session-ended`, `video.room.session.started`, …). */
  providerEventType: string;
}

/**
 * One verified webhook delivery: the room it concerns (every delivery invalidates that room's live
 * state, whatever its type) and the events it carries (none for types the graph does not model).
 */
export interface RoomEventDelivery {
  /** The provider's delivery id, for recognising retries and replays: `<provider>:<id>`. */
  deliveryId: string;
  change: RoomChange | null;
  events: RoomEvent[];
}

/** What a subscriber asks for; null parts match everything. */
export interface RoomEventFilter {
  provider: ProviderName | null;
  /** Provider room ids; null for every room. */
  roomIds: readonly string[] | null;
  kinds: readonly RoomEventKind[] | null;
}

/** Whether `event` passes `filter`. */
export function matchesRoomEventFilter(event: RoomEvent, filter: RoomEventFilter): boolean {
  if (filter.provider !== null && event.provider !== filter.provider) return false;
  if (filter.roomIds !== null && !filter.roomIds.includes(event.roomId)) return false;
  return filter.kinds === null || filter.kinds.includes(event.kind);
}

/** A delivery as JSON-safe data, for carrying it between replicas (times as ISO strings). */
export function toDeliveryMessage(delivery: RoomEventDelivery): unknown {
  return { ...delivery, events: delivery.events.map((event) => ({ ...event, occurredAt: event.occurredAt.toISOString() })) };
}

/** The delivery a replica published, or null when the message is not one (it is then ignored). */
export function parseDeliveryMessage(message: unknown): RoomEventDelivery | null {
  if (typeof message !== 'object' || message === null) return null;
  const { deliveryId, change, events } = message as Record<string, unknown>;
  if (typeof deliveryId !== 'string' || !Array.isArray(events)) return null;
  const parsed = events.map(parseEventMessage);
  if (parsed.some((event) => event === null)) return null;
  return { deliveryId, change: parseChange(change), events: parsed as RoomEvent[] };
}

function parseEventMessage(value: unknown): RoomEvent | null {
  if (typeof value !== 'object' || value === null) return null;
  const event = value as Record<string, unknown>;
  const occurredAt = new Date(String(event.occurredAt));
  const strings = ['eventId', 'roomId', 'sessionId', 'providerEventType'].every((name) => typeof event[name] === 'string');
  if (!strings || Number.isNaN(occurredAt.getTime())) return null;
  if (!ROOM_EVENT_KINDS.includes(event.kind as RoomEventKind) || !PROVIDER_NAMES.includes(event.provider as ProviderName)) return null;
  return { ...(event as unknown as RoomEvent), occurredAt };
}

function parseChange(value: unknown): RoomChange | null {
  if (typeof value !== 'object' || value === null) return null;
  const { provider, roomId } = value as Record<string, unknown>;
  return PROVIDER_NAMES.includes(provider as ProviderName) && typeof roomId === 'string' ? { provider: provider as ProviderName, roomId } : null;
}

/** Where subscribers get live events: a stream per subscriber that ends when `signal` aborts or the reader returns. */
export interface RoomEventSubscriptions {
  subscribe(filter: RoomEventFilter, signal: AbortSignal): AsyncIterableIterator<RoomEvent>;
}

/** One webhook request as received: the raw body bytes, untouched, and its headers. */
export interface WebhookRequest {
  body: Buffer;
  headers: Headers;
  /** When the gateway received it: the event time of events whose webhook carries none. */
  receivedAt: Date;
}

/**
 * A delivery the receiver refuses: 401 when its signature, token or timestamp does not verify,
 * 400 when it verifies but is not a payload the provider sends. `reason` is for the log; it never
 * holds a signature, a token or a key.
 */
export class WebhookRefusal extends Error {
  constructor(
    readonly status: 400 | 401 | 503,
    readonly reason: string,
  ) {
    super(reason);
    this.name = 'WebhookRefusal';
  }
}

/** Verifies and maps one provider's deliveries; rejects with WebhookRefusal and nothing else. */
export interface WebhookReceiver {
  provider: ProviderName;
  receive(request: WebhookRequest): Promise<RoomEventDelivery>;
}

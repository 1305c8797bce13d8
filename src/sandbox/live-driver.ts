/**
 * What each simulator's `<name>-webhooks.ts` gives the live timeline: the simulator's live state,
 * changes to it (each returning the webhook payloads the provider would send for it, in order),
 * and the provider's signing of a payload.
 */
import type { ProviderName } from '../domain/model.js';

/** A room with a running session and who is connected (provider participant ids). */
export interface LiveRoomState {
  roomId: string;
  participants: string[];
}

/** A webhook ready to send: the exact body bytes and the headers that sign them. */
export interface SignedWebhook {
  body: string;
  headers: Record<string, string>;
}

export interface LiveDriver {
  provider: ProviderName;
  /** The environment that lets a gateway verify this simulator's webhooks (demo keys, not secrets). */
  env: Record<string, string>;
  liveRooms(): LiveRoomState[];
  /** Rooms without a running session that the timeline may start. */
  idleRooms(): string[];
  startSession(roomId: string, at: Date): unknown[];
  endSession(roomId: string, at: Date): unknown[];
  join(roomId: string, name: string, at: Date): unknown[];
  leave(roomId: string, participantId: string, at: Date): unknown[];
  /** Signs `payload` as the provider does, for delivery to `targetUrl`. */
  sign(payload: unknown, targetUrl: string): Promise<SignedWebhook>;
}

import { GatewayError, providerLabel } from './errors.js';
import type { ParticipantKey, RoomKey } from './keys.js';
import type { ProviderName, Room } from './model.js';

/**
 * Room control, provider-neutral (issue 16): open a room, hand a person a join token, end a room's
 * live session, remove a participant. Each provider implements it over its own write endpoints;
 * what a provider cannot do it refuses with a RoomControlRefusal, never fakes.
 */

/** plugNmeet-only options of a new room (reference/plugnmeet-api.md §3.6). */
export interface PlugnmeetRoomOptions {
  /** The room id to create (`^[a-zA-Z0-9-_]+$`); generated when absent. */
  roomId: string | null;
  welcomeMessage: string | null;
  /** Seconds an empty room stays open (the server's default is 1800). */
  emptyTimeoutSeconds: number | null;
}

/** Telnyx-only options of a new room (reference B5). */
export interface TelnyxRoomOptions {
  enableRecording: boolean | null;
}

/** A room to create. `title` becomes the plugNmeet room title, the VideoSDK customRoomId, the Telnyx unique_name. */
export interface CreateRoomRequest {
  title: string;
  /** The most people at once; null for the provider's default. */
  maxParticipants: number | null;
  plugnmeet: PlugnmeetRoomOptions | null;
  telnyx: TelnyxRoomOptions | null;
}

/** What a join token lets its holder do in the room. */
export type JoinRole = 'HOST' | 'GUEST';

/** Who a join token is for. */
export interface JoinTokenRequest {
  room: RoomKey;
  name: string;
  /** The application's identity of the person (plugNmeet user_id, VideoSDK participantId). */
  userId: string;
  role: JoinRole;
  /** The token's lifetime; null for the provider's default. */
  ttlSeconds: number | null;
}

/** A token a client SDK joins the room with. */
export interface JoinToken {
  provider: ProviderName;
  roomId: string;
  token: string;
  expiresAt: Date;
  /** A URL that opens the provider's own meeting client with the token (plugNmeet); null elsewhere. */
  joinUrl: string | null;
  /**
   * The identity the token binds its holder to (plugNmeet `user_id`, seen as `Participant.userId`;
   * VideoSDK `participantId`, seen as `Participant.participantId`); null where tokens name no one (Telnyx).
   */
  userId: string | null;
  /** Telnyx's refresh token and its expiry; null for other providers. */
  telnyx: { refreshToken: string; refreshTokenExpiresAt: Date } | null;
}

/** How an end takes effect: at once, or after the provider's asynchronous clean-up (plugNmeet, ~10 s). */
export type EndCompletion = 'IMMEDIATE' | 'ASYNCHRONOUS';

/** The outcome of ending a room's live session. */
export interface EndRoomResult {
  room: RoomKey;
  completion: EndCompletion;
}

/** The outcome of removing a participant. */
export interface RemoveParticipantResult {
  participant: ParticipantKey;
}

/**
 * One provider's writes for one GraphQL request (its signal reaches every upstream call). Writes
 * are never retried unless the upstream call is idempotent; refusals reject with
 * RoomControlRefusal, upstream failures with UpstreamError.
 */
export interface RoomControl {
  createRoom(request: CreateRoomRequest): Promise<Room>;
  createJoinToken(request: JoinTokenRequest): Promise<JoinToken>;
  endRoom(room: RoomKey): Promise<EndRoomResult>;
  removeParticipant(participant: ParticipantKey): Promise<RemoveParticipantResult>;
}

/** Why a write was refused without changing anything upstream. */
export type RefusalCode =
  | 'UNSUPPORTED_BY_PROVIDER'
  | 'ROOM_NOT_FOUND'
  | 'ROOM_NOT_ACTIVE'
  | 'PARTICIPANT_NOT_FOUND'
  | 'ROOM_ALREADY_EXISTS'
  | 'INVALID_INPUT'
  | 'INVALID_ID'
  | 'IDEMPOTENCY_KEY_REUSED';

/** A write the provider (or the gateway on its behalf) refused; it reaches clients as a typed user error. */
export class RoomControlRefusal extends GatewayError {
  constructor(
    readonly refusal: RefusalCode,
    message: string,
    /** The input field the refusal is about (`['input', 'title']`), when it is about one. */
    readonly field: readonly string[] | null = null,
  ) {
    super(refusal, message);
  }
}

/** The refusal of an operation the provider's API does not offer. */
export function unsupportedBy(provider: ProviderName, operation: string): RoomControlRefusal {
  return new RoomControlRefusal('UNSUPPORTED_BY_PROVIDER', `${providerLabel(provider)} offers no API to ${operation}.`);
}

import { InvalidIdError } from './errors.js';
import { PROVIDER_NAMES, type ProviderName } from './model.js';

/**
 * Internal keys of the graph's objects: the provider and the native ids that locate the object
 * upstream. A global `id` is the relay encoding of one of these keys; they are joined with `/`
 * and each part is URI-encoded, so native ids may contain any character.
 */
export interface RoomKey {
  provider: ProviderName;
  roomId: string;
}

export interface PastRoomKey extends RoomKey {
  sessionId: string;
}

export interface ParticipantKey extends PastRoomKey {
  participantId: string;
}

/** `plugnmeet/room01` */
export function toRoomKey(room: RoomKey): string {
  return joinKey([room.provider, room.roomId]);
}

/** `plugnmeet/room01/<sid>` */
export function toPastRoomKey(pastRoom: PastRoomKey): string {
  return joinKey([pastRoom.provider, pastRoom.roomId, pastRoom.sessionId]);
}

/** `plugnmeet/room01/<sid>/<participant sid>` */
export function toParticipantKey(participant: ParticipantKey): string {
  return joinKey([participant.provider, participant.roomId, participant.sessionId, participant.participantId]);
}

/** Parses a room key; throws InvalidIdError for anything else. */
export function parseRoomKey(key: string): RoomKey {
  const [provider, roomId] = splitKey(key, 2);
  return { provider, roomId: roomId! };
}

/** Parses a past-room key; throws InvalidIdError for anything else. */
export function parsePastRoomKey(key: string): PastRoomKey {
  const [provider, roomId, sessionId] = splitKey(key, 3);
  return { provider, roomId: roomId!, sessionId: sessionId! };
}

/** Parses a participant key; throws InvalidIdError for anything else. */
export function parseParticipantKey(key: string): ParticipantKey {
  const [provider, roomId, sessionId, participantId] = splitKey(key, 4);
  return { provider, roomId: roomId!, sessionId: sessionId!, participantId: participantId! };
}

function joinKey(parts: string[]): string {
  return parts.map(encodeURIComponent).join('/');
}

function splitKey(key: string, arity: number): [ProviderName, ...string[]] {
  const parts = key.split('/');
  if (parts.length !== arity || parts.some((part) => part === '')) {
    throw new InvalidIdError('The id is not a valid roomgraph id.');
  }
  const decoded = parts.map(decodePart);
  const provider = decoded[0] as ProviderName;
  if (!PROVIDER_NAMES.includes(provider)) {
    throw new InvalidIdError('The id names an unknown provider.');
  }
  return [provider, ...decoded.slice(1)];
}

function decodePart(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw new InvalidIdError('The id is not a valid roomgraph id.');
  }
}

import { parseParticipantKey, parseRoomKey, type ParticipantKey, type RoomKey } from '../domain/keys.js';
import type { ProviderName } from '../domain/model.js';
import { RoomControlRefusal, type CreateRoomRequest, type JoinRole } from '../domain/room-control.js';
import { builder } from './builder.js';
import { decodeGlobalId } from './global-ids.js';

/** The bounds of room-control inputs (README, "Room control"). */
export const ROOM_CONTROL_LIMITS = {
  textLength: 128,
  ttlSeconds: { min: 60, max: 86_400 },
  maxParticipants: { min: 1, max: 10_000 },
  emptyTimeoutSeconds: { min: 1, max: 86_400 },
} as const;

export const JoinRoleEnum = builder.enumType('JoinRole', {
  description: 'What a join token lets its holder do.',
  values: {
    HOST: { value: 'HOST', description: 'Join and moderate (plugNmeet admin, VideoSDK `allow_mod`). Needs the admin scope.' },
    GUEST: { value: 'GUEST', description: 'Join only.' },
  } as const,
});

export const PlugnmeetRoomInput = builder.inputType('PlugnmeetRoomInput', {
  description: 'plugNmeet-only options of a new room; refused for other providers.',
  fields: (t) => ({
    roomId: t.string({ description: 'The room id (letters, digits, `-`, `_`; at most 64). Generated when left out. Creating a room id that is running returns the running room.' }),
    welcomeMessage: t.string({ description: 'Shown to people as they join.' }),
    emptyTimeoutSeconds: t.int({ description: 'Seconds an empty room stays open (1 to 86400; the server default is 1800).' }),
  }),
});

export const TelnyxRoomInput = builder.inputType('TelnyxRoomInput', {
  description: 'Telnyx-only options of a new room; refused for other providers.',
  fields: (t) => ({ enableRecording: t.boolean({ description: 'Record the room’s sessions.' }) }),
});

export const JoinParticipantInput = builder.inputType('JoinParticipantInput', {
  description: 'Who the join token is for.',
  fields: (t) => ({
    name: t.string({ required: true, description: 'Display name (plugNmeet puts it in the token; VideoSDK and Telnyx clients set it when joining). At most 128 characters.' }),
    userId: t.string({ required: true, description: "The application's id of the person. Without the admin scope it must equal your token's `sub`. At most 128 characters." }),
    role: t.field({ type: JoinRoleEnum, defaultValue: 'GUEST', description: 'GUEST unless given.' }),
  }),
});

/** Raw `createRoom` input fields, as Pothos hands them over. */
export interface CreateRoomFields {
  provider: ProviderName;
  title: string;
  maxParticipants?: number | null;
  plugnmeet?: { roomId?: string | null; welcomeMessage?: string | null; emptyTimeoutSeconds?: number | null } | null;
  telnyx?: { enableRecording?: boolean | null } | null;
}

/** The domain request of a `createRoom` input; INVALID_INPUT naming the field for anything out of bounds. */
export function toCreateRoomRequest(input: CreateRoomFields): CreateRoomRequest {
  const title = checkText(input.title, ['input', 'title']);
  checkOnlyFor(input.provider, 'plugnmeet', input.plugnmeet);
  checkOnlyFor(input.provider, 'telnyx', input.telnyx);
  const { plugnmeet, telnyx } = input;
  return {
    title,
    maxParticipants: checkRange(input.maxParticipants ?? null, ROOM_CONTROL_LIMITS.maxParticipants, ['input', 'maxParticipants']),
    plugnmeet: plugnmeet
      ? {
          roomId: plugnmeet.roomId ?? null,
          welcomeMessage: plugnmeet.welcomeMessage ?? null,
          emptyTimeoutSeconds: checkRange(plugnmeet.emptyTimeoutSeconds ?? null, ROOM_CONTROL_LIMITS.emptyTimeoutSeconds, ['input', 'plugnmeet', 'emptyTimeoutSeconds']),
        }
      : null,
    telnyx: telnyx ? { enableRecording: telnyx.enableRecording ?? null } : null,
  };
}

/** The join token's participant and lifetime, checked. */
export function toJoinParticipant(input: { participant: { name: string; userId: string; role?: JoinRole | null }; ttlSeconds?: number | null }) {
  return {
    name: checkText(input.participant.name, ['input', 'participant', 'name']),
    userId: checkText(input.participant.userId, ['input', 'participant', 'userId']),
    role: input.participant.role ?? 'GUEST',
    ttlSeconds: checkRange(input.ttlSeconds ?? null, ROOM_CONTROL_LIMITS.ttlSeconds, ['input', 'ttlSeconds']),
  };
}

/** The room key inside a Room's global id; INVALID_ID for anything else. */
export function toRoomKeyOf(id: string, field: string[]): RoomKey {
  return parseKey(id, 'Room', parseRoomKey, field);
}

/** The participant key inside a Participant's global id; INVALID_ID for anything else. */
export function toParticipantKeyOf(id: string, field: string[]): ParticipantKey {
  return parseKey(id, 'Participant', parseParticipantKey, field);
}

function parseKey<K>(id: string, typename: string, parse: (key: string) => K, field: string[]): K {
  const decoded = decodeGlobalId(id);
  try {
    if (decoded.typename !== typename) throw new Error('wrong type');
    return parse(decoded.id);
  } catch {
    throw new RoomControlRefusal('INVALID_ID', `The id is not the id of a ${typename}.`, field);
  }
}

function checkText(value: string, field: string[]): string {
  const text = value.trim();
  if (text === '' || text.length > ROOM_CONTROL_LIMITS.textLength) {
    throw new RoomControlRefusal('INVALID_INPUT', `\`${field.at(-1)}\` must be 1 to ${ROOM_CONTROL_LIMITS.textLength} characters.`, field);
  }
  return text;
}

function checkRange(value: number | null, range: { min: number; max: number }, field: string[]): number | null {
  if (value !== null && (value < range.min || value > range.max)) {
    throw new RoomControlRefusal('INVALID_INPUT', `\`${field.at(-1)}\` must be from ${range.min} to ${range.max}.`, field);
  }
  return value;
}

function checkOnlyFor(provider: ProviderName, owner: ProviderName, options: object | null | undefined): void {
  if (options && provider !== owner) {
    throw new RoomControlRefusal('INVALID_INPUT', `\`${owner}\` options apply to ${owner} rooms only.`, ['input', owner]);
  }
}

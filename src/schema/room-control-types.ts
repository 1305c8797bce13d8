import type { JoinToken } from '../domain/room-control.js';
import { builder } from './builder.js';
import { ProviderEnum } from './enums.js';

/** A refusal as the payloads carry it. */
export interface RoomControlErrorShape {
  code: string;
  message: string;
  field: readonly string[] | null;
}

export const RoomControlErrorRef = builder.objectRef<RoomControlErrorShape>('RoomControlError').implement({
  description:
    'Why a room-control mutation changed nothing: the provider cannot do it (UNSUPPORTED_BY_PROVIDER), the room or person is not there or not live (ROOM_NOT_FOUND, ROOM_NOT_ACTIVE, PARTICIPANT_NOT_FOUND), the name is taken (ROOM_ALREADY_EXISTS), or the input is wrong (INVALID_INPUT, INVALID_ID, IDEMPOTENCY_KEY_REUSED). Authorisation and upstream failures are GraphQL errors instead, with `extensions.code`.',
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Stable code (see the type description).' }),
    message: t.exposeString('message', { description: 'What went wrong, for people.' }),
    field: t.exposeStringList('field', { nullable: true, description: 'The path of the input field at fault (e.g. `["input", "title"]`); null when no single field is.' }),
  }),
});

export const EndCompletionEnum = builder.enumType('EndCompletion', {
  description: 'How an end takes effect.',
  values: {
    IMMEDIATE: { value: 'IMMEDIATE', description: 'The session is over when the mutation answers (VideoSDK, Telnyx).' },
    ASYNCHRONOUS: {
      value: 'ASYNCHRONOUS',
      description: 'The provider ends the session after answering (plugNmeet: about 10 s, while people are told and disconnected); until then the room still reads as active.',
    },
  } as const,
});

const TelnyxJoinTokenRef = builder.objectRef<NonNullable<JoinToken['telnyx']>>('TelnyxJoinToken').implement({
  description: "Telnyx's refresh token, handed out beside every client token.",
  fields: (t) => ({
    refreshToken: t.exposeString('refreshToken', { description: 'Exchanges for a new client token (Telnyx `refresh_client_token`) until it expires.' }),
    refreshTokenExpiresAt: t.expose('refreshTokenExpiresAt', { type: 'DateTime', description: 'When the refresh token expires.' }),
  }),
});

export const JoinTokenRef = builder.objectRef<JoinToken>('JoinToken').implement({
  description:
    "A token a client SDK joins a room with. plugNmeet: open `joinUrl` (or give `token` to its client). VideoSDK: pass `token` and `meetingId` = `roomId` to the client SDK. Telnyx: pass `token` to the video client SDK and refresh it with `telnyx.refreshToken`. Treat the token as a secret.",
  fields: (t) => ({
    provider: t.expose('provider', { type: ProviderEnum, description: 'The provider the token is for.' }),
    roomId: t.exposeString('roomId', { description: "The provider's id of the room the token opens." }),
    token: t.exposeString('token', { description: 'The token itself.' }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime', description: 'When the token stops being accepted for joining.' }),
    joinUrl: t.exposeString('joinUrl', { nullable: true, description: "plugNmeet: its meeting client's URL with the token; null for the others." }),
    userId: t.exposeString('userId', {
      nullable: true,
      description: 'The identity the token binds its holder to (plugNmeet user id, VideoSDK participantId); null for Telnyx, whose tokens name no one.',
    }),
    telnyx: t.expose('telnyx', { type: TelnyxJoinTokenRef, nullable: true, description: 'Telnyx-only data; null for other providers.' }),
  }),
});

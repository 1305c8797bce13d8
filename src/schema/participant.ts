import { toRoomKey } from '../domain/keys.js';
import type { Presence } from '../domain/model.js';
import { builder } from './builder.js';
import { ProviderEnum } from './enums.js';
import { ParticipantRef, RoomRef } from './node-refs.js';

export const PresenceRef = builder.objectRef<Presence>('Presence').implement({
  description: 'One stretch of time a participant was connected. Someone who rejoins has several.',
  fields: (t) => ({
    joinedAt: t.expose('joinedAt', { type: 'DateTime', description: 'When this stretch began.' }),
    leftAt: t.expose('leftAt', {
      type: 'DateTime',
      nullable: true,
      description: "When it ended; null while still connected. A stretch VideoSDK left open in a session that has ended ends at the session's end.",
    }),
  }),
});

ParticipantRef.implement({
  description:
    'A person in a live room or in an ended session. Bots (plugNmeet recorder and RTMP bots) and hidden users are not participants.',
  isTypeOf: (value) => typeof value === 'object' && value !== null && 'participantId' in value && 'presences' in value,
  fields: (t) => ({
    provider: t.expose('provider', { type: ProviderEnum, description: 'The provider the participant was seen by.' }),
    participantId: t.exposeString('participantId', {
      description: "The provider's participant id (plugNmeet: the livekit participant sid; VideoSDK: participantId; Telnyx: the room participant id).",
    }),
    userId: t.exposeString('userId', {
      nullable: true,
      description: "The user identity the application gave the participant, where the provider keeps one apart from the participant id (plugNmeet: `identity`); null otherwise.",
    }),
    sessionId: t.exposeString('sessionId', { description: "The provider's id of the session the participant was in." }),
    roomId: t.exposeString('roomId', { description: "The provider's id of the room." }),
    name: t.exposeString('name', { nullable: true, description: 'Display name; null when the provider has none.' }),
    joinedAt: t.expose('joinedAt', { type: 'DateTime', nullable: true, description: 'When the participant first joined.' }),
    leftAt: t.expose('leftAt', {
      type: 'DateTime',
      nullable: true,
      description: "When the participant last left; null while connected. VideoSDK stretches left open in a session that has ended end at the session's end.",
    }),
    presences: t.expose('presences', { type: [PresenceRef], description: 'Every join/leave stretch, oldest first.' }),
    room: t.field({
      type: RoomRef,
      nullable: true,
      description: 'The room the participant was in; null when the provider no longer knows it.',
      resolve: (participant) => toRoomKey(participant),
    }),
  }),
});

import { sourceFor } from '../context.js';
import { toRoomKey } from '../domain/keys.js';
import { builder } from './builder.js';
import { ProviderEnum } from './enums.js';
import { ParticipantRef, PastRoomRef, RoomRef } from './node-refs.js';

PastRoomRef.implement({
  description: 'One ended session of a room: a plugNmeet past room, a VideoSDK ended session or a Telnyx ended room session.',
  isTypeOf: (value) => typeof value === 'object' && value !== null && 'endedAt' in value && 'participantCount' in value,
  fields: (t) => ({
    provider: t.expose('provider', { type: ProviderEnum, description: 'The provider that hosted the session.' }),
    roomId: t.exposeString('roomId', { description: "The provider's id of the room the session ran in." }),
    sessionId: t.exposeString('sessionId', {
      description: "The provider's session id (plugNmeet room_sid, VideoSDK session id, Telnyx room session id).",
    }),
    title: t.exposeString('title', { description: 'The room title at the time of the session.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When the session started.' }),
    endedAt: t.expose('endedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the session ended; null when the provider never recorded the end (plugNmeet: a session still marked running after its server stopped, which no live room carries on).',
    }),
    durationSeconds: t.int({
      nullable: true,
      description: 'Whole seconds from start to end; null when the end is unknown.',
      resolve: (pastRoom) => (pastRoom.endedAt ? Math.floor((pastRoom.endedAt.getTime() - pastRoom.createdAt.getTime()) / 1000) : null),
    }),
    participantCount: t.exposeInt('participantCount', {
      nullable: true,
      description:
        "How many participants the provider reports for the session: VideoSDK and Telnyx count the session's participants. Null for plugNmeet, which gives no figure for ended sessions (its `joined_participants` is an online gauge, about 0 once a session has ended).",
    }),
    participants: t.field({
      type: [ParticipantRef],
      nullable: true,
      description: 'Who took part, with their join/leave times; null for plugNmeet, which keeps no participant list of ended sessions.',
      resolve: async (pastRoom, _args, context) =>
        pastRoom.participants ?? (await sourceFor(context, pastRoom.provider).loadPastRoomParticipants([pastRoom]))[0] ?? null,
    }),
    room: t.field({
      type: RoomRef,
      nullable: true,
      description: 'The room the session ran in; null when the provider no longer knows it.',
      resolve: (pastRoom) => toRoomKey(pastRoom),
    }),
  }),
});

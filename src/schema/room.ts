import { sourceFor } from '../context.js';
import { toRoomKey } from '../domain/keys.js';
import { builder } from './builder.js';
import { PastRoomConnectionRef } from './connections.js';
import { ProviderEnum } from './enums.js';
import { ParticipantRef, PastRoomRef, RoomRef } from './node-refs.js';
import { pastRoomArgs, resolvePastRoomField } from './past-room-args.js';

RoomRef.implement({
  description:
    "A provider's video room, live now or idle. A plugNmeet breakout room is a room of its own (its own sessions and people), linked to its parent by `parentRoom`; listings include breakout rooms, so totals count them.",
  // Objects cached from lists are not branded by the loader; tell the Node interface their type.
  isTypeOf: (value) => typeof value === 'object' && value !== null && 'isActive' in value,
  fields: (t) => ({
    provider: t.expose('provider', { type: ProviderEnum, description: 'The provider that hosts the room.' }),
    roomId: t.exposeString('roomId', { description: "The provider's own room id (plugNmeet room_id, VideoSDK roomId, Telnyx room id)." }),
    title: t.exposeString('title', {
      description: 'Human name of the room (plugNmeet: room title; VideoSDK: customRoomId, else roomId; Telnyx: unique_name).',
    }),
    isActive: t.exposeBoolean('isActive', { description: 'Whether a session is running in the room now.' }),
    createdAt: t.expose('createdAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the room was created. plugNmeet creates a room per session, so it gives the start of the current (or latest) session.',
    }),
    updatedAt: t.expose('updatedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the provider last changed the room (VideoSDK, Telnyx); null for plugNmeet, which keeps no such time.',
    }),
    activeSessionId: t.exposeString('activeSessionId', {
      nullable: true,
      description:
        "The provider's id of the running session; null when the room is idle. Where VideoSDK lists several ongoing sessions for a room (a stale one whose end was lost), the one that started last.",
    }),
    parentRoom: t.field({
      type: RoomRef,
      nullable: true,
      description:
        'The room this one is a breakout room of. Set only for plugNmeet breakout rooms, and only while they are live (plugNmeet names the parent in its live-room answers only); null for every other room.',
      resolve: (room) => (room.parentRoomId === null ? null : toRoomKey({ provider: room.provider, roomId: room.parentRoomId })),
    }),
    participants: t.field({
      type: [ParticipantRef],
      description:
        "Who is in the room now; empty when it is idle. plugNmeet: the people the server lists as joining, joined or active; its recorder and RTMP bots (`RECORDER_BOT`, `RTMP_BOT`) and hidden users are not participants.",
      resolve: async (room, _args, context) =>
        room.participants ?? (await sourceFor(context, room.provider).loadLiveParticipants([room.roomId]))[0] ?? [],
    }),
    pastRooms: t.connection(
      {
        type: PastRoomRef,
        description: "This room's ended sessions. The filter narrows them further; a filter naming another provider or room matches nothing.",
        args: pastRoomArgs,
        resolve: (room, args, context, info) => resolvePastRoomField(context, args, info, room),
      },
      PastRoomConnectionRef,
    ),
  }),
});

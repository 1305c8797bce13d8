/**
 * Live room events as a GraphQL subscription. Events come from the providers' webhooks (through
 * the bus, from any replica); each member type links to the graph's objects, resolved through the
 * usual loaders with fresh sources per event, so a linked room shows its state after the event.
 */
import { initContextCache } from '@pothos/core';
import { toParticipantKey, toPastRoomKey, toRoomKey } from '../domain/keys.js';
import { ROOM_EVENT_KINDS, type RoomEvent, type RoomEventFilter, type RoomEventKind } from '../domain/room-events.js';
import { builder } from './builder.js';
import { ProviderEnum } from './enums.js';
import { ParticipantRef, PastRoomRef, RoomRef } from './node-refs.js';

export const RoomEventKindEnum = builder.enumType('RoomEventKind', {
  description: 'What happened to a room.',
  values: {
    ROOM_STARTED: { value: 'ROOM_STARTED', description: 'A session started in the room.' },
    ROOM_ENDED: { value: 'ROOM_ENDED', description: 'The session ended; it is now a past room.' },
    PARTICIPANT_JOINED: { value: 'PARTICIPANT_JOINED', description: 'Someone joined the session.' },
    PARTICIPANT_LEFT: { value: 'PARTICIPANT_LEFT', description: 'Someone left the session.' },
  } as const satisfies Record<RoomEventKind, unknown>,
});

const TYPE_BY_KIND: Record<RoomEventKind, string> = {
  ROOM_STARTED: 'RoomStartedEvent',
  ROOM_ENDED: 'RoomEndedEvent',
  PARTICIPANT_JOINED: 'ParticipantJoinedEvent',
  PARTICIPANT_LEFT: 'ParticipantLeftEvent',
};

export const RoomEventRef = builder.interfaceRef<RoomEvent>('RoomEvent').implement({
  description:
    "Something that happened in a provider's room, as its webhook reported it. Select the member types' fields with `... on RoomEndedEvent { pastRoom { … } }` and the like.",
  resolveType: (event) => TYPE_BY_KIND[event.kind],
  fields: (t) => ({
    eventId: t.exposeID('eventId', { description: "Unique per event (`<provider>:<the provider's event id>`); a provider's retry of the same event is delivered once." }),
    kind: t.expose('kind', { type: RoomEventKindEnum, description: 'What happened.' }),
    provider: t.expose('provider', { type: ProviderEnum, description: 'The provider that reported it.' }),
    roomId: t.exposeString('roomId', { description: "The provider's id of the room." }),
    sessionId: t.exposeString('sessionId', { description: "The provider's id of the session it happened in." }),
    occurredAt: t.expose('occurredAt', {
      type: 'DateTime',
      description: "When it happened, by the provider's event time; VideoSDK participant events carry none, so theirs is when the gateway received them.",
    }),
    providerEventType: t.exposeString('providerEventType', {
      description: "The provider's own event name (plugNmeet `participant_joined`, VideoSDK `session-ended`, Telnyx `video.room.session.started`, …).",
    }),
    room: t.field({
      type: RoomRef,
      nullable: true,
      description: 'The room as it is now, read after the event (null if the provider no longer knows it or is not enabled for reads).',
      resolve: (event) => toRoomKey(event),
    }),
  }),
});

builder.objectRef<RoomEvent>('RoomStartedEvent').implement({
  description: 'A session started in a room (plugNmeet `room_started`, VideoSDK `session-started`, Telnyx `video.room.session.started`).',
  interfaces: [RoomEventRef],
  isTypeOf: (event) => (event as RoomEvent).kind === 'ROOM_STARTED',
});

builder.objectRef<RoomEvent>('RoomEndedEvent').implement({
  description: 'A session ended (plugNmeet `room_finished`, VideoSDK `session-ended`, Telnyx `video.room.session.ended`).',
  interfaces: [RoomEventRef],
  isTypeOf: (event) => (event as RoomEvent).kind === 'ROOM_ENDED',
  fields: (t) => ({
    pastRoom: t.field({
      type: PastRoomRef,
      nullable: true,
      description: 'The past room the session became (null if the provider does not list it yet).',
      resolve: (event) => toPastRoomKey(event),
    }),
  }),
});

for (const [kind, name, words] of [
  ['PARTICIPANT_JOINED', 'ParticipantJoinedEvent', 'joined (plugNmeet `participant_joined`, VideoSDK `participant-joined`, Telnyx `video.room.participant.joined`)'],
  ['PARTICIPANT_LEFT', 'ParticipantLeftEvent', 'left (plugNmeet `participant_left`, VideoSDK `participant-left`, Telnyx `video.room.participant.left`)'],
] as const) {
  builder.objectRef<RoomEvent>(name).implement({
    description: `Someone ${words}.`,
    interfaces: [RoomEventRef],
    isTypeOf: (event) => (event as RoomEvent).kind === kind,
    fields: (t) => ({
      participantId: t.string({ description: "The provider's participant id.", resolve: (event) => event.participant!.participantId }),
      userId: t.string({ nullable: true, description: 'The user identity the application gave them (plugNmeet `identity`); null elsewhere.', resolve: (event) => event.participant!.userId }),
      participantName: t.string({ nullable: true, description: 'Their display name as the webhook gave it (plugNmeet, VideoSDK); null for Telnyx, whose webhook names none.', resolve: (event) => event.participant!.name }),
      participant: t.field({
        type: ParticipantRef,
        nullable: true,
        description: 'The participant as the provider lists them now; null when it no longer does (plugNmeet forgets who left a live room).',
        resolve: (event) => toParticipantKey({ ...event, participantId: event.participant!.participantId }),
      }),
    }),
  });
}

const RoomEventFilterInput = builder.inputType('RoomEventFilter', {
  description: 'Which live events to receive; every part left out matches everything.',
  fields: (t) => ({
    provider: t.field({ type: ProviderEnum, description: "Only this provider's events." }),
    roomIds: t.stringList({ description: "Only these rooms' events (the provider's room ids; at most 100)." }),
    kinds: t.field({ type: [RoomEventKindEnum], description: 'Only these kinds of event.' }),
  }),
});

builder.subscriptionType({
  description:
    'Live events, over Server-Sent Events (`POST /graphql` with `Accept: text/event-stream`) or WebSocket (`graphql-transport-ws` on `/graphql`). Served by this service directly, not through a federation router that cannot forward subscriptions.',
  fields: (t) => ({
    roomEvents: t.field({
      type: RoomEventRef,
      description:
        'Every room event the providers report from now on (their webhooks), in the order this gateway hears them; the events of one room session arrive in the order the provider sent them. A subscriber more than SUBSCRIPTION_BUFFER_EVENTS (256) events behind is ended with SUBSCRIPTION_OVERFLOW: refetch, then subscribe again.',
      args: { filter: t.arg({ type: RoomEventFilterInput, description: 'Which events; all when left out.' }) },
      subscribe: (_root, args, context) => context.roomEvents.subscribe(toFilter(args.filter), context.signal),
      resolve: (event: RoomEvent, _args, context) => {
        // Fresh sources and loaders per event: a linked room shows its state after this event. The
        // context lives as long as the (shared) execution, so nothing of one event may stay in it.
        Object.assign(context, { sources: context.createSources(), partialFailures: [] }, initContextCache());
        return event;
      },
    }),
  }),
});

function toFilter(input: { provider?: RoomEvent['provider'] | null; roomIds?: string[] | null; kinds?: RoomEventKind[] | null } | null | undefined): RoomEventFilter {
  return {
    provider: input?.provider ?? null,
    roomIds: input?.roomIds ?? null,
    kinds: input?.kinds?.filter((kind) => ROOM_EVENT_KINDS.includes(kind)) ?? null,
  };
}

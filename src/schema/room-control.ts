import { DEFAULT_SCOPE_NAMES } from '../context.js';
import { builder } from './builder.js';
import { ProviderEnum } from './enums.js';
import { RoomRef } from './node-refs.js';
import { JoinParticipantInput, PlugnmeetRoomInput, TelnyxRoomInput } from './room-control-inputs.js';
import { createJoinToken, createRoom, endRoom, removeParticipant, type PayloadShape } from './room-control-resolvers.js';
import { EndCompletionEnum, JoinTokenRef, RoomControlErrorRef } from './room-control-types.js';

/*
 * Room control (issue 16): Relay-style mutations with one input object, a payload holding the
 * changed object and `userErrors`, and `clientMutationId` echoed. Each requires a scope, checked
 * before anything else; the federation SDL carries it as `@requiresScopes` (default names).
 */

builder.mutationType({
  description:
    'Room control. Off unless client auth is on (then each mutation needs its scope) or MUTATIONS_WITHOUT_AUTH is set for development; see the README, "Room control".',
});


builder.relayMutationField(
  'createRoom',
  {
    description: 'A room to create.',
    inputFields: (t) => ({
      provider: t.field({ type: ProviderEnum, required: true, description: 'The provider to create the room at.' }),
      title: t.string({ required: true, description: 'plugNmeet room title, VideoSDK customRoomId, Telnyx unique_name (1 to 128 characters).' }),
      maxParticipants: t.int({ description: 'The most people at once (plugNmeet; Telnyx 2 to 50). VideoSDK takes none and refuses it.' }),
      idempotencyKey: t.string({
        description: 'A repeat with the same key (and the same input) returns the first result without creating again. Kept 24 h, per client.',
      }),
      plugnmeet: t.field({ type: PlugnmeetRoomInput, description: 'plugNmeet-only options.' }),
      telnyx: t.field({ type: TelnyxRoomInput, description: 'Telnyx-only options.' }),
    }),
  },
  {
    description: `Creates a room (scope \`${DEFAULT_SCOPE_NAMES.write}\`). A plugNmeet room is live (running, empty) once created; VideoSDK and Telnyx rooms are idle until someone joins.`,
    nullable: true,
    requiresScopes: [[DEFAULT_SCOPE_NAMES.write]],
    resolve: (_root, { input }, context) => createRoom(context, input),
  },
  {
    description: 'The outcome of `createRoom`.',
    outputFields: (t) => ({
      room: t.field({ type: RoomRef, nullable: true, description: 'The new room; null when refused.', resolve: (payload: PayloadShape) => payload.room ?? null }),
      userErrors: t.field({ type: [RoomControlErrorRef], description: 'Why nothing was created; empty on success.', resolve: (payload: PayloadShape) => payload.userErrors }),
    }),
  },
);

builder.relayMutationField(
  'createJoinToken',
  {
    description: 'Who joins which room.',
    inputFields: (t) => ({
      room: t.id({ required: true, description: 'The global id of the Room.' }),
      participant: t.field({ type: JoinParticipantInput, required: true, description: 'The person the token is for.' }),
      ttlSeconds: t.int({ description: 'The token lifetime (60 to 86400; Telnyx at most 3600); the provider default when left out. plugNmeet refuses it (its server sets the lifetime).' }),
    }),
  },
  {
    description: `Hands out a join token (scope \`${DEFAULT_SCOPE_NAMES.join}\`) for your own identity: \`participant.userId\` must equal your token's \`sub\`, and a HOST token needs \`${DEFAULT_SCOPE_NAMES.admin}\`, which also allows tokens for anyone.`,
    nullable: true,
    requiresScopes: [[DEFAULT_SCOPE_NAMES.join]],
    resolve: (_root, { input }, context) => createJoinToken(context, { ...input, room: String(input.room) }),
  },
  {
    description: 'The outcome of `createJoinToken`.',
    outputFields: (t) => ({
      joinToken: t.field({ type: JoinTokenRef, nullable: true, description: 'The token; null when refused.', resolve: (payload: PayloadShape) => payload.joinToken ?? null }),
      room: t.field({ type: RoomRef, nullable: true, description: 'The room the token opens.', resolve: (payload: PayloadShape) => payload.room ?? null }),
      userErrors: t.field({ type: [RoomControlErrorRef], description: 'Why no token was issued; empty on success.', resolve: (payload: PayloadShape) => payload.userErrors }),
    }),
  },
);

builder.relayMutationField(
  'endRoom',
  {
    description: 'The room whose live session to end.',
    inputFields: (t) => ({ room: t.id({ required: true, description: 'The global id of the Room.' }) }),
  },
  {
    description: `Ends the room's live session for everyone in it (scope \`${DEFAULT_SCOPE_NAMES.write}\`). Never retried: an upstream failure is reported, and the room may or may not have ended.`,
    nullable: true,
    requiresScopes: [[DEFAULT_SCOPE_NAMES.write]],
    resolve: (_root, { input }, context) => endRoom(context, { room: String(input.room) }),
  },
  {
    description: 'The outcome of `endRoom`.',
    outputFields: (t) => ({
      room: t.field({ type: RoomRef, nullable: true, description: 'The room, read again after the end.', resolve: (payload: PayloadShape) => payload.room ?? null }),
      completion: t.field({ type: EndCompletionEnum, nullable: true, description: 'How the end takes effect; null when refused.', resolve: (payload: PayloadShape) => payload.completion ?? null }),
      userErrors: t.field({ type: [RoomControlErrorRef], description: 'Why nothing was ended; empty on success.', resolve: (payload: PayloadShape) => payload.userErrors }),
    }),
  },
);

builder.relayMutationField(
  'removeParticipant',
  {
    description: 'The participant to remove.',
    inputFields: (t) => ({ participant: t.id({ required: true, description: 'The global id of a live Participant.' }) }),
  },
  {
    description: `Disconnects a participant from a live room (scope \`${DEFAULT_SCOPE_NAMES.write}\`; VideoSDK and Telnyx; plugNmeet has no such API and refuses with UNSUPPORTED_BY_PROVIDER). Never retried.`,
    nullable: true,
    requiresScopes: [[DEFAULT_SCOPE_NAMES.write]],
    resolve: (_root, { input }, context) => removeParticipant(context, { participant: String(input.participant) }),
  },
  {
    description: 'The outcome of `removeParticipant`.',
    outputFields: (t) => ({
      removedParticipantId: t.id({ nullable: true, description: 'The global id of the removed participant; null when refused.', resolve: (payload: PayloadShape) => payload.removedParticipantId ?? null }),
      room: t.field({ type: RoomRef, nullable: true, description: 'The room, read again after the removal.', resolve: (payload: PayloadShape) => payload.room ?? null }),
      userErrors: t.field({ type: [RoomControlErrorRef], description: 'Why nobody was removed; empty on success.', resolve: (payload: PayloadShape) => payload.userErrors }),
    }),
  },
);

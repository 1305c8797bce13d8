import type { GatewayContext } from '../context.js';
import { ProviderDisabledError } from '../domain/errors.js';
import { toParticipantKey, toRoomKey, type RoomKey } from '../domain/keys.js';
import type { ProviderName, Room } from '../domain/model.js';
import { RoomControlRefusal, type EndCompletion, type JoinRole, type JoinToken, type RoomControl } from '../domain/room-control.js';
import { ParticipantRef, RoomRef } from './node-refs.js';
import { requireJoinIdentity, requireScope } from './room-control-access.js';
import { toCreateRoomRequest, toJoinParticipant, toParticipantKeyOf, toRoomKeyOf, type CreateRoomFields } from './room-control-inputs.js';
import type { RoomControlErrorShape } from './room-control-types.js';

/** What every room-control payload holds besides its own fields. */
export interface PayloadShape {
  /** A Room, or the key of one to load (read after the write). */
  room?: Room | string | null;
  joinToken?: JoinToken | null;
  completion?: EndCompletion | null;
  removedParticipantId?: string | null;
  userErrors: RoomControlErrorShape[];
}

/**
 * Runs a write after its scope check: a refusal becomes the payload's `userErrors` (nothing
 * changed upstream); every other error (authorisation, upstream failure) stays a GraphQL error.
 */
async function toPayload(context: GatewayContext, kind: 'write' | 'join', write: () => Promise<Omit<PayloadShape, 'userErrors'>>): Promise<PayloadShape> {
  requireScope(context, kind);
  try {
    return { ...(await write()), userErrors: [] };
  } catch (error) {
    if (!(error instanceof RoomControlRefusal)) throw error;
    return { userErrors: [{ code: error.code, message: error.clientMessage(), field: error.field }] };
  }
}

function controlFor(context: GatewayContext, provider: ProviderName): RoomControl {
  const control = context.roomControl.controls.get(provider);
  if (!control) throw new ProviderDisabledError(provider);
  return control;
}

/** Announces the room, renews its provider's source and forgets this request's loaded copy of it. */
function forgetRoom(context: GatewayContext, room: RoomKey): string {
  const key = toRoomKey(room);
  context.roomControl.afterWrite({ provider: room.provider, roomId: room.roomId });
  RoomRef.getDataloader(context).clear(key);
  return key;
}

/** `createRoom`: replays the first result of a repeated idempotency key (one upstream call in all). */
export function createRoom(context: GatewayContext, input: CreateRoomFields & { idempotencyKey?: string | null }): Promise<PayloadShape> {
  return toPayload(context, 'write', async () => {
    const request = toCreateRoomRequest(input);
    const create = async () => {
      const room = await controlFor(context, input.provider).createRoom(request);
      forgetRoom(context, room);
      return room;
    };
    const { idempotencyKey } = input;
    if (idempotencyKey == null) return { room: await create() };
    if (idempotencyKey.length === 0 || idempotencyKey.length > 128) {
      throw new RoomControlRefusal('INVALID_INPUT', '`idempotencyKey` must be 1 to 128 characters.', ['input', 'idempotencyKey']);
    }
    // Keys are the client's own: scoped to its identity, so two clients never share one.
    const key = JSON.stringify([context.roomControl.access.subject, input.provider, 'createRoom', idempotencyKey]);
    return { room: await context.roomControl.idempotency.run(key, JSON.stringify([input.provider, request]), create) };
  });
}

type JoinTokenFields = { room: string; participant: { name: string; userId: string; role?: JoinRole | null }; ttlSeconds?: number | null };

/** `createJoinToken`: the identity rule is checked before any upstream call. */
export function createJoinToken(context: GatewayContext, input: JoinTokenFields): Promise<PayloadShape> {
  return toPayload(context, 'join', async () => {
    const room = toRoomKeyOf(input.room, ['input', 'room']);
    const participant = toJoinParticipant(input);
    requireJoinIdentity(context, participant.userId, participant.role);
    const joinToken = await controlFor(context, room.provider).createJoinToken({ room, ...participant });
    return { joinToken, room: toRoomKey(room) };
  });
}

/** `endRoom`: the room is read again after the write. */
export function endRoom(context: GatewayContext, input: { room: string }): Promise<PayloadShape> {
  return toPayload(context, 'write', async () => {
    const room = toRoomKeyOf(input.room, ['input', 'room']);
    const result = await controlFor(context, room.provider).endRoom(room);
    return { completion: result.completion, room: forgetRoom(context, room) };
  });
}

/** `removeParticipant`: the room is read again after the write. */
export function removeParticipant(context: GatewayContext, input: { participant: string }): Promise<PayloadShape> {
  return toPayload(context, 'write', async () => {
    const participant = toParticipantKeyOf(input.participant, ['input', 'participant']);
    await controlFor(context, participant.provider).removeParticipant(participant);
    ParticipantRef.getDataloader(context).clear(toParticipantKey(participant));
    return { removedParticipantId: input.participant, room: forgetRoom(context, participant) };
  });
}

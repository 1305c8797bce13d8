import { InvalidIdError } from '../domain/errors.js';
import { builder } from './builder.js';
import { decodeGlobalId } from './global-ids.js';
import { ParticipantRef, PastRoomRef, RoomRef } from './node-refs.js';

/*
 * Federation: Room, PastRoom and Participant are entities keyed by their global `id`. A router's
 * `_entities` call resolves each representation through the same per-request DataLoaders as
 * `node`, so N representations cost one batched source call per provider.
 * (resolveReference is async so a bad id fails its own entry, not the whole list.)
 */

const idKey = builder.selection<{ id: string }>('id');

/** The internal key inside a global id of the given type; INVALID_ID for any other id. */
function entityKey(typename: string, id: string): string {
  const decoded = decodeGlobalId(id);
  if (decoded.typename !== typename) throw new InvalidIdError(`"${id.slice(0, 80)}" is not the id of a ${typename}.`);
  return decoded.id;
}

builder.asEntity(RoomRef, {
  key: idKey,
  resolveReference: async ({ id }, context) => RoomRef.getDataloader(context).load(entityKey('Room', id)),
});

builder.asEntity(PastRoomRef, {
  key: idKey,
  resolveReference: async ({ id }, context) => PastRoomRef.getDataloader(context).load(entityKey('PastRoom', id)),
});

builder.asEntity(ParticipantRef, {
  key: idKey,
  resolveReference: async ({ id }, context) => ParticipantRef.getDataloader(context).load(entityKey('Participant', id)),
});

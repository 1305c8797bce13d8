import {
  parseParticipantKey,
  parsePastRoomKey,
  parseRoomKey,
  toParticipantKey,
  toPastRoomKey,
  toRoomKey,
} from '../domain/keys.js';
import type { Participant, PastRoom, Room } from '../domain/model.js';
import { builder } from './builder.js';
import { loadByProvider } from './load-by-provider.js';

/*
 * The three node types as loadable refs, declared apart from their fields so that Room, PastRoom
 * and Participant can refer to each other. Each loads by its internal key through the per-request
 * DataLoader of the dataloader plugin, and every object a resolver returns is cached under its key
 * (`cacheResolved`), so an object that arrived in a list is never fetched again by id.
 */

export const RoomRef = builder.loadableNodeRef('Room', {
  id: { resolve: (room: Room) => toRoomKey(room) },
  toKey: (room: Room) => toRoomKey(room),
  cacheResolved: true,
  load: (keys: string[], context) => loadByProvider(context, keys, parseRoomKey, (source, parsed) =>
    source.loadRooms(parsed.map((key) => key.roomId))),
});

export const PastRoomRef = builder.loadableNodeRef('PastRoom', {
  id: { resolve: (pastRoom: PastRoom) => toPastRoomKey(pastRoom) },
  toKey: (pastRoom: PastRoom) => toPastRoomKey(pastRoom),
  cacheResolved: true,
  load: (keys: string[], context) => loadByProvider(context, keys, parsePastRoomKey, (source, parsed) => source.loadPastRooms(parsed)),
});

export const ParticipantRef = builder.loadableNodeRef('Participant', {
  id: { resolve: (participant: Participant) => toParticipantKey(participant) },
  toKey: (participant: Participant) => toParticipantKey(participant),
  cacheResolved: true,
  load: (keys: string[], context) =>
    loadByProvider(context, keys, parseParticipantKey, (source, parsed) => source.loadParticipants(parsed)),
});

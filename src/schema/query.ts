import { responsePathAsArray } from 'graphql';
import { providersInScope, sourceFor } from '../context.js';
import { NotFoundError, providerLabel } from '../domain/errors.js';
import { resolveActiveRoomConnection } from './active-room-connection.js';
import { builder } from './builder.js';
import { PastRoomConnectionRef, RoomConnectionRef } from './connections.js';
import { ProviderEnum } from './enums.js';
import { PastRoomRef, RoomRef } from './node-refs.js';
import { pastRoomArgs, resolvePastRoomField } from './past-room-args.js';
import { resolveRoomConnection } from './room-connection.js';
import { RoomFilterInput, RoomOrderInput } from './room-inputs.js';
import { toTimeRange } from './time-range.js';

builder.queryType({
  description: 'The entry points of the graph. Objects are also reachable by id through `node` and `nodes`.',
  fields: (t) => ({
    room: t.field({
      type: RoomRef,
      nullable: true,
      description: 'A room by its provider and the provider\'s room id. Null, with a NOT_FOUND error, when the provider does not know the room.',
      args: {
        provider: t.arg({ type: ProviderEnum, required: true, description: 'The provider hosting the room.' }),
        roomId: t.arg.string({ required: true, description: "The provider's own room id." }),
      },
      resolve: async (_root, { provider, roomId }, context) => {
        const [room] = await sourceFor(context, provider).loadRooms([roomId]);
        if (!room) throw new NotFoundError(`${providerLabel(provider)} has no room "${roomId}".`, { provider: provider.toUpperCase() });
        return room;
      },
    }),
    activeRooms: t.connection(
      {
        type: RoomRef,
        description: 'Rooms with a session running now, newest first, across every enabled provider (or one).',
        args: { provider: t.arg({ type: ProviderEnum, description: 'Only this provider\'s live rooms.' }) },
        resolve: (_root, args, context, info) =>
          resolveActiveRoomConnection(context, providersInScope(context, args.provider), args, responsePathAsArray(info.path)),
      },
      RoomConnectionRef,
    ),
    rooms: t.connection(
      {
        type: RoomRef,
        description: 'Rooms of every enabled provider (or the filtered one), live or idle, in one exactly ordered list. plugNmeet has no room API: its rooms are the live ones plus those its past sessions name.',
        args: {
          filter: t.arg({ type: RoomFilterInput, description: 'Which rooms to list; all when left out.' }),
          orderBy: t.arg({ type: RoomOrderInput, description: 'The order of the list; newest first when left out.' }),
        },
        resolve: (_root, args, context, info) => {
          const input = args.filter ?? {};
          const filter = { name: input.name ?? null, createdAt: toTimeRange(input.createdAt), updatedAt: toTimeRange(input.updatedAt) };
          const order = args.orderBy ?? { field: 'CREATED_AT' as const, direction: 'DESC' as const };
          const providers = providersInScope(context, input.provider);
          return resolveRoomConnection(context, { providers, filter, order, args }, responsePathAsArray(info.path));
        },
      },
      RoomConnectionRef,
    ),
    pastRooms: t.connection(
      {
        type: PastRoomRef,
        description: 'Ended sessions of every enabled provider (or the filtered ones), merged in one exactly ordered list.',
        args: pastRoomArgs,
        resolve: (_root, args, context, info) => resolvePastRoomField(context, args, info),
      },
      PastRoomConnectionRef,
    ),
  }),
});

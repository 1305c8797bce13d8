import { responsePathAsArray } from 'graphql';
import { sourceFor } from '../context.js';
import { NotFoundError, providerLabel } from '../domain/errors.js';
import { PROVIDER_NAMES } from '../domain/model.js';
import { resolveActiveRoomConnection } from './active-room-connection.js';
import { builder } from './builder.js';
import { PastRoomConnectionRef, RoomConnectionRef } from './connections.js';
import { ProviderEnum } from './enums.js';
import { PastRoomRef, RoomRef } from './node-refs.js';
import { pastRoomArgs, resolvePastRoomField } from './past-room-args.js';

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
          resolveActiveRoomConnection(
            context,
            args.provider ? [args.provider] : PROVIDER_NAMES.filter((name) => context.sources.has(name)),
            args,
            responsePathAsArray(info.path),
          ),
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

import { responsePathAsArray, type GraphQLResolveInfo } from 'graphql';
import { providersInScope, type GatewayContext } from '../context.js';
import { UserInputError } from '../domain/errors.js';
import type { ProviderName } from '../domain/model.js';
import { DEFAULT_PAST_ROOM_ORDER, type PastRoomOrder } from '../domain/ordering.js';
import type { PastRoomFilter } from '../domain/provider.js';
import { builder } from './builder.js';
import type { ConnectionArgs } from './connection-args.js';
import { PastRoomFilterInput, PastRoomOrderInput } from './inputs.js';
import { resolvePastRoomConnection, type PastRoomConnection } from './past-room-connection.js';
import { toTimeRange } from './time-range.js';

/** The arguments every past-room connection field takes besides the relay ones. */
export const pastRoomArgs = builder.args((t) => ({
  filter: t.field({ type: PastRoomFilterInput, description: 'Which past rooms to list; all when left out.' }),
  orderBy: t.field({
    type: PastRoomOrderInput,
    description: 'The order of the list; newest first (`{field: CREATED_AT, direction: DESC}`) when left out.',
  }),
}));

export interface PastRoomFieldArgs extends ConnectionArgs {
  filter?: { provider?: ProviderName | null; roomIds?: string[] | null; createdAt?: { from?: Date | null; to?: Date | null } | null } | null;
  orderBy?: PastRoomOrder | null;
}

/** Most room ids one filter may name. */
const MAX_ROOM_IDS = 100;

/**
 * Resolves a past-room field. `scope` narrows it further (a room's own pastRooms); a filter that
 * contradicts the scope matches nothing rather than widening it.
 */
export function resolvePastRoomField(
  context: GatewayContext,
  args: PastRoomFieldArgs,
  info: GraphQLResolveInfo,
  scope: { provider: ProviderName; roomId: string } | null = null,
): Promise<PastRoomConnection> {
  const input = args.filter ?? {};
  const roomIds = input.roomIds ?? null;
  if (roomIds && (roomIds.length > MAX_ROOM_IDS || roomIds.some((roomId) => roomId === ''))) {
    throw new UserInputError(`\`filter.roomIds\` takes at most ${MAX_ROOM_IDS} room ids, none of them empty.`, { argument: 'filter.roomIds' });
  }
  const order = args.orderBy ?? DEFAULT_PAST_ROOM_ORDER;
  const createdAt = toTimeRange(input.createdAt);
  const contradicts = scope && ((input.provider && input.provider !== scope.provider) || (roomIds && !roomIds.includes(scope.roomId)));
  const filter: PastRoomFilter = { roomIds: scope ? (contradicts ? [] : [scope.roomId]) : roomIds, createdAt };
  const providers = providersInScope(context, scope?.provider ?? input.provider);
  // A filter that can match nothing asks no provider.
  const request = { providers: filter.roomIds?.length === 0 ? [] : providers, filter, order, args };
  return resolvePastRoomConnection(context, request, responsePathAsArray(info.path));
}

import { settleByProvider, sourceFor, type GatewayContext } from '../context.js';
import { InvalidCursorError } from '../domain/errors.js';
import { PROVIDER_NAMES, type ProviderName, type Room } from '../domain/model.js';
import type { CursorSigner } from '../context.js';
import { parseConnectionArgs, toConnection, type ConnectionArgs } from './connection-args.js';

/**
 * Live rooms of the given providers, newest first (ties: provider rank, then room id). Each
 * provider lists its live rooms in one call; the page is cut here by offset, since the set of live
 * rooms is small and changes from minute to minute anyway.
 */
export async function resolveActiveRoomConnection(
  context: GatewayContext,
  providers: readonly ProviderName[],
  args: ConnectionArgs,
  path: readonly (string | number)[],
) {
  const page = parseConnectionArgs(args);
  const cursorIndex = page.cursor === null ? null : parseOffsetCursor(context.cursors, page.cursor);
  const lists = await settleByProvider(context, path, providers, (provider) => sourceFor(context, provider).listActiveRooms());
  const rooms = lists.flatMap(({ value }) => value).sort(compareLiveRooms);
  const [start, end] =
    page.direction === 'forward'
      ? [cursorIndex === null ? 0 : cursorIndex + 1, (cursorIndex === null ? 0 : cursorIndex + 1) + page.count]
      : [Math.max(0, (cursorIndex ?? rooms.length) - page.count), cursorIndex ?? rooms.length];
  const edges = rooms.slice(start, end).map((room, index) => ({ cursor: toOffsetCursor(context.cursors, start + index), node: room }));
  return toConnection(edges, end < rooms.length, start > 0, rooms.length);
}

function compareLiveRooms(a: Room, b: Room): number {
  const byTime = (b.createdAt?.getTime() ?? 0) - (a.createdAt?.getTime() ?? 0);
  if (byTime !== 0) return byTime;
  const byProvider = PROVIDER_NAMES.indexOf(a.provider) - PROVIDER_NAMES.indexOf(b.provider);
  return byProvider !== 0 ? byProvider : a.roomId.localeCompare(b.roomId);
}

function toOffsetCursor(signer: CursorSigner, index: number): string {
  return signer.seal(`live:${index}`);
}

function parseOffsetCursor(signer: CursorSigner, cursor: string): number {
  const match = /^live:(\d{1,6})$/.exec(signer.open(cursor));
  if (!match) throw new InvalidCursorError('The cursor does not belong to activeRooms.');
  return Number(match[1]);
}

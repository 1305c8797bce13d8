import { settleByProvider, sourceFor, type GatewayContext } from '../context.js';
import type { PastRoom, ProviderName } from '../domain/model.js';
import type { PastRoomOrder } from '../domain/ordering.js';
import { mergeBackward, mergeForward, type MergedEdge, type PositionVector, type ProviderRead } from '../domain/past-room-merge.js';
import type { PastRoomFilter, PastRoomRead } from '../domain/provider.js';
import { parseConnectionArgs, toConnection, type Connection, type ConnectionArgs, type PageRequest } from './connection-args.js';
import { connectionFingerprint, decodePastRoomCursor, encodePastRoomCursor, type PastRoomCursor } from './cursors.js';

/** What a past-room connection field asks for. */
export interface PastRoomConnectionRequest {
  providers: readonly ProviderName[];
  filter: PastRoomFilter;
  order: PastRoomOrder;
  args: ConnectionArgs;
}

/** The connection object the schema's PastRoomConnection resolves from. */
export type PastRoomConnection = Connection<PastRoom>;

/**
 * Resolves a past-room connection over one or many providers: each provider's stream is read for
 * just the page (forward after the cursor, or backward before it), and the reads are merged in
 * exact order. Cursors carry every provider's position, so paging never skips or repeats. A
 * provider that fails is left out, with an error on `path`, unless all fail.
 */
export async function resolvePastRoomConnection(
  context: GatewayContext,
  request: PastRoomConnectionRequest,
  path: readonly (string | number)[],
): Promise<PastRoomConnection> {
  const page = parseConnectionArgs(request.args);
  const fingerprint = connectionFingerprint({ providers: request.providers, filter: request.filter, order: request.order });
  const cursor = page.cursor === null ? null : decodePastRoomCursor(context.cursors, page.cursor, fingerprint);
  const settled = await settleByProvider(context, path, request.providers, async (provider) => {
    const { read, countOnly } = toRead(request, page, cursor, provider);
    return { slice: await sourceFor(context, provider).readPastRooms(read), countOnly };
  });
  const reads = settled.map(({ provider, value }) => ({ provider, ...value }));
  const merging: ProviderRead[] = reads.filter((read) => !read.countOnly);
  const totalCount = reads.reduce((sum, read) => sum + read.slice.totalCount, 0);
  const toEdge = (edge: MergedEdge) => ({
    cursor: encodePastRoomCursor(context.cursors, fingerprint, { provider: edge.provider, positions: edge.positions }),
    node: edge.pastRoom,
  });
  if (page.direction === 'forward') {
    const start: PositionVector = cursor?.positions ?? Object.fromEntries(request.providers.map((provider) => [provider, null]));
    const merged = mergeForward(merging, request.order, page.count, start);
    return toConnection(merged.edges.map(toEdge), merged.hasMore, cursor !== null, totalCount);
  }
  // A provider that failed keeps the position it had, so paging on resumes it where it was.
  const merged = mergeBackward(merging, request.order, page.count, cursor?.positions ?? {});
  return toConnection(merged.edges.map(toEdge), cursor !== null, merged.hasMore, totalCount);
}

/**
 * The read one provider's stream needs. Backward before a cursor: the cursor's own provider reads
 * before its item; every other provider reads from its recorded item inclusive, because that item
 * lies before the cursor's. A provider with nothing before the cursor is only counted.
 */
function toRead(
  request: PastRoomConnectionRequest,
  page: PageRequest,
  cursor: PastRoomCursor | null,
  provider: ProviderName,
): { read: PastRoomRead; countOnly: boolean } {
  const base = { filter: request.filter, order: request.order };
  const position = cursor?.positions[provider] ?? null;
  if (page.direction === 'forward') {
    return { read: { ...base, direction: 'forward', after: position, inclusive: false, count: page.count }, countOnly: false };
  }
  if (cursor && provider !== cursor.provider && position === null) {
    return { read: { ...base, direction: 'forward', after: null, inclusive: false, count: 0 }, countOnly: true };
  }
  const inclusive = cursor !== null && provider !== cursor.provider;
  return { read: { ...base, direction: 'backward', after: position, inclusive, count: page.count + 1 }, countOnly: false };
}

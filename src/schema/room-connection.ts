import { settleByProvider, sourceFor, type GatewayContext } from '../context.js';
import { InvalidCursorError, UserInputError, providerLabel } from '../domain/errors.js';
import type { ProviderName } from '../domain/model.js';
import { compareRoomSortKeys, toRoomSortKey, type RoomOrder, type RoomSortKey } from '../domain/ordering.js';
import type { RoomFilter } from '../domain/provider.js';
import { parseConnectionArgs, toConnection, type ConnectionArgs } from './connection-args.js';
import type { CursorSigner } from '../context.js';
import { connectionFingerprint, parseDocument } from './cursors.js';

/**
 * Rooms of one or many providers in one exactly ordered list. Every provider answers with all its
 * matching rooms (filters applied exactly), the list is sorted here, and cursors are keysets
 * (order value, provider, room id), so a cursor stays valid when rooms come and go.
 */
export async function resolveRoomConnection(
  context: GatewayContext,
  request: { providers: readonly ProviderName[]; filter: RoomFilter; order: RoomOrder; args: ConnectionArgs },
  path: readonly (string | number)[],
) {
  const page = parseConnectionArgs(request.args);
  refuseUnsupportedFilters(context, request.providers, request.filter);
  const fingerprint = connectionFingerprint({ providers: request.providers, filter: request.filter, order: request.order });
  const anchor = page.cursor === null ? null : parseCursor(context.cursors, page.cursor, fingerprint);
  const lists = await settleByProvider(context, path, request.providers, (provider) => sourceFor(context, provider).listRooms(request.filter));
  const compare = (a: RoomSortKey, b: RoomSortKey) => compareRoomSortKeys(a, b, request.order.direction);
  const keyed = lists
    .flatMap(({ value }) => value)
    .map((room) => ({ room, key: toRoomSortKey(room, request.order) }))
    .sort((a, b) => compare(a.key, b.key));
  // Counted against the anchor's key, so a cursor whose room has gone still resumes exactly.
  const firstAfter = anchor === null ? 0 : keyed.filter(({ key }) => compare(key, anchor) <= 0).length;
  const firstFrom = anchor === null ? keyed.length : keyed.filter(({ key }) => compare(key, anchor) < 0).length;
  const [start, end] =
    page.direction === 'forward' ? [firstAfter, firstAfter + page.count] : [Math.max(0, firstFrom - page.count), firstFrom];
  const edges = keyed.slice(start, end).map(({ room, key }) => ({ cursor: toCursor(context.cursors, key, fingerprint), node: room }));
  return toConnection(edges, end < keyed.length, start > 0, keyed.length);
}

/** A filter a provider in scope cannot apply exactly is refused up front, naming the provider. */
function refuseUnsupportedFilters(context: GatewayContext, providers: readonly ProviderName[], filter: RoomFilter): void {
  if (!filter.updatedAt) return;
  const unable = providers.filter((provider) => context.capabilities.get(provider)?.roomUpdatedAt === false);
  if (unable.length > 0) {
    throw new UserInputError(
      `${unable.map(providerLabel).join(', ')} rooms have no update time, so \`filter.updatedAt\` cannot apply to them; add a \`provider\` that has one (VIDEOSDK, TELNYX).`,
      { argument: 'filter.updatedAt' },
    );
  }
}

function toCursor(signer: CursorSigner, key: RoomSortKey, fingerprint: string): string {
  return signer.seal(JSON.stringify({ f: fingerprint, k: key }));
}

/** The key a cursor carries; INVALID_CURSOR for anything this connection did not issue. */
function parseCursor(signer: CursorSigner, cursor: string, fingerprint: string): RoomSortKey {
  const document = parseDocument(signer.open(cursor));
  const key = document.k;
  const valid = Array.isArray(key) && key.length === 3 && ['number', 'string'].includes(typeof key[0]) && typeof key[1] === 'number' && typeof key[2] === 'string';
  if (!valid) throw new InvalidCursorError('The cursor is not a valid roomgraph cursor.');
  if (document.f !== fingerprint) throw new InvalidCursorError('The cursor was issued for a different list (other filter, order or providers).');
  return key as RoomSortKey;
}

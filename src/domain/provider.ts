import type { ParticipantKey, PastRoomKey } from './keys.js';
import type { Participant, PastRoom, ProviderName, Room } from './model.js';
import type { PastRoomOrder } from './ordering.js';
import type { RoomControl } from './room-control.js';

/** A time range: `from` inclusive, `to` exclusive; either end may be open. */
export interface TimeRange {
  from: Date | null;
  to: Date | null;
}

/** Which past rooms a read covers. Every provider applies every filter exactly. */
export interface PastRoomFilter {
  /** Only sessions of these rooms (provider room ids); null for all rooms. */
  roomIds: readonly string[] | null;
  /** Only sessions created in this range; null for any time. */
  createdAt: TimeRange | null;
}

/** Which rooms a room listing covers. Every provider applies every filter exactly (or refuses it). */
export interface RoomFilter {
  /** Only the room whose title (plugNmeet title, VideoSDK customRoomId or roomId, Telnyx unique_name) is exactly this. */
  name: string | null;
  /** Only rooms created in this range. */
  createdAt: TimeRange | null;
  /** Only rooms last updated in this range; refused by providers that keep no update time. */
  updatedAt: TimeRange | null;
}

/**
 * A read of one provider's past rooms as a sorted stream. `after` is a position a previous read
 * returned; the read returns up to `count` items that follow it (or the first items when null).
 * `direction: 'backward'` reads the same stream from its end towards its start, so that
 * `last/before` are exact too.
 */
export interface PastRoomRead {
  filter: PastRoomFilter;
  order: PastRoomOrder;
  direction: 'forward' | 'backward';
  after: string | null;
  /** Whether the item at `after` itself is part of the read (merged `before` cursors need it). */
  inclusive: boolean;
  count: number;
}

/** A past room together with its position in the stream it was read from. */
export interface PositionedPastRoom {
  pastRoom: PastRoom;
  /** Opaque to everyone but the provider that issued it; valid for reads of the same filter/order. */
  position: string;
}

/** The answer to a PastRoomRead, in read order. */
export interface PastRoomSlice {
  items: PositionedPastRoom[];
  /** Whether the stream goes on after the last item, in the read direction. */
  hasMore: boolean;
  /** How many past rooms match the filter in all. */
  totalCount: number;
}

/**
 * What the gateway does for a provider natively and what it does on its own side. The README's
 * capability table is written from these values.
 */
export interface ProviderCapabilities {
  /** Orders the upstream can return past rooms in (field + direction), page by page. */
  nativePastRoomOrders: readonly PastRoomOrder['field'][];
  /** Whether `roomIds` is applied by the upstream (else the gateway filters). */
  nativeRoomIdFilter: boolean;
  /** Whether `createdAt` ranges are applied by the upstream (else the gateway filters). */
  nativeCreatedAtFilter: boolean;
  /** Whether ended sessions list their participants. */
  pastRoomParticipants: boolean;
  /** How `rooms` is served: a room API, or rooms derived from live rooms and past sessions. */
  roomListing: 'native' | 'derived-from-sessions';
  /** Whether rooms carry an update time (and so accept `updatedAt` filters). */
  roomUpdatedAt: boolean;
}

/**
 * A provider's reads for one GraphQL request. Implementations batch and cache with per-request
 * DataLoaders, so calling the same method for many keys in one tick costs one upstream round where
 * the API allows it. Results are in the order of the keys; `null` means "does not exist upstream".
 * Upstream failures reject with an UpstreamError.
 */
export interface ProviderSource {
  loadRooms(roomIds: readonly string[]): Promise<(Room | null)[]>;
  /** Every room that is live now, with its participants. */
  listActiveRooms(): Promise<Room[]>;
  /** Who is in each room now (empty for an idle room). */
  loadLiveParticipants(roomIds: readonly string[]): Promise<Participant[][]>;
  loadPastRooms(keys: readonly PastRoomKey[]): Promise<(PastRoom | null)[]>;
  /** The participants of ended sessions; null where the provider keeps no such list. */
  loadPastRoomParticipants(keys: readonly PastRoomKey[]): Promise<(Participant[] | null)[]>;
  loadParticipants(keys: readonly ParticipantKey[]): Promise<(Participant | null)[]>;
  readPastRooms(read: PastRoomRead): Promise<PastRoomSlice>;
  /** Every room matching the filter, in no particular order. */
  listRooms(filter: RoomFilter): Promise<Room[]>;
}

/** What a source is created for: one GraphQL request, whose end (or deadline) aborts `signal`. */
export interface SourceScope {
  /** Reaches every upstream call the source makes; aborted work stops and is not retried. */
  signal: AbortSignal;
  /** Read every answer from the upstream, none from the cross-request cache (readiness probes). */
  fresh?: boolean;
}

/** A configured provider: long-lived (connection pool, credentials), stateless per request. */
export interface VideoProvider {
  name: ProviderName;
  capabilities: ProviderCapabilities;
  /** A fresh source with empty caches, for one GraphQL request. */
  createSource(scope: SourceScope): ProviderSource;
  /** The provider's writes for one GraphQL request; `scope.signal` reaches every upstream call. */
  createControl(scope: SourceScope): RoomControl;
  /** Whether calls go through: the upstream's circuit breaker state. */
  state(): { circuit: 'closed' | 'open' | 'half-open' };
  /** Releases the connection pool. */
  close(): Promise<void>;
}

import type { ProviderName } from './model.js';

/** A room whose live state or history changed: a webhook said so, or the gateway wrote to it. */
export interface RoomChange {
  provider: ProviderName;
  roomId: string;
}

/**
 * The one place where room changes are announced and heard, inside one gateway process: live
 * events and writes announce, whatever keeps state derived from the upstreams (caches) listens and
 * forgets what the change made stale. Listeners run synchronously and must not throw.
 */
export interface RoomChangeFeed {
  announce(change: RoomChange): void;
  /** Adds a listener; the returned function removes it. */
  onChange(listener: (change: RoomChange) => void): () => void;
}

/** An in-process feed with no listeners yet. */
export function createRoomChangeFeed(): RoomChangeFeed {
  const listeners = new Set<(change: RoomChange) => void>();
  return {
    announce: (change) => listeners.forEach((listener) => listener(change)),
    onChange: (listener) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

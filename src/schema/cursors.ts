import { createHash } from 'node:crypto';
import { InvalidCursorError } from '../domain/errors.js';
import { PROVIDER_NAMES, type ProviderName } from '../domain/model.js';
import type { PositionVector } from '../domain/past-room-merge.js';

/** What a past-room cursor carries: the edge's provider and every stream's position after it. */
export interface PastRoomCursor {
  provider: ProviderName;
  positions: PositionVector;
}

/**
 * A short digest of what a connection reads (providers, filter, order). Cursors carry it, so a
 * cursor handed to a connection with another filter or order is refused instead of misread.
 */
export function connectionFingerprint(scope: unknown): string {
  return createHash('sha256').update(JSON.stringify(scope)).digest('base64url').slice(0, 12);
}

/** Opaque to clients: base64url of a small JSON document. */
export function encodePastRoomCursor(fingerprint: string, cursor: PastRoomCursor): string {
  return Buffer.from(JSON.stringify({ f: fingerprint, e: cursor.provider, v: cursor.positions })).toString('base64url');
}

/** Decodes a cursor this gateway issued for the same connection; INVALID_CURSOR otherwise. */
export function decodePastRoomCursor(text: string, fingerprint: string): PastRoomCursor {
  const document = parseDocument(text);
  if (document.f !== fingerprint) {
    throw new InvalidCursorError('The cursor was issued for a different list (other filter, order or providers).');
  }
  const provider = document.e as ProviderName;
  const positions = document.v as Record<string, unknown>;
  const valid =
    PROVIDER_NAMES.includes(provider) &&
    typeof positions === 'object' && positions !== null &&
    Object.entries(positions).every(([name, position]) => PROVIDER_NAMES.includes(name as ProviderName) && (position === null || typeof position === 'string'));
  if (!valid) throw new InvalidCursorError('The cursor is not a valid roomgraph cursor.');
  return { provider, positions: positions as PositionVector };
}

function parseDocument(text: string): Record<string, unknown> {
  try {
    const document = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown;
    if (typeof document === 'object' && document !== null) return document as Record<string, unknown>;
  } catch {
    // falls through to the error below
  }
  throw new InvalidCursorError('The cursor is not a valid roomgraph cursor.');
}

import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { CursorSigner } from '../context.js';
import { InvalidCursorError } from '../domain/errors.js';
import { PROVIDER_NAMES, type ProviderName } from '../domain/model.js';
import type { PositionVector } from '../domain/past-room-merge.js';
import { parseIndexPosition, parseKeysetPosition } from '../domain/positions.js';

/** What a past-room cursor carries: the edge's provider and every stream's position after it. */
export interface PastRoomCursor {
  provider: ProviderName;
  positions: PositionVector;
}

/**
 * Seals cursors with an HMAC so that a cursor this gateway did not issue (forged, edited, from a
 * gateway with another `CURSOR_SECRET`) is refused with INVALID_CURSOR before anything it carries
 * is read. Replicas behind one load balancer must share the secret.
 */

/** The longest cursor opened; anything longer is refused unread. */
export const MAX_CURSOR_LENGTH = 512;

const NOT_OURS = 'The cursor is not a valid roomgraph cursor.';

/** A signer keyed by `secret` (HMAC-SHA256, tag cut to 96 bits). */
export function createCursorSigner(secret: string): CursorSigner {
  const tagOf = (body: string) => createHmac('sha256', secret).update(body).digest().subarray(0, 12);
  return {
    seal: (payload) => {
      const body = Buffer.from(payload).toString('base64url');
      return `${body}.${tagOf(body).toString('base64url')}`;
    },
    open: (cursor) => {
      const [body, tag, extra] = cursor.length <= MAX_CURSOR_LENGTH ? cursor.split('.') : [];
      const given = tag === undefined || extra !== undefined ? null : Buffer.from(tag, 'base64url');
      if (!body || !given || given.length !== 12 || !timingSafeEqual(given, tagOf(body))) throw new InvalidCursorError(NOT_OURS);
      return Buffer.from(body, 'base64url').toString('utf8');
    },
  };
}

/**
 * A short digest of what a connection reads (providers, filter, order). Cursors carry it, so a
 * cursor handed to a connection with another filter or order is refused instead of misread.
 */
export function connectionFingerprint(scope: unknown): string {
  return createHash('sha256').update(JSON.stringify(scope)).digest('base64url').slice(0, 12);
}

/** A sealed small JSON document of the fingerprint, the edge's provider and the positions. */
export function encodePastRoomCursor(signer: CursorSigner, fingerprint: string, cursor: PastRoomCursor): string {
  return signer.seal(JSON.stringify({ f: fingerprint, e: cursor.provider, v: cursor.positions }));
}

/**
 * Decodes a cursor this gateway issued for the same connection, with every position well formed
 * and in range (the codec of `domain/positions.ts`); INVALID_CURSOR otherwise.
 */
export function decodePastRoomCursor(signer: CursorSigner, text: string, fingerprint: string): PastRoomCursor {
  const document = parseDocument(signer.open(text));
  if (document.f !== fingerprint) {
    throw new InvalidCursorError('The cursor was issued for a different list (other filter, order or providers).');
  }
  const provider = document.e as ProviderName;
  const positions = document.v as Record<string, unknown>;
  const valid =
    PROVIDER_NAMES.includes(provider) &&
    typeof positions === 'object' && positions !== null &&
    Object.entries(positions).every(([name, position]) => PROVIDER_NAMES.includes(name as ProviderName) && isPosition(position));
  if (!valid) throw new InvalidCursorError(NOT_OURS);
  return { provider, positions: positions as PositionVector };
}

/** Parses a sealed cursor's JSON payload; INVALID_CURSOR unless it is an object. */
export function parseDocument(text: string): Record<string, unknown> {
  try {
    const document = JSON.parse(text) as unknown;
    if (typeof document === 'object' && document !== null && !Array.isArray(document)) return document as Record<string, unknown>;
  } catch {
    // falls through to the error below
  }
  throw new InvalidCursorError(NOT_OURS);
}

function isPosition(position: unknown): boolean {
  if (position === null) return true;
  if (typeof position !== 'string') return false;
  try {
    if (position.startsWith('p:')) parseIndexPosition(position);
    else parseKeysetPosition(position);
    return true;
  } catch {
    return false;
  }
}

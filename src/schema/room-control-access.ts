import type { GatewayContext } from '../context.js';
import { GatewayError } from '../domain/errors.js';
import type { JoinRole } from '../domain/room-control.js';

/** Which permission a mutation needs: `write` (create, end, remove) or `join` (join tokens). */
export type MutationKind = 'write' | 'join';

/**
 * Refuses a mutation before anything else runs (no input read, no upstream call): MUTATIONS_DISABLED
 * when client auth is off and the development switch too, FORBIDDEN when the client's JWT lacks
 * the scope the mutation requires.
 */
export function requireScope(context: GatewayContext, kind: MutationKind): void {
  const access = context.roomControl.access;
  if (access.mode === 'development') return;
  if (access.mode === 'disabled') {
    throw new GatewayError('MUTATIONS_DISABLED', 'Mutations need client auth (AUTH_JWT_SECRET or AUTH_JWKS_URL), or MUTATIONS_WITHOUT_AUTH=true in development.');
  }
  const scope = access.scopeNames[kind];
  if (!access.scopes.has(scope)) throw new GatewayError('FORBIDDEN', `This mutation requires the scope "${scope}".`, { requiredScope: scope });
}

/**
 * The identity rule of join tokens: a client may get a GUEST token for itself only (`userId` equal
 * to its JWT `sub`); a token for anyone else, or a HOST token, needs the admin scope too. Without
 * client auth (development switch) there is no identity to hold to.
 */
export function requireJoinIdentity(context: GatewayContext, userId: string, role: JoinRole): void {
  const access = context.roomControl.access;
  if (access.mode !== 'client-auth' || access.scopes.has(access.scopeNames.admin)) return;
  if (role === 'HOST') throw new GatewayError('FORBIDDEN', `A HOST token requires the scope "${access.scopeNames.admin}".`, { requiredScope: access.scopeNames.admin });
  if (access.subject === null || userId !== access.subject) {
    throw new GatewayError('FORBIDDEN', `A join token is issued for your own identity (the token's sub) unless you have the scope "${access.scopeNames.admin}".`, {
      requiredScope: access.scopeNames.admin,
    });
  }
}

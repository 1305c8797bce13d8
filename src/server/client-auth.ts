import { createInlineSigningKeyProvider, createRemoteJwksSigningKeyProvider, useJWT } from '@graphql-yoga/plugin-jwt';
import { createGraphQLError, type Plugin } from 'graphql-yoga';

/** How clients must authenticate; absent means the gateway is open (the sandbox default). */
export type ClientAuthConfig = (
  | { kind: 'shared-secret'; secret: string }
  | { kind: 'jwks'; jwksUrl: string }
) & { issuer: string | null; audience: string | null; /** Refuse tokens without `exp` (`AUTH_JWT_REQUIRE_EXP`). */ requireExp: boolean };

/** A compact JWS: three base64url parts, the last (signature) possibly empty for `alg: none`, refused anyway. */
const COMPACT_JWS = /^[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*$/;

/** The longest `Authorization` header looked at; a longer one is refused unread. */
const MAX_AUTHORIZATION_LENGTH = 8 * 1024;

/**
 * Client authentication with yoga's JWT plugin: a `Bearer` token (scheme case-insensitive, RFC 9110
 * §11.1) in `Authorization`, signed with the shared secret (HS256) or a key of the JWKS
 * (RS256/ES256), checked for issuer and audience when configured, and for `exp` unless the switch
 * is off. A missing, malformed or invalid token gets 401 UNAUTHENTICATED before anything else runs.
 */
export function useClientAuth(config: ClientAuthConfig): Plugin[] {
  const signingKey =
    config.kind === 'shared-secret'
      ? createInlineSigningKeyProvider(config.secret)
      : createRemoteJwksSigningKeyProvider({ jwksUri: config.jwksUrl, cache: true, rateLimit: true });
  const jwt = useJWT({
    signingKeyProviders: [signingKey],
    tokenLookupLocations: [({ request }) => (request ? parseBearer(request.headers.get('authorization')) : undefined)],
    tokenVerification: {
      algorithms: config.kind === 'shared-secret' ? ['HS256'] : ['RS256', 'ES256'],
      ...(config.issuer ? { issuer: config.issuer } : {}),
      ...(config.audience ? { audience: config.audience } : {}),
    },
    reject: { missingToken: true, invalidToken: true },
    // Must stay on: with `extendContext: false` the plugin skips validation altogether.
    extendContext: 'jwt',
  }) as Plugin;
  return config.requireExp ? [jwt, useRequiredExpiry()] : [jwt];
}

/** Claims that only date or number a token: two tokens differing in these alone are the same client. */
const TOKEN_CLAIMS = new Set(['iat', 'nbf', 'exp', 'jti']);

/**
 * Who a verified token's client is, as far as results may differ: its claims but the token's own
 * dates and id, as one string (keys sorted); null without a token (client auth off). Subscriptions
 * share an execution only between equal identities.
 */
export function toClientIdentity(payload: Record<string, unknown> | undefined): string | null {
  if (!payload) return null;
  const claims = Object.keys(payload).filter((name) => !TOKEN_CLAIMS.has(name)).sort();
  return JSON.stringify(claims.map((name) => [name, payload[name]]));
}

/** The token of a `Bearer` authorization header; anything present but malformed is a 401. */
function parseBearer(header: string | null): { prefix: string; token: string } | undefined {
  if (header === null) return undefined;
  const match = header.length <= MAX_AUTHORIZATION_LENGTH ? /^bearer +(\S+) *$/i.exec(header) : null;
  if (!match || !COMPACT_JWS.test(match[1]!) || !hasJsonHeader(match[1]!)) throw unauthenticated();
  return { prefix: 'Bearer', token: match[1]! };
}

function hasJsonHeader(token: string): boolean {
  try {
    const header = JSON.parse(Buffer.from(token.slice(0, token.indexOf('.')), 'base64url').toString('utf8')) as unknown;
    return typeof header === 'object' && header !== null && !Array.isArray(header);
  } catch {
    return false;
  }
}

/** Refuses a verified token without a numeric `exp`: a token that never expires cannot be revoked by time. */
function useRequiredExpiry(): Plugin {
  return {
    onRequestParse: ({ serverContext }) => {
      const payload = (serverContext as { jwt?: { payload?: { exp?: unknown } } }).jwt?.payload;
      if (payload && typeof payload.exp !== 'number') throw unauthenticated();
    },
  };
}

function unauthenticated() {
  return createGraphQLError('Unauthenticated', { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}

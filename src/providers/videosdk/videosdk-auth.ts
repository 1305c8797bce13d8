import { SignJWT } from 'jose';

/**
 * VideoSDK's REST token (reference Part A1): an HS256 JWT signed with the API secret, carrying
 * `apikey`, `permissions`, `version: 2` and `roles: ["crawler"]` (server-side API only, not usable to
 * join a meeting). It travels as `Authorization: <token>`, with no `Bearer` prefix.
 */

/** Lifetime of a minted token; the docs advise short ones. */
export const VIDEOSDK_TOKEN_LIFETIME_SECONDS = 3600;

/** A new token is minted this long before the cached one expires (as the official SDK does). */
export const VIDEOSDK_TOKEN_REFRESH_MARGIN_SECONDS = 60;

export interface VideosdkCredentials {
  apiKey: string;
  apiSecret: string;
}

export interface VideosdkTokenOptions {
  lifetimeSeconds?: number;
  /** The clock, in milliseconds since the epoch (tests replace it). */
  now?: () => number;
}

/** Hands out the REST token, minted once and re-minted 60 s before it expires. */
export interface VideosdkTokenSource {
  token(): Promise<string>;
}

/** Mints one REST token valid from `issuedAt` (Unix seconds) for `lifetimeSeconds`. */
export async function mintVideosdkToken(credentials: VideosdkCredentials, issuedAt: number, lifetimeSeconds: number): Promise<string> {
  return new SignJWT({ apikey: credentials.apiKey, permissions: ['allow_join', 'allow_mod'], version: 2, roles: ['crawler'] })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + lifetimeSeconds)
    .sign(new TextEncoder().encode(credentials.apiSecret));
}

/**
 * A token cache for one provider: concurrent callers share one minting, and a token is reused
 * until `VIDEOSDK_TOKEN_REFRESH_MARGIN_SECONDS` before its `exp`.
 */
export function createVideosdkTokenSource(credentials: VideosdkCredentials, options: VideosdkTokenOptions = {}): VideosdkTokenSource {
  const lifetime = options.lifetimeSeconds ?? VIDEOSDK_TOKEN_LIFETIME_SECONDS;
  const now = options.now ?? Date.now;
  let cached: { token: Promise<string>; refreshAt: number } | null = null;
  return {
    token() {
      const seconds = Math.floor(now() / 1000);
      if (!cached || seconds >= cached.refreshAt) {
        const token = mintVideosdkToken(credentials, seconds, lifetime);
        cached = { token, refreshAt: seconds + lifetime - Math.min(VIDEOSDK_TOKEN_REFRESH_MARGIN_SECONDS, lifetime) };
        token.catch(() => {
          if (cached?.token === token) cached = null;
        });
      }
      return cached.token;
    },
  };
}

/** What a participant token grants (reference A1): `allow_mod` on top of `allow_join` for hosts. */
export interface VideosdkParticipantGrant {
  roomId: string;
  participantId: string;
  permissions: readonly ('allow_join' | 'allow_mod')[];
}

/**
 * Mints a participant token as the official SDK's `AccessTokenBuilder` does: HS256 with the secret,
 * `apikey`, `permissions`, `version: 2`, `roles: ["rtc"]` (meeting only, refused by the REST API),
 * bound to one room and one participant, valid from `issuedAt` for `lifetimeSeconds`. No upstream call.
 */
export async function mintVideosdkParticipantToken(
  credentials: VideosdkCredentials,
  grant: VideosdkParticipantGrant,
  issuedAt: number,
  lifetimeSeconds: number,
): Promise<string> {
  const claims = { apikey: credentials.apiKey, permissions: [...grant.permissions], version: 2, roles: ['rtc'], roomId: grant.roomId, participantId: grant.participantId };
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + lifetimeSeconds)
    .sign(new TextEncoder().encode(credentials.apiSecret));
}

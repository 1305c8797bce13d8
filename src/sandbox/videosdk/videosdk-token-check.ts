import { jwtVerify } from 'jose';

/** The credentials the simulator accepts tokens for. */
export interface VideosdkSimCredentials {
  apiKey: string;
  secret: string;
}

/** VideoSDK's documented answer to a bad token (reference A1; the exact body is our best guess). */
export const VIDEOSDK_INVALID_TOKEN_BODY = { message: 'Token is invalid or expired' };

/**
 * Whether `Authorization` holds a token VideoSDK's REST API would accept: the bare JWT (a `Bearer `
 * prefix fails), signed HS256 with the secret, whose `apikey` is the account's, whose `exp` is in
 * the future, and which is a server-side token: `version: 2` and `roles` including `crawler` (an
 * `rtc`-only participant token "cannot be used with server-side APIs"; audit V5).
 */
export async function isAcceptedVideosdkToken(authorization: string | undefined, credentials: VideosdkSimCredentials): Promise<boolean> {
  if (!authorization) return false;
  try {
    const { payload } = await jwtVerify(authorization, new TextEncoder().encode(credentials.secret), {
      algorithms: ['HS256'],
      requiredClaims: ['exp'],
    });
    const roles = Array.isArray(payload.roles) ? payload.roles : [];
    return payload.apikey === credentials.apiKey && payload.version === 2 && roles.includes('crawler');
  } catch {
    return false;
  }
}

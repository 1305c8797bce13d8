import { jwtVerify } from 'jose';

/** The credentials the simulator accepts tokens for. */
export interface VideosdkSimCredentials {
  apiKey: string;
  secret: string;
}

/** VideoSDK's documented answer to a bad token (reference A1; the exact body is our best guess). */
export const VIDEOSDK_INVALID_TOKEN_BODY = { message: 'Token is invalid or expired' };

/**
 * Whether `Authorization` holds a token VideoSDK would accept: the bare JWT (a `Bearer ` prefix
 * fails), signed HS256 with the secret, whose `apikey` is the account's and whose `exp` is in the
 * future.
 */
export async function isAcceptedVideosdkToken(authorization: string | undefined, credentials: VideosdkSimCredentials): Promise<boolean> {
  if (!authorization) return false;
  try {
    const { payload } = await jwtVerify(authorization, new TextEncoder().encode(credentials.secret), {
      algorithms: ['HS256'],
      requiredClaims: ['exp'],
    });
    return payload.apikey === credentials.apiKey;
  } catch {
    return false;
  }
}

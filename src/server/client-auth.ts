import { createInlineSigningKeyProvider, createRemoteJwksSigningKeyProvider, extractFromHeader, useJWT } from '@graphql-yoga/plugin-jwt';
import type { Plugin } from 'graphql-yoga';

/** How clients must authenticate; absent means the gateway is open (the sandbox default). */
export type ClientAuthConfig =
  | { kind: 'shared-secret'; secret: string; issuer: string | null; audience: string | null }
  | { kind: 'jwks'; jwksUrl: string; issuer: string | null; audience: string | null };

/**
 * Client authentication with yoga's JWT plugin: a `Bearer` token in `Authorization`, signed with
 * the shared secret (HS256) or a key of the JWKS (RS256/ES256), checked for issuer and audience
 * when configured. A request without a valid token gets 401 before anything else runs.
 */
export function useClientAuth(config: ClientAuthConfig): Plugin {
  const signingKey =
    config.kind === 'shared-secret'
      ? createInlineSigningKeyProvider(config.secret)
      : createRemoteJwksSigningKeyProvider({ jwksUri: config.jwksUrl, cache: true, rateLimit: true });
  return useJWT({
    signingKeyProviders: [signingKey],
    tokenLookupLocations: [extractFromHeader({ name: 'authorization', prefix: 'Bearer' })],
    tokenVerification: {
      algorithms: config.kind === 'shared-secret' ? ['HS256'] : ['RS256', 'ES256'],
      ...(config.issuer ? { issuer: config.issuer } : {}),
      ...(config.audience ? { audience: config.audience } : {}),
    },
    reject: { missingToken: true, invalidToken: true },
    // Must stay on: with `extendContext: false` the plugin skips validation altogether.
    extendContext: 'jwt',
  }) as Plugin;
}

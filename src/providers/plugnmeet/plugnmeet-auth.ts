import { createHmac } from 'node:crypto';

/** The API credentials a plugNmeet server checks (its `client.api_key` and `client.secret`). */
export interface PlugnmeetCredentials {
  apiKey: string;
  apiSecret: string;
}

/**
 * The headers that authenticate one call (reference/plugnmeet-api.md §1.2): `API-KEY`, and
 * `HASH-SIGNATURE` = lowercase hex HMAC-SHA256 of the exact body bytes sent, keyed with the secret.
 * The body must be sent byte for byte as signed.
 */
export function toPlugnmeetAuthHeaders(body: string, credentials: PlugnmeetCredentials): Record<string, string> {
  const signature = createHmac('sha256', credentials.apiSecret).update(body).digest('hex');
  return { 'api-key': credentials.apiKey, 'hash-signature': signature };
}

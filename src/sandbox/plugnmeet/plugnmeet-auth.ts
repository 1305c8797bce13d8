import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { toCommonResponse } from './plugnmeet-encoding.js';

/** The server's API credentials (`client.api_key`, `client.secret`). */
export interface PlugnmeetCredentials {
  apiKey: string;
  apiSecret: string;
}

/** `HASH-SIGNATURE`: lowercase hex HMAC-SHA256 of `message` keyed with the API secret (reference §1.2). */
export function toHashSignature(message: string | Buffer, apiSecret: string): string {
  return createHmac('sha256', apiSecret).update(message).digest('hex');
}

/**
 * The server's `HandleAuthHeaderCheck` (reference §1.2–1.3): the CommonResponse to send with HTTP
 * 401, or null when the request is authentic. Checks run in the server's order; a multipart request
 * is signed over its `Room-Id` header instead of its body; the signature compare is constant-time.
 */
export function checkPlugnmeetAuth(
  headers: IncomingHttpHeaders,
  body: Buffer,
  credentials: PlugnmeetCredentials,
): ReturnType<typeof toCommonResponse> | null {
  const apiKey = header(headers, 'api-key');
  if (!apiKey) return toCommonResponse(false, 'Missing API-KEY header.', 'MISSING_REQUIRED_PARAMETER');
  if (apiKey !== credentials.apiKey) return toCommonResponse(false, 'Invalid API key provided.', 'INVALID_API_KEY');
  const signature = header(headers, 'hash-signature');
  if (!signature) return toCommonResponse(false, 'Missing HASH-SIGNATURE header.', 'MISSING_REQUIRED_PARAMETER');
  let signed: string | Buffer = body;
  if (header(headers, 'content-type').includes('multipart/form-data')) {
    signed = header(headers, 'room-id');
    if (!signed) return toCommonResponse(false, 'Missing Room-Id header for multipart request.', 'MISSING_REQUIRED_PARAMETER');
  }
  if (!isSameText(signature, toHashSignature(signed, credentials.apiSecret))) {
    return toCommonResponse(false, 'Failed to verify provided authentication details.', 'INVALID_TOKEN_OR_SIGNATURE');
  }
  return null;
}

/** Constant-time equality; like Go's `subtle.ConstantTimeCompare`, different lengths never match. */
function isSameText(given: string, expected: string): boolean {
  const givenBytes = Buffer.from(given, 'utf8');
  const expectedBytes = Buffer.from(expected, 'utf8');
  return givenBytes.length === expectedBytes.length && timingSafeEqual(givenBytes, expectedBytes);
}

function header(headers: IncomingHttpHeaders, name: string): string {
  const value = headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

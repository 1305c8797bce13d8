/**
 * How Telnyx authenticates a call: `Authorization: Bearer <API key>` on every request
 * (reference/videosdk-telnyx-api.md B4). The key is a secret: it goes into this header and nowhere else.
 */
export function toTelnyxAuthHeaders(apiKey: string): Record<string, string> {
  return { authorization: `Bearer ${apiKey}` };
}

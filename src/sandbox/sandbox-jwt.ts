import { createHmac } from 'node:crypto';

/**
 * A compact HS256 JWT signed with `secret`, made synchronously (the simulators answer from plain
 * functions). Any JWT library verifies it: header `{alg: HS256, typ: JWT}`, base64url parts.
 */
export function toHs256Jwt(claims: Record<string, unknown>, secret: string): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(claims)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

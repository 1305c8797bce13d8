import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { MAX_ECHO_LENGTH, UpstreamError } from '../../src/domain/errors.js';

describe('upstream errors', () => {
  const clientId = 'x'.repeat(5_000);
  const error = new UpstreamError('UPSTREAM_NOT_FOUND', { provider: 'telnyx', method: 'GET', path: `/rooms/${clientId}` }, 'Room not found: password=hunter2', 404);

  it('echo at most a short, truncated form of an upstream path that holds a client id', () => {
    const path = (error.extensions.upstream as { path: string }).path;
    expect(path.length).toBe(MAX_ECHO_LENGTH);
    expect(path.endsWith('…')).toBe(true);
    expect(error.message.length).toBeLessThan(200);
  });

  it("tell clients a fixed sentence and keep the provider's words in the message for the log", () => {
    expect(error.clientMessage()).toBe(`Telnyx GET /rooms/${'x'.repeat(MAX_ECHO_LENGTH - 8)}… failed: the provider does not know this object`);
    expect(error.clientMessage()).not.toContain('hunter2');
    expect(error.message).toContain('hunter2');
  });
});

describe('hardening configuration', () => {
  it('generates a cursor secret when none is set, and refuses short secrets naming the variable only', () => {
    expect(parseConfig({}).server.cursorSecret).not.toBe(parseConfig({}).server.cursorSecret);
    expect(parseConfig({ CURSOR_SECRET: 's'.repeat(32) }).server.cursorSecret).toBe('s'.repeat(32));
    expect(() => parseConfig({ CURSOR_SECRET: 'short-secret' })).toThrow(/^CURSOR_SECRET must be at least 32 characters\.$/);
    expect(() => parseConfig({ ROUTER_SECRET: 'short-secret' })).toThrow(/^ROUTER_SECRET must be at least 32 characters\.$/);
  });

  it('turns the rate limit off with RATE_LIMIT_POINTS=0 and reads the other bounds', () => {
    expect(parseConfig({ RATE_LIMIT_POINTS: '0' }).server.rateLimit).toBeNull();
    const config = parseConfig({ UPSTREAM_MAX_BODY_BYTES: '2048', REQUEST_TIMEOUT_MS: '1500', MAX_RESPONSE_ERRORS: '7', AUTH_JWT_SECRET: 'j'.repeat(32), AUTH_JWT_REQUIRE_EXP: 'false' });
    expect([config.upstreamMaxBodyBytes, config.server.requestTimeoutMs, config.server.maxResponseErrors, config.server.clientAuth?.requireExp]).toEqual([2048, 1500, 7, false]);
    expect(() => parseConfig({ UPSTREAM_MAX_BODY_BYTES: '10' })).toThrow(/UPSTREAM_MAX_BODY_BYTES/);
  });
});

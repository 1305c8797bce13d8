import { describe, expect, it } from 'vitest';
import { ConfigError } from '../src/config-values.js';
import { parseConfig } from '../src/config.js';
import { hasProviderCredentials } from '../src/providers/registry.js';

const PLUGNMEET = { PLUGNMEET_URL: 'https://meet.example.com/', PLUGNMEET_API_KEY: 'key', PLUGNMEET_API_SECRET: 'very-secret-value' };

describe('parseConfig', () => {
  it('defaults the port and enables no provider without credentials', () => {
    const config = parseConfig({});
    expect(config.port).toBe(4000);
    expect(config.providers).toEqual({ plugnmeet: undefined, videosdk: undefined, telnyx: undefined });
    expect(hasProviderCredentials({})).toBe(false);
  });

  it('enables plugNmeet when its credentials are set and trims the URL', () => {
    const config = parseConfig(PLUGNMEET);
    expect(config.providers.plugnmeet).toEqual({ url: 'https://meet.example.com', apiKey: 'key', apiSecret: 'very-secret-value' });
    expect(hasProviderCredentials(PLUGNMEET)).toBe(true);
  });

  it('fills the public API URLs of VideoSDK and Telnyx', () => {
    const config = parseConfig({ VIDEOSDK_API_KEY: 'k', VIDEOSDK_API_SECRET: 's', TELNYX_API_KEY: 't' });
    expect(config.providers.videosdk?.apiUrl).toBe('https://api.videosdk.live');
    expect(config.providers.telnyx?.apiUrl).toBe('https://api.telnyx.com/v2');
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT must be an integer/],
    [{ PORT: '70000' }, /PORT must be an integer/],
    [{ ...PLUGNMEET, PLUGNMEET_URL: 'not a url' }, /PLUGNMEET_URL is not a valid URL/],
    [{ ...PLUGNMEET, PLUGNMEET_URL: 'ftp://meet' }, /PLUGNMEET_URL must be an http\(s\) URL/],
    [{ PLUGNMEET_API_KEY: 'key' }, /PLUGNMEET_URL must be set/],
    [{ ...PLUGNMEET, PLUGNMEET_API_SECRET: '' }, /PLUGNMEET_API_SECRET must be set/],
    [{ VIDEOSDK_API_KEY: 'k' }, /VIDEOSDK_API_SECRET must be set/],
    [{ UPSTREAM_HEADERS_TIMEOUT_MS: '0' }, /UPSTREAM_HEADERS_TIMEOUT_MS/],
    [{ UPSTREAM_RETRIES: '-1' }, /UPSTREAM_RETRIES must be an integer from 0 to 10/],
    [{ UPSTREAM_RETRY_BUDGET_RATIO: 'a fifth' }, /UPSTREAM_RETRY_BUDGET_RATIO must be a number from 0 to 10/],
    [{ UPSTREAM_BREAKER_FAILURES: '0' }, /UPSTREAM_BREAKER_FAILURES/],
    [{ UPSTREAM_MAX_CONCURRENCY: '2.5' }, /UPSTREAM_MAX_CONCURRENCY/],
  ])('refuses %j with a message naming the variable', (env, message) => {
    expect(() => parseConfig(env)).toThrow(ConfigError);
    expect(() => parseConfig(env)).toThrow(message);
  });

  it('defaults the upstream resilience and reads every variable of it', () => {
    expect(parseConfig({}).upstreamResilience).toEqual({
      retries: 2,
      retryBaseMs: 100,
      retryMaxMs: 2_000,
      retryBudgetRatio: 0.2,
      retryBudgetMin: 10,
      callBudgetMs: 30_000,
      breakerFailures: 5,
      breakerCooldownMs: 10_000,
      maxConcurrency: 16,
    });
    const env = {
      UPSTREAM_RETRIES: '0',
      UPSTREAM_RETRY_BASE_MS: '50',
      UPSTREAM_RETRY_MAX_MS: '500',
      UPSTREAM_RETRY_BUDGET_RATIO: '0.5',
      UPSTREAM_RETRY_BUDGET_MIN: '3',
      UPSTREAM_CALL_BUDGET_MS: '4000',
      UPSTREAM_BREAKER_FAILURES: '7',
      UPSTREAM_BREAKER_COOLDOWN_MS: '1000',
      UPSTREAM_MAX_CONCURRENCY: '4',
    };
    expect(Object.values(parseConfig(env).upstreamResilience)).toEqual([0, 50, 500, 0.5, 3, 4_000, 7, 1_000, 4]);
  });

  it('never puts a secret into a config error', () => {
    const env = { ...PLUGNMEET, PLUGNMEET_URL: 'https://user:very-secret-value@meet.example.com' };
    expect(() => parseConfig(env)).toThrow(/PLUGNMEET_URL must not carry credentials/);
    try {
      parseConfig(env);
    } catch (error) {
      expect(String(error)).not.toContain('very-secret-value');
    }
  });
});

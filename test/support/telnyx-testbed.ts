import { expect } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { UpstreamError } from '../../src/domain/errors.js';
import type { ReadBounds, UpstreamOptions } from '../../src/providers/http/upstream-options.js';
import { createTelnyxClient, createTelnyxHttp, type TelnyxClient } from '../../src/providers/telnyx/telnyx-client.js';
import { createTelnyxProvider, type TelnyxConfig, type TelnyxProvider } from '../../src/providers/telnyx/telnyx-provider.js';
import type { TelnyxSourceOptions } from '../../src/providers/telnyx/telnyx-source.js';
import type { TelnyxSimulator } from '../../src/sandbox/telnyx/telnyx-simulator.js';

const DEFAULTS = parseConfig({});

/** Upstream options for tests: no retries (retries are proven in upstream-http.test.ts), so each fault surfaces as it is. */
export function telnyxTestUpstream(bounds: Partial<ReadBounds> = {}): UpstreamOptions {
  return {
    timeouts: { connectMs: 2_000, headersMs: 5_000, bodyMs: 5_000 },
    resilience: { ...DEFAULTS.upstreamResilience, retries: 0 },
    bounds: { ...DEFAULTS.upstreamBounds, ...bounds },
  };
}

/** The config that points the provider at a simulator. */
export function telnyxConfigOf(simulator: TelnyxSimulator, overrides: Partial<TelnyxConfig> = {}): TelnyxConfig {
  return { apiUrl: simulator.env.TELNYX_API_URL!, apiKey: simulator.env.TELNYX_API_KEY!, ...overrides };
}

/** Providers and clients over one simulator, each closed by `close()` (call it in afterAll). */
export interface TelnyxTestbed {
  provider(options?: { bounds?: Partial<ReadBounds>; source?: TelnyxSourceOptions; config?: Partial<TelnyxConfig> }): TelnyxProvider;
  /** The bare client over an HTTP pool of its own, for reads the source does not make. */
  client(): TelnyxClient;
  close(): Promise<void>;
}

/** A testbed over `simulator`; it does not close the simulator itself. */
export function createTelnyxTestbed(simulator: TelnyxSimulator): TelnyxTestbed {
  const opened: { close(): Promise<void> }[] = [];
  const keep = <T extends { close(): Promise<void> }>(each: T): T => (opened.push(each), each);
  return {
    provider: (options = {}) =>
      keep(createTelnyxProvider(telnyxConfigOf(simulator, options.config), telnyxTestUpstream(options.bounds), options.source)),
    client: () => {
      const http = keep(createTelnyxHttp(telnyxConfigOf(simulator), telnyxTestUpstream()));
      return createTelnyxClient(http, { apiKey: telnyxConfigOf(simulator).apiKey, bounds: DEFAULTS.upstreamBounds });
    },
    close: async () => {
      await Promise.all(opened.map((each) => each.close()));
    },
  };
}

/** The UpstreamError a promise rejects with (fails the test when it resolves or rejects otherwise). */
export async function upstreamFailureOf(promise: Promise<unknown>): Promise<UpstreamError> {
  const error = await promise.then(() => null, (failure: unknown) => failure);
  expect(error).toBeInstanceOf(UpstreamError);
  return error as UpstreamError;
}

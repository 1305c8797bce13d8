import { afterAll, beforeAll } from 'vitest';
import { startPlugnmeetSimulator } from '../../src/sandbox/plugnmeet/plugnmeet-simulator.js';
import { SANDBOX_GATEWAY_DEFAULTS, startSandboxes, type Sandboxes } from '../../src/sandbox/sandboxes.js';
import { createTestGateway, type TestGateway } from './test-gateway.js';

/**
 * Starts the three simulators and a gateway over them for the current test file (before all
 * tests, closed after all). Read the returned object's fields inside tests, not at import time.
 */
export function useSandboxGateway(env: Record<string, string> = {}): { sandboxes: Sandboxes; gateway: TestGateway } {
  const holder = {} as { sandboxes: Sandboxes; gateway: TestGateway };
  beforeAll(async () => {
    holder.sandboxes = await startSandboxes();
    holder.gateway = createTestGateway({ ...SANDBOX_GATEWAY_DEFAULTS, ...holder.sandboxes.env, ...env });
  });
  afterAll(async () => {
    await holder.gateway?.close();
    await holder.sandboxes?.close();
  });
  return holder;
}

/** Starts the plugNmeet simulator alone and a gateway over it for the current test file. */
export function usePlugnmeetGateway(): { simulator: PlugnmeetSimulator; gateway: TestGateway } {
  const holder = {} as { simulator: PlugnmeetSimulator; gateway: TestGateway };
  beforeAll(async () => {
    holder.simulator = await startPlugnmeetSimulator();
    holder.gateway = createTestGateway(holder.simulator.env);
  });
  afterAll(async () => {
    await holder.gateway?.close();
    await holder.simulator?.close();
  });
  return holder;
}

type PlugnmeetSimulator = Awaited<ReturnType<typeof startPlugnmeetSimulator>>;

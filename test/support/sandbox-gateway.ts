import { afterAll, beforeAll } from 'vitest';
import { startSandboxes, type Sandboxes } from '../../src/sandbox/sandboxes.js';
import { createTestGateway, type TestGateway } from './test-gateway.js';

/**
 * Starts the three simulators and a gateway over them for the current test file (before all
 * tests, closed after all). Read the returned object's fields inside tests, not at import time.
 */
export function useSandboxGateway(env: Record<string, string> = {}): { sandboxes: Sandboxes; gateway: TestGateway } {
  const holder = {} as { sandboxes: Sandboxes; gateway: TestGateway };
  beforeAll(async () => {
    holder.sandboxes = await startSandboxes();
    holder.gateway = createTestGateway({ ...holder.sandboxes.env, ...env });
  });
  afterAll(async () => {
    await holder.gateway?.close();
    await holder.sandboxes?.close();
  });
  return holder;
}

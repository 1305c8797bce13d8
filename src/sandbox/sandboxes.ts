import type { ProviderName } from '../domain/model.js';
import { startPlugnmeetSimulator } from './plugnmeet/plugnmeet-simulator.js';
import type { Simulator } from './simulator.js';
import { startTelnyxSimulator } from './telnyx/telnyx-simulator.js';
import { startVideosdkSimulator } from './videosdk/videosdk-simulator.js';

/** The simulators of every provider, running together on loopback. */
export interface Sandboxes {
  simulators: Record<ProviderName, Simulator>;
  /** The environment that points a gateway at all of them. */
  env: Record<string, string>;
  close(): Promise<void>;
}

/** Starts every provider's simulator, each on its own free port (or `basePort + rank`). */
export async function startSandboxes(options: { host?: string; basePort?: number } = {}): Promise<Sandboxes> {
  const port = (rank: number) => (options.basePort ? options.basePort + rank : 0);
  const simulators = {
    plugnmeet: await startPlugnmeetSimulator({ host: options.host, port: port(0) }),
    videosdk: await startVideosdkSimulator({ host: options.host, port: port(1) }),
    telnyx: await startTelnyxSimulator({ host: options.host, port: port(2) }),
  } satisfies Record<ProviderName, Simulator>;
  const all = Object.values(simulators);
  return {
    simulators,
    env: Object.assign({}, ...all.map((simulator) => simulator.env)) as Record<string, string>,
    close: async () => void (await Promise.all(all.map((simulator) => simulator.close()))),
  };
}

import { PROVIDER_NAMES, type ProviderName } from '../domain/model.js';
import { startPlugnmeetSimulator } from './plugnmeet/plugnmeet-simulator.js';
import type { Simulator, SimulatorListenOptions } from './simulator.js';
import { startTelnyxSimulator } from './telnyx/telnyx-simulator.js';
import { startVideosdkSimulator } from './videosdk/videosdk-simulator.js';

/** The simulators of every provider, running together on loopback. */
export interface Sandboxes {
  simulators: Record<ProviderName, Simulator>;
  /** The environment that points a gateway at all of them. */
  env: Record<string, string>;
  close(): Promise<void>;
}

/** How each provider's simulator is started: the one place a new provider's simulator is listed. */
export const SIMULATORS: Record<ProviderName, (options: SimulatorListenOptions) => Promise<Simulator>> = {
  plugnmeet: startPlugnmeetSimulator,
  videosdk: startVideosdkSimulator,
  telnyx: startTelnyxSimulator,
};

/** Starts every provider's simulator, each on its own free port (or `basePort + rank`), with `history` ended sessions each (default: the demo's). */
export async function startSandboxes(options: { host?: string; basePort?: number; history?: number } = {}): Promise<Sandboxes> {
  const simulators = {} as Record<ProviderName, Simulator>;
  for (const [rank, name] of PROVIDER_NAMES.entries()) {
    const port = options.basePort ? options.basePort + rank : 0;
    simulators[name] = await SIMULATORS[name]({ host: options.host, port, history: options.history });
  }
  const all = Object.values(simulators);
  return {
    simulators,
    env: Object.assign({}, ...all.map((simulator) => simulator.env)) as Record<string, string>,
    close: async () => void (await Promise.all(all.map((simulator) => simulator.close()))),
  };
}

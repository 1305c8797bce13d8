import { PROVIDER_NAMES, type ProviderName } from '../domain/model.js';
import { startPlugnmeetSimulator } from './plugnmeet/plugnmeet-simulator.js';
import type { LiveDriver } from './live-driver.js';
import { createPlugnmeetLiveDriver } from './plugnmeet/plugnmeet-webhooks.js';
import type { Simulator, SimulatorListenOptions } from './simulator.js';
import { createTelnyxLiveDriver } from './telnyx/telnyx-webhooks.js';
import { createVideosdkLiveDriver } from './videosdk/videosdk-webhooks.js';
import { startTelnyxSimulator } from './telnyx/telnyx-simulator.js';
import { startVideosdkSimulator } from './videosdk/videosdk-simulator.js';

/** The simulators of every provider, running together on loopback. */
export interface Sandboxes {
  simulators: Record<ProviderName, Simulator>;
  /** The environment that points a gateway at all of them. */
  env: Record<string, string>;
  close(): Promise<void>;
}

/** How one provider's simulator is started, and how its live timeline drives it (`<name>-webhooks.ts`). */
export interface SimulatorEntry {
  start(options: SimulatorListenOptions): Promise<Simulator>;
  /** The live driver over this simulator's store, signing as its provider does. */
  liveDriver(simulator: Simulator): LiveDriver;
}

function defineSimulator<S extends Simulator>(start: (options: SimulatorListenOptions) => Promise<S>, liveDriver: (simulator: S) => LiveDriver): SimulatorEntry {
  return { start, liveDriver: (simulator) => liveDriver(simulator as S) };
}

/** Every provider's simulator: the one place a new provider's simulator is listed. */
export const SIMULATORS: Record<ProviderName, SimulatorEntry> = {
  plugnmeet: defineSimulator(startPlugnmeetSimulator, (simulator) =>
    createPlugnmeetLiveDriver(simulator.store, { apiKey: simulator.env.PLUGNMEET_API_KEY!, apiSecret: simulator.env.PLUGNMEET_API_SECRET! }),
  ),
  videosdk: defineSimulator(startVideosdkSimulator, (simulator) => createVideosdkLiveDriver(simulator.store)),
  telnyx: defineSimulator(startTelnyxSimulator, (simulator) => createTelnyxLiveDriver(simulator.store)),
};

/**
 * What a gateway over the sandbox defaults to, as `npm start` with no credentials runs it: loopback
 * only, and a development profile in which GraphiQL may run mutations (README, "Room control").
 */
export const SANDBOX_GATEWAY_DEFAULTS: Record<string, string> = { HOST: '127.0.0.1', MUTATIONS_WITHOUT_AUTH: 'true' };

/** Starts every provider's simulator, each on its own free port (or `basePort + rank`), with `history` ended sessions each (default: the demo's). */
export async function startSandboxes(options: { host?: string; basePort?: number; history?: number } = {}): Promise<Sandboxes> {
  const simulators = {} as Record<ProviderName, Simulator>;
  for (const [rank, name] of PROVIDER_NAMES.entries()) {
    const port = options.basePort ? options.basePort + rank : 0;
    simulators[name] = await SIMULATORS[name].start({ host: options.host, port, history: options.history });
  }
  const all = Object.values(simulators);
  return {
    simulators,
    env: Object.assign({}, ...all.map((simulator) => simulator.env)) as Record<string, string>,
    close: async () => void (await Promise.all(all.map((simulator) => simulator.close()))),
  };
}

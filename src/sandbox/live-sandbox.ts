import { PROVIDER_NAMES } from '../domain/model.js';
import type { LiveDriver } from './live-driver.js';
import { createLiveTimeline, type LiveTimeline, type LiveTimelineOptions } from './live-timeline.js';
import { SIMULATORS, type Sandboxes } from './sandboxes.js';

/** The sandbox gone live: one driver per simulator and the webhook keys a gateway needs to verify them. */
export interface LiveSandbox {
  drivers: LiveDriver[];
  /** `VIDEOSDK_WEBHOOK_PUBLIC_KEY`, `TELNYX_PUBLIC_KEY` (plugNmeet's secret is already in the sandbox env). */
  env: Record<string, string>;
  /** A timeline delivering to the gateway at `targetOrigin`. */
  createTimeline(options: LiveTimelineOptions): LiveTimeline;
}

/** Default pace of `npm start`'s timeline: something happens every 4 s, somewhere (SANDBOX_LIVE_INTERVAL_MS; 0 = off). */
export const DEFAULT_LIVE_INTERVAL_MS = 4_000;

/** Drivers over the running simulators' stores, each with fresh demo signing keys. */
export function createLiveSandbox(sandboxes: Sandboxes): LiveSandbox {
  const drivers = PROVIDER_NAMES.map((name) => SIMULATORS[name].liveDriver(sandboxes.simulators[name]));
  return {
    drivers,
    env: Object.assign({}, ...drivers.map((driver) => driver.env)) as Record<string, string>,
    createTimeline: (options) => createLiveTimeline(drivers, options),
  };
}

import type { PlugnmeetStore } from './plugnmeet/plugnmeet-store.js';
import { createPlugnmeetLiveDriver } from './plugnmeet/plugnmeet-webhooks.js';
import type { LiveDriver } from './live-driver.js';
import { createLiveTimeline, type LiveTimeline, type LiveTimelineOptions } from './live-timeline.js';
import type { Sandboxes } from './sandboxes.js';
import type { TelnyxStore } from './telnyx/telnyx-store.js';
import { createTelnyxLiveDriver } from './telnyx/telnyx-webhooks.js';
import type { VideosdkStore } from './videosdk/videosdk-store.js';
import { createVideosdkLiveDriver } from './videosdk/videosdk-webhooks.js';

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
  const { plugnmeet, videosdk, telnyx } = sandboxes.simulators as unknown as {
    plugnmeet: { store: PlugnmeetStore; env: Record<string, string> };
    videosdk: { store: VideosdkStore };
    telnyx: { store: TelnyxStore };
  };
  const credentials = { apiKey: plugnmeet.env.PLUGNMEET_API_KEY!, apiSecret: plugnmeet.env.PLUGNMEET_API_SECRET! };
  const drivers = [createPlugnmeetLiveDriver(plugnmeet.store, credentials), createVideosdkLiveDriver(videosdk.store), createTelnyxLiveDriver(telnyx.store)];
  return {
    drivers,
    env: Object.assign({}, ...drivers.map((driver) => driver.env)) as Record<string, string>,
    createTimeline: (options) => createLiveTimeline(drivers, options),
  };
}

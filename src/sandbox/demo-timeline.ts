/**
 * The sandbox's shared clock for seeded demo data. All three simulators place their ended sessions
 * on one grid of times so that a merged `pastRooms` connection visibly interleaves providers; a few
 * sessions of different providers start at the very same second, to exercise tie-breaking.
 */

/** The fixed instant the demo history ends at; seeded data is the same on every run. */
export const DEMO_ANCHOR = new Date('2026-11-01T12:00:00Z');

const HOUR = 3_600_000;

/** Offset of each provider on the grid, so their sessions alternate in time. */
const PROVIDER_OFFSET_MS = { plugnmeet: 0, videosdk: 2 * HOUR + 20 * 60_000, telnyx: 4 * HOUR + 40 * 60_000 } as const;

/**
 * Start of the provider's `index`-th ended session (0 = most recent), spaced 7 hours apart over
 * many days. Every 10th index starts at the same second for every provider.
 */
export function demoSessionStart(provider: keyof typeof PROVIDER_OFFSET_MS, index: number): Date {
  const offset = index % 10 === 5 ? 0 : PROVIDER_OFFSET_MS[provider];
  return new Date(DEMO_ANCHOR.getTime() - index * 7 * HOUR - offset);
}

/** A deterministic pseudo-random generator (mulberry32) for seeded demo data. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * The sandbox's shared clock for seeded demo data. All three simulators place their ended sessions
 * on one grid of times so that a merged `pastRooms` connection visibly interleaves providers; a few
 * sessions of different providers start at the very same second, to exercise tie-breaking.
 */

import { PROVIDER_NAMES, type ProviderName } from '../domain/model.js';

/** The fixed instant the demo history ends at; seeded data is the same on every run. */
export const DEMO_ANCHOR = new Date('2026-11-01T12:00:00Z');

const HOUR = 3_600_000;

/** Offset between providers on the grid (by their rank), so their sessions alternate in time. */
const PROVIDER_STEP_MS = 2 * HOUR + 20 * 60_000;

/**
 * Start of the provider's `index`-th ended session (0 = most recent), spaced 7 hours apart over
 * many days. Every 10th index starts at the same second for every provider.
 */
export function demoSessionStart(provider: ProviderName, index: number): Date {
  const offset = index % 10 === 5 ? 0 : PROVIDER_NAMES.indexOf(provider) * PROVIDER_STEP_MS;
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

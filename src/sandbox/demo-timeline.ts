/**
 * The sandbox's shared clock for seeded demo data. All three simulators place their ended sessions
 * on one grid of times so that a merged `pastRooms` connection visibly interleaves providers; a few
 * sessions of different providers start at the very same second, to exercise tie-breaking.
 */

import { PROVIDER_NAMES, type ProviderName } from '../domain/model.js';

/** The fixed instant the demo history ends at; seeded data is the same on every run. */
export const DEMO_ANCHOR = new Date('2026-11-01T12:00:00Z');

const HOUR = 3_600_000;

/** The demo grid's spacing: 7 hours between a provider's sessions. */
const DEMO_SPACING_MS = 7 * HOUR;

/** A long history is packed into about five years before the anchor (never closer than a minute apart). */
const HISTORY_SPAN_MS = 5 * 365 * 24 * HOUR;

/** The most ended sessions per provider a sandbox seeds (`SANDBOX_HISTORY`). */
export const MAX_SANDBOX_HISTORY = 1_000_000;

/**
 * Spacing of a history of `size` sessions: the demo's 7 hours, or closer when 7 hours apart would
 * reach back more than five years (a history of about 6 000 sessions or more).
 */
export function historySpacing(size: number): number {
  return Math.max(60_000, Math.min(DEMO_SPACING_MS, Math.floor(HISTORY_SPAN_MS / Math.max(1, size))));
}

/**
 * Start of the provider's `index`-th ended session (0 = most recent), `spacingMs` apart (7 hours
 * by default); providers are offset by a third of the spacing per rank, so their sessions
 * alternate. Every 10th index starts at the same second for every provider.
 */
export function demoSessionStart(provider: ProviderName, index: number, spacingMs = DEMO_SPACING_MS): Date {
  const offset = index % 10 === 5 ? 0 : PROVIDER_NAMES.indexOf(provider) * Math.floor(spacingMs / 3);
  return new Date(DEMO_ANCHOR.getTime() - index * spacingMs - offset);
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

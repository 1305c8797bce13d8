import type { TimeRange } from '../domain/provider.js';

/** A DateTimeRange argument as a domain range; null when left out or open at both ends. */
export function toTimeRange(input: { from?: Date | null; to?: Date | null } | null | undefined): TimeRange | null {
  if (!input || (input.from == null && input.to == null)) return null;
  return { from: input.from ?? null, to: input.to ?? null };
}

/**
 * Label values for metrics and span names, kept to a bounded set: nothing a client or an upstream
 * chooses (ids, raw operation text) becomes a time series of its own.
 */

/** Path segments after which the next segment is a resource id (VideoSDK, Telnyx REST paths). */
const COLLECTIONS = new Set(['sessions', 'rooms', 'room_sessions']);
const STATIC_SEGMENT = /^(?:[a-zA-Z][a-zA-Z_]{0,39}|v\d{1,2})$/;

/** An upstream path as an endpoint template: `/v2/sessions/abc123/participants` → `/v2/sessions/:id/participants`. */
export function toEndpointLabel(path: string): string {
  const segments = path.split('?')[0]!.split('/').filter(Boolean).slice(0, 8);
  const labelled = segments.map((segment, index) => {
    const previous = segments[index - 1];
    return (previous && COLLECTIONS.has(previous)) || !STATIC_SEGMENT.test(segment) ? ':id' : segment;
  });
  return `/${labelled.join('/')}`;
}

/** A label that admits at most `max` distinct values; later newcomers are reported as `other`. */
export interface BoundedLabel {
  (value: string): string;
}

/** Creates a BoundedLabel; values that are not plain names (`[A-Za-z0-9_]`, ≤ 64) are `other` too. */
export function createBoundedLabel(max: number, pattern = /^[A-Za-z_][\w:/-]{0,63}$/): BoundedLabel {
  const seen = new Set<string>();
  return (value) => {
    if (!pattern.test(value)) return 'other';
    if (seen.has(value)) return value;
    if (seen.size >= max) return 'other';
    seen.add(value);
    return value;
  };
}

import { MalformedError } from '../kit/wire-readers.js';

// e.g. `2021-04-16T09:46:20.954863Z` (reference B5).
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** An ISO 8601 timestamp with a zone, as Telnyx writes them (microseconds, `Z`). */
export function asTelnyxTime(value: unknown, path: string): string {
  if (typeof value !== 'string' || !ISO_TIME.test(value) || Number.isNaN(Date.parse(value))) {
    throw new MalformedError(`${path} is not an ISO 8601 timestamp`);
  }
  return value;
}

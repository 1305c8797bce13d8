/**
 * Time readers of untrusted upstream JSON, shared by the providers' wire parsers. Each reads a
 * value once into a Date and refuses (MalformedError naming the path) a time that cannot be right
 * for a video session: unparseable, or outside 2000–2199 — a `"0"`, a zero time or an overflowing
 * number is a bad response, never served as data.
 */
import { MalformedError } from './wire-readers.js';

const EARLIEST = Date.UTC(2000, 0, 1);
const LATEST = Date.UTC(2200, 0, 1);

// ISO 8601 / RFC 3339 with a zone: `2021-04-16T09:46:20.954863Z`, `2024-05-01T10:00:00+02:00`.
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/** An ISO 8601 timestamp with a zone (fractions beyond ms are truncated by Date). */
export function asIsoTime(value: unknown, path: string): Date {
  if (typeof value !== 'string' || !ISO_TIME.test(value)) throw new MalformedError(`${path} is not an ISO 8601 timestamp`);
  return inRange(Date.parse(value), path);
}

/** Unix seconds, as a number or a decimal string (protojson int64). */
export function asUnixSeconds(value: unknown, path: string): Date {
  const seconds = typeof value === 'string' && /^\d{1,12}$/.test(value) ? Number(value) : value;
  if (typeof seconds !== 'number' || !Number.isFinite(seconds)) throw new MalformedError(`${path} is not a Unix time`);
  return inRange(seconds * 1000, path);
}

/** Unix milliseconds, as a number or a decimal string (protojson int64). */
export function asUnixMilliseconds(value: unknown, path: string): Date {
  const ms = typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : value;
  if (typeof ms !== 'number' || !Number.isFinite(ms)) throw new MalformedError(`${path} is not a Unix time in ms`);
  return inRange(ms, path);
}

function inRange(epochMs: number, path: string): Date {
  if (!(epochMs >= EARLIEST && epochMs < LATEST)) throw new MalformedError(`${path} is not a plausible time (2000–2199)`);
  return new Date(epochMs);
}

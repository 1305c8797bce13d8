/**
 * Readers of untrusted upstream JSON, shared by the three providers' wire parsers. Each takes the
 * value and its path in the body and throws MalformedError naming the path; `parseBody` turns that
 * into UPSTREAM_BAD_RESPONSE for the call.
 */
import { UpstreamError, type UpstreamCall } from '../../domain/errors.js';

export type Json = Record<string, unknown>;

/** A body that does not have the documented shape; the message names the field. */
export class MalformedError extends Error {}

/** Runs a parse of a response body of `call`, turning MalformedError into UPSTREAM_BAD_RESPONSE. */
export function parseBody<T>(call: UpstreamCall, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof MalformedError) throw new UpstreamError('UPSTREAM_BAD_RESPONSE', call, `malformed body: ${error.message}`);
    throw error;
  }
}

/** Reads an optional field: JSON `null` counts as absent, anything else must pass `read`. */
export function optional<T>(value: unknown, path: string, read: (value: unknown, path: string) => T): T | undefined {
  return value === undefined || value === null ? undefined : read(value, path);
}

/** A JSON object (not null, not an array). */
export function asObject(value: unknown, path: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new MalformedError(`${path} is not an object`);
  return value as Json;
}

/** A JSON array. */
export function asArray(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) throw new MalformedError(`${path} is not an array`);
  return value;
}

/** A non-empty string, such as an id (its shape is not enforced here). */
export function asId(value: unknown, path: string): string {
  if (typeof value !== 'string' || value === '') throw new MalformedError(`${path} is not an id`);
  return value;
}

/** A string, possibly empty. */
export function asString(value: unknown, path: string): string {
  if (typeof value !== 'string') throw new MalformedError(`${path} is not a string`);
  return value;
}

/** A JSON boolean. */
export function asBoolean(value: unknown, path: string): boolean {
  if (typeof value !== 'boolean') throw new MalformedError(`${path} is not a boolean`);
  return value;
}

/** A non-negative safe integer. */
export function asCount(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) throw new MalformedError(`${path} is not a count`);
  return value;
}

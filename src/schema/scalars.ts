import { Kind } from 'graphql';
import { UserInputError } from '../domain/errors.js';
import { builder } from './builder.js';

/** ISO 8601 date-times, always written in UTC with milliseconds (`2026-11-01T12:00:00.000Z`). */
builder.scalarType('DateTime', {
  description: 'An instant in time, as an ISO 8601 string in UTC, e.g. `2026-11-01T12:00:00.000Z`. Inputs must carry a time zone (`Z` or an offset).',
  serialize: (value) => (value as Date).toISOString(),
  parseValue: (value) => parseDateTime(value),
  parseLiteral: (node) => parseDateTime(node.kind === Kind.STRING ? node.value : null),
});

const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

function parseDateTime(value: unknown): Date {
  const time = typeof value === 'string' && ISO_WITH_ZONE.test(value) ? new Date(value) : null;
  if (!time || Number.isNaN(time.getTime())) {
    throw new UserInputError('DateTime must be an ISO 8601 string with a time zone, e.g. "2026-11-01T12:00:00Z".');
  }
  return time;
}

import { UserInputError } from '../../domain/errors.js';
import type { UpstreamRequest } from './upstream-http.js';

/** Refuses a path with a `.` or `..` segment (also percent-encoded): WHATWG URL parsers resolve both forms. */
export function refuseDotSegments(path: string): void {
  if (path.split('/').some((segment) => /^(?:\.|%2e){1,2}$/i.test(segment))) {
    throw new UserInputError('An id cannot be "." or ".."; the upstream call was not sent.');
  }
}

/** The query string of a call (`?a=1&b=2`), or nothing. */
export function toQueryString(query: UpstreamRequest['query']): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) params.append(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

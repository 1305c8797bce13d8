import { InvalidIdError } from '../domain/errors.js';

/** The types a global id may name. */
const NODE_TYPENAMES = new Set(['Room', 'PastRoom', 'Participant']);

/** Stands in for the typename of an id that did not decode, so `nodes` can fail just that entry. */
const INVALID_TYPENAME = '#invalid';

/** Decodes relay's base64 `Type:key`; anything else becomes an invalid marker, refused when resolved. */
export function decodeGlobalId(globalId: string): { typename: string; id: string } {
  const text = /^[A-Za-z0-9+/_-]+={0,2}$/.test(globalId) ? Buffer.from(globalId, 'base64').toString('utf8') : '';
  const separator = text.indexOf(':');
  const typename = text.slice(0, separator);
  if (separator < 0 || !NODE_TYPENAMES.has(typename)) return { typename: INVALID_TYPENAME, id: globalId };
  return { typename, id: text.slice(separator + 1) };
}

/** Whether an id decoded to one of the node types. */
export function isValidId(id: { typename: string }): boolean {
  return id.typename !== INVALID_TYPENAME;
}

/** The INVALID_ID error for an id that did not decode. */
export function invalidId(id: { id: string }): InvalidIdError {
  return new InvalidIdError(`"${id.id.slice(0, 80)}" is not a roomgraph id.`);
}

/**
 * Request decoding the way the server does it (reference §2.2): protojson with DiscardUnknown, so
 * proto (snake_case) and JSON (lowerCamelCase) names are both accepted, `null` means unset,
 * integers may be numeric strings and unknown keys are ignored. Error texts follow protojson's
 * (`proto: unexpected EOF` exactly; the others keep protojson's wording without its positions).
 */

/** The proto field types the simulated requests use. */
export type PlugnmeetFieldKind = 'string' | 'uint32' | 'repeated string';

/** A request message: proto field name → type. */
export type PlugnmeetRequestSpec = Record<string, PlugnmeetFieldKind>;

type ValueOf<Kind extends PlugnmeetFieldKind> = Kind extends 'string' ? string : Kind extends 'uint32' ? number : string[];

/** A decoded request, every field present with its zero value when unset. */
export type PlugnmeetRequest<Spec extends PlugnmeetRequestSpec> = { [Field in keyof Spec]: ValueOf<Spec[Field]> };

/** Either the decoded message or protojson's error text (the caller answers INVALID_PARAMETERS). */
export type PlugnmeetParseResult<T> = { ok: true; value: T } | { ok: false; msg: string };

const MAX_UINT32 = 4_294_967_295;

/** Decodes a raw body into the message described by `spec`. */
export function parsePlugnmeetRequest<Spec extends PlugnmeetRequestSpec>(
  body: Buffer,
  spec: Spec,
): PlugnmeetParseResult<PlugnmeetRequest<Spec>> {
  const text = body.toString('utf8');
  if (text.trim() === '') return { ok: false, msg: 'proto: unexpected EOF' };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, msg: 'proto: syntax error: invalid JSON' };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { ok: false, msg: `proto: syntax error (${toPosition(text)}): unexpected token ${text.trim().slice(0, 1)}` };
  }
  const object = json as Record<string, unknown>;
  const value: Record<string, string | number | string[]> = {};
  for (const [field, kind] of Object.entries(spec)) {
    const camel = toCamelCase(field);
    if (camel !== field && Object.hasOwn(object, field) && Object.hasOwn(object, camel)) {
      return { ok: false, msg: `proto: duplicate field ${camel}` };
    }
    const raw = Object.hasOwn(object, field) ? object[field] : object[camel];
    const decoded = decodeField(raw, kind);
    if (decoded === undefined) return { ok: false, msg: `proto: invalid value for ${kind} field ${field}: ${JSON.stringify(raw)}` };
    value[field] = decoded;
  }
  return { ok: true, value: value as PlugnmeetRequest<Spec> };
}

/** A field's value, its zero value when absent or null, or undefined when it has the wrong type. */
function decodeField(raw: unknown, kind: PlugnmeetFieldKind): string | number | string[] | undefined {
  if (raw === undefined || raw === null) return kind === 'string' ? '' : kind === 'uint32' ? 0 : [];
  if (kind === 'string') return typeof raw === 'string' ? raw : undefined;
  if (kind === 'uint32') return decodeUint32(raw);
  if (!Array.isArray(raw) || !raw.every((item) => typeof item === 'string')) return undefined;
  return raw as string[];
}

function decodeUint32(raw: unknown): number | undefined {
  const number = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : raw;
  if (typeof number !== 'number' || !Number.isInteger(number) || number < 0 || number > MAX_UINT32) return undefined;
  return number;
}

function toCamelCase(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());
}

/** `line:column` (1-based) of the first non-blank character, as protojson reports it. */
function toPosition(text: string): string {
  const offset = text.search(/\S/);
  const before = text.slice(0, offset).split('\n');
  return `line ${before.length}:${before[before.length - 1]!.length + 1}`;
}

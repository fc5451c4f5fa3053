/**
 * The typed contract of a custom resource's properties, and its decoder.
 *
 * CloudFormation sends every scalar of a custom resource as a string ("90", "true"). The handler core
 * decodes the properties against the kind's schema: numbers and booleans come back as such, unknown
 * properties and wrongly typed values are rejected with the path at fault, before any API call.
 * This module must not import aws-cdk-lib: it is bundled into the handler assets.
 */

export type Schema =
  | { readonly type: 'string' }
  | { readonly type: 'integer' }
  | { readonly type: 'boolean' }
  | { readonly type: 'list'; readonly items: Schema }
  | { readonly type: 'map'; readonly values: Schema }
  | { readonly type: 'struct'; readonly members: Readonly<Record<string, Schema>>; readonly required?: readonly string[] };

export const str: Schema = { type: 'string' };
export const int: Schema = { type: 'integer' };
export const bool: Schema = { type: 'boolean' };
export const list = (items: Schema): Schema => ({ type: 'list', items });
export const map = (values: Schema): Schema => ({ type: 'map', values });
export const struct = (members: Record<string, Schema>, required: string[] = []): Schema => ({ type: 'struct', members, required });

/** A property that does not fit the schema. `path` uses the API's member names. */
export class DecodeError extends Error {
  constructor(public readonly path: string, public readonly rule: string) {
    super(`${path}: ${rule}`);
    this.name = 'DecodeError';
  }
}

/** What to do with a member the schema does not know: by default it is an error. */
export type OnUnknown = (path: string) => void;
const rejectUnknown: OnUnknown = (path) => {
  throw new DecodeError(path, 'is not a known property');
};

/**
 * Decodes CloudFormation's representation of `value` into the typed shape that `schema` describes.
 * Unknown members are rejected unless `onUnknown` says otherwise (it is then told each one, and it is dropped).
 */
export function decode(schema: Schema, value: unknown, path: string, onUnknown: OnUnknown = rejectUnknown): unknown {
  switch (schema.type) {
    case 'string':
      if (typeof value === 'string') return value;
      if (typeof value === 'number' || typeof value === 'boolean') return String(value);
      throw new DecodeError(path, 'must be a string');
    case 'integer':
      return decodeInteger(value, path);
    case 'boolean':
      if (value === true || value === 'true') return true;
      if (value === false || value === 'false') return false;
      throw new DecodeError(path, 'must be true or false');
    case 'list':
      if (!Array.isArray(value)) throw new DecodeError(path, 'must be a list');
      return value.map((item, i) => decode(schema.items, item, `${path}[${i}]`, onUnknown));
    case 'map':
      return Object.fromEntries(Object.entries(asObject(value, path)).map(([k, v]) => [k, decode(schema.values, v, `${path}.${k}`, onUnknown)]));
    case 'struct':
      return decodeStruct(schema, value, path, onUnknown);
  }
}

function decodeInteger(value: unknown, path: string): number {
  // CloudFormation sends decimal digits; Number() alone would also take "0x10", "1e3" or " 7 ".
  const n = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n)) throw new DecodeError(path, 'must be an integer');
  return n;
}

function decodeStruct(schema: Extract<Schema, { type: 'struct' }>, value: unknown, path: string, onUnknown: OnUnknown): Record<string, unknown> {
  const obj = asObject(value, path);
  const join = (key: string) => (path ? `${path}.${key}` : key);
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(obj)) {
    // Own members only: a property named after an Object.prototype member (constructor, __proto__, toString) is unknown too.
    const member = Object.prototype.hasOwnProperty.call(schema.members, key) ? schema.members[key] : undefined;
    if (!member) {
      onUnknown(join(key));
      continue;
    }
    out[key] = decode(member, v, join(key), onUnknown);
  }
  for (const key of schema.required ?? []) {
    if (out[key] === undefined) throw new DecodeError(join(key), 'is required');
  }
  return out;
}

function asObject(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new DecodeError(path || '(properties)', 'must be an object');
  return value as Record<string, unknown>;
}

/**
 * The typed contract of a custom resource's properties, and its decoder.
 *
 * CloudFormation sends every scalar of a custom resource as a string ("90", "true"). The handler core
 * decodes the properties against the kind's schema: numbers and booleans come back as such, unknown
 * properties and wrongly typed values are rejected with the path at fault, before any API call.
 */

export interface StringSchema {
  readonly type: 'string';
  /** Personal or sensitive data (the model's `sensitive` trait, or a phone number): masked wherever a message could echo it. */
  readonly sensitive?: boolean;
}
export interface IntegerSchema { readonly type: 'integer' }
export interface BooleanSchema { readonly type: 'boolean' }
export interface ListSchema<I extends Schema = Schema> { readonly type: 'list'; readonly items: I }
export interface MapSchema<V extends Schema = Schema> { readonly type: 'map'; readonly values: V }
export type Members = { readonly [name: string]: Schema };
export interface StructSchema<M extends Members = Members, R extends keyof M & string = keyof M & string> {
  readonly type: 'struct';
  readonly members: M;
  readonly required: readonly R[];
}
export type Schema = StringSchema | IntegerSchema | BooleanSchema | ListSchema<any> | MapSchema<any> | StructSchema<any, any>;

/** The TypeScript type a schema decodes to: the properties type of a kind is inferred from its schema, never written again. */
export type Infer<S> =
  S extends StringSchema ? string
    : S extends IntegerSchema ? number
      : S extends BooleanSchema ? boolean
        : S extends ListSchema<infer I> ? Infer<I>[]
          : S extends MapSchema<infer V> ? Record<string, Infer<V>>
            : S extends StructSchema<infer M, infer R> ? InferStruct<M, R>
              : never;

type InferStruct<M, R extends PropertyKey> = Simplify<
  { readonly [K in keyof M as K extends R ? K : never]: Infer<M[K]> } & { readonly [K in keyof M as K extends R ? never : K]?: Infer<M[K]> }
>;
/** Flattens an intersection, so that editors and error messages show one object type. */
export type Simplify<T> = { [K in keyof T]: T[K] } & {};

export const str: StringSchema = { type: 'string' };
/** A string that is personal or sensitive data: the handler core masks it in every failure reason. */
export const sensitive: StringSchema = { type: 'string', sensitive: true };
export const int: IntegerSchema = { type: 'integer' };
export const bool: BooleanSchema = { type: 'boolean' };
export const list = <I extends Schema>(items: I): ListSchema<I> => ({ type: 'list', items });
export const map = <V extends Schema>(values: V): MapSchema<V> => ({ type: 'map', values });
/** `required` alone decides what is required: NoInfer keeps a surrounding declaration from widening it to every member. */
export const struct = <M extends Members, const R extends keyof M & string = never>(
  members: M, required: readonly R[] = []): StructSchema<M, NoInfer<R>> => ({ type: 'struct', members, required });

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

/** The values at the schema's sensitive members, at any depth. */
export function sensitiveValues(schema: Schema, value: unknown): string[] {
  if (value === undefined || value === null) return [];
  switch (schema.type) {
    case 'string': return schema.sensitive && typeof value === 'string' ? [value] : [];
    case 'list': return Array.isArray(value) ? value.flatMap((item) => sensitiveValues(schema.items, item)) : [];
    case 'map': return Object.values(value as object).flatMap((v) => sensitiveValues(schema.values, v));
    case 'struct': return Object.entries(schema.members as Members).flatMap(([k, m]) => sensitiveValues(m, (value as Record<string, unknown>)[k]));
    default: return [];
  }
}

function decodeInteger(value: unknown, path: string): number {
  // CloudFormation sends decimal digits; Number() alone would also take "0x10", "1e3" or " 7 ".
  const n = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n)) throw new DecodeError(path, 'must be an integer');
  return n;
}

function decodeStruct(schema: StructSchema, value: unknown, path: string, onUnknown: OnUnknown): Record<string, unknown> {
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

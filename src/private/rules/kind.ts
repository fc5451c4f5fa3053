/**
 * The one declaration of a construct kind: what its handler is, which custom resource type it answers, the
 * schema of its properties (their TypeScript type is inferred from it), its rules, and the attributes its
 * handler returns. The construct side (HandlerProvider, KindResource) and the handler core both read it.
 *
 * The removal policy belongs to every kind alike, so the declaration adds it: the schema member, its rule,
 * and the default. What a kind does under DESTROY is its handler's business; under RETAIN the core calls nothing.
 */
import { Infer, Members, Simplify, str, struct, StructSchema } from './schema';
import { StackEnv } from './stack-env';
import { Checker, IsUnresolved, Violation } from './violations';

/** The removal policy as the handlers' contract spells it. */
export type RemovalBehavior = 'retain' | 'destroy';

export type AttributeType = 'string' | 'number' | 'boolean';

/** One attribute the handler returns. */
export interface AttributeSpec<T extends AttributeType = AttributeType> {
  readonly type: T;
  /**
   * The property without which the service has no value to give, and the handler returns no attribute: a construct
   * that reads the attribute without that property is rejected at synth. Absent: returned on every success path.
   */
  readonly onlyWith?: string;
}

export const attribute = {
  string: { type: 'string' } as AttributeSpec<'string'>,
  number: { type: 'number' } as AttributeSpec<'number'>,
  boolean: { type: 'boolean' } as AttributeSpec<'boolean'>,
  /** An attribute the service returns only when `property` is set. */
  onlyWith: <T extends AttributeType>(spec: AttributeSpec<T>, property: string): AttributeSpec<T> => ({ ...spec, onlyWith: property }),
};

export type AttributeSpecs = Readonly<Record<string, AttributeSpec>>;

type ValueOf<T extends AttributeType> = T extends 'string' ? string : T extends 'number' ? number : boolean;

/**
 * What a handler may answer its attributes from, such as the service's own response: only the declared names are
 * read, lists are comma-joined, timestamps become ISO 8601, and what is missing gets the empty value of its type.
 */
export type AttributeSource<A extends AttributeSpecs> = { readonly [K in keyof A]?: InputOf<A[K]['type']> };
type InputOf<T extends AttributeType> = T extends 'string' ? string | readonly string[] | Date : ValueOf<T>;

const EMPTY: { readonly [T in AttributeType]: ValueOf<T> } = { string: '', number: 0, boolean: false };

/**
 * The attributes CloudFormation gets: every declared one, with the empty value of its type where the source has
 * none, except a conditional one (`onlyWith`) the source lacks: no construct can read it then (see `KindResource`).
 */
export function attributeValues<A extends AttributeSpecs>(specs: A, source: AttributeSource<A>): Record<string, string | number | boolean> {
  const values: Record<string, string | number | boolean> = {};
  for (const [name, spec] of Object.entries(specs)) {
    const v = (source as Record<string, unknown>)[name];
    if ((v === undefined || v === null) && spec.onlyWith) continue;
    values[name] = v === undefined || v === null ? EMPTY[spec.type]
      : Array.isArray(v) ? v.join(',')
        : v instanceof Date ? v.toISOString()
          : v as string | number | boolean;
  }
  return values;
}

/** What a kind's declaration says; `declareKind` adds the removal policy. */
export interface KindSpec<M extends Members, R extends keyof M & string, A extends AttributeSpecs> {
  /** The handler's folder under `lambda/` and `assets/lambda/`, e.g. `traffic-distribution`. */
  readonly handler: string;
  /** What the handler is for; it becomes the function's and the role's description. */
  readonly description: string;
  /** The custom resource type, `Custom::<Service><Thing>`. */
  readonly resourceType: string;
  /** The properties, named as in the API (PascalCase). */
  readonly schema: StructSchema<M, R>;
  /** The removal policy when the user gives none. */
  readonly defaultRemovalPolicy: RemovalBehavior;
  /**
   * How often Lambda retries an event whose invocation crashed (CloudFormation invokes asynchronously). A kind whose
   * Create must never run twice, such as a call it places, sets 0.
   * @default - Lambda's own (2 retries)
   */
  readonly asyncRetries?: 0 | 1 | 2;
  readonly attributes: A;
  /**
   * The handler waits for work that can outlast one Lambda invocation (an instance replica): it continues through
   * Lambda's own asynchronous invoke (lambda/core/continuation.ts) and CloudFormation waits up to its one-hour
   * limit for the answer. HandlerProvider gives such a kind's function what the engine needs.
   * @default false
   */
  readonly longWait?: boolean;
  /**
   * The members the template leaves to the stack, filled in before the handler's rules run: a bare ID becomes the
   * ARN in the stack's partition, account and Region (see `StackEnv`). The template can then carry the ID as the
   * user gave it, about 100 bytes fewer than the ARN, and the handler still sees the ARN.
   * @default - the properties as decoded
   */
  inStack?(props: Infer<StructSchema<M, R>>, stack: StackEnv): { readonly [K in keyof M]?: string };
  /** The kind's rules, run at synth (tokens skipped) and again by the handler. Paths use the API's member names. */
  validate(props: Infer<StructSchema<M, R>>, c: Checker): void;
}

/** A declared kind. `P` is the properties type, removal policy included; `A` the attributes. */
export interface Kind<P = any, A extends AttributeSpecs = AttributeSpecs> {
  readonly handler: string;
  readonly description: string;
  readonly resourceType: string;
  readonly schema: StructSchema;
  readonly defaultRemovalPolicy: RemovalBehavior;
  readonly asyncRetries?: 0 | 1 | 2;
  readonly attributes: A;
  readonly longWait?: boolean;
  inStack?(props: P, stack: StackEnv): P;
  validate(props: P, isUnresolved: IsUnresolved): Violation[];
}

export type PropertiesOf<K> = K extends Kind<infer P, any> ? P : never;
export type AttributesOf<K> = K extends Kind<any, infer A> ? A : never;

type WithRemovalPolicy<P> = Simplify<P & { readonly RemovalPolicy: RemovalBehavior }>;

export function declareKind<M extends Members, R extends keyof M & string, A extends AttributeSpecs>(
  spec: KindSpec<M, R, A>,
): Kind<WithRemovalPolicy<Infer<StructSchema<M, R>>>, A> {
  const schema: StructSchema = struct<Members, string>({ ...spec.schema.members, RemovalPolicy: str }, [...spec.schema.required, 'RemovalPolicy']);
  return {
    handler: spec.handler,
    description: spec.description,
    resourceType: spec.resourceType,
    defaultRemovalPolicy: spec.defaultRemovalPolicy,
    asyncRetries: spec.asyncRetries,
    attributes: spec.attributes,
    longWait: spec.longWait,
    inStack: spec.inStack && ((props: object, stack: StackEnv) => ({ ...props, ...spec.inStack!(props as never, stack) })),
    schema,
    validate(props: { readonly RemovalPolicy: string }, isUnresolved: IsUnresolved) {
      const c = new Checker(isUnresolved);
      spec.validate(props as never, c);
      if (c.known(props.RemovalPolicy) && props.RemovalPolicy !== 'retain' && props.RemovalPolicy !== 'destroy') {
        c.fail('RemovalPolicy', 'must be retain or destroy', props.RemovalPolicy);
      }
      return c.violations;
    },
  // The type is the signature's: spelling it here again makes the compiler expand the inferred properties generically.
  } as Kind<any, A>;
}

import { CustomResource, Lazy, RemovalPolicy, Token } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { HandlerProvider } from './handler-provider';
import { AttributeSpecs, AttributesOf, Kind, PropertiesOf, RemovalBehavior } from './rules/kind';
import { Schema, StructSchema } from './rules/schema';
import { propPath, Violation } from './rules/violations';
import { ScopedGrant, TypeWideGrant } from './scoped-policy';
import { isUnresolved, throwIfInvalid } from './validate';

/** The construct's props for properties `P`: the same members, camelCase, at every depth (map keys are kept). */
export type PropsFor<P> = P extends readonly (infer I)[] ? PropsFor<I>[]
  : P extends object ? { readonly [M in keyof P as Uncapitalize<M & string>]: PropsFor<P[M]> }
    : P;

type Settable<K extends Kind> = Partial<Omit<PropertiesOf<K>, 'RemovalPolicy'>>;

export interface KindResourceOptions<K extends Kind, O extends Settable<K>> {
  /**
   * The properties that are not a prop as such (a Duration in the API's unit, an ARN from an ID, a default):
   * every other property is the prop of the same name in camelCase.
   */
  readonly set?: O;
  /** @default - the kind's declared default */
  readonly removalPolicy?: RemovalPolicy;
  /** The construct's prop names where they differ from the API's member names (Duration props), for messages. */
  readonly propNames?: Readonly<Record<string, string>>;
}

type TokenOf<T> = T extends { readonly type: 'number' } ? number : string;

/**
 * An instance of a kind on the construct side: its properties checked by the kind's rules, the stack's handler
 * for the kind, and its one `Custom::` resource. Only the attributes the kind declares can be read, typed.
 */
export class KindResource<K extends Kind, O extends Settable<K> = {}> {
  public readonly resource: CustomResource;
  public readonly properties: PropertiesOf<K>;
  public readonly removalPolicy: RemovalBehavior;
  private readonly provider: HandlerProvider;

  /**
   * `props` are the construct's props: their type must match the kind's properties, camelCase, except for the
   * members in `options.set`, so that a renamed member breaks the build rather than a deployment.
   */
  constructor(
    private readonly scope: Construct,
    private readonly kind: K,
    props: PropsFor<Omit<PropertiesOf<K>, keyof O | 'RemovalPolicy'>>,
    options: KindResourceOptions<K, O> = {}) {
    this.removalPolicy = removalBehavior(scope, options.removalPolicy, kind.defaultRemovalPolicy);
    this.properties = { ...propertiesFrom(kind.schema, props, options.set ?? {}), RemovalPolicy: this.removalPolicy } as PropertiesOf<K>;
    throwIfInvalid(scope, renamePaths(kind.validate(this.properties, isUnresolved), options.propNames ?? {}));
    this.provider = HandlerProvider.of(scope, kind);
    this.resource = this.provider.resource(scope, this.properties);
  }

  /** Lets the handler call `actions` on this instance's resource. */
  public grant(grant: ScopedGrant): void {
    this.provider.grant(grant);
  }

  /** Lets the handler call what this kind's Delete needs on the resource type (see `TypeWideGrant`). */
  public grantOnType(grant: TypeWideGrant): void {
    this.provider.grantOnType(grant);
  }

  /**
   * A declared attribute, as a token of its type. One the handler returns only with some property is rejected
   * at synth when that property is not set: a GetAtt of it would fail only at deploy.
   */
  public attribute<N extends keyof AttributesOf<K> & string>(name: N): TokenOf<AttributesOf<K>[N]> {
    const spec = (this.kind.attributes as AttributeSpecs)[name];
    const absent = spec.onlyWith !== undefined && (this.properties as Record<string, unknown>)[spec.onlyWith] === undefined;
    const value = absent
      ? Lazy.string({
        produce: () => {
          throw new Error(`${this.scope.node.path}: ${propPath(name)}: the service returns it only when ${propPath(spec.onlyWith!)} is set; `
            + `set ${propPath(spec.onlyWith!)} or do not use ${propPath(name)}`);
        },
      })
      : this.resource.getAttString(name);
    return (spec.type === 'number' ? Token.asNumber(value) : value) as TokenOf<AttributesOf<K>[N]>;
  }
}

/** The properties, named as the schema names them, from the props of the same names in camelCase. */
function propertiesFrom(schema: StructSchema, props: object, set: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(schema.members)) {
    const value = name in set ? (set as Record<string, unknown>)[name] : fromProp(member, (props as Record<string, unknown>)[uncapitalize(name)]);
    if (value !== undefined) out[name] = value;
  }
  return out;
}

function fromProp(schema: Schema, value: unknown): unknown {
  // A token stands for the whole value: the handler checks it at deploy.
  if (value === undefined || Token.isUnresolved(value)) return value;
  switch (schema.type) {
    case 'list': return (value as unknown[]).map((item) => fromProp(schema.items, item));
    case 'map': return Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, fromProp(schema.values, v)]));
    case 'struct': return propertiesFrom(schema, value as object, {});
    default: return value;
  }
}

const uncapitalize = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);

/** The removal policy as the handlers' contract spells it. Only RETAIN and DESTROY mean something to an API setting. */
function removalBehavior(scope: Construct, policy: RemovalPolicy | undefined, fallback: RemovalBehavior): RemovalBehavior {
  if (policy === undefined) return fallback;
  if (policy === RemovalPolicy.RETAIN) return 'retain';
  if (policy === RemovalPolicy.DESTROY) return 'destroy';
  throwIfInvalid(scope, [{ path: 'RemovalPolicy', rule: 'must be RemovalPolicy.RETAIN or RemovalPolicy.DESTROY', value: policy }]);
  return fallback;
}

function renamePaths(violations: Violation[], names: Readonly<Record<string, string>>): Violation[] {
  return violations.map((v) => (names[v.path] ? { ...v, path: names[v.path] } : v));
}

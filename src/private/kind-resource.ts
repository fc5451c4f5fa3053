import { Annotations, AspectPriority, Aspects, CfnDeletionPolicy, CfnResource, CustomResource, IAspect, Lazy, RemovalPolicy, Token } from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';
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
  /** The construct the user made, which warnings and removal policy errors name, when `scope` is a part of it. @default - scope */
  readonly reportAt?: Construct;
}

type TokenOf<T> = T extends { readonly type: 'number' } ? number : string;

/**
 * An instance of a kind on the construct side: its properties checked by the kind's rules, the stack's handler
 * for the kind, and its one `Custom::` resource. Only the attributes the kind declares can be read, typed.
 */
export class KindResource<K extends Kind, O extends Settable<K> = {}> {
  public readonly resource: CustomResource;
  /** The properties as given; the resource's RemovalPolicy follows `removalPolicy`, which `applyRemovalPolicy` may change. */
  public readonly properties: PropertiesOf<K>;
  private behavior: RemovalBehavior;
  private readonly provider: HandlerProvider;
  private readonly reportAt: Construct;

  /**
   * `props` are the construct's props: their type must match the kind's properties, camelCase, except for the
   * members in `options.set`, so that a renamed member breaks the build rather than a deployment.
   */
  constructor(
    private readonly scope: Construct,
    private readonly kind: K,
    props: PropsFor<Omit<PropertiesOf<K>, keyof O | 'RemovalPolicy'>>,
    options: KindResourceOptions<K, O> = {}) {
    this.reportAt = options.reportAt ?? scope;
    this.behavior = removalBehavior(this.reportAt, options.removalPolicy, kind.defaultRemovalPolicy);
    this.properties = { ...propertiesFrom(kind.schema, props, options.set ?? {}), RemovalPolicy: this.behavior } as PropertiesOf<K>;
    throwIfInvalid(scope, renamePaths(kind.validate(this.properties, isUnresolved), options.propNames ?? {}));
    this.provider = HandlerProvider.of(scope, kind);
    // The kind's default is left out of the template (the handler reads a missing RemovalPolicy as it): ~25 bytes an
    // instance. A resource deployed when it was written out gets an Update whose old and new properties decode the same.
    this.resource = this.provider.resource(scope, {
      ...this.properties,
      RemovalPolicy: Lazy.any({ produce: () => (this.behavior === kind.defaultRemovalPolicy ? undefined : this.behavior) }),
    });
    Aspects.of(this.resource).add(new RemovalPolicyCheck(this.reportAt, () => this.behavior), { priority: AspectPriority.READONLY });
  }

  /** The removal policy the handler follows, as the handlers' contract spells it. */
  public get removalPolicy(): RemovalBehavior {
    return this.behavior;
  }

  /** The construct's applyRemovalPolicy(): RETAIN or DESTROY, which the handler follows on delete and replacement. */
  public applyRemovalPolicy(policy: RemovalPolicy): void {
    this.behavior = removalBehavior(this.reportAt, policy, this.behavior);
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

/**
 * Warns when CloudFormation's own policies for the resource, set through `RemovalPolicies.of()` or the L1, disagree
 * with the construct's removal policy. RETAIN wins either way: a DeletionPolicy or UpdateReplacePolicy of Retain
 * keeps CloudFormation from sending the Delete at all, and a construct under RETAIN deletes nothing when it gets one.
 */
class RemovalPolicyCheck implements IAspect {
  constructor(private readonly scope: Construct, private readonly behavior: () => RemovalBehavior) {}

  public visit(node: IConstruct): void {
    if (!CfnResource.isCfnResource(node)) return;
    const { deletionPolicy, updateReplacePolicy } = node.cfnOptions;
    const policies: Array<[string, CfnDeletionPolicy | undefined]> = [['DeletionPolicy', deletionPolicy], ['UpdateReplacePolicy', updateReplacePolicy]];
    // Under DESTROY, any policy that keeps the resource disagrees; under RETAIN, an explicit Delete does.
    const disagrees = this.behavior() === 'destroy'
      ? (p: CfnDeletionPolicy | undefined) => p !== undefined && p !== CfnDeletionPolicy.DELETE
      : (p: CfnDeletionPolicy | undefined) => p === CfnDeletionPolicy.DELETE;
    const disagreements = policies.filter(([, p]) => disagrees(p));
    if (disagreements.length === 0) return;
    const set = disagreements.map(([attribute, p]) => `${attribute} ${p}`).join(' and ');
    const why = this.behavior() === 'destroy'
      ? 'CloudFormation does not send the Delete of a resource it retains, so the handler never gets to destroy anything'
      : 'the handler gets the Delete and, under RETAIN, deletes nothing';
    Annotations.of(this.scope).addWarningV2('cdk-contact-center-resources:removalPolicyDisagrees',
      `${this.scope.node.path}: removalPolicy: the resource's ${set} (from RemovalPolicies.of() or the L1 resource) disagrees with the construct's `
      + `removal policy ${this.behavior().toUpperCase()}; RETAIN wins, because ${why}. That is the safe side: nothing is deleted unless both say so. `
      + 'To delete on removal, give the construct removalPolicy: RemovalPolicy.DESTROY (or call its applyRemovalPolicy()) and leave CloudFormation\'s policies alone');
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
    // Sorted: jsii languages hand a map over in different orders (Go sorts its keys, Java's Map.of has none at all),
    // and every language, every run, must give the same template.
    case 'map': return Object.fromEntries(Object.entries(value as object).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => [k, fromProp(schema.values, v)]));
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

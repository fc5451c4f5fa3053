import { ArnFormat, Lazy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { compactResources } from './compact-arns';
import { acknowledge, flattenCfnReference, NagAcknowledgment, NagPack } from './nag';
import { MANAGED_POLICY_LIMIT, ScopedGrant, ScopedPolicy, TypeWideGrant } from './scoped-policy';

/** Why the handler's role may write to any log stream of its own log group (cdk-nag AwsSolutions-IAM5). */
export const LOG_STREAMS_REASON = 'Lambda creates the log streams of the handler at run time, one per execution environment, with names that are not known '
  + 'at deploy time; the wildcard covers only the streams of this handler\'s own log group, and only logs:CreateLogStream and logs:PutLogEvents.';
/** Why a statement names every resource of one type in the account and Region (cdk-nag AwsSolutions-IAM5). */
export const TYPE_WIDE_REASON = 'The stack holds more instances than one managed policy can list (IAM limits it to 6,144 characters), so these '
  + 'actions fall back to the same resource type in the same account and Region; the actions stay exactly those the handler calls.';

/** Why the actions a Delete needs name the resource type (cdk-nag AwsSolutions-IAM5). */
export const DELETE_REASON = 'CloudFormation deletes a removed or replaced instance in its cleanup phase, after this role\'s policy was updated to '
  + 'the new template (and what a failed update made, after the policy went back to the old one): the instance\'s own ARN has left the policy '
  + 'by then. These actions therefore name the resource type in this account and Region, and the handler uses them only for a request that '
  + 'CloudFormation\'s record of this very stack shows in progress (cloudformation:DescribeStackResource and DescribeStackEvents on this stack only).';

/** A statement of the policy document. */
type Statement = { Effect: 'Allow'; Action: string[]; Resource: string | string[]; Condition?: unknown };

/** A statement that a handler setting needs (a VPC's network interfaces, tracing, a key), in policy-document terms. */
export interface SettingStatement {
  readonly actions: string[];
  readonly resources: string[];
  readonly conditions?: Record<string, Record<string, unknown>>;
  /** Why a resource of this statement holds a wildcard: it becomes the reason of the library's IAM5 acknowledgment. */
  readonly wildcardReason?: string;
}

export interface HandlerPolicyProps {
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;
  /** What the stack's handler settings add, read when the policy is rendered. */
  readonly settingStatements: () => SettingStatement[];
}

/**
 * The permissions of one handler role, in one customer managed policy (`AWS::IAM::ManagedPolicy`) attached to it:
 * compliance packs (HIPAA, PCI DSS, NIST 800-53) and AWS Config's iam-no-inline-policy-check reject inline policies.
 * It holds the logging statement, every instance's grant, merged and sized, and what the handler settings need.
 * It is rendered last, and its cdk-nag acknowledgments are computed from what it finally holds.
 */
export class HandlerPolicy extends Construct {
  public readonly resource: iam.CfnManagedPolicy;
  private readonly scoped: ScopedPolicy;
  private readonly grants: ScopedGrant[] = [];
  private readonly logStreamsArn: string;
  /** The type-wide grants, by their sorted actions: each statement lists its resource types once. */
  private readonly typeWide = new Map<string, Map<string, string>>();

  constructor(scope: Construct, id: string, private readonly props: HandlerPolicyProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.scoped = new ScopedPolicy(stack);
    // Lambda names a log stream per execution environment at run time: the handler may write to any stream of its own log group.
    this.logStreamsArn = stack.formatArn({
      service: 'logs', resource: 'log-group', resourceName: `${props.logGroup.logGroupName}:log-stream:*`, arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    this.resource = new iam.CfnManagedPolicy(this, 'Resource', {
      description: (props.role.node.defaultChild as iam.CfnRole).description,
      roles: [props.role.roleName],
      // Rendered with each statement's ARNs compacted (see compact-arns.ts): for IAM the same list, in fewer template bytes.
      policyDocument: Lazy.any({ produce: () => ({ Version: '2012-10-17', Statement: this.statements().map((s) => this.compacted(s)) }) }),
    });
    // The library's own cdk-nag acknowledgments: only IAM5, only for the wildcard ARNs the policy holds, each with its reason.
    acknowledge(this.resource, () => this.acknowledgments());
    this.node.addValidation({
      validate: () => [
        ...this.unexplainedWildcards().map((r) => `${this.node.path}: the handler policy holds ${r} without a reason for its wildcard`),
        ...this.oversized(),
      ],
    });
  }

  /** Lets the handler call `actions` on one instance's resource. */
  public grant(grant: ScopedGrant): void {
    this.scoped.add(grant);
    this.grants.push(grant);
  }

  /** Lets the handler call what a Delete needs on every resource of the type, in one account and Region (see `TypeWideGrant`). */
  public grantOnType(grant: TypeWideGrant): void {
    const key = [...new Set(grant.actions)].sort().join(',');
    const arns = this.typeWide.get(key) ?? new Map<string, string>();
    arns.set(JSON.stringify(Stack.of(this).resolve(grant.typeWideArn)), grant.typeWideArn);
    this.typeWide.set(key, arns);
  }

  /** A statement as the template holds it: its list of ARNs as one `Fn::Split` when that is smaller. */
  private compacted<S extends { Resource: string | string[] }>(statement: S): S {
    return { ...statement, Resource: compactResources(Stack.of(this).resolve(statement.Resource)) };
  }

  /** Every action the policy allows, for example to tell which services the handler calls. */
  public actions(): string[] {
    return [...new Set(this.statements().flatMap((s) => s.Action))].sort();
  }

  /** The policy's statements, in the JSON form of a policy document. */
  public statements(): Statement[] {
    return this.sourcedStatements().map((s) => s.statement);
  }

  /** The statements, each with whether it holds what a Delete needs on the type (its wildcards' reason: DELETE_REASON). */
  private sourcedStatements(): Array<{ statement: Statement; isDelete: boolean }> {
    const settings = this.props.settingStatements();
    const other = (statement: Statement) => ({ statement, isDelete: false });
    return [
      other({ Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: this.logStreamsArn }),
      // The core confirms each request with CloudFormation's record of this stack, and of this stack only.
      other({
        Effect: 'Allow',
        Action: ['cloudformation:DescribeStackEvents', 'cloudformation:DescribeStackResource', 'cloudformation:DescribeStacks'],
        Resource: Stack.of(this).stackId,
      }),
      // The statements the settings need come out of the same budget as the instances' ARNs.
      ...this.scoped.statements(this.estimate(settings)).map(other),
      ...this.typeWideStatements().map((statement) => ({ statement, isDelete: true })),
      ...settings.map((s) => other({ Effect: 'Allow', Action: s.actions, Resource: s.resources, ...(s.conditions && { Condition: s.conditions }) })),
    ];
  }

  private typeWideStatements(): Statement[] {
    return [...this.typeWide].map(([actions, arns]) => ({ Effect: 'Allow' as const, Action: actions.split(','), Resource: [...arns.values()] }));
  }

  /** AwsSolutions-IAM5 for each wildcard ARN of the policy, with the reason it is there. */
  private acknowledgments(): NagAcknowledgment[] {
    return [...this.wildcards()].flatMap(([resource, reasons]) => [...reasons].map((reason) => ({
      pack: NagPack.AWS_SOLUTIONS, rule: 'IAM5', finding: `Resource::${resource}`, reason,
    })));
  }

  private unexplainedWildcards(): string[] {
    return [...this.wildcards()].filter(([, reasons]) => reasons.size === 0).map(([resource]) => resource);
  }

  /** Each wildcard ARN of the policy, in cdk-nag's notation, with the reasons it is there (none: unexplained). */
  private wildcards(): Map<string, Set<string>> {
    // Where each wildcard ARN comes from, and the reason each source gives (undefined: none).
    const sources = new Map<string, Array<string | undefined>>();
    const from = (arn: string, reason: string | undefined) => sources.set(this.flat(arn), [...(sources.get(this.flat(arn)) ?? []), reason]);
    from(this.logStreamsArn, LOG_STREAMS_REASON);
    for (const g of this.grants) from(g.resourceArn, g.wildcardReason);
    for (const s of this.props.settingStatements()) for (const r of s.resources) from(r, s.wildcardReason);
    const typeWide = new Set(this.grants.map((g) => this.flat(g.typeWideArn)));
    const found = new Map<string, Set<string>>();
    for (const { statement, isDelete } of this.sourcedStatements()) {
      for (const resource of [statement.Resource].flat().map((r) => this.flat(r)).filter((r) => r.includes('*'))) {
        const reasons = isDelete ? [DELETE_REASON] : sources.get(resource) ?? (typeWide.has(resource) ? [TYPE_WIDE_REASON] : []);
        const known = found.get(resource);
        // A wildcard is explained only when every source of it gives a reason; the budget's fallback and a Delete's
        // type can name the same ARN, and then both reasons hold.
        const unexplained = reasons.length === 0 || reasons.includes(undefined) || known?.size === 0;
        found.set(resource, new Set(unexplained ? [] : [...(known ?? []), ...reasons as string[]]));
      }
    }
    return found;
  }

  /** IAM rejects a managed policy over 6,144 characters at deploy: say so at synth instead. */
  private oversized(): string[] {
    const chars = this.size({ Version: '2012-10-17', Statement: this.statements() });
    return chars > MANAGED_POLICY_LIMIT
      ? [`${this.node.path}: the handler policy needs ${chars} characters, more than IAM's ${MANAGED_POLICY_LIMIT} for a managed policy (too many subnets or security groups?)`]
      : [];
  }

  /** An ARN as cdk-nag writes it in a finding. */
  private flat(arn: string): string {
    return flattenCfnReference(Stack.of(this).resolve(arn));
  }

  private estimate(statements: SettingStatement[]): number {
    return statements.length === 0 ? 0 : this.size(statements.map((s) => ({ Effect: 'Allow', Action: s.actions, Resource: s.resources, Condition: s.conditions })));
  }

  /**
   * About the characters IAM counts (whitespace excluded): references are counted in cdk-nag's notation
   * (`<AWS::Region>`, `<LogicalId>`), about as long as the values CloudFormation puts in their place.
   */
  private size(value: unknown): number {
    const flat = (v: unknown): unknown => {
      if (Array.isArray(v)) return v.map(flat);
      if (v && typeof v === 'object') {
        const keys = Object.keys(v);
        if (keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'))) return flattenCfnReference(v);
        return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, flat(x)]));
      }
      return v;
    };
    return JSON.stringify(flat(Stack.of(this).resolve(value))).length;
  }
}

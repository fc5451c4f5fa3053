import * as path from 'path';
import { ArnFormat, CfnResource, CustomResource, Duration, Lazy, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { enableLongWait, LONG_WAIT_SERVICE_TIMEOUT } from './long-wait';
import { Kind } from './rules/kind';
import { ScopedGrant, ScopedPolicy } from './scoped-policy';

/**
 * Memory: the bundled SDK client is parsed at cold start, and Lambda gives CPU in proportion to memory.
 * 256 MB halves the cold start of 128 MB for a negligible cost (a handful of invocations per deployment).
 */
const MEMORY_MB = 256;
/**
 * Timeout: 5 minutes covers waiting out an in-progress traffic distribution update and a throttled
 * burst of calls, with the response always sent before it (the core keeps 10 s in reserve).
 */
const DEFAULT_TIMEOUT = Duration.minutes(5);
/** CloudFormation gives up on a custom resource that never answers after this much more than the Lambda timeout (default: 1 hour). */
const SERVICE_TIMEOUT_MARGIN = Duration.minutes(2);

/** Why the handler's role may write to any log stream of its own log group (cdk-nag AwsSolutions-IAM5). */
export const LOG_STREAMS_REASON = 'Lambda creates the log streams of the handler at run time, one per execution environment, with names that are not known '
  + 'at deploy time; the wildcard covers only the streams of this handler\'s own log group, and only logs:CreateLogStream and logs:PutLogEvents.';
/** Why a statement names every resource of one type in the account and Region (cdk-nag AwsSolutions-IAM5). */
export const TYPE_WIDE_REASON = 'The stack holds more instances than one role\'s inline policies can list (IAM limits them to 10,240 characters), so these '
  + 'actions fall back to the same resource type in the same account and Region; the actions stay exactly those the handler calls.';

/** One entry of cdk-nag's `rules_to_suppress` metadata. */
export interface NagSuppression {
  readonly id: string;
  readonly reason: string;
  readonly applies_to?: string[];
}

/** cdk-nag's notation for a CloudFormation value (cdk-nag `flattenCfnReference`), so that `applies_to` names exact findings. */
function flatten(node: unknown): string {
  if (node === undefined) return '';
  if (typeof node === 'string') return node.replace(/\$\{/g, '<').replace(/}/g, '>');
  const n = node as Record<string, any>;
  if (n['Fn::Join']) return (n['Fn::Join'][1] as unknown[]).map(flatten).join(n['Fn::Join'][0]);
  if (n['Fn::Sub']) return flatten(n['Fn::Sub']);
  if (n['Fn::GetAtt']) return `<${flatten(n['Fn::GetAtt'][0])}.${flatten(n['Fn::GetAtt'][1])}>`;
  if (n['Fn::ImportValue']) return flatten(n['Fn::ImportValue']);
  if (n.Ref) return `<${flatten(n.Ref)}>`;
  return JSON.stringify(node);
}

/**
 * The single Lambda function of one handler kind in a stack, with its role and log group: three
 * resources however many instances use it. Each instance adds its permissions to the role's inline
 * policy, scoped to its own ARN, and is one `Custom::` resource, nothing more.
 */
export class HandlerProvider extends Construct {
  /** The stack's provider for this kind, created on first use. */
  public static of(scope: Construct, kind: Kind): HandlerProvider {
    const stack = Stack.of(scope);
    // Short IDs on purpose: every instance's ServiceToken names the function's logical ID.
    const id = `Ccr${kind.handler.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase())}`;
    return (stack.node.tryFindChild(id) as HandlerProvider | undefined) ?? new HandlerProvider(stack, id, kind);
  }

  public readonly function: lambda.Function;
  public readonly role: iam.Role;
  private readonly policy: ScopedPolicy;
  private readonly serviceTimeout: Duration;
  private readonly logStreamsArn: string;
  private readonly grants: ScopedGrant[] = [];

  private constructor(scope: Stack, id: string, private readonly kind: Kind) {
    super(scope, id);
    const timeout = DEFAULT_TIMEOUT;
    this.serviceTimeout = kind.longWait ? LONG_WAIT_SERVICE_TIMEOUT : timeout.plus(SERVICE_TIMEOUT_MARGIN);
    this.policy = new ScopedPolicy(scope);

    const logGroup = new logs.LogGroup(this, 'Logs', {
      retention: logs.RetentionDays.THREE_MONTHS,
      // Kept after the stack is gone: these logs are the audit trail of what the handler changed.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Handler role of ${kind.description}`,
    });
    const cfnRole = this.role.node.defaultChild as iam.CfnRole;
    // Lambda names a log stream per execution environment at run time: the handler may write to any stream of its own log group.
    this.logStreamsArn = Stack.of(this).formatArn({
      service: 'logs', resource: 'log-group', resourceName: `${logGroup.logGroupName}:log-stream:*`, arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    // The inline policy is rendered last, so that it holds every instance's grant, merged and sized.
    cfnRole.policies = Lazy.any({
      produce: () => [{
        policyName: 'Handler',
        policyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
              Resource: this.logStreamsArn,
            },
            ...this.policy.statements(),
          ],
        },
      }],
    });
    // The library's own cdk-nag suppressions: only IAM5, only for the wildcard ARNs the policy holds, each with
    // its reason. Read when cdk-nag (or synthesis) reads them, so that they match the final, merged policy.
    const provider = this;
    cfnRole.addMetadata('cdk_nag', {
      get rules_to_suppress() {
        return provider.nagSuppressions();
      },
    });
    this.node.addValidation({ validate: () => this.unexplainedWildcards().map((r) => `${this.node.path}: the handler policy holds ${r} without a reason for its wildcard`) });

    this.function = new lambda.Function(this, 'Handler', {
      description: `${kind.description} (cdk-contact-center-resources)`,
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      handler: 'index.handler',
      code: lambda.Code.fromAsset(path.join(__dirname, '..', '..', 'assets', 'lambda', kind.handler, 'index')),
      memorySize: MEMORY_MB,
      timeout,
      role: this.role,
      logGroup,
    });
    if (kind.longWait) enableLongWait(this.function, this.role);
  }

  /** Lets the handler call `actions` on one instance's resource. */
  public grant(grant: ScopedGrant): void {
    this.policy.add(grant);
    this.grants.push(grant);
  }

  /** `rules_to_suppress` for cdk-nag: AwsSolutions-IAM5 for each wildcard ARN of the policy, grouped by reason. */
  private nagSuppressions(): NagSuppression[] {
    const byReason = new Map<string, string[]>([[LOG_STREAMS_REASON, [this.flat(this.logStreamsArn)]]]);
    for (const [resource, reason] of this.wildcards()) {
      if (reason) byReason.set(reason, [...(byReason.get(reason) ?? []), resource]);
    }
    return [...byReason].map(([reason, resources]) => ({ id: 'AwsSolutions-IAM5', reason, applies_to: resources.map((r) => `Resource::${r}`) }));
  }

  private unexplainedWildcards(): string[] {
    return [...this.wildcards()].filter(([, reason]) => !reason).map(([resource]) => resource);
  }

  /** Each wildcard ARN of the instances' statements, in cdk-nag's notation, with the reason it is there. */
  private wildcards(): Map<string, string | undefined> {
    const reasons = new Map<string, string | undefined>();
    for (const g of this.grants) reasons.set(this.flat(g.resourceArn), g.wildcardReason);
    const typeWide = new Set(this.grants.map((g) => this.flat(g.typeWideArn)));
    const found = new Map<string, string | undefined>();
    for (const statement of this.policy.statements()) {
      for (const resource of statement.Resource.map((r) => this.flat(r)).filter((r) => r.includes('*'))) {
        found.set(resource, reasons.has(resource) ? reasons.get(resource) : typeWide.has(resource) ? TYPE_WIDE_REASON : undefined);
      }
    }
    return found;
  }

  /** An ARN as cdk-nag writes it in a finding: `Ref` and `Fn::GetAtt` as `<...>`, `Fn::Join` joined (its flattenCfnReference). */
  private flat(arn: string): string {
    return flatten(Stack.of(this).resolve(arn));
  }

  /** The one CloudFormation resource of an instance. */
  public resource(scope: Construct, properties: object): CustomResource {
    const resource = new CustomResource(scope, 'Resource', {
      serviceToken: this.function.functionArn,
      resourceType: this.kind.resourceType,
      properties: properties as Record<string, unknown>,
      serviceTimeout: this.serviceTimeout,
    });
    // What the removal policy does is up to the handler, which always gets the Delete. CloudFormation's own
    // default (delete) is that of CustomResource's explicit DESTROY: leaving the attributes out saves ~55
    // template bytes per instance.
    const cfn = resource.node.defaultChild as CfnResource;
    cfn.cfnOptions.deletionPolicy = undefined;
    cfn.cfnOptions.updateReplacePolicy = undefined;
    return resource;
  }
}

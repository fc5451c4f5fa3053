import * as path from 'path';
import { CfnResource, CustomResource, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { HandlerPolicy } from './handler-policy';
import { acknowledgeInherentFindings, acknowledgeNoRetryConfig } from './inherent-findings';
import { enableLongWait, LONG_WAIT_CALLS } from './long-wait';
import { Kind } from './rules/kind';
import { ScopedGrant, TypeWideGrant } from './scoped-policy';
import { StackHandlers } from './settings/stack-handlers';

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

/**
 * The single Lambda function of one handler kind in a stack, with its role, managed policy and log group:
 * four resources however many instances use it. Each instance adds its permissions to the role's
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
  public readonly policy: HandlerPolicy;
  /** Undefined for a long wait: CloudFormation's default ServiceTimeout is its maximum (3,600 s), left out of each instance. */
  private readonly serviceTimeout?: Duration;
  /** The no-retry config, which each instance's first Create needs in place (for a long wait, with the permission to continue). */
  private readonly retries?: lambda.EventInvokeConfig;

  private constructor(scope: Stack, id: string, private readonly kind: Kind) {
    super(scope, id);
    const timeout = DEFAULT_TIMEOUT;
    this.serviceTimeout = kind.longWait ? undefined : timeout.plus(SERVICE_TIMEOUT_MARGIN);

    const logGroup = new logs.LogGroup(this, 'Logs', {
      retention: logs.RetentionDays.THREE_MONTHS,
      // Kept after the stack is gone: these logs are the audit trail of what the handler changed.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Handler role of ${kind.description}`,
    });
    // The role's only permissions: one managed policy, rendered last (every instance's grant, the settings' needs).
    this.policy = new HandlerPolicy(this, 'Policy', { role: this.role, logGroup, settingStatements: () => StackHandlers.of(scope).statements() });

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
    // Lambda creates the function's network interfaces (with a VPC) with the role: the policy must be there first.
    this.function.node.addDependency(this.policy);
    acknowledgeInherentFindings(this.function.node.defaultChild as lambda.CfnFunction);
    // The stack's handler settings (VPC, key, retention, concurrency, tracing, role path, alarms) reach this handler.
    const alsoCalls = kind.longWait ? LONG_WAIT_CALLS : [];
    StackHandlers.of(scope).bind({ kind: kind.handler, scope: this, fn: this.function, role: this.role, logGroup, policy: this.policy, alsoCalls });
    // CloudFormation invokes the handler asynchronously; a kind that must not run twice turns Lambda's retries off
    // (a long wait always does: its continuations must not repeat work). Each instance depends on the setting (see
    // `resource`): otherwise its first Create could run before it exists.
    if (kind.longWait) {
      this.retries = enableLongWait(this.function, this.role);
      // The first invocation may already hand the wait off: the function's permission to invoke itself must be there.
      // Through the setting, which each instance depends on: one DependsOn entry per instance instead of two.
      (this.retries.node.defaultChild as CfnResource).addDependency(this.function.node.findChild('Continue') as CfnResource);
    } else if (kind.asyncRetries !== undefined) {
      this.retries = new lambda.EventInvokeConfig(this, 'Retries', { function: this.function, retryAttempts: kind.asyncRetries });
      acknowledgeNoRetryConfig(this.retries.node.defaultChild as lambda.CfnEventInvokeConfig);
    }
  }

  /** Lets the handler call `actions` on one instance's resource. */
  public grant(grant: ScopedGrant): void {
    this.policy.grant(grant);
  }

  /** Lets the handler call what a Delete needs on every resource of the type, in one account and Region (see `TypeWideGrant`). */
  public grantOnType(grant: TypeWideGrant): void {
    this.policy.grantOnType(grant);
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
    if (this.retries) cfn.addDependency(this.retries.node.defaultChild as CfnResource);
    return resource;
  }
}

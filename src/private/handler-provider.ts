import * as path from 'path';
import { ArnFormat, CustomResource, Duration, Lazy, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { ScopedGrant, ScopedPolicy } from './scoped-policy';

/** One handler kind: the folder of its bundle under assets/lambda, and what it is for. */
export interface HandlerKind {
  /** Folder under `lambda/` and `assets/lambda/`, e.g. `traffic-distribution`. */
  readonly name: string;
  readonly description: string;
  /** @default Duration.minutes(5) */
  readonly timeout?: Duration;
}

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
 * The single Lambda function of one handler kind in a stack, with its role and log group: three
 * resources however many instances use it. Each instance adds its permissions to the role's inline
 * policy, scoped to its own ARN, and is one `Custom::` resource, nothing more.
 */
export class HandlerProvider extends Construct {
  /** The stack's provider for this kind, created on first use. */
  public static of(scope: Construct, kind: HandlerKind): HandlerProvider {
    const stack = Stack.of(scope);
    const id = `ContactCenterResources${kind.name.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase())}Handler`;
    return (stack.node.tryFindChild(id) as HandlerProvider | undefined) ?? new HandlerProvider(stack, id, kind);
  }

  public readonly function: lambda.Function;
  public readonly role: iam.Role;
  private readonly policy: ScopedPolicy;
  private readonly serviceTimeout: Duration;

  private constructor(scope: Stack, id: string, kind: HandlerKind) {
    super(scope, id);
    const timeout = kind.timeout ?? DEFAULT_TIMEOUT;
    this.serviceTimeout = timeout.plus(SERVICE_TIMEOUT_MARGIN);
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
    // The inline policy is rendered last, so that it holds every instance's grant, merged and sized.
    (this.role.node.defaultChild as iam.CfnRole).policies = Lazy.any({
      produce: () => [{
        policyName: 'Handler',
        policyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
              Resource: Stack.of(this).formatArn({
                service: 'logs', resource: 'log-group', resourceName: `${logGroup.logGroupName}:log-stream:*`, arnFormat: ArnFormat.COLON_RESOURCE_NAME,
              }),
            },
            ...this.policy.statements(),
          ],
        },
      }],
    });

    this.function = new lambda.Function(this, 'Function', {
      description: `${kind.description} (cdk-contact-center-resources)`,
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      handler: 'index.handler',
      code: lambda.Code.fromAsset(path.join(__dirname, '..', '..', 'assets', 'lambda', kind.name, 'index')),
      memorySize: MEMORY_MB,
      timeout,
      role: this.role,
      logGroup,
    });
  }

  /** Lets the handler call `actions` on one instance's resource. */
  public grant(grant: ScopedGrant): void {
    this.policy.add(grant);
  }

  /** The one CloudFormation resource of an instance. */
  public resource(scope: Construct, resourceType: string, properties: object): CustomResource {
    return new CustomResource(scope, 'Resource', {
      serviceToken: this.function.functionArn,
      resourceType,
      properties: properties as Record<string, unknown>,
      serviceTimeout: this.serviceTimeout,
    });
  }
}

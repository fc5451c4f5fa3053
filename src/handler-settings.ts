import { Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { IConstruct } from 'constructs';
import { StackHandlers } from './private/settings/stack-handlers';

/**
 * How the handler functions of a stack run: network, encryption, retention, concurrency, tracing, role path and alarms.
 * Every setting applies to every handler kind in the stack, whether it is applied before or after the constructs.
 */
export interface HandlerSettingsProps {
  /**
   * The VPC the handler functions run in. Each function gets network interfaces in `vpcSubnets`; the role gets the
   * EC2 permissions Lambda needs for them (scoped to the subnets and security groups where EC2 allows it).
   * @default - no VPC: the functions run in Lambda's own network
   */
  readonly vpc?: ec2.IVpc;
  /**
   * Where in `vpc` the functions run: subnets with egress (`PRIVATE_WITH_EGRESS`), or isolated subnets
   * (`PRIVATE_ISOLATED`) when the VPC has endpoints for every service the handlers call and for S3, through which
   * they answer CloudFormation (see the README for the list). Public subnets are rejected: a Lambda function gets
   * no public IP address there. At most 16 subnets.
   * @default - the VPC's private subnets with egress, or its isolated subnets when it has none
   */
  readonly vpcSubnets?: ec2.SubnetSelection;
  /**
   * The security groups of the functions' network interfaces, 1 to 5.
   * @default - one security group per stack that allows only outbound HTTPS (TCP 443)
   */
  readonly securityGroups?: ec2.ISecurityGroup[];
  /**
   * Set when the VPC's endpoints are made outside this CDK app (by a network team's stack, say), so that the
   * check of isolated subnets cannot see them. The functions then rely on them without a check.
   * @default false - isolated subnets need the endpoints to be in this app
   */
  readonly vpcEndpointsManagedElsewhere?: boolean;
  /**
   * The customer managed key that encrypts the handlers' log groups and the functions' environment. The key policy
   * gets a statement for CloudWatch Logs, limited to this stack's handler log groups, and each role may use the key
   * through Lambda only (`kms:Decrypt` with `kms:ViaService`). With a key, each log group is named
   * `/cdk-contact-center-resources/<stack name>/<stack UUID>/<kind>` so that the key policy can name it: applying a
   * key to a deployed stack replaces the log groups (the old ones are retained). The key must be in the stack's
   * Region. A key imported by ARN keeps its policy: add the statement yourself (synthesis warns).
   * @default - CloudWatch Logs' and Lambda's own encryption
   */
  readonly logGroupEncryptionKey?: kms.IKey;
  /**
   * How long the handlers' logs are kept. They are the audit trail of what the handlers changed.
   * @default logs.RetentionDays.THREE_MONTHS
   */
  readonly logRetention?: logs.RetentionDays;
  /**
   * Concurrency reserved for each handler function, an integer of at least 1. CloudFormation sends one event per
   * resource, in parallel: events beyond the reservation are throttled and retried by Lambda, and one that has not
   * run within the custom resource's 7-minute service timeout fails that resource. An `InstanceReplica` holds one
   * execution for as long as it waits (up to 55 minutes), and its handler keeps a throttled event for 10 minutes at
   * most: reserve at least as many as the replicas a deployment creates or deletes at once.
   * @default - no reservation: the account's unreserved concurrency
   */
  readonly reservedConcurrentExecutions?: number;
  /**
   * X-Ray tracing of the handler functions. With `ACTIVE` or `PASS_THROUGH` the roles may send trace segments.
   * @default lambda.Tracing.DISABLED
   */
  readonly tracing?: lambda.Tracing;
  /**
   * The IAM path of the handler roles, such as `/contact-center/`: 1 to 512 characters, starting and ending with `/`.
   * Changing it replaces the roles.
   * @default "/"
   */
  readonly rolePath?: string;
  /**
   * One CloudWatch alarm per handler function, on its errors and throttles.
   * @default - no alarms
   */
  readonly alarms?: HandlerAlarmOptions;
}

/** The alarm of each handler function: errors plus throttles, summed over a period. */
export interface HandlerAlarmOptions {
  /**
   * What the alarms do, such as notifying an SNS topic. The HIPAA and NIST 800-53 packs ask for at least one.
   * @default - no action
   */
  readonly actions?: cloudwatch.IAlarmAction[];
  /**
   * Errors plus throttles in one period that raise the alarm, an integer of at least 1.
   * @default 1
   */
  readonly threshold?: number;
  /**
   * The period, in whole minutes.
   * @default Duration.minutes(5)
   */
  readonly period?: Duration;
}

/** One handler function of a stack, with what monitoring and escape hatches need. */
export interface HandlerFunction {
  /** The handler kind, such as `traffic-distribution`: one function per kind per stack. */
  readonly kind: string;
  /** The function, ready for `cdk-monitoring-constructs`' `monitorLambdaFunction({ lambdaFunction })`. */
  readonly lambdaFunction: lambda.IFunction;
  /** Its role. */
  readonly role: iam.IRole;
  /** Its log group: one structured JSON object per line (see the README for the fields). */
  readonly logGroup: logs.ILogGroup;
}

/**
 * The settings of every handler function in a stack: `HandlerSettings.of(stack).apply({ vpc, ... })`.
 *
 * A stack has one value per setting. `apply()` may be called more than once, before or after the constructs,
 * to set different settings; setting one again to another value is an error.
 */
export class HandlerSettings {
  /** The handler settings of `scope`'s stack. */
  public static of(scope: IConstruct): HandlerSettings {
    return new HandlerSettings(StackHandlers.of(Stack.of(scope)));
  }

  private constructor(private readonly handlers: StackHandlers) {}

  /** Applies `settings` to every handler function of the stack, the ones that exist and the ones to come. */
  public apply(settings: HandlerSettingsProps): void {
    this.handlers.apply(settings);
  }

  /** The settings applied so far. */
  public get settings(): HandlerSettingsProps {
    return { ...this.handlers.settings };
  }

  /** Every handler function of the stack so far: read it after the constructs. */
  public get functions(): lambda.IFunction[] {
    return this.handlers.bindings.map((b) => b.fn);
  }

  /** Every handler of the stack so far, with its kind, role and log group: read it after the constructs. */
  public get handlerFunctions(): HandlerFunction[] {
    return this.handlers.bindings.map((b) => ({ kind: b.kind, lambdaFunction: b.fn, role: b.role, logGroup: b.logGroup }));
  }

  /** The alarms made by the `alarms` setting so far. */
  public get alarms(): cloudwatch.IAlarm[] {
    return this.handlers.alarms();
  }
}

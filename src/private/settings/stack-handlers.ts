import { AspectPriority, Aspects, Lazy, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { handlerAlarm } from './alarms';
import { keyStatements, logGroupName, useKeyForLogs } from './encryption';
import { HandlerNetwork } from './network';
import { settingsPath, throwIfInvalidSettings, validateSettings } from './validate-settings';
import type { HandlerSettingsProps } from '../../handler-settings';
import type { HandlerPolicy, SettingStatement } from '../handler-policy';

/** One handler function of the stack and what belongs to it. */
export interface HandlerBinding {
  readonly kind: string;
  /** The construct that holds the function, role and log group. */
  readonly scope: Construct;
  readonly fn: lambda.Function;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;
  readonly policy: HandlerPolicy;
  /**
   * IAM prefixes of services the handler's code calls without its policy (the long-wait engine's Lambda invoke, which
   * the function's resource-based policy allows): the check of isolated subnets needs their endpoints too.
   */
  readonly alsoCalls?: readonly string[];
}

const X_RAY_REASON = 'xray:PutTraceSegments and xray:PutTelemetryRecords do not support resource-level permissions: X-Ray requires "*" for them '
  + '(Service Authorization Reference); the role gets only these two actions for tracing.';

/**
 * The handler settings of one stack and its handler functions. A setting is written into every handler that exists
 * when it is applied, and into every handler made after it, when it is bound: so it reaches every handler whatever
 * the order, and kinds added later need nothing of their own. What depends on several settings (the VPC
 * configuration, the policy statements) is rendered last. What a setting adds to the stack itself (a security
 * group, a key policy statement) is made once, when it is applied.
 */
export class StackHandlers {
  public static of(stack: Stack): StackHandlers {
    let handlers = StackHandlers.byStack.get(stack);
    if (!handlers) {
      handlers = new StackHandlers(stack);
      StackHandlers.byStack.set(stack, handlers);
    }
    return handlers;
  }

  private static readonly byStack = new WeakMap<Stack, StackHandlers>();

  public readonly bindings: HandlerBinding[] = [];
  private current: HandlerSettingsProps = {};
  private readonly network: HandlerNetwork;
  private readonly alarmsByKind = new Map<string, cloudwatch.Alarm>();
  private keyPolicyDone = false;

  private constructor(private readonly stack: Stack) {
    this.network = new HandlerNetwork(stack, () => this.current, () => this.bindings);
  }

  public get settings(): HandlerSettingsProps {
    return this.current;
  }

  /** Called once per handler function, when its construct is made. */
  public bind(binding: HandlerBinding): void {
    this.bindings.push(binding);
    this.configure(binding);
  }

  /** Sets `settings` for the stack, or throws when one is invalid or already set to another value. */
  public apply(settings: HandlerSettingsProps): void {
    throwIfInvalidSettings(this.stack, validateSettings(this.stack, settings, this.current));
    const first = Object.keys(this.current).length === 0;
    this.current = { ...this.current, ...Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== undefined)) } as HandlerSettingsProps;
    if (first) {
      // Checked and completed once the whole app is built: subnets, endpoints, dependencies.
      Aspects.of(this.stack).add({
        visit: (node) => {
          if (node === this.stack) this.network.addDependencies();
        },
      }, { priority: AspectPriority.MUTATING });
      this.stack.node.addValidation({ validate: () => this.network.violations().map((v) => `${settingsPath(this.stack)}: ${v}`) });
    }
    this.network.update();
    if (this.current.logGroupEncryptionKey && !this.keyPolicyDone) {
      useKeyForLogs(this.stack, this.current.logGroupEncryptionKey);
      this.keyPolicyDone = true;
    }
    for (const b of this.bindings) this.configure(b);
  }

  /**
   * Writes each setting that is set into the handler's resources (and nothing for one that is not, so that a
   * checker such as cdk-nag sees exactly what is deployed). A setting cannot change once set, so writing it again
   * is the same; the VPC configuration is rendered last, when every network setting is known.
   */
  private configure(binding: HandlerBinding): void {
    const s = this.current;
    const fn = binding.fn.node.defaultChild as lambda.CfnFunction;
    const logGroup = binding.logGroup.node.defaultChild as logs.CfnLogGroup;
    if (s.vpc) fn.vpcConfig = Lazy.any({ produce: () => this.network.vpcConfig() });
    if (s.reservedConcurrentExecutions !== undefined) fn.reservedConcurrentExecutions = s.reservedConcurrentExecutions;
    if (tracingOn(s.tracing)) fn.tracingConfig = { mode: s.tracing };
    if (s.logGroupEncryptionKey) {
      fn.kmsKeyArn = s.logGroupEncryptionKey.keyArn;
      logGroup.kmsKeyId = s.logGroupEncryptionKey.keyArn;
      logGroup.logGroupName = logGroupName(this.stack, binding.kind);
    }
    if (s.logRetention !== undefined) logGroup.retentionInDays = retentionDays(s.logRetention);
    if (s.rolePath !== undefined) (binding.role.node.defaultChild as iam.CfnRole).path = s.rolePath;
    this.makeAlarm(binding);
  }

  /** The statements the settings add to every handler policy of the stack. */
  public statements(): SettingStatement[] {
    return [
      ...this.network.statements(),
      ...(tracingOn(this.current.tracing)
        ? [{ actions: ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'], resources: ['*'], wildcardReason: X_RAY_REASON }]
        : []),
      ...keyStatements(this.stack, this.current.logGroupEncryptionKey),
    ];
  }

  public alarms(): cloudwatch.IAlarm[] {
    return [...this.alarmsByKind.values()];
  }

  private makeAlarm(binding: HandlerBinding): void {
    if (!this.current.alarms || this.alarmsByKind.has(binding.kind)) return;
    this.alarmsByKind.set(binding.kind, handlerAlarm(binding.scope, binding.kind, binding.fn, this.current.alarms));
  }
}

function tracingOn(tracing: lambda.Tracing | undefined): boolean {
  return tracing === lambda.Tracing.ACTIVE || tracing === lambda.Tracing.PASS_THROUGH;
}

/** INFINITE means no RetentionInDays at all. */
function retentionDays(days: logs.RetentionDays): number | undefined {
  return days === logs.RetentionDays.INFINITE ? undefined : days;
}

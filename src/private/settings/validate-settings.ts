import { Stack, Token } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { HandlerSettingsProps } from '../../handler-settings';
import { describeViolation, Violation } from '../rules/violations';

/** Where a settings error points: the stack's handler settings. */
export function settingsPath(stack: Stack): string {
  return `${stack.node.path}/HandlerSettings`;
}

export function throwIfInvalidSettings(stack: Stack, violations: readonly Violation[]): void {
  if (violations.length > 0) throw new Error(violations.map((v) => `${settingsPath(stack)}: ${describeViolation(v)}`).join('\n'));
}

const ROLE_PATH = /^\/$|^\/[\u0021-\u007E]+\/$/;
const RETENTION = new Set(Object.values(logs.RetentionDays).filter((v) => typeof v === 'number'));
const TRACING = new Set<string>(Object.values(lambda.Tracing));

/**
 * The rules of each setting that can be checked when it is applied: values that are known (tokens are left to
 * CloudFormation), and a setting given again with another value. The network is checked at synth (network.ts).
 */
export function validateSettings(stack: Stack, next: HandlerSettingsProps, current: HandlerSettingsProps): Violation[] {
  const found: Violation[] = [];
  const known = (v: unknown) => v !== undefined && !Token.isUnresolved(v);
  const fail = (path: string, rule: string, value?: unknown) => found.push({ path, rule, value });

  for (const [prop, value] of Object.entries(next) as Array<[keyof HandlerSettingsProps, unknown]>) {
    const before = current[prop];
    if (value !== undefined && before !== undefined && !same(before, value)) {
      fail(prop, 'is already set for this stack; a stack has one value per setting', describe(value));
    }
  }
  const c = next.reservedConcurrentExecutions;
  if (known(c) && (!Number.isInteger(c) || c! < 1)) {
    fail('reservedConcurrentExecutions', 'must be an integer of at least 1 (0 would throttle every event until CloudFormation gives up)', c);
  }
  if (known(next.logRetention) && !RETENTION.has(next.logRetention!)) fail('logRetention', 'must be a logs.RetentionDays value', next.logRetention);
  if (next.tracing !== undefined && !TRACING.has(next.tracing)) fail('tracing', 'must be a lambda.Tracing value', next.tracing);
  const path = next.rolePath;
  if (known(path) && (path!.length > 512 || !ROLE_PATH.test(path!))) {
    fail('rolePath', 'must be 1 to 512 printable ASCII characters that start and end with "/"', path);
  }
  const key = next.logGroupEncryptionKey;
  if (key) {
    const keyRegion = key.env.region;
    if (!Token.isUnresolved(keyRegion) && !Token.isUnresolved(stack.region) && keyRegion !== stack.region) {
      fail('logGroupEncryptionKey', `must be in the stack's Region (${stack.region}): CloudWatch Logs uses keys of its own Region only`, keyRegion);
    }
    if (Stack.of(key) !== stack && Token.isUnresolved(stack.stackName)) {
      fail('logGroupEncryptionKey', 'of another stack needs this stack\'s name as a literal to name its log groups in the key policy', 'a token');
    }
  }
  const a = next.alarms;
  if (a) {
    if (known(a.threshold) && (!Number.isInteger(a.threshold) || a.threshold! < 1)) fail('alarms.threshold', 'must be an integer of at least 1', a.threshold);
    if (a.period && !a.period.isUnresolved()) {
      const minutes = a.period.toMinutes({ integral: false });
      if (!Number.isInteger(minutes) || minutes < 1) fail('alarms.period', 'must be a whole number of minutes, at least 1', a.period.toHumanString());
    }
  }
  return found;
}

/** The same value: the same object, or arrays of the same objects. */
function same(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => x === b[i]);
  return a === b;
}

function describe(value: unknown): unknown {
  if (value && typeof value === 'object' && 'node' in value) return (value as { node: { path: string } }).node.path;
  return typeof value === 'object' ? '(another value)' : value;
}

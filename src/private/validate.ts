import { Token } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { describeViolation, IsUnresolved, Violation } from './rules/violations';

/** Values that are tokens at synth are checked again by the handler at deploy. */
export const isUnresolved: IsUnresolved = (value) => Token.isUnresolved(value);

/** Throws one error listing every broken rule as `<construct path>: <prop>: <rule>, got <value>`. */
export function throwIfInvalid(scope: Construct, violations: readonly Violation[]): void {
  if (violations.length === 0) return;
  throw new Error(violations.map((v) => `${scope.node.path}: ${describeViolation(v)}`).join('\n'));
}

import { Arn, ArnFormat, Stack, Token } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { INSTANCE_ARN, INSTANCE_ID, INSTANCE_RULE } from './rules/instance-replica';
import { GROUP_ID_OR_ARN } from './rules/traffic-distribution';
import { throwIfInvalid } from './validate';

/** An Amazon Connect resource as a prop names it: its ID, its ARN, or a token that resolves to its ARN. */
export interface ConnectReference {
  /** A bare ID (literal), which names a resource in the stack's account and Region. */
  readonly isId: boolean;
  /** The ARN: the one given (literal or token), or the bare ID's in the stack's partition, account and Region. */
  readonly arn: string;
  /** Where the resource lives: an ARN's own Region and account (a token's, read from it at deploy), or the stack's. */
  readonly region: string;
  readonly account: string;
  /** The ID: a bare ID as given, or the last part of the ARN (a token's, read from it at deploy). */
  readonly id: string;
}

export interface ConnectReferenceRule {
  /** The API member the prop stands for, which a violation names. */
  readonly path: string;
  /** The rule a literal must meet, in words, and as a test. */
  readonly rule: string;
  readonly isValid: (literal: string) => boolean;
  /** Whether a valid literal is a bare ID rather than an ARN. */
  readonly isId: (literal: string) => boolean;
  /** The ARN's resource type, as in `instance/<id>`. */
  readonly resourceType: string;
}

/**
 * The reference a prop makes, checked at synth (a literal must meet the rule; a token is checked at deploy) and taken
 * apart: what the constructs that take an instance or a group by ID or ARN grant on, and call in.
 */
export function connectReference(scope: Construct, given: string, r: ConnectReferenceRule): ConnectReference {
  const token = Token.isUnresolved(given);
  if (!token && !r.isValid(given)) throwIfInvalid(scope, [{ path: r.path, rule: r.rule, value: given }]);
  const stack = Stack.of(scope);
  if (!token && r.isId(given)) {
    const arn = stack.formatArn({ service: 'connect', resource: r.resourceType, resourceName: given, arnFormat: ArnFormat.SLASH_RESOURCE_NAME });
    return { isId: true, arn, region: stack.region, account: stack.account, id: given };
  }
  const parts = Arn.split(given, ArnFormat.SLASH_RESOURCE_NAME);
  return { isId: false, arn: given, region: parts.region!, account: parts.account!, id: parts.resourceName! };
}

/** A traffic distribution group (TrafficDistribution, TrafficDistributionGroupUsers). */
export const GROUP_REFERENCE: ConnectReferenceRule = {
  path: 'TrafficDistributionGroup',
  rule: 'must be a traffic distribution group ID (a UUID) or ARN',
  isValid: (literal) => GROUP_ID_OR_ARN.test(literal),
  isId: (literal) => !literal.startsWith('arn:'),
  resourceType: 'traffic-distribution-group',
};

/** An instance (InstanceReplica). */
export const INSTANCE_REFERENCE: ConnectReferenceRule = {
  path: 'Instance',
  rule: INSTANCE_RULE,
  isValid: (literal) => INSTANCE_ID.test(literal) || INSTANCE_ARN.test(literal),
  isId: (literal) => INSTANCE_ID.test(literal),
  resourceType: 'instance',
};

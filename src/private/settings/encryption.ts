import { Annotations, ArnFormat, Aws, Fn, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type { SettingStatement } from '../handler-policy';

/**
 * The log groups of a stack's handlers when a key encrypts them. The key policy must name them for CloudWatch
 * Logs, and the log groups refer to the key: with generated names that would be a cycle. These names are known
 * before anything is created, and unique per stack creation (the stack ID's UUID), so that a stack deleted and
 * deployed again does not collide with its retained log groups.
 */
const PREFIX = '/cdk-contact-center-resources';

function stackUuid(): string {
  return Fn.select(2, Fn.split('/', Aws.STACK_ID));
}

export function logGroupName(stack: Stack, kind: string): string {
  return `${PREFIX}/${stack.stackName}/${stackUuid()}/${kind}`;
}

/**
 * Lets CloudWatch Logs use the key for this stack's handler log groups only (CloudWatch Logs User Guide, "Encrypt
 * log data in CloudWatch Logs using AWS KMS": the `kms:EncryptionContext:aws:logs:arn` condition). The actions are
 * those of the guide's `Encrypt*`, `Decrypt*`, `ReEncrypt*`, `GenerateDataKey*` and `Describe*`, without key pairs.
 * A key of another stack cannot refer to this stack's ID without a cycle between the stacks: its statement names
 * this stack's log groups by the stack's name.
 */
export function useKeyForLogs(stack: Stack, key: kms.IKey): void {
  const keyStack = Stack.of(key);
  const sameStack = keyStack === stack;
  const logGroups = keyStack.formatArn({
    service: 'logs',
    resource: 'log-group',
    resourceName: sameStack ? `${PREFIX}/${stack.stackName}/${stackUuid()}/*` : `${PREFIX}/${stack.stackName}/*`,
    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
  });
  const statement = new iam.PolicyStatement({
    principals: [new iam.ServicePrincipal(`logs.${keyStack.region}.amazonaws.com`)],
    actions: ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:GenerateDataKeyWithoutPlaintext', 'kms:ReEncryptFrom', 'kms:ReEncryptTo'],
    resources: ['*'],
    conditions: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': logGroups } },
  });
  if (!key.addToResourcePolicy(statement).statementAdded) {
    Annotations.of(stack).addWarningV2('cdk-contact-center-resources:imported-log-key',
      `logGroupEncryptionKey ${key.node.path} is imported, so its key policy cannot be changed: let the CloudWatch Logs service principal `
      + `logs.<region>.amazonaws.com use it for the log groups ${PREFIX}/${stack.stackName}/* (kms:Encrypt*, kms:Decrypt*, kms:ReEncrypt*, `
      + 'kms:GenerateDataKey*, kms:Describe* with the condition kms:EncryptionContext:aws:logs:arn), or the log groups cannot be created');
  }
}

/**
 * The key also encrypts the functions' environment: Lambda decrypts it with the role's permissions, so the role may
 * decrypt with the key, through Lambda only.
 */
export function keyStatements(stack: Stack, key: kms.IKey | undefined): SettingStatement[] {
  if (!key) return [];
  return [{
    actions: ['kms:Decrypt'],
    resources: [key.keyArn],
    conditions: { StringEquals: { 'kms:ViaService': `lambda.${stack.region}.amazonaws.com` } },
  }];
}

import { ArnFormat, Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';

/**
 * The ARN of one voice connector, `arn:<partition>:chime:<region>:<account>:vc/<id>` (Service Authorization
 * Reference, Amazon Chime, resource type voice-connector), in the stack's account and Region, and the same type with
 * any ID: what the policy budget's fallback and the actions a Delete needs name.
 */
export function voiceConnectorArns(scope: Construct, voiceConnectorId: string): { arn: string; typeWideArn: string } {
  const stack = Stack.of(scope);
  const arn = (resourceName: string) => stack.formatArn({ service: 'chime', resource: 'vc', resourceName, arnFormat: ArnFormat.SLASH_RESOURCE_NAME });
  return { arn: arn(voiceConnectorId), typeWideArn: arn('*') };
}

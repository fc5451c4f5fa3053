import { ArnFormat, Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { KindResource } from './kind-resource';

/**
 * Lets the handler call `actions` on one voice connector, `arn:<partition>:chime:<region>:<account>:vc/<id>`
 * (Service Authorization Reference, Amazon Chime, resource type voice-connector), in the stack's account and
 * Region, with the same type and any ID for the policy budget's fallback. Returns the voice connector's ARN.
 */
export function grantOnVoiceConnector(scope: Construct, resource: KindResource<any>, voiceConnectorId: string, actions: string[]): string {
  const stack = Stack.of(scope);
  const arn = (resourceName: string) => stack.formatArn({ service: 'chime', resource: 'vc', resourceName, arnFormat: ArnFormat.SLASH_RESOURCE_NAME });
  const resourceArn = arn(voiceConnectorId);
  resource.grant({ actions, resourceArn, typeWideArn: arn('*') });
  return resourceArn;
}

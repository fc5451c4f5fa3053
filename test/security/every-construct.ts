/**
 * One stack with every construct of the library, several instances each: literal IDs and ARNs, and tokens
 * (CloudFormation parameters) in their place, as each registry entry adds them. The security tests inspect what
 * it synthesizes. Its values include personal data (phone numbers, contact attributes, field definitions) on purpose.
 */
import { App, CfnParameter, Stack } from 'aws-cdk-lib';
import { KINDS } from '../support/kinds';
import { ACCOUNT, REGION } from '../support/kinds/common';

export { ACCOUNT, PII, REGION } from '../support/kinds/common';
export { GROUP_ARN_WEST, GROUP_ID } from '../support/kinds/traffic-distribution';
export { INSTANCE_ID, FLOW_ID } from '../support/kinds/outbound-voice-contact';
export { OTHER_VOICE_CONNECTOR_ID, VOICE_CONNECTOR_ID } from '../support/kinds/chime-voice';
export { REPLICA_SOURCE_ARN_EU, REPLICA_SOURCE_ID } from '../support/kinds/instance-replica';
export { USERS_GROUP, USERS_INSTANCE } from '../support/kinds/traffic-distribution-group-users';

/** `beforeConstructs` runs on the empty stack, for settings that must work whatever the order. */
export function everyConstructStack(beforeConstructs?: (stack: Stack) => void): Stack {
  const stack = new Stack(new App(), 'ContactCenter', { env: { account: ACCOUNT, region: REGION } });
  beforeConstructs?.(stack);
  const param = (id: string) => new CfnParameter(stack, id, { type: 'String' }).valueAsString;
  for (const entry of KINDS) entry.everyConstruct(stack, param);
  return stack;
}

/**
 * A smoke-test call placed once when the stack is deployed: the destination number comes from an SSM
 * parameter, so it stays out of the template, and the call is stopped if it is still ringing when the
 * stack is deleted. Snapshot verified offline by integ-runner; deploying it needs an Amazon Connect
 * instance with a claimed number and a published flow (pass their IDs as parameters) and the
 * `/integ/outbound-voice-contact/destination` parameter holding an E.164 number it may call.
 */
import { IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, CfnOutput, CfnParameter, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { OutboundVoiceContact } from '../../src';

const app = new App();
const stack = new Stack(app, 'OutboundVoiceContactInteg', { env: { region: 'us-east-1' } });
const instanceId = new CfnParameter(stack, 'InstanceId', { description: 'ID of an Amazon Connect instance' });
const contactFlowId = new CfnParameter(stack, 'ContactFlowId', { description: 'ID of a published contact flow in that instance' });
const sourcePhoneNumber = new CfnParameter(stack, 'SourcePhoneNumber', { description: 'A number claimed by the instance, in E.164' });

const call = new OutboundVoiceContact(stack, 'SmokeTest', {
  instanceId: instanceId.valueAsString,
  contactFlowId: contactFlowId.valueAsString,
  destinationPhoneNumberParameter: ssm.StringParameter.fromSecureStringParameterAttributes(stack, 'Destination', {
    parameterName: '/integ/outbound-voice-contact/destination',
  }),
  sourcePhoneNumber: sourcePhoneNumber.valueAsString,
  attributes: { greeting: 'deploy-check' },
  name: 'Deployment smoke test',
  ringTimeout: Duration.seconds(30),
  removalPolicy: RemovalPolicy.DESTROY,
});
new CfnOutput(stack, 'ContactId', { value: call.contactId });

new IntegTest(app, 'OutboundVoiceContactTest', { testCases: [stack] });

/**
 * One stack with every construct of the library, several instances each: literal IDs and ARNs, and tokens
 * (CloudFormation parameters) in their place. The security tests inspect what it synthesizes.
 * Its values include personal data (phone numbers, contact attributes, field definitions) on purpose.
 */
import { App, CfnParameter, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import {
  FieldContentType, OutboundVoiceContact, ProfileObjectType, ProxyCapability, ProxySessionSettings, StandardIdentifier,
  TrafficDistribution, VoiceConnectorProxy,
} from '../../src';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';
export const GROUP_ID = '11111111-2222-3333-4444-555555555555';
export const GROUP_ARN_WEST = `arn:aws:connect:us-west-2:${ACCOUNT}:traffic-distribution-group/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee`;
export const INSTANCE_ID = '99999999-8888-7777-6666-555555555555';
export const FLOW_ID = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
export const VOICE_CONNECTOR_ID = 'abcdef1ghij2klmno3pqr4';
export const OTHER_VOICE_CONNECTOR_ID = 'zyxwvu9tsrq8ponml7kji6';

/** Personal data the stack carries: none of it may reach logs, failure reasons or the template's outputs. */
export const PII = {
  destination: '+12065550142',
  source: '+12065550177',
  fallBack: '+14255550123',
  attributeValue: 'customer-jane.doe@example.com',
  fieldSource: '_source.customerSocialSecurityNumber',
  description: 'Orders with the customers home address',
};

/** `beforeConstructs` runs on the empty stack, for settings that must work whatever the order. */
export function everyConstructStack(beforeConstructs?: (stack: Stack) => void): Stack {
  const stack = new Stack(new App(), 'ContactCenter', { env: { account: ACCOUNT, region: REGION } });
  beforeConstructs?.(stack);
  const param = (id: string) => new CfnParameter(stack, id, { type: 'String' }).valueAsString;

  const split = { distributions: [{ region: 'us-east-1', percentage: 90 }, { region: 'us-west-2', percentage: 10 }] };
  new TrafficDistribution(stack, 'ByGroupId', { trafficDistributionGroup: GROUP_ID, telephonyConfig: split });
  new TrafficDistribution(stack, 'ByGroupArn', { trafficDistributionGroup: GROUP_ARN_WEST, agentConfig: split, removalPolicy: RemovalPolicy.DESTROY });
  new TrafficDistribution(stack, 'ByGroupToken', { trafficDistributionGroup: param('GroupArn'), telephonyConfig: split });

  const key = new kms.Key(stack, 'ProfilesKey', { enableKeyRotation: true });
  new ProfileObjectType(stack, 'Orders', {
    domainName: 'contact-center-prod',
    objectTypeName: 'Orders',
    description: PII.description,
    encryptionKey: key,
    expiration: Duration.days(365),
    fields: { ssn: { source: PII.fieldSource, target: '_order.Attributes.Ssn', contentType: FieldContentType.STRING } },
    keys: { ssn: [{ fieldNames: ['ssn'], standardIdentifiers: [StandardIdentifier.UNIQUE] }] },
  });
  new ProfileObjectType(stack, 'Cases', {
    domainName: param('DomainName'), objectTypeName: 'Cases', description: 'Support cases', removalPolicy: RemovalPolicy.DESTROY,
  });

  new VoiceConnectorProxy(stack, 'Proxy', {
    voiceConnectorId: VOICE_CONNECTOR_ID, defaultSessionExpiry: Duration.hours(1), phoneNumberPoolCountries: ['US'], fallBackPhoneNumber: PII.fallBack,
  });
  new VoiceConnectorProxy(stack, 'ProxyByToken', {
    voiceConnectorId: param('VoiceConnectorId'),
    defaultSessionExpiry: Duration.minutes(30),
    phoneNumberPoolCountries: ['US', 'CA'],
    removalPolicy: RemovalPolicy.RETAIN,
  });

  new ProxySessionSettings(stack, 'Session', {
    voiceConnectorId: OTHER_VOICE_CONNECTOR_ID, proxySessionId: 'session-1', capabilities: [ProxyCapability.VOICE], expiry: Duration.hours(2),
  });
  new ProxySessionSettings(stack, 'SessionByToken', {
    voiceConnectorId: param('SessionVoiceConnectorId'),
    proxySessionId: param('ProxySessionId'),
    capabilities: [ProxyCapability.VOICE, ProxyCapability.SMS],
    removalPolicy: RemovalPolicy.DESTROY,
  });

  new OutboundVoiceContact(stack, 'SmokeTest', {
    instanceId: INSTANCE_ID,
    contactFlowId: FLOW_ID,
    destinationPhoneNumber: PII.destination,
    sourcePhoneNumber: PII.source,
    attributes: { customerEmail: PII.attributeValue },
  });
  new OutboundVoiceContact(stack, 'OnCallPage', {
    instanceId: param('InstanceId'),
    contactFlowId: FLOW_ID,
    destinationPhoneNumber: param('OnCallNumber'),
    sourcePhoneNumber: PII.source,
    removalPolicy: RemovalPolicy.DESTROY,
  });
  return stack;
}

/**
 * The construct kinds the bench compares. Each has an equivalent built from aws-cdk-lib's
 * AwsCustomResource doing the same job, and the fake service state its handler events need.
 * `variant` 0 is the deployed configuration and 1 the updated one, so that Create, Update and
 * Delete events can be taken from the synthesized templates of both apps.
 */
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cr from 'aws-cdk-lib/custom-resources';
import {
  FieldContentType, OutboundVoiceContact, ProfileObjectType, ProxyCapability, ProxySessionSettings, StandardIdentifier,
  TrafficDistribution, VoiceConnectorProxy,
} from '../src';
import { AwsEndpoint, loadModel } from '../test/support/aws-endpoint';
import { ChimeVoice } from '../test/support/fakes/chime-voice';
import { OutboundContacts } from '../test/support/fakes/outbound-contacts';
import { ProfileObjectTypes } from '../test/support/fakes/profile-object-types';
import { TrafficDistributionGroups } from '../test/support/fakes/traffic-distribution-groups';

export interface Kind {
  readonly name: string;
  /** Folder of the handler asset under assets/lambda. */
  readonly asset: string;
  /** The SDK v3 client that AwsCustomResource's handler loads from the Lambda runtime. */
  readonly sdkPackage: string;
  ours(stack: Stack, i: number, variant: 0 | 1): void;
  theirs(stack: Stack, i: number, variant: 0 | 1): void;
  /** A fresh local endpoint holding the state that instance 0's events act on. */
  endpoint(): Promise<AwsEndpoint>;
}

const uuid = (i: number) => `${String(i).padStart(8, '0')}-2222-3333-4444-555555555555`;
const tdgArn = (i: number) => `arn:aws:connect:us-east-1:123456789012:traffic-distribution-group/${uuid(i)}`;

export const trafficDistribution: Kind = {
  name: 'TrafficDistribution',
  asset: 'traffic-distribution',
  sdkPackage: '@aws-sdk/client-connect',
  ours(stack, i, variant) {
    new TrafficDistribution(stack, `T${i}`, {
      trafficDistributionGroup: tdgArn(i),
      telephonyConfig: { distributions: [{ region: 'us-east-1', percentage: 90 - 10 * variant }, { region: 'us-west-2', percentage: 10 + 10 * variant }] },
      agentConfig: { distributions: [{ region: 'us-east-1', percentage: 100 }, { region: 'us-west-2', percentage: 0 }] },
      removalPolicy: RemovalPolicy.DESTROY,
    });
  },
  theirs(stack, i, variant) {
    const call = (home: number): cr.AwsSdkCall => ({
      service: 'Connect',
      action: 'UpdateTrafficDistribution',
      parameters: {
        Id: tdgArn(i),
        TelephonyConfig: { Distributions: [{ Region: 'us-east-1', Percentage: home }, { Region: 'us-west-2', Percentage: 100 - home }] },
        AgentConfig: { Distributions: [{ Region: 'us-east-1', Percentage: 100 }, { Region: 'us-west-2', Percentage: 0 }] },
      },
      physicalResourceId: cr.PhysicalResourceId.of(tdgArn(i)),
    });
    new cr.AwsCustomResource(stack, `T${i}`, {
      onCreate: call(90 - 10 * variant),
      onUpdate: call(90 - 10 * variant),
      onDelete: call(100), // what DESTROY does
      policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: [tdgArn(i)] }),
      installLatestAwsSdk: false,
    });
  },
  async endpoint() {
    const groups = new TrafficDistributionGroups();
    groups.add(uuid(0));
    return AwsEndpoint.start({ model: loadModel('connect'), fakes: groups.fakes });
  },
};

const DOMAIN = 'contact-center-prod';
const typeName = (i: number) => `Order${i}`;
const typeArn = (i: number) => `arn:aws:profile:us-east-1:123456789012:domains/${DOMAIN}/object-types/${typeName(i)}`;

export const profileObjectType: Kind = {
  name: 'ProfileObjectType',
  asset: 'profile-object-type',
  sdkPackage: '@aws-sdk/client-customer-profiles',
  ours(stack, i, variant) {
    new ProfileObjectType(stack, `T${i}`, {
      domainName: DOMAIN,
      objectTypeName: typeName(i),
      description: variant === 0 ? 'Orders from the web shop' : 'Orders from the web shop and the app',
      expiration: Duration.days(365),
      fields: { orderId: { source: '_source.id', target: '_order.OrderId', contentType: FieldContentType.STRING } },
      keys: { orderId: [{ standardIdentifiers: [StandardIdentifier.UNIQUE, StandardIdentifier.ORDER], fieldNames: ['orderId'] }] },
      removalPolicy: RemovalPolicy.DESTROY,
    });
  },
  theirs(stack, i, variant) {
    const put: cr.AwsSdkCall = {
      service: 'CustomerProfiles',
      action: 'PutProfileObjectType',
      parameters: {
        DomainName: DOMAIN,
        ObjectTypeName: typeName(i),
        Description: variant === 0 ? 'Orders from the web shop' : 'Orders from the web shop and the app',
        ExpirationDays: 365,
        Fields: { orderId: { Source: '_source.id', Target: '_order.OrderId', ContentType: 'STRING' } },
        Keys: { orderId: [{ StandardIdentifiers: ['UNIQUE', 'ORDER'], FieldNames: ['orderId'] }] },
      },
      physicalResourceId: cr.PhysicalResourceId.of(typeArn(i)),
    };
    new cr.AwsCustomResource(stack, `T${i}`, {
      onCreate: put,
      onUpdate: put,
      onDelete: { service: 'CustomerProfiles', action: 'DeleteProfileObjectType', parameters: { DomainName: DOMAIN, ObjectTypeName: typeName(i) } },
      policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: [typeArn(i), `arn:aws:profile:us-east-1:123456789012:domains/${DOMAIN}`] }),
      installLatestAwsSdk: false,
    });
  },
  async endpoint() {
    const types = new ProfileObjectTypes();
    types.addDomain(DOMAIN);
    return AwsEndpoint.start({ model: loadModel('customer-profiles'), fakes: types.fakes });
  },
};

const vcId = (i: number) => `abcdef1ghij2klmno${String(i).padStart(5, '0')}`;
const vcArn = (i: number) => `arn:aws:chime:us-east-1:123456789012:vc/${vcId(i)}`;

export const voiceConnectorProxy: Kind = {
  name: 'VoiceConnectorProxy',
  asset: 'voice-connector-proxy',
  sdkPackage: '@aws-sdk/client-chime-sdk-voice',
  ours(stack, i, variant) {
    new VoiceConnectorProxy(stack, `T${i}`, {
      voiceConnectorId: vcId(i),
      defaultSessionExpiry: Duration.minutes(60 + 60 * variant),
      phoneNumberPoolCountries: ['US'],
    });
  },
  theirs(stack, i, variant) {
    const put: cr.AwsSdkCall = {
      service: 'ChimeSDKVoice',
      action: 'PutVoiceConnectorProxy',
      parameters: { VoiceConnectorId: vcId(i), DefaultSessionExpiryMinutes: 60 + 60 * variant, PhoneNumberPoolCountries: ['US'], Disabled: false },
      physicalResourceId: cr.PhysicalResourceId.of(vcId(i)),
    };
    new cr.AwsCustomResource(stack, `T${i}`, {
      onCreate: put,
      onUpdate: put,
      onDelete: { service: 'ChimeSDKVoice', action: 'DeleteVoiceConnectorProxy', parameters: { VoiceConnectorId: vcId(i) } },
      policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: [vcArn(i)] }),
      installLatestAwsSdk: false,
    });
  },
  async endpoint() {
    const chime = new ChimeVoice();
    chime.voiceConnectors.add(vcId(0));
    return AwsEndpoint.start({ model: loadModel('chime-sdk-voice'), fakes: chime.fakes });
  },
};

const SESSION = 'session0001';

export const proxySessionSettings: Kind = {
  name: 'ProxySessionSettings',
  asset: 'proxy-session-settings',
  sdkPackage: '@aws-sdk/client-chime-sdk-voice',
  ours(stack, i, variant) {
    new ProxySessionSettings(stack, `T${i}`, {
      voiceConnectorId: vcId(i),
      proxySessionId: SESSION,
      capabilities: variant === 0 ? [ProxyCapability.VOICE, ProxyCapability.SMS] : [ProxyCapability.VOICE],
      expiry: Duration.minutes(60),
    });
  },
  theirs(stack, i, variant) {
    const update: cr.AwsSdkCall = {
      service: 'ChimeSDKVoice',
      action: 'UpdateProxySession',
      parameters: { VoiceConnectorId: vcId(i), ProxySessionId: SESSION, Capabilities: variant === 0 ? ['Voice', 'SMS'] : ['Voice'], ExpiryMinutes: 60 },
      physicalResourceId: cr.PhysicalResourceId.of(`${vcId(i)}/${SESSION}`),
    };
    new cr.AwsCustomResource(stack, `T${i}`, {
      onCreate: update,
      onUpdate: update,
      policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: [vcArn(i)] }),
      installLatestAwsSdk: false,
    });
  },
  async endpoint() {
    const chime = new ChimeVoice();
    chime.addSession(vcId(0), SESSION);
    return AwsEndpoint.start({ model: loadModel('chime-sdk-voice'), fakes: chime.fakes });
  },
};

const INSTANCE = '11111111-2222-3333-4444-555555555555';
const FLOW = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';

export const outboundVoiceContact: Kind = {
  name: 'OutboundVoiceContact',
  asset: 'outbound-voice-contact',
  sdkPackage: '@aws-sdk/client-connect',
  ours(stack, i, variant) {
    new OutboundVoiceContact(stack, `T${i}`, {
      instanceId: INSTANCE,
      contactFlowId: FLOW,
      destinationPhoneNumber: '+12065550100',
      sourcePhoneNumber: '+12065550199',
      attributes: { check: `deploy-${variant}` },
      ringTimeout: Duration.seconds(30),
    });
  },
  theirs(stack, i, variant) {
    const start: cr.AwsSdkCall = {
      service: 'Connect',
      action: 'StartOutboundVoiceContact',
      parameters: {
        InstanceId: INSTANCE,
        ContactFlowId: FLOW,
        DestinationPhoneNumber: '+12065550100',
        SourcePhoneNumber: '+12065550199',
        Attributes: { check: `deploy-${variant}` },
        RingTimeoutInSeconds: 30,
      },
      physicalResourceId: cr.PhysicalResourceId.fromResponse('ContactId'),
    };
    new cr.AwsCustomResource(stack, `T${i}`, {
      onCreate: start,
      onUpdate: start,
      policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: [`arn:aws:connect:us-east-1:123456789012:instance/${INSTANCE}/contact/*`] }),
      installLatestAwsSdk: false,
    });
  },
  async endpoint() {
    const contacts = new OutboundContacts();
    contacts.instances.add(INSTANCE);
    return AwsEndpoint.start({ model: loadModel('connect'), fakes: contacts.fakes });
  },
};

export const KINDS: Kind[] = [trafficDistribution, profileObjectType, proxySessionSettings, voiceConnectorProxy, outboundVoiceContact];

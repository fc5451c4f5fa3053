/**
 * The two jobs whose template bytes the bench compares for every kind, ours against an AwsCustomResource doing
 * the same job with the same guarantees (IAM on each instance's ARN, in the stack's account and Region):
 *
 * - **simplest**: the construct's required props only, RETAIN where the kind has a removal policy, against an
 *   AwsCustomResource with onCreate and onUpdate (a RETAIN resource calls nothing on delete);
 * - **complete**: DESTROY, so onCreate, onUpdate and onDelete, and the kind's fuller configuration.
 *
 * Keyed by `Kind.name` (bench/kinds.ts), so that the kinds list can change without touching this file.
 */
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Kind } from './kinds';
import {
  OutboundVoiceContact, ProfileObjectType, ProxyCapability, ProxySessionSettings, TrafficDistribution, VoiceConnectorProxy,
} from '../src';

export interface Job {
  /** What the job is, in a few words, for the docs. */
  readonly setup: string;
  ours(stack: Stack, i: number): void;
  theirs(stack: Stack, i: number): void;
}

export interface KindJobs {
  readonly simplest: Job;
  readonly complete: Job;
}

const uuid = (i: number) => `${String(i).padStart(8, '0')}-2222-3333-4444-555555555555`;
const vcId = (i: number) => `abcdef1ghij2klmno${String(i).padStart(5, '0')}`;
/**
 * An ARN in the stack's account and Region for their policy, as a literal string: the fewest bytes it can take
 * (`Stack.formatArn` would add the partition as a `Fn::Join`), so that the ratio is not flattered.
 */
const arn = (stack: Stack, service: string, resource: string) => `arn:aws:${service}:${stack.region}:${stack.account}:${resource}`;
const DOMAIN = 'contact-center-prod';
const SESSION = 'session0001';
const INSTANCE = '11111111-2222-3333-4444-555555555555';
const FLOW = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
const retainJob = (setup: string, ours: Job['ours'], call: (stack: Stack, i: number) => cr.AwsSdkCall, resources: (stack: Stack, i: number) => string[]): Job => ({
  setup,
  ours,
  theirs(stack, i) {
    new cr.AwsCustomResource(stack, `T${i}`, {
      onCreate: call(stack, i),
      onUpdate: call(stack, i),
      policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: resources(stack, i) }),
      installLatestAwsSdk: false,
    });
  },
});
/** The kind's own bench configuration (bench/kinds.ts), deployed configuration. */
const asInKinds = (kind: Kind | undefined, setup: string): Job => ({
  setup,
  ours: (stack, i) => kind!.ours(stack, i, 0),
  theirs: (stack, i) => kind!.theirs(stack, i, 0),
});

/** The jobs of each kind; `kinds` gives the kinds whose complete job is their bench configuration. */
export function jobsOf(kinds: Kind[]): Record<string, KindJobs> {
  const kind = (name: string) => kinds.find((k) => k.name === name);
  return {
    TrafficDistribution: {
      simplest: retainJob(
        'a bare group ID, telephony only, RETAIN',
        (stack, i) => new TrafficDistribution(stack, `T${i}`, {
          trafficDistributionGroup: uuid(i),
          telephonyConfig: { distributions: [{ region: 'us-east-1', percentage: 90 }, { region: 'us-west-2', percentage: 10 }] },
        }),
        (_stack, i) => ({
          service: 'Connect',
          action: 'UpdateTrafficDistribution',
          parameters: { Id: uuid(i), TelephonyConfig: { Distributions: [{ Region: 'us-east-1', Percentage: 90 }, { Region: 'us-west-2', Percentage: 10 }] } },
          physicalResourceId: cr.PhysicalResourceId.of(uuid(i)),
        }),
        (stack, i) => [arn(stack, 'connect', `traffic-distribution-group/${uuid(i)}`)],
      ),
      complete: asInKinds(kind('TrafficDistribution'), 'a group ARN, telephony and agent configs, DESTROY'),
    },
    ProfileObjectType: {
      simplest: retainJob(
        'domain, name and description, no fields or keys, RETAIN',
        (stack, i) => new ProfileObjectType(stack, `T${i}`, { domainName: DOMAIN, objectTypeName: `Order${i}`, description: 'Orders' }),
        (_stack, i) => ({
          service: 'CustomerProfiles',
          action: 'PutProfileObjectType',
          parameters: { DomainName: DOMAIN, ObjectTypeName: `Order${i}`, Description: 'Orders' },
          physicalResourceId: cr.PhysicalResourceId.of(`Order${i}`),
        }),
        (stack, i) => [arn(stack, 'profile', `domains/${DOMAIN}/object-types/Order${i}`), arn(stack, 'profile', `domains/${DOMAIN}`)],
      ),
      complete: asInKinds(kind('ProfileObjectType'), 'one field, one key, an expiration, DESTROY'),
    },
    ProxySessionSettings: {
      simplest: retainJob(
        'voice connector, session and one capability, RETAIN',
        (stack, i) => new ProxySessionSettings(stack, `T${i}`, { voiceConnectorId: vcId(i), proxySessionId: SESSION, capabilities: [ProxyCapability.VOICE] }),
        (_stack, i) => ({
          service: 'ChimeSDKVoice',
          action: 'UpdateProxySession',
          parameters: { VoiceConnectorId: vcId(i), ProxySessionId: SESSION, Capabilities: ['Voice'] },
          physicalResourceId: cr.PhysicalResourceId.of(`${vcId(i)}/${SESSION}`),
        }),
        (stack, i) => [arn(stack, 'chime', `vc/${vcId(i)}`)],
      ),
      complete: {
        setup: 'two capabilities and an expiry, DESTROY (theirs puts fixed original settings back on delete)',
        ours: (stack, i) => new ProxySessionSettings(stack, `T${i}`, {
          voiceConnectorId: vcId(i),
          proxySessionId: SESSION,
          capabilities: [ProxyCapability.VOICE, ProxyCapability.SMS],
          expiry: Duration.minutes(60),
          removalPolicy: RemovalPolicy.DESTROY,
        }),
        theirs(stack, i) {
          const update = (capabilities: string[], expiryMinutes: number): cr.AwsSdkCall => ({
            service: 'ChimeSDKVoice',
            action: 'UpdateProxySession',
            parameters: { VoiceConnectorId: vcId(i), ProxySessionId: SESSION, Capabilities: capabilities, ExpiryMinutes: expiryMinutes },
            physicalResourceId: cr.PhysicalResourceId.of(`${vcId(i)}/${SESSION}`),
          });
          new cr.AwsCustomResource(stack, `T${i}`, {
            onCreate: update(['Voice', 'SMS'], 60),
            onUpdate: update(['Voice', 'SMS'], 60),
            onDelete: update(['Voice'], 30),
            policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: [arn(stack, 'chime', `vc/${vcId(i)}`)] }),
            installLatestAwsSdk: false,
          });
        },
      },
    },
    VoiceConnectorProxy: {
      simplest: retainJob(
        'voice connector, expiry and one country, RETAIN',
        (stack, i) => new VoiceConnectorProxy(stack, `T${i}`, {
          voiceConnectorId: vcId(i), defaultSessionExpiry: Duration.minutes(60), phoneNumberPoolCountries: ['US'], removalPolicy: RemovalPolicy.RETAIN,
        }),
        (_stack, i) => ({
          service: 'ChimeSDKVoice',
          action: 'PutVoiceConnectorProxy',
          parameters: { VoiceConnectorId: vcId(i), DefaultSessionExpiryMinutes: 60, PhoneNumberPoolCountries: ['US'] },
          physicalResourceId: cr.PhysicalResourceId.of(vcId(i)),
        }),
        (stack, i) => [arn(stack, 'chime', `vc/${vcId(i)}`)],
      ),
      complete: asInKinds(kind('VoiceConnectorProxy'), 'voice connector, expiry and one country, DESTROY (the default)'),
    },
    OutboundVoiceContact: {
      simplest: retainJob(
        'instance, flow, destination and source numbers, RETAIN',
        (stack, i) => new OutboundVoiceContact(stack, `T${i}`, {
          instanceId: INSTANCE, contactFlowId: FLOW, destinationPhoneNumber: '+12065550100', sourcePhoneNumber: '+12065550199',
        }),
        () => ({
          service: 'Connect',
          action: 'StartOutboundVoiceContact',
          parameters: { InstanceId: INSTANCE, ContactFlowId: FLOW, DestinationPhoneNumber: '+12065550100', SourcePhoneNumber: '+12065550199' },
          physicalResourceId: cr.PhysicalResourceId.fromResponse('ContactId'),
        }),
        (stack) => [arn(stack, 'connect', `instance/${INSTANCE}/contact/*`)],
      ),
      complete: {
        setup: 'attributes and a ring timeout, DESTROY (StopContact on delete)',
        ours: (stack, i) => new OutboundVoiceContact(stack, `T${i}`, {
          instanceId: INSTANCE,
          contactFlowId: FLOW,
          destinationPhoneNumber: '+12065550100',
          sourcePhoneNumber: '+12065550199',
          attributes: { check: 'deploy-0' },
          ringTimeout: Duration.seconds(30),
          removalPolicy: RemovalPolicy.DESTROY,
        }),
        theirs(stack, i) {
          const start: cr.AwsSdkCall = {
            service: 'Connect',
            action: 'StartOutboundVoiceContact',
            parameters: {
              InstanceId: INSTANCE,
              ContactFlowId: FLOW,
              DestinationPhoneNumber: '+12065550100',
              SourcePhoneNumber: '+12065550199',
              Attributes: { check: 'deploy-0' },
              RingTimeoutInSeconds: 30,
            },
            physicalResourceId: cr.PhysicalResourceId.fromResponse('ContactId'),
          };
          new cr.AwsCustomResource(stack, `T${i}`, {
            onCreate: start,
            onUpdate: start,
            onDelete: {
              service: 'Connect',
              action: 'StopContact',
              parameters: { InstanceId: INSTANCE, ContactId: new cr.PhysicalResourceIdReference() },
            },
            policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: [arn(stack, 'connect', `instance/${INSTANCE}/contact/*`)] }),
            installLatestAwsSdk: false,
          });
        },
      },
    },
  };
}

/** OutboundVoiceContact in the test registry. */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import * as cr from 'aws-cdk-lib/custom-resources';
import { literalArn, PII, retainingAwsCustomResource } from './common';
import { Identity, KindEntry, State, Version } from './types';
import { OutboundVoiceContact } from '../../../src';
import { OUTBOUND_VOICE_CONTACT } from '../../../src/private/rules/outbound-voice-contact';
import { OutboundContacts } from '../fakes/outbound-contacts';
import { ParameterStore } from '../fakes/parameters';

export const INSTANCE_ID = '99999999-8888-7777-6666-555555555555';
export const ON_CALL_PARAMETER = '/on-call/number';
export const ON_CALL_KEY_ARN = 'arn:aws:kms:us-east-1:123456789012:key/0c4f2bf6-1111-2222-3333-444455556666';
export const FLOW_ID = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';

export const contacts = new OutboundContacts();
/** The parameters a call may read its destination from. */
export const parameters = new ParameterStore();

const INSTANCE = '11111111-2222-3333-4444-555555555555';
/** A call is told apart by its greeting attribute: the identity and the version, e.g. "A1". */
const callOf = (i: Identity, v: Version) => `${i}${v}`;

export const outboundVoiceContact: KindEntry = {
  name: 'OutboundVoiceContact',
  kind: OUTBOUND_VOICE_CONTACT,
  iamPrefix: 'connect',
  fake: { service: 'connect', fakes: contacts.fakes },
  moreFakes: [{ service: 'ssm', fakes: parameters.fakes }],
  sdkPackage: '@aws-sdk/client-connect',

  contract: {
    mutation: 'StartOutboundVoiceContact',
    deletion: 'StopContact',
    // Another Create event reaches the service (the container's memory answers only a repeat of the same event),
    // whose ClientToken gives back the contact it started: the same contact, no second call.
    createCreate: 'idempotent',
    // A changed call is a new call (a new physical ID); an unchanged one calls nothing: nothing is updated in place.
    updateWithoutCreate: 'not-applicable',
    updatesInPlace: false,
    reset() {
      contacts.reset();
      contacts.instances.add(INSTANCE);
    },
    props: (i, v = 1, policy = 'retain') => ({
      InstanceId: INSTANCE,
      ContactFlowId: FLOW_ID,
      DestinationPhoneNumber: i === 'A' ? '+12065550100' : '+12065550101',
      SourcePhoneNumber: '+12065550199',
      Attributes: { greeting: callOf(i, v) },
      RingTimeout: 30,
      RemovalPolicy: policy,
    }),
    state() {
      const calls: State = {};
      for (const c of contacts.contacts) {
        const key = c.input.Attributes.greeting;
        const s = (calls[key] ?? { placed: 0, inProgress: 0, stopped: 0 }) as Record<string, number>;
        calls[key] = { placed: s.placed + 1, inProgress: s.inProgress + (c.state === 'active' ? 1 : 0), stopped: s.stopped + (c.stoppedByApi ? 1 : 0) };
      }
      return calls;
    },
    applied: (i, v) => ({ [callOf(i, v)]: { placed: 1, inProgress: 1, stopped: 0 } }),
    destroyed: (i, v) => ({ [callOf(i, v)]: { placed: 1, inProgress: 0, stopped: 1 } }),
    // The stopped call stays in the record; the new deployment places the call once more.
    recreated: (i) => ({ [callOf(i, 1)]: { placed: 2, inProgress: 1, stopped: 1 } }),
    // The newest contact of that call.
    physicalId: (i, v) => contacts.contacts.filter((c) => c.input.Attributes.greeting === callOf(i, v)).pop()?.id ?? '(no call placed)',
    attributes: () => undefined,
    vanish: (i) => contacts.contacts.filter((c) => c.input.Attributes.greeting.startsWith(i)).forEach((c) => contacts.hangUp(c.id)),
    invalid: { overrides: { RingTimeout: 90 }, reason: 'Invalid properties: ringTimeout: must be a whole number of seconds from 15 to 60, got 90' },
  },

  lifecycle: {
    reset() {
      contacts.reset();
      contacts.instances.add(INSTANCE);
    },
    add: (scope, id, target, removalPolicy) => new OutboundVoiceContact(scope, id, {
      instanceId: INSTANCE, contactFlowId: FLOW_ID, destinationPhoneNumber: `+1206555020${target}`, sourcePhoneNumber: '+12065550199', removalPolicy,
    }),
    state(target) {
      const calls = contacts.contacts.filter((c) => c.input.DestinationPhoneNumber === `+1206555020${target}`);
      if (calls.length === 0) return 'no call';
      return calls.map((c) => (c.stoppedByApi ? 'stopped' : c.state === 'active' ? 'in progress' : 'ended')).join(', ');
    },
    applied: 'in progress',
    destroyed: 'stopped',
  },

  instance: (scope, id, _i, variant) => new OutboundVoiceContact(scope, id, {
    instanceId: INSTANCE,
    contactFlowId: FLOW_ID,
    destinationPhoneNumber: '+12065550100',
    sourcePhoneNumber: '+12065550199',
    attributes: { check: `deploy-${variant}` },
    ringTimeout: Duration.seconds(30),
    removalPolicy: RemovalPolicy.DESTROY,
  }),
  prepare: () => contacts.instances.add(INSTANCE),
  awsCustomResource(scope, id, _i, variant) {
    const start: cr.AwsSdkCall = {
      service: 'Connect',
      action: 'StartOutboundVoiceContact',
      parameters: {
        InstanceId: INSTANCE,
        ContactFlowId: FLOW_ID,
        DestinationPhoneNumber: '+12065550100',
        SourcePhoneNumber: '+12065550199',
        Attributes: { check: `deploy-${variant}` },
        RingTimeoutInSeconds: 30,
      },
      physicalResourceId: cr.PhysicalResourceId.fromResponse('ContactId'),
    };
    new cr.AwsCustomResource(scope, id, {
      onCreate: start,
      onUpdate: start,
      onDelete: { service: 'Connect', action: 'StopContact', parameters: { InstanceId: INSTANCE, ContactId: new cr.PhysicalResourceIdReference() } },
      policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: [`arn:aws:connect:us-east-1:123456789012:instance/${INSTANCE}/contact/*`] }),
      installLatestAwsSdk: false,
    });
  },

  completeSetup: 'attributes and a ring timeout, DESTROY (StopContact on delete)',
  simplest: {
    setup: 'instance, flow, destination and source numbers, RETAIN',
    instance: (scope, id) => new OutboundVoiceContact(scope, id, {
      instanceId: INSTANCE, contactFlowId: FLOW_ID, destinationPhoneNumber: '+12065550100', sourcePhoneNumber: '+12065550199',
    }),
    awsCustomResource: (scope, id) => retainingAwsCustomResource(scope, id, {
      service: 'Connect',
      action: 'StartOutboundVoiceContact',
      parameters: { InstanceId: INSTANCE, ContactFlowId: FLOW_ID, DestinationPhoneNumber: '+12065550100', SourcePhoneNumber: '+12065550199' },
      physicalResourceId: cr.PhysicalResourceId.fromResponse('ContactId'),
    }, [literalArn('connect', `instance/${INSTANCE}/contact/*`)]),
  },

  everyConstruct(stack, param) {
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
    // The number only in a SecureString parameter, under a key of the user's.
    const key = kms.Key.fromKeyArn(stack, 'OnCallKey', ON_CALL_KEY_ARN);
    new OutboundVoiceContact(stack, 'OnCallFromParameter', {
      instanceId: INSTANCE_ID,
      contactFlowId: FLOW_ID,
      destinationPhoneNumberParameter: ssm.StringParameter.fromSecureStringParameterAttributes(stack, 'OnCallNumberParameter', { parameterName: ON_CALL_PARAMETER, encryptionKey: key }),
      destinationPhoneNumberKey: key,
      sourcePhoneNumber: PII.source,
    });
  },
};

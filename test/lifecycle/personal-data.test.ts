/**
 * OutboundVoiceContact with its destination number in an SSM parameter, deployed with IAM evaluated: the number
 * appears in no template, stack parameter, CloudFormation event, log or attribute; the handler reads it at deploy
 * time, and may read that one parameter only (and decrypt with that one key).
 */
import { Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { LocalCloudFormation, synthesize } from './stack-harness';
import { OutboundVoiceContact } from '../../src';
import { servicesOf } from '../support/kinds';
import { contacts, FLOW_ID, parameters } from '../support/kinds/outbound-voice-contact';

// Every handler runs in a process of its own, as Lambda runs it: a stack's deployment takes seconds.
jest.setTimeout(120_000);

const INSTANCE = '11111111-2222-3333-4444-555555555555';
const NUMBER = '+12065550142';
const KEY_ARN = 'arn:aws:kms:us-east-1:123456789012:key/0c4f2bf6-1111-2222-3333-444455556666';
const OTHER_KEY_ARN = 'arn:aws:kms:us-east-1:123456789012:key/99999999-1111-2222-3333-444455556666';
let cfn: LocalCloudFormation;

beforeEach(async () => {
  contacts.reset();
  contacts.instances.add(INSTANCE);
  parameters.parameters.clear();
  parameters.parameters.set('/on-call/number', { value: NUMBER, type: 'SecureString', keyArn: KEY_ARN });
  parameters.parameters.set('/payroll/secret', { value: 'not yours', type: 'SecureString', keyArn: OTHER_KEY_ARN });
  cfn = await LocalCloudFormation.start(...servicesOf());
});

afterEach(async () => cfn.close());

const app = (withKey = true) => synthesize((stack: Stack) => {
  const key = kms.Key.fromKeyArn(stack, 'Key', KEY_ARN);
  new OutboundVoiceContact(stack, 'Page', {
    instanceId: INSTANCE,
    contactFlowId: FLOW_ID,
    destinationPhoneNumberParameter: ssm.StringParameter.fromSecureStringParameterAttributes(stack, 'Number', { parameterName: '/on-call/number', encryptionKey: key }),
    destinationPhoneNumberKey: withKey ? key : undefined,
    sourcePhoneNumber: '+12065550199',
  });
});

test('the handler reads the number at deploy and calls it; the number is in no template, event, log or answer', async () => {
  const stack = app();
  const outcome = await cfn.deploy(stack);
  expect(outcome.failures).toEqual([]);
  expect(contacts.contacts.map((c) => c.input.DestinationPhoneNumber)).toEqual([NUMBER]);
  const seen = JSON.stringify([stack.template, cfn.invocations.map((i) => [i.event, i.response, i.logs])]);
  for (const form of [NUMBER, NUMBER.slice(1)]) expect(seen).not.toContain(form);
  expect(cfn.denied).toEqual([]);
});

test('the handler may read that one parameter and decrypt with that one key, nothing else', async () => {
  await cfn.deploy(app());
  const role = 'CcrOutboundVoiceContactRole';
  expect(cfn.authorize(role, 'ssm:GetParameter', 'arn:aws:ssm:us-east-1:123456789012:parameter/on-call/number')).toBeUndefined();
  // The key only through SSM (kms:ViaService), as GetParameter uses it: never directly.
  expect(cfn.authorize(role, 'kms:Decrypt', KEY_ARN, { 'kms:ViaService': 'ssm.us-east-1.amazonaws.com' })).toBeUndefined();
  expect(cfn.authorize(role, 'kms:Decrypt', KEY_ARN)).toMatch(/is not authorized to perform: kms:Decrypt/);
  expect(cfn.authorize(role, 'kms:Decrypt', KEY_ARN, { 'kms:ViaService': 'secretsmanager.us-east-1.amazonaws.com' })).toMatch(/is not authorized to perform: kms:Decrypt/);
  expect(cfn.authorize(role, 'ssm:GetParameter', 'arn:aws:ssm:us-east-1:123456789012:parameter/payroll/secret')).toMatch(/is not authorized to perform: ssm:GetParameter/);
  expect(cfn.authorize(role, 'kms:Decrypt', OTHER_KEY_ARN)).toMatch(/is not authorized to perform: kms:Decrypt/);
});

test('a SecureString under a key the handler may not use fails the deploy with the service\'s reason, and calls no one', async () => {
  const outcome = await cfn.deploy(app(false));
  expect(outcome.status).toBe('ROLLBACK_COMPLETE');
  expect(outcome.failures[0].reason).toMatch(/^GetParameter failed: AccessDeniedException: User: .* is not authorized to perform: kms:Decrypt on resource: arn:aws:kms:/);
  expect(contacts.contacts).toEqual([]);
});

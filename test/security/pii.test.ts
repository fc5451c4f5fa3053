/**
 * No personal data in logs, failure reasons, returned attributes or template outputs: phone numbers (the call's
 * destination and source, the proxy's fall-back number, the proxy session's participants), contact attribute values,
 * and the object type's description and field definitions (sensitive in the Customer Profiles model).
 * Each handler is driven through success and through failures whose service message echoes the values.
 */
import { randomUUID } from 'crypto';
import { Template } from 'aws-cdk-lib/assertions';
import { everyConstructStack, PII } from './every-construct';
import { LocalServices, startLocalServices } from './local-services';
import { redact } from '../../lambda/core';
import { ServiceError } from '../support/aws-endpoint';
import { Invocation } from '../support/cloudformation';
import { chime } from '../support/kinds/chime-voice';
import { contacts } from '../support/kinds/outbound-voice-contact';
import { profiles } from '../support/kinds/profile-object-type';

const INSTANCE = '99999999-8888-7777-6666-555555555555';
const VC = 'abcdef1ghij2klmno3pqr4';
const PARTICIPANTS = ['+12065550100', '+12065550101'];
const NAME = 'Jane Doe, account 4711';

/** Each value in full, and a phone number without its "+" as well. */
const forms = (values: string[]) => values.flatMap((v) => (v.startsWith('+') ? [v, v.slice(1)] : [v]));

function expectNoneOf(values: string[], invocation: Invocation): void {
  const seen = `${invocation.logs}\n${invocation.response.Reason ?? ''}\n${JSON.stringify(invocation.response.Data ?? {})}`;
  for (const value of forms(values)) expect(seen).not.toContain(value);
}

let local: LocalServices;

beforeAll(async () => {
  local = await startLocalServices();
});

afterAll(async () => {
  await local.close();
});

beforeEach(() => {
  profiles.domains.clear();
  profiles.addDomain('contact-center-prod');
  chime.reset();
  chime.voiceConnectors.add(VC);
  chime.addSession(VC, 'session-1');
  contacts.reset();
  contacts.instances.add(INSTANCE);
});

afterEach(() => {
  expect(local.endpoint.rejected).toEqual([]);
  expect(local.endpoint.defects).toEqual([]);
});

describe('OutboundVoiceContact: phone numbers, attribute values, name and description', () => {
  const secrets = [PII.destination, PII.source, PII.attributeValue, NAME, 'Call about the overdue invoice'];
  const props = {
    InstanceId: INSTANCE,
    ContactFlowId: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
    DestinationPhoneNumber: PII.destination,
    SourcePhoneNumber: PII.source,
    Attributes: { customerEmail: PII.attributeValue },
    Name: NAME,
    Description: 'Call about the overdue invoice',
    RemovalPolicy: 'destroy',
  };
  // A fresh CallAgainToken per request: the handler remembers the calls it placed, by idempotency token.
  const create = () => local.cfn.request(local.handlers['outbound-voice-contact'], {
    RequestType: 'Create', ResourceProperties: { ...props, CallAgainToken: randomUUID() },
  });

  test('success: the call is logged with the destination masked', async () => {
    const invocation = await create();
    expect(invocation.response.Status).toBe('SUCCESS');
    expect(invocation.logs).toContain(`"destination":"${PII.destination.slice(0, 3)}`);
    expectNoneOf(secrets, invocation);
  });

  test('a service message that echoes every value, in any layout, reaches neither the logs nor the reason', async () => {
    local.echo('StartOutboundVoiceContact', (input) => new ServiceError('InvalidParameterException',
      `cannot call number:${input.DestinationPhoneNumber} (${input.DestinationPhoneNumber.slice(1)}) from/${input.SourcePhoneNumber}; `
      + `attributes=${JSON.stringify(input.Attributes)} name="${input.Name}" description=${input.Description}`));
    const invocation = await create();
    expect(invocation.response.Status).toBe('FAILED');
    expect(invocation.response.Reason).toMatch(/^StartOutboundVoiceContact failed: InvalidParameterException: cannot call number:\+12\*+42/);
    expectNoneOf(secrets, invocation);
  });

  test('a rule broken at deploy shows the number masked', async () => {
    const invocation = await local.cfn.request(local.handlers['outbound-voice-contact'], {
      RequestType: 'Create', ResourceProperties: { ...props, DestinationPhoneNumber: '0012065550142' },
    });
    expect(invocation.response.Status).toBe('FAILED');
    expectNoneOf([...secrets, '0012065550142'], invocation);
  });

  test('DESTROY: a failing StopContact reaches neither logs nor reason with the call\'s values', async () => {
    const created = await create();
    local.echo('StopContact', () => new ServiceError('InvalidRequestException', `contact to ${PII.destination} cannot be stopped`));
    const invocation = await local.cfn.request(local.handlers['outbound-voice-contact'], {
      RequestType: 'Delete', PhysicalResourceId: created.response.PhysicalResourceId, ResourceProperties: props,
    });
    expect(invocation.response.Status).toBe('FAILED');
    expectNoneOf(secrets, invocation);
  });
});

describe('VoiceConnectorProxy: the fall-back number', () => {
  const props = { VoiceConnectorId: VC, DefaultSessionExpiryMinutes: 60, PhoneNumberPoolCountries: ['US'], FallBackPhoneNumber: PII.fallBack, Disabled: false, RemovalPolicy: 'destroy' };
  const create = () => local.cfn.request(local.handlers['voice-connector-proxy'], { RequestType: 'Create', ResourceProperties: props });

  test('success: the number is stored, and neither logged nor returned as an attribute', async () => {
    const invocation = await create();
    expect(invocation.response.Status).toBe('SUCCESS');
    expect(chime.proxies.get(VC)!.fallBackPhoneNumber).toBe(PII.fallBack);
    expectNoneOf([PII.fallBack], invocation);
  });

  test.each([
    (n: string) => `Invalid FallBackPhoneNumber:${n}`,
    (n: string) => `Invalid fall-back number ${n.slice(1)}`,
    (n: string) => `{"FallBackPhoneNumber":"${n}"} is not allowed`,
  ])('a service message that echoes the number reaches neither the logs nor the reason (%#)', async (message) => {
    local.echo('PutVoiceConnectorProxy', (input) => new ServiceError('BadRequestException', message(input.FallBackPhoneNumber)));
    const invocation = await create();
    expect(invocation.response.Status).toBe('FAILED');
    expect(invocation.response.Reason).toMatch(/^PutVoiceConnectorProxy failed: BadRequestException: /);
    expectNoneOf([PII.fallBack], invocation);
  });
});

describe('ProxySessionSettings: the participants\' numbers', () => {
  const props = { VoiceConnectorId: VC, ProxySessionId: 'session-1', Capabilities: ['Voice', 'SMS'], ExpiryMinutes: 90, RemovalPolicy: 'destroy' };
  const create = () => local.cfn.request(local.handlers['proxy-session-settings'], { RequestType: 'Create', ResourceProperties: props });

  test('success: the session is read and updated, and its participants\' numbers never leave the handler', async () => {
    const invocation = await create();
    expect(invocation.response.Status).toBe('SUCCESS');
    // The proxy numbers come from the account's own pool: they are returned on purpose.
    expect(invocation.response.Data).toMatchObject({ ProxyPhoneNumbers: '+12065550199,+12065550198' });
    expectNoneOf(PARTICIPANTS, invocation);
  });

  test('a service message that echoes a participant\'s number reaches neither the logs nor the reason', async () => {
    local.echo('UpdateProxySession', () => new ServiceError('BadRequestException',
      `participant:${PARTICIPANTS[0]} has opted out; participant ${PARTICIPANTS[1].slice(1)} too`));
    const invocation = await create();
    expect(invocation.response.Status).toBe('FAILED');
    expect(invocation.response.Reason).toMatch(/^UpdateProxySession failed: BadRequestException: participant:\+12\*+00 has opted out/);
    expectNoneOf(PARTICIPANTS, invocation);
  });

  test('DESTROY: a failing restore reaches neither logs nor reason with the numbers', async () => {
    const created = await create();
    local.echo('UpdateProxySession', () => new ServiceError('ForbiddenException', `not allowed for ${PARTICIPANTS[0]}`));
    const invocation = await local.cfn.request(local.handlers['proxy-session-settings'], {
      RequestType: 'Delete', PhysicalResourceId: created.response.PhysicalResourceId, ResourceProperties: props,
    });
    expect(invocation.response.Status).toBe('FAILED');
    expectNoneOf(PARTICIPANTS, invocation);
  });
});

describe('ProfileObjectType: description and field definitions', () => {
  const secrets = [PII.description, PII.fieldSource, '_order.Attributes.CustomerSsn'];
  const props = {
    DomainName: 'contact-center-prod',
    ObjectTypeName: 'Orders',
    Description: PII.description,
    Fields: { ssn: { Source: PII.fieldSource, Target: '_order.Attributes.CustomerSsn' } },
    Keys: { ssn: [{ FieldNames: ['ssn'], StandardIdentifiers: ['UNIQUE'] }] },
    RemovalPolicy: 'retain',
  };
  const create = (overrides: Record<string, unknown> = {}) => local.cfn.request(local.handlers['profile-object-type'], {
    RequestType: 'Create', ResourceProperties: { ...props, ...overrides },
  });

  test('success: the definition is put, and neither logged nor returned', async () => {
    const invocation = await create();
    expect(invocation.response.Status).toBe('SUCCESS');
    expect(profiles.get('contact-center-prod', 'Orders')!.definition.Description).toBe(PII.description);
    expectNoneOf(secrets, invocation);
  });

  test('a service message that echoes the definition reaches neither the logs nor the reason', async () => {
    local.echo('PutProfileObjectType', (input) => new ServiceError('BadRequestException',
      `Invalid field mapping ${JSON.stringify(input.Fields)} for "${input.Description}"`));
    const invocation = await create();
    expect(invocation.response.Status).toBe('FAILED');
    expect(invocation.response.Reason).toMatch(/^PutProfileObjectType failed: BadRequestException: Invalid field mapping/);
    expectNoneOf(secrets, invocation);
  });

  test('an update whose put fails does not leak the new definition either', async () => {
    const created = await create();
    const description = 'Orders with the customers card details';
    local.echo('PutProfileObjectType', (input) => new ServiceError('BadRequestException', `Description "${input.Description}" is too revealing`));
    const invocation = await local.cfn.request(local.handlers['profile-object-type'], {
      RequestType: 'Update', PhysicalResourceId: created.response.PhysicalResourceId, OldResourceProperties: props, ResourceProperties: { ...props, Description: description },
    });
    expect(invocation.response.Status).toBe('FAILED');
    expectNoneOf([description], invocation);
  });

  test.each([
    [{ Description: `${PII.description} ${'x'.repeat(1000)}` }, 'description: must be 1 to 1000 characters long, got "1039 characters"'],
    [{ Fields: { ssn: { Source: `${PII.fieldSource}${'x'.repeat(1000)}`, Target: '_order.Attributes.CustomerSsn' } } }, 'fields.ssn.source: must be 1 to 1000 characters long, got "1036 characters"'],
  ])('a rule broken at deploy gives the length, not the text (%#)', async (overrides, reason) => {
    const invocation = await create(overrides);
    expect(invocation.response).toMatchObject({ Status: 'FAILED', Reason: `Invalid properties: ${reason}` });
    expectNoneOf(secrets, invocation);
  });
});

test.each([
  ['number:+12065550100', 'number:+12*******00'],
  ['to/+441632960961.', 'to/+44********61.'],
  ['arn:aws:connect:us-east-1:123456789012:instance/x', 'arn:aws:connect:us-east-1:123456789012:instance/x'],
])('a "+" marks a phone number wherever it stands; ARNs stay readable: %s', (text, expected) => {
  expect(redact(text)).toBe(expected);
});

describe('the synthesized template', () => {
  const template = Template.fromStack(everyConstructStack()).toJSON();

  test('has no outputs', () => {
    expect(template.Outputs).toBeUndefined();
  });

  test('holds the personal data only in the properties of the custom resources that need them', () => {
    const values = forms(Object.values(PII));
    for (const [id, resource] of Object.entries<any>(template.Resources)) {
      if (resource.Type.startsWith('Custom::')) continue;
      for (const value of values) expect(`${id}: ${JSON.stringify(resource)}`).not.toContain(value);
    }
    expect(JSON.stringify(template.Parameters ?? {})).not.toMatch(/\+\d{7}/);
  });
});

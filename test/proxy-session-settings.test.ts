import { App, CfnParameter, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { ProxyCapability, ProxySessionSettings, ProxySessionSettingsProps } from '../src';
import { HANDLER_RESOURCE_TYPES, handlerStatements } from './support/handler-policy';

const VC = 'abcdef1ghij2klmno3pqr4';
const SESSION = '123a4bc5-67d8-901e-2f3g-h4ghjk56789l';
const TYPE = 'Custom::ChimeProxySessionSettings';

function stack() {
  return new Stack(new App(), 'Stack', { env: { account: '123456789012', region: 'us-east-1' } });
}

function synth(props: Partial<ProxySessionSettingsProps> = {}) {
  const s = stack();
  const settings = new ProxySessionSettings(s, 'MaskedCalls', {
    voiceConnectorId: VC, proxySessionId: SESSION, capabilities: [ProxyCapability.VOICE, ProxyCapability.SMS], expiry: Duration.minutes(60), ...props,
  });
  return { stack: s, settings, template: Template.fromStack(s) };
}

function expectInvalid(props: Partial<ProxySessionSettingsProps>, message: string) {
  expect(() => synth(props)).toThrow(message);
}

const statementsOf = (template: Template) => handlerStatements(template);
const vcArn = (id: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:chime:us-east-1:123456789012:vc/${id}`]] });

describe('resources', () => {
  test('one custom resource carries exactly the settings given', () => {
    const { template } = synth({ removalPolicy: RemovalPolicy.DESTROY });
    template.resourceCountIs(TYPE, 1);
    template.hasResourceProperties(TYPE, {
      VoiceConnectorId: VC, ProxySessionId: SESSION, Capabilities: ['Voice', 'SMS'], ExpiryMinutes: 60, RemovalPolicy: 'destroy', ServiceTimeout: '420',
    });
  });

  test('without an expiry none is sent, and RETAIN is the default', () => {
    const { template } = synth({ expiry: undefined });
    template.hasResourceProperties(TYPE, { ExpiryMinutes: Match.absent(), RemovalPolicy: Match.absent() });
  });

  test('an expiry given in hours is sent in minutes', () => {
    synth({ expiry: Duration.hours(2) }).template.hasResourceProperties(TYPE, { ExpiryMinutes: 120 });
  });

  test('the handler: its own function, role and log group, shared by every instance', () => {
    const s = stack();
    for (let i = 0; i < 20; i++) new ProxySessionSettings(s, `S${i}`, { voiceConnectorId: VC, proxySessionId: `session-${i}`, capabilities: [ProxyCapability.SMS] });
    const types = Object.values(Template.fromStack(s).toJSON().Resources).map((r: any) => r.Type);
    expect(types.filter((t) => t === TYPE)).toHaveLength(20);
    expect(types.filter((t) => t !== TYPE).sort()).toEqual(HANDLER_RESOURCE_TYPES);
    Template.fromStack(s).hasResourceProperties('AWS::Lambda::Function', { Runtime: 'nodejs24.x', Architectures: ['arm64'], Timeout: 300 });
  });
});

describe('IAM', () => {
  // DESTROY restores a session in CloudFormation's cleanup phase, when the instance's own ARN may have left the
  // policy: the two actions name the voice connectors of the stack's account and Region (docs/security.md).
  test('only UpdateProxySession and the read it needs, on the voice connectors of the stack\'s account and Region', () => {
    const { template } = synth();
    expect(statementsOf(template).slice(1)).toEqual([
      { Effect: 'Allow', Action: ['cloudformation:DescribeStackEvents', 'cloudformation:DescribeStackResource', 'cloudformation:DescribeStacks'], Resource: { Ref: 'AWS::StackId' } },
      { Effect: 'Allow', Action: ['chime:GetProxySession', 'chime:UpdateProxySession'], Resource: [vcArn('*')] },
    ]);
    template.resourceCountIs('AWS::IAM::Policy', 0);
  });

  test('sessions on several voice connectors, literal or token, share that one statement', () => {
    const s = stack();
    new ProxySessionSettings(s, 'A', { voiceConnectorId: VC, proxySessionId: 'a', capabilities: [ProxyCapability.VOICE] });
    new ProxySessionSettings(s, 'C', { voiceConnectorId: 'other', proxySessionId: 'c', capabilities: [ProxyCapability.VOICE] });
    const vc = new CfnParameter(s, 'Vc');
    const settings = new ProxySessionSettings(s, 'S', { voiceConnectorId: vc.valueAsString, proxySessionId: SESSION, capabilities: [ProxyCapability.VOICE] });
    expect(statementsOf(Template.fromStack(s)).slice(2)).toEqual([
      { Effect: 'Allow', Action: ['chime:GetProxySession', 'chime:UpdateProxySession'], Resource: [vcArn('*')] },
    ]);
    expect(s.resolve(settings.voiceConnectorArn)).toEqual({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':chime:us-east-1:123456789012:vc/', { Ref: 'Vc' }]],
    });
  });
});

describe('attributes', () => {
  test.each([
    ['status', 'Status'], ['capabilitiesInEffect', 'Capabilities'], ['proxyPhoneNumbers', 'ProxyPhoneNumbers'],
    ['createdTimestamp', 'CreatedTimestamp'], ['updatedTimestamp', 'UpdatedTimestamp'], ['endedTimestamp', 'EndedTimestamp'],
  ])('%s reads the %s attribute', (prop, attribute) => {
    const { settings, stack: s } = synth();
    expect(s.resolve((settings as any)[prop])).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^MaskedCalls/), attribute] });
  });

  test('expiryMinutes is a number token for the ExpiryMinutes attribute', () => {
    const { settings, stack: s } = synth();
    expect(s.resolve(settings.expiryMinutes)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^MaskedCalls/), 'ExpiryMinutes'] });
  });
});

describe('validation', () => {
  test.each([
    ['a voice connector ID', { voiceConnectorId: '' }, 'voiceConnectorId: must be 1 to 128 characters long, got ""'],
    ['a voice connector ID', { voiceConnectorId: 'x'.repeat(129) }, 'voiceConnectorId: must be 1 to 128 characters long'],
    ['a voice connector ID', { voiceConnectorId: '   ' }, 'voiceConnectorId: must contain a character that is not blank, got "   "'],
    ['a session ID', { proxySessionId: '' }, 'proxySessionId: must be 1 to 128 characters long, got ""'],
    ['a session ID', { proxySessionId: '\t' }, 'proxySessionId: must contain a character that is not blank'],
  ])('rejects %s that breaks the API pattern', (_name, props, message) => {
    expectInvalid(props, `Stack/MaskedCalls: ${message}`);
  });

  test.each([['a', 'b'], ['x'.repeat(128), 'y'.repeat(128)]])('accepts IDs of 1 and 128 characters', (voiceConnectorId, proxySessionId) => {
    expect(() => synth({ voiceConnectorId, proxySessionId })).not.toThrow();
  });

  test('capabilities are not empty', () => {
    expectInvalid({ capabilities: [] }, 'Stack/MaskedCalls: capabilities: must list at least one capability');
  });

  test('capabilities have no duplicates', () => {
    expectInvalid({ capabilities: [ProxyCapability.SMS, ProxyCapability.SMS] }, 'Stack/MaskedCalls: capabilities[1]: capabilities must be unique, got "SMS"');
  });

  test('a capability outside the enum is rejected (from languages without enum checks)', () => {
    expectInvalid({ capabilities: ['Fax' as ProxyCapability] }, 'Stack/MaskedCalls: capabilities[0]: must be one of Voice, SMS, got "Fax"');
  });

  test.each([[ProxyCapability.VOICE], [ProxyCapability.SMS]])('accepts the single capability %s', (cap) => {
    expect(() => synth({ capabilities: [cap] })).not.toThrow();
  });

  test.each([Duration.minutes(1), Duration.seconds(120), Duration.days(365), Duration.minutes(2 ** 31 - 1)])('accepts an expiry of %s', (expiry) => {
    expect(() => synth({ expiry })).not.toThrow();
  });

  test.each([
    [Duration.seconds(90), '1.5'],
    [Duration.seconds(30), '0.5'],
    [Duration.minutes(0), '0'],
    [Duration.minutes(2 ** 31), '2147483648'],
  ])('rejects an expiry of %s', (expiry, got) => {
    expectInvalid({ expiry }, `Stack/MaskedCalls: expiry: must be a whole number of minutes from 1 to 2^31-1, got ${got}`);
  });

  test('an expiry token in another unit than minutes is rejected', () => {
    const s = stack();
    const seconds = new CfnParameter(s, 'Seconds', { type: 'Number' }).valueAsNumber;
    expect(() => new ProxySessionSettings(s, 'S', { voiceConnectorId: VC, proxySessionId: SESSION, capabilities: [ProxyCapability.VOICE], expiry: Duration.seconds(seconds) }))
      .toThrow('Stack/S: expiry: must be given with Duration.minutes() when its amount is a token');
  });

  test('removal policies other than RETAIN and DESTROY are rejected', () => {
    expectInvalid({ removalPolicy: RemovalPolicy.SNAPSHOT }, 'Stack/MaskedCalls: removalPolicy: must be RemovalPolicy.RETAIN or RemovalPolicy.DESTROY, got "snapshot"');
  });

  test('every broken rule is reported at once', () => {
    expect(() => synth({ voiceConnectorId: '', capabilities: [] })).toThrow(
      'Stack/MaskedCalls: voiceConnectorId: must be 1 to 128 characters long, got ""\nStack/MaskedCalls: capabilities: must list at least one capability',
    );
  });

  test('tokens are left for the handler to check at deploy', () => {
    const s = stack();
    expect(() => new ProxySessionSettings(s, 'S', {
      voiceConnectorId: new CfnParameter(s, 'Vc').valueAsString,
      proxySessionId: new CfnParameter(s, 'Session').valueAsString,
      capabilities: [ProxyCapability.VOICE],
      expiry: Duration.minutes(new CfnParameter(s, 'Minutes', { type: 'Number' }).valueAsNumber),
    })).not.toThrow();
  });
});

import { App, CfnParameter, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { ProxyCapability, ProxySessionSettings, VoiceConnectorProxy, VoiceConnectorProxyProps } from '../src';
import { handlerStatements } from './support/handler-policy';

const VC = 'abcdef1ghij2klmno3pqr4';
const TYPE = 'Custom::ChimeVoiceConnectorProxy';

function stack() {
  return new Stack(new App(), 'Stack', { env: { account: '123456789012', region: 'us-east-1' } });
}

function synth(props: Partial<VoiceConnectorProxyProps> = {}) {
  const s = stack();
  const proxy = new VoiceConnectorProxy(s, 'Proxy', {
    voiceConnectorId: VC, defaultSessionExpiry: Duration.hours(1), phoneNumberPoolCountries: ['US', 'CA'], ...props,
  });
  return { stack: s, proxy, template: Template.fromStack(s) };
}

function expectInvalid(props: Partial<VoiceConnectorProxyProps>, message: string) {
  expect(() => synth(props)).toThrow(message);
}

const statementsOf = (template: Template) => handlerStatements(template);
const vcArn = (id: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:chime:us-east-1:123456789012:vc/${id}`]] });

describe('resources', () => {
  test('one custom resource carries exactly the configuration given', () => {
    const { template } = synth({ fallBackPhoneNumber: '+12065550142', disabled: true, removalPolicy: RemovalPolicy.RETAIN });
    template.resourceCountIs(TYPE, 1);
    template.hasResourceProperties(TYPE, {
      VoiceConnectorId: VC,
      DefaultSessionExpiryMinutes: 60,
      PhoneNumberPoolCountries: ['US', 'CA'],
      FallBackPhoneNumber: '+12065550142',
      Disabled: true,
      RemovalPolicy: 'retain',
    });
  });

  test('defaults: no fall-back number, enabled, and DESTROY removes the configuration', () => {
    synth().template.hasResourceProperties(TYPE, { FallBackPhoneNumber: Match.absent(), Disabled: false, RemovalPolicy: Match.absent() });
  });

  test('one function, role and log group per stack, apart from ProxySessionSettings\' own handler', () => {
    const s = stack();
    new VoiceConnectorProxy(s, 'A', { voiceConnectorId: 'a', defaultSessionExpiry: Duration.minutes(5), phoneNumberPoolCountries: ['US'] });
    new VoiceConnectorProxy(s, 'B', { voiceConnectorId: 'b', defaultSessionExpiry: Duration.minutes(5), phoneNumberPoolCountries: ['US'] });
    new ProxySessionSettings(s, 'S', { voiceConnectorId: 'a', proxySessionId: 'x', capabilities: [ProxyCapability.VOICE] });
    const types = Object.values(Template.fromStack(s).toJSON().Resources).map((r: any) => r.Type);
    expect(types.filter((t) => t === TYPE)).toHaveLength(2);
    expect(types.filter((t) => t === 'AWS::Lambda::Function')).toHaveLength(2);
    expect(types.filter((t) => t === 'AWS::IAM::Role')).toHaveLength(2);
  });
});

describe('IAM', () => {
  test('PutVoiceConnectorProxy on that voice connector\'s ARN; DeleteVoiceConnectorProxy, which runs in the cleanup phase, on the account\'s voice connectors', () => {
    const { template } = synth();
    expect(statementsOf(template).slice(1)).toEqual([
      { Effect: 'Allow', Action: ['cloudformation:DescribeStackEvents', 'cloudformation:DescribeStackResource', 'cloudformation:DescribeStacks'], Resource: { Ref: 'AWS::StackId' } },
      { Effect: 'Allow', Action: ['chime:PutVoiceConnectorProxy'], Resource: [vcArn(VC)] },
      { Effect: 'Allow', Action: ['chime:DeleteVoiceConnectorProxy'], Resource: [vcArn('*')] },
    ]);
    template.resourceCountIs('AWS::IAM::Policy', 0);
  });
});

describe('attributes', () => {
  test('the ARN, and the configuration as the service holds it', () => {
    const { proxy, stack: s } = synth();
    expect(s.resolve(proxy.voiceConnectorArn)).toEqual(vcArn(VC));
    expect(s.resolve(proxy.defaultSessionExpiryMinutes)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Proxy/), 'DefaultSessionExpiryMinutes'] });
    expect(s.resolve(proxy.phoneNumberCountries)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Proxy/), 'PhoneNumberCountries'] });
  });
});

describe('validation', () => {
  test.each([
    [{ voiceConnectorId: '' }, 'voiceConnectorId: must be 1 to 128 characters long, got ""'],
    [{ voiceConnectorId: ' ' }, 'voiceConnectorId: must contain a character that is not blank, got " "'],
    [{ voiceConnectorId: 'v'.repeat(129) }, 'voiceConnectorId: must be 1 to 128 characters long'],
  ])('rejects a voice connector ID that breaks the API pattern: %j', (props, message) => {
    expectInvalid(props, `Stack/Proxy: ${message}`);
  });

  test.each([Duration.minutes(1), Duration.days(7)])('accepts a default expiry of %s', (defaultSessionExpiry) => {
    expect(() => synth({ defaultSessionExpiry })).not.toThrow();
  });

  test.each([[Duration.seconds(90), '1.5'], [Duration.minutes(0), '0'], [Duration.minutes(2 ** 31), '2147483648']])('rejects a default expiry of %s', (defaultSessionExpiry, got) => {
    expectInvalid({ defaultSessionExpiry }, `Stack/Proxy: defaultSessionExpiry: must be a whole number of minutes from 1 to 2^31-1, got ${got}`);
  });

  test('1 to 100 countries', () => {
    expectInvalid({ phoneNumberPoolCountries: [] }, 'Stack/Proxy: phoneNumberPoolCountries: must list 1 to 100 countries, got 0');
    const codes = Array.from({ length: 101 }, (_v, i) => String.fromCharCode(65 + Math.floor(i / 26), 65 + (i % 26)));
    expectInvalid({ phoneNumberPoolCountries: codes }, 'Stack/Proxy: phoneNumberPoolCountries: must list 1 to 100 countries, got 101');
    expect(() => synth({ phoneNumberPoolCountries: codes.slice(0, 100) })).not.toThrow();
  });

  test.each(['us', 'USA', '', 'U1'])('rejects the country %j', (country) => {
    expectInvalid({ phoneNumberPoolCountries: [country] },
      `Stack/Proxy: phoneNumberPoolCountries[0]: must be an ISO 3166-1 alpha-2 country code in upper case, such as US, got ${JSON.stringify(country)}`);
  });

  test('countries are unique', () => {
    expectInvalid({ phoneNumberPoolCountries: ['US', 'GB', 'US'] }, 'Stack/Proxy: phoneNumberPoolCountries[2]: countries must be unique, got "US"');
  });

  test.each(['+12065550142', '12065550142', '+44207946000'])('accepts the fall-back number %s', (fallBackPhoneNumber) => {
    expect(() => synth({ fallBackPhoneNumber })).not.toThrow();
  });

  test.each([
    ['+02065550142', '+02*******42'],
    ['206-555-0142', '206*******42'],
    ['+1234567890123456', '+12************56'],
  ])('rejects the fall-back number %s, showing it masked', (fallBackPhoneNumber, masked) => {
    expectInvalid({ fallBackPhoneNumber }, `Stack/Proxy: fallBackPhoneNumber: must be an E.164 phone number: an optional + and 2 to 15 digits, the first not 0, got "${masked}"`);
  });

  test('removal policies other than RETAIN and DESTROY are rejected', () => {
    expectInvalid({ removalPolicy: RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE }, 'Stack/Proxy: removalPolicy: must be RemovalPolicy.RETAIN or RemovalPolicy.DESTROY, got "retain-on-update-or-delete"');
  });

  test('tokens are left for the handler to check at deploy', () => {
    const s = stack();
    expect(() => new VoiceConnectorProxy(s, 'Proxy', {
      voiceConnectorId: new CfnParameter(s, 'Vc').valueAsString,
      defaultSessionExpiry: Duration.minutes(new CfnParameter(s, 'Minutes', { type: 'Number' }).valueAsNumber),
      phoneNumberPoolCountries: new CfnParameter(s, 'Countries', { type: 'CommaDelimitedList' }).valueAsList,
      fallBackPhoneNumber: new CfnParameter(s, 'FallBack').valueAsString,
    })).not.toThrow();
  });
});

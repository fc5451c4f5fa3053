import { App, CfnParameter, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import {
  ContactReferenceType, OutboundTrafficType, OutboundVoiceContact, OutboundVoiceContactProps,
} from '../src';
import { HANDLER_RESOURCE_TYPES, handlerStatements } from './support/handler-policy';

const INSTANCE = '11111111-2222-3333-4444-555555555555';
const FLOW = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
const QUEUE = '99999999-8888-7777-6666-555555555555';
const TYPE = 'Custom::ConnectOutboundVoiceContact';
const contactsOf = (instance: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:connect:us-east-1:123456789012:instance/${instance}/contact/*`]] });

function stack() {
  return new Stack(new App(), 'Stack', { env: { account: '123456789012', region: 'us-east-1' } });
}

function synth(props: Partial<OutboundVoiceContactProps> = {}) {
  const s = stack();
  const call = new OutboundVoiceContact(s, 'SmokeTest', {
    instanceId: INSTANCE, contactFlowId: FLOW, destinationPhoneNumber: '+12065550100', sourcePhoneNumber: '+12065550199', ...props,
  });
  return { stack: s, call, template: Template.fromStack(s) };
}

function expectInvalid(props: Partial<OutboundVoiceContactProps>, message: string) {
  expect(() => synth(props)).toThrow(message);
}

const statementsOf = (template: Template) => handlerStatements(template);

describe('resources', () => {
  test('one custom resource carries every prop, named as in the API', () => {
    const { template } = synth({
      queueId: QUEUE,
      attributes: { greeting: 'deploy-check' },
      name: 'Smoke test',
      description: 'Runs the new flow',
      references: { runbook: { type: ContactReferenceType.URL, value: 'https://example.com/runbook' } },
      relatedContactId: 'c0ffee00-0000-4000-8000-000000000001',
      campaignId: 'spring',
      trafficType: OutboundTrafficType.CAMPAIGN,
      answeringMachineDetection: { awaitAnswerMachinePrompt: true },
      ringTimeout: Duration.seconds(30),
      callAgainToken: 'build-42',
      removalPolicy: RemovalPolicy.DESTROY,
    });
    template.resourceCountIs(TYPE, 1);
    template.hasResourceProperties(TYPE, {
      InstanceId: INSTANCE,
      ContactFlowId: FLOW,
      DestinationPhoneNumber: '+12065550100',
      SourcePhoneNumber: '+12065550199',
      QueueId: QUEUE,
      Attributes: { greeting: 'deploy-check' },
      Name: 'Smoke test',
      Description: 'Runs the new flow',
      References: { runbook: { Type: 'URL', Value: 'https://example.com/runbook' } },
      RelatedContactId: 'c0ffee00-0000-4000-8000-000000000001',
      CampaignId: 'spring',
      TrafficType: 'CAMPAIGN',
      AnswerMachineDetectionConfig: { EnableAnswerMachineDetection: true, AwaitAnswerMachinePrompt: true },
      RingTimeout: 30,
      CallAgainToken: 'build-42',
      RemovalPolicy: 'destroy',
      ServiceTimeout: '420',
    });
  });

  test('omitted props are not sent, and RETAIN is the default', () => {
    const { template } = synth();
    const [resource] = Object.values(template.findResources(TYPE)) as any[];
    expect(Object.keys(resource.Properties).sort()).toEqual([
      'ContactFlowId', 'DestinationPhoneNumber', 'InstanceId', 'ServiceTimeout', 'ServiceToken', 'SourcePhoneNumber',
    ]);
    // The default is left out of the template: the handler reads a missing RemovalPolicy as RETAIN.
    expect(resource.Properties.RemovalPolicy).toBeUndefined();
  });

  test('the handler: newest Node.js runtime on arm64, bounded timeout and memory, log retention', () => {
    const { template } = synth();
    template.resourceCountIs('AWS::Lambda::Function', 1);
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      MemorySize: 256,
      Timeout: 300,
      Handler: 'index.handler',
      Description: 'Amazon Connect outbound voice contact (cdk-contact-center-resources)',
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 90 });
  });

  test('20 calls share one function (with its EventInvokeConfig), one role and one log group, and add one resource each', () => {
    const s = stack();
    for (let i = 0; i < 20; i++) new OutboundVoiceContact(s, `Call${i}`, { instanceId: INSTANCE, contactFlowId: FLOW, destinationPhoneNumber: `+1206555${String(i).padStart(4, '0')}`, queueId: QUEUE });
    const types = Object.values(Template.fromStack(s).toJSON().Resources).map((r: any) => r.Type);
    expect(types.filter((t) => t === TYPE)).toHaveLength(20);
    expect(types.filter((t) => t !== TYPE).sort()).toEqual([...HANDLER_RESOURCE_TYPES, 'AWS::Lambda::EventInvokeConfig'].sort());
  });
});

describe('IAM', () => {
  // StopContact runs in CloudFormation's cleanup phase, when the instance may have left the policy: it names the
  // contacts of the stack's account and Region, and the handler uses it only for a Delete CloudFormation confirms.
  test.each([RemovalPolicy.RETAIN, RemovalPolicy.DESTROY])('%s: StartOutboundVoiceContact on that instance\'s contacts, StopContact on the account\'s', (removalPolicy) => {
    const { template } = synth({ removalPolicy });
    expect(statementsOf(template).slice(1)).toEqual([
      { Effect: 'Allow', Action: ['cloudformation:DescribeStackEvents', 'cloudformation:DescribeStackResource', 'cloudformation:DescribeStacks'], Resource: { Ref: 'AWS::StackId' } },
      { Effect: 'Allow', Action: ['connect:StartOutboundVoiceContact'], Resource: [contactsOf(INSTANCE)] },
      { Effect: 'Allow', Action: ['connect:StopContact'], Resource: [contactsOf('*')] },
    ]);
    template.resourceCountIs('AWS::IAM::Policy', 0);
  });

  test('each instance adds its contacts to the one StartOutboundVoiceContact statement', () => {
    const s = stack();
    const other = '22222222-3333-4444-5555-666666666666';
    new OutboundVoiceContact(s, 'Keep', { instanceId: INSTANCE, contactFlowId: FLOW, destinationPhoneNumber: '+12065550100', queueId: QUEUE });
    new OutboundVoiceContact(s, 'Stop', { instanceId: other, contactFlowId: FLOW, destinationPhoneNumber: '+12065550100', queueId: QUEUE, removalPolicy: RemovalPolicy.DESTROY });
    expect(statementsOf(Template.fromStack(s)).slice(2)).toEqual([
      { Effect: 'Allow', Action: ['connect:StartOutboundVoiceContact'], Resource: [contactsOf(INSTANCE), contactsOf(other)] },
      { Effect: 'Allow', Action: ['connect:StopContact'], Resource: [contactsOf('*')] },
    ]);
  });
});

describe('attributes', () => {
  test('contactId is the physical ID, and contactArn the contact\'s ARN in the instance', () => {
    const { call, stack: s } = synth();
    const [logicalId] = Object.keys(Template.fromStack(s).findResources(TYPE));
    expect(s.resolve(call.contactId)).toEqual({ Ref: logicalId });
    expect(s.resolve(call.contactArn)).toEqual({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:connect:us-east-1:123456789012:instance/${INSTANCE}/contact/`, { Ref: logicalId }]],
    });
  });
});

describe('validation', () => {
  const ID_RULE = 'must be an ID: a lower-case UUID, the last part of its ARN';

  test.each(['instanceId', 'contactFlowId', 'queueId'] as const)('%s must be a lower-case UUID', (prop) => {
    expect(() => synth({ [prop]: '0f0e0d0c-0b0a-4909-8807-060504030201' })).not.toThrow();
    // An ARN is refused too: the API takes the bare ID.
    for (const bad of ['AAAAAAAA-BBBB-CCCC-DDDD-EEEEEEEEEEEE', `instance/${INSTANCE}`, 'my-flow']) {
      expectInvalid({ [prop]: bad }, `Stack/SmokeTest: ${prop}: ${ID_RULE}, got "${bad}"`);
    }
  });

  test.each(['+12065550100', '+442071838750', '+49', '+123456789012345'])('accepts the E.164 number %s', (n) => {
    expect(() => synth({ destinationPhoneNumber: n, sourcePhoneNumber: n })).not.toThrow();
  });

  test.each([
    ['12065550100', '"120******00"'],
    ['+1 206 555 0100', '"+1 **********00"'],
    ['+0123456', '"+01***56"'],
    ['+1234567890123456', '"+12************56"'],
  ])('rejects %s, and shows it masked', (n, masked) => {
    const rule = 'must be an E.164 phone number (+, then up to 15 digits, no spaces)';
    expectInvalid({ destinationPhoneNumber: n }, `Stack/SmokeTest: destinationPhoneNumber: ${rule}, got ${masked}`);
    expectInvalid({ sourcePhoneNumber: n }, `Stack/SmokeTest: sourcePhoneNumber: ${rule}, got ${masked}`);
  });

  test('sourcePhoneNumber or queueId is required', () => {
    expectInvalid({ sourcePhoneNumber: undefined }, 'Stack/SmokeTest: sourcePhoneNumber: sourcePhoneNumber or queueId is required');
    expect(() => synth({ sourcePhoneNumber: undefined, queueId: QUEUE })).not.toThrow();
  });

  test.each([Duration.seconds(15), Duration.seconds(60), Duration.minutes(1)])('accepts a ring timeout of %s', (ringTimeout) => {
    expect(() => synth({ ringTimeout })).not.toThrow();
  });

  test.each([
    [Duration.seconds(14), '14'], [Duration.seconds(61), '61'], [Duration.millis(15_500), '15.5'],
  ])('rejects a ring timeout of %s', (ringTimeout, got) => {
    expectInvalid({ ringTimeout }, `Stack/SmokeTest: ringTimeout: must be a whole number of seconds from 15 to 60, got ${got}`);
  });

  test('attribute keys use only letters, digits, - and _', () => {
    expect(() => synth({ attributes: { 'Greeting_2-b': 'x' } })).not.toThrow();
    expectInvalid({ attributes: { 'bad key': 'x' } }, 'Stack/SmokeTest: attributes["bad key"]: keys may use only letters, digits, - and _, got "bad key"');
    expectInvalid({ attributes: { clé: 'x' } }, 'Stack/SmokeTest: attributes["clé"]: keys may use only letters, digits, - and _');
  });

  test('attributes fit in 32,768 UTF-8 bytes, counted in bytes, and the message never shows a value', () => {
    expect(() => synth({ attributes: { k: 'x'.repeat(32_767) } })).not.toThrow();
    expectInvalid({ attributes: { k: 'x'.repeat(32_768) } }, 'Stack/SmokeTest: attributes: keys and values together must fit in 32768 UTF-8 bytes, got "32769 bytes"');
    // 16,384 two-byte characters: 32,768 bytes for the value alone.
    expectInvalid({ attributes: { k: 'é'.repeat(16_384) } }, 'got "32769 bytes"');
  });

  test.each(Object.values(ContactReferenceType))('accepts a %s reference', (type) => {
    expect(() => synth({ references: { ref: { type, value: type === ContactReferenceType.DATE ? '1700000000' : 'v' } } })).not.toThrow();
  });

  test('rejects reference types a voice contact cannot be created with', () => {
    expectInvalid({ references: { doc: { type: 'ATTACHMENT' as ContactReferenceType, value: 'x' } } },
      'Stack/SmokeTest: references["doc"].type: must be one of URL, NUMBER, STRING, DATE, EMAIL (the types a voice contact accepts at creation), got "ATTACHMENT"');
  });

  test('a DATE reference is an epoch time', () => {
    expectInvalid({ references: { when: { type: ContactReferenceType.DATE, value: '2024-01-01' } } },
      'Stack/SmokeTest: references["when"].value: a DATE reference must be an epoch time (digits only)');
  });

  test('references fit in 4,096 UTF-8 bytes, keys included', () => {
    expect(() => synth({ references: { k: { type: ContactReferenceType.STRING, value: 'x'.repeat(4_095) } } })).not.toThrow();
    expectInvalid({ references: { k: { type: ContactReferenceType.STRING, value: 'x'.repeat(4_096) } } },
      'Stack/SmokeTest: references: keys and values together must fit in 4096 UTF-8 bytes, got "4097 bytes"');
    expectInvalid({ references: { ['k'.repeat(4_097)]: { type: ContactReferenceType.STRING, value: '' } } }, 'keys must be at most 4096 characters long, got "4097 characters"');
  });

  test('name and description lengths, with the length shown instead of the text', () => {
    expect(() => synth({ name: 'n'.repeat(1_024), description: 'd'.repeat(4_096) })).not.toThrow();
    expectInvalid({ name: 'n'.repeat(1_025) }, 'Stack/SmokeTest: name: must be at most 1024 characters long, got "1025 characters"');
    expectInvalid({ description: 'd'.repeat(4_097) }, 'Stack/SmokeTest: description: must be at most 4096 characters long, got "4097 characters"');
  });

  test('relatedContactId is 1 to 256 characters, campaignId 1 to 100', () => {
    expect(() => synth({ relatedContactId: 'r'.repeat(256), campaignId: 'c'.repeat(100) })).not.toThrow();
    expectInvalid({ relatedContactId: '' }, 'Stack/SmokeTest: relatedContactId: must be 1 to 256 characters long, got ""');
    expectInvalid({ relatedContactId: 'r'.repeat(257) }, 'Stack/SmokeTest: relatedContactId: must be 1 to 256 characters long');
    expectInvalid({ campaignId: 'c'.repeat(101) }, 'Stack/SmokeTest: campaignId: must be 1 to 100 characters long');
  });

  test('trafficType is GENERAL or CAMPAIGN', () => {
    expect(() => synth({ trafficType: OutboundTrafficType.GENERAL })).not.toThrow();
    expectInvalid({ trafficType: 'BULK' as OutboundTrafficType }, 'Stack/SmokeTest: trafficType: must be one of GENERAL, CAMPAIGN, got "BULK"');
  });

  test('answering-machine detection requires campaign traffic', () => {
    const rule = 'Stack/SmokeTest: answeringMachineDetection: requires trafficType CAMPAIGN';
    expectInvalid({ answeringMachineDetection: {} }, rule);
    expectInvalid({ answeringMachineDetection: {}, trafficType: OutboundTrafficType.GENERAL }, rule);
    expect(() => synth({ answeringMachineDetection: {}, trafficType: OutboundTrafficType.CAMPAIGN })).not.toThrow();
  });

  test('removal policies other than RETAIN and DESTROY are rejected', () => {
    expectInvalid({ removalPolicy: RemovalPolicy.SNAPSHOT }, 'Stack/SmokeTest: removalPolicy: must be RemovalPolicy.RETAIN or RemovalPolicy.DESTROY, got "snapshot"');
  });

  test('every broken rule is reported at once', () => {
    expect(() => synth({ instanceId: 'x', destinationPhoneNumber: '555', ringTimeout: Duration.seconds(5) })).toThrow(
      /instanceId: .*\nStack\/SmokeTest: destinationPhoneNumber: .*\nStack\/SmokeTest: ringTimeout: /,
    );
  });

  test('tokens are left for the handler to check at deploy: a number from SSM stays out of the template', () => {
    const s = stack();
    const number = ssm.StringParameter.valueForStringParameter(s, '/on-call/number');
    expect(() => new OutboundVoiceContact(s, 'Call', {
      instanceId: new CfnParameter(s, 'Instance').valueAsString,
      contactFlowId: new CfnParameter(s, 'Flow').valueAsString,
      destinationPhoneNumber: number,
      sourcePhoneNumber: new CfnParameter(s, 'Source').valueAsString,
      ringTimeout: Duration.seconds(new CfnParameter(s, 'Ring', { type: 'Number' }).valueAsNumber),
      attributes: { greeting: new CfnParameter(s, 'Greeting').valueAsString },
    })).not.toThrow();
    Template.fromStack(s).hasResourceProperties(TYPE, { DestinationPhoneNumber: { Ref: Match.stringLikeRegexp('^SsmParameterValue') } });
  });
});

describe('Lambda\'s retries', () => {
  test('the handler\'s asynchronous invocations get no retry, so that a runtime crash never places a second call', () => {
    const { template } = synth();
    template.resourceCountIs('AWS::Lambda::EventInvokeConfig', 1);
    const [fn] = Object.keys(template.findResources('AWS::Lambda::Function'));
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', { FunctionName: { Ref: fn }, Qualifier: '$LATEST', MaximumRetryAttempts: 0 });
  });

  test('each call depends on that setting, so that not even the first deployment\'s Create runs without it', () => {
    const { template } = synth();
    const [config] = Object.keys(template.findResources('AWS::Lambda::EventInvokeConfig'));
    expect(Object.values(template.findResources(TYPE)).map((r: any) => r.DependsOn)).toEqual([[config]]);
  });
});

describe('the destination number from an SSM parameter', () => {
  const NUMBER_PARAMETER = '/on-call/number';
  const withParameter = (extra: Record<string, unknown> = {}) => {
    const s = stack();
    const parameter = ssm.StringParameter.fromStringParameterAttributes(s, 'Number', { parameterName: NUMBER_PARAMETER, forceDynamicReference: true });
    const call = new OutboundVoiceContact(s, 'Page', { instanceId: INSTANCE, contactFlowId: FLOW, destinationPhoneNumberParameter: parameter, queueId: QUEUE, ...extra });
    return { s, call, template: Template.fromStack(s) };
  };

  test('only the parameter\'s name travels: no number, and no stack parameter that would resolve to it', () => {
    const { template } = withParameter();
    template.hasResourceProperties(TYPE, { DestinationPhoneNumberParameter: NUMBER_PARAMETER, DestinationPhoneNumber: Match.absent() });
    // The only stack parameter is CDK's own bootstrap version.
    expect(Object.keys(template.toJSON().Parameters ?? {})).toEqual(['BootstrapVersion']);
    expect(JSON.stringify(template.toJSON())).not.toContain('resolve:ssm');
  });

  test('the handler may read that one parameter, and decrypt with the key only when a key is given, and only through SSM', () => {
    const statements = (t: Template) => statementsOf(t).slice(2);
    const parameterArn = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ssm:us-east-1:123456789012:parameter/on-call/number']] };
    expect(statements(withParameter().template)).toContainEqual({ Effect: 'Allow', Action: ['ssm:GetParameter'], Resource: [parameterArn] });
    expect(JSON.stringify(statements(withParameter().template))).not.toContain('kms:');
    const s = stack();
    const key = new kms.Key(s, 'NumberKey');
    const parameter = ssm.StringParameter.fromSecureStringParameterAttributes(s, 'Number', { parameterName: NUMBER_PARAMETER, encryptionKey: key });
    new OutboundVoiceContact(s, 'Page', { instanceId: INSTANCE, contactFlowId: FLOW, destinationPhoneNumberParameter: parameter, destinationPhoneNumberKey: key, queueId: QUEUE });
    expect(statements(Template.fromStack(s))).toContainEqual({
      Effect: 'Allow',
      Action: ['kms:Decrypt'],
      Resource: [{ 'Fn::GetAtt': [expect.stringMatching(/^NumberKey/), 'Arn'] }],
      // Only through SSM, as GetParameter decrypts: never directly.
      Condition: { StringEquals: { 'kms:ViaService': { 'Fn::Join': ['', ['ssm.us-east-1.', { Ref: 'AWS::URLSuffix' }]] } } },
    });
  });

  test('an import that adds a stack parameter resolving to the number (fromStringParameterName) is refused at synth', () => {
    const s = stack();
    const parameter = ssm.StringParameter.fromStringParameterName(s, 'Number', NUMBER_PARAMETER);
    new OutboundVoiceContact(s, 'Page', { instanceId: INSTANCE, contactFlowId: FLOW, destinationPhoneNumberParameter: parameter, queueId: QUEUE });
    expect(() => Template.fromStack(s)).toThrow(/Stack\/Page: destinationPhoneNumberParameter: the stack parameter Stack\/Number.Parameter resolves to the number, and DescribeStacks shows resolved parameter values; import the parameter with ssm.StringParameter.fromSecureStringParameterAttributes\(\)/);
  });

  test('exactly one of the number and the parameter; a key needs the parameter', () => {
    expectInvalid({ destinationPhoneNumber: undefined }, 'Stack/SmokeTest: destinationPhoneNumber: give exactly one of destinationPhoneNumber and destinationPhoneNumberParameter');
    expect(() => withParameter({ destinationPhoneNumber: '+12065550100' })).toThrow('Stack/Page: destinationPhoneNumber: give exactly one of destinationPhoneNumber and destinationPhoneNumberParameter');
    const s = stack();
    expect(() => new OutboundVoiceContact(s, 'Page', { instanceId: INSTANCE, contactFlowId: FLOW, destinationPhoneNumber: '+12065550100', queueId: QUEUE, destinationPhoneNumberKey: new kms.Key(s, 'K') }))
      .toThrow('Stack/Page: destinationPhoneNumberKey: is the key of destinationPhoneNumberParameter, which is not set');
  });
});

import { App, CfnParameter, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as connect from 'aws-cdk-lib/aws-connect';
import { TrafficDistribution, TrafficDistributionProps } from '../src';
import { HANDLER_RESOURCE_TYPES, handlerStatements } from './support/handler-policy';

const GROUP_ID = '11111111-2222-3333-4444-555555555555';
const GROUP_ARN = `arn:aws:connect:us-west-2:210987654321:traffic-distribution-group/${GROUP_ID}`;
const even = { distributions: [{ region: 'us-east-1', percentage: 50 }, { region: 'us-west-2', percentage: 50 }] };

function stack() {
  return new Stack(new App(), 'Stack', { env: { account: '123456789012', region: 'us-east-1' } });
}

function synth(props: Partial<TrafficDistributionProps> = {}) {
  const s = stack();
  const td = new TrafficDistribution(s, 'Failover', { trafficDistributionGroup: GROUP_ARN, telephonyConfig: even, ...props });
  return { stack: s, td, template: Template.fromStack(s) };
}

function expectInvalid(props: Partial<TrafficDistributionProps>, message: string) {
  expect(() => synth(props)).toThrow(message);
}

describe('resources', () => {
  test('one custom resource carries exactly the configs given', () => {
    const { template } = synth({
      agentConfig: { distributions: [{ region: 'us-east-1', percentage: 100 }, { region: 'us-west-2', percentage: 0 }] },
      signInConfig: { distributions: [{ region: 'us-east-1', enabled: true }, { region: 'us-west-2', enabled: false }] },
      removalPolicy: RemovalPolicy.DESTROY,
    });
    template.resourceCountIs('Custom::ConnectTrafficDistribution', 1);
    template.hasResourceProperties('Custom::ConnectTrafficDistribution', {
      TrafficDistributionGroup: GROUP_ARN,
      TelephonyConfig: { Distributions: [{ Region: 'us-east-1', Percentage: 50 }, { Region: 'us-west-2', Percentage: 50 }] },
      AgentConfig: { Distributions: [{ Region: 'us-east-1', Percentage: 100 }, { Region: 'us-west-2', Percentage: 0 }] },
      SignInConfig: { Distributions: [{ Region: 'us-east-1', Enabled: true }, { Region: 'us-west-2', Enabled: false }] },
      RemovalPolicy: 'destroy',
      ServiceTimeout: '420',
    });
  });

  test('omitted configs are not sent, and RETAIN is the default: left out of the template, the handler reads it so', () => {
    const { template } = synth();
    template.hasResourceProperties('Custom::ConnectTrafficDistribution', {
      AgentConfig: Match.absent(), SignInConfig: Match.absent(), RemovalPolicy: Match.absent(),
    });
  });

  test('the handler: newest Node.js runtime on arm64, bounded timeout and memory, log retention', () => {
    const { template } = synth();
    template.resourceCountIs('AWS::Lambda::Function', 1);
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x', Architectures: ['arm64'], MemorySize: 256, Timeout: 300, Handler: 'index.handler',
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 90 });
  });

  test('100 instances share one function, one role and one log group, and add one resource each', () => {
    const s = stack();
    for (let i = 0; i < 100; i++) {
      new TrafficDistribution(s, `T${i}`, { trafficDistributionGroup: `${GROUP_ID.slice(0, -3)}${String(i).padStart(3, '0')}`, telephonyConfig: even });
    }
    const resources = Template.fromStack(s).toJSON().Resources;
    const types = Object.values(resources).map((r: any) => r.Type);
    expect(types.filter((t) => t === 'Custom::ConnectTrafficDistribution')).toHaveLength(100);
    expect(types.filter((t) => t !== 'Custom::ConnectTrafficDistribution').sort()).toEqual(HANDLER_RESOURCE_TYPES);
  });
});

const STACK_RECORD = { Effect: 'Allow', Action: ['cloudformation:DescribeStackEvents', 'cloudformation:DescribeStackResource', 'cloudformation:DescribeStacks'], Resource: { Ref: 'AWS::StackId' } };

describe('IAM', () => {
  const statementsOf = (template: Template) => handlerStatements(template);

  const groups = (where: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:connect:${where}:traffic-distribution-group/*`]] });

  // DESTROY resets a group in CloudFormation's cleanup phase, when the instance's own ARN may have left the policy:
  // the two actions name the groups of the group's account and Region (docs/security.md).
  test('only UpdateTrafficDistribution and the read it needs, on the groups of the literal ARN\'s own account and Region', () => {
    const { template } = synth();
    expect(statementsOf(template).slice(1)).toEqual([STACK_RECORD, {
      Effect: 'Allow',
      Action: ['connect:DescribeTrafficDistributionGroup', 'connect:UpdateTrafficDistribution'],
      Resource: [groups('us-west-2:210987654321')],
    }]);
    template.resourceCountIs('AWS::IAM::Policy', 0);
  });

  test('a bare ID names the groups of the stack\'s account and Region', () => {
    const { template } = synth({ trafficDistributionGroup: GROUP_ID });
    expect(statementsOf(template)[2].Resource).toEqual([groups('us-east-1:123456789012')]);
  });

  test('a CfnTrafficDistributionGroup token names the groups of the account and Region its ARN holds', () => {
    const s = stack();
    const group = new connect.CfnTrafficDistributionGroup(s, 'Group', { instanceArn: 'arn:aws:connect:us-east-1:123456789012:instance/abc', name: 'failover' });
    new TrafficDistribution(s, 'Failover', { trafficDistributionGroup: group.attrTrafficDistributionGroupArn, telephonyConfig: even });
    const template = Template.fromStack(s);
    const part = (n: number) => ({ 'Fn::Select': [n, { 'Fn::Split': [':', { 'Fn::GetAtt': ['Group', 'TrafficDistributionGroupArn'] }] }] });
    expect(statementsOf(template)[2].Resource).toEqual([{
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':connect:', part(3), ':', part(4), ':traffic-distribution-group/*']],
    }]);
    template.hasResourceProperties('Custom::ConnectTrafficDistribution', { TrafficDistributionGroup: { 'Fn::GetAtt': ['Group', 'TrafficDistributionGroupArn'] } });
  });

  test('groups in two Regions: one ARN per Region, in one statement', () => {
    const s = stack();
    new TrafficDistribution(s, 'East', { trafficDistributionGroup: GROUP_ID, telephonyConfig: even });
    new TrafficDistribution(s, 'West', { trafficDistributionGroup: GROUP_ARN, telephonyConfig: even });
    new TrafficDistribution(s, 'EastToo', { trafficDistributionGroup: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee', telephonyConfig: even });
    expect(statementsOf(Template.fromStack(s))[2].Resource).toEqual([groups('us-east-1:123456789012'), groups('us-west-2:210987654321')]);
  });

  test('the handler may read CloudFormation\'s record of its own stack, and of no other', () => {
    expect(statementsOf(synth().template)[1]).toEqual(STACK_RECORD);
  });

  test('the handler may write only to its own log group', () => {
    const { template } = synth();
    expect(statementsOf(template)[0]).toMatchObject({ Action: ['logs:CreateLogStream', 'logs:PutLogEvents'] });
    expect(JSON.stringify(statementsOf(template)[0].Resource)).toContain(':log-stream:*');
  });
});

describe('attributes', () => {
  test('the ARN and home Region of a literal ARN', () => {
    const { td } = synth();
    expect(td.trafficDistributionGroupArn).toBe(GROUP_ARN);
    expect(td.homeRegion).toBe('us-west-2');
  });

  test('a bare ID lives in the stack\'s Region', () => {
    const { td, stack: s } = synth({ trafficDistributionGroup: GROUP_ID });
    expect(s.resolve(td.homeRegion)).toBe('us-east-1');
  });
});

describe('validation', () => {
  test.each([
    ['a bare ID', GROUP_ID],
    ['an ARN', GROUP_ARN],
    ['a GovCloud ARN', `arn:aws-us-gov:connect:us-gov-west-1:123456789012:traffic-distribution-group/${GROUP_ID}`],
  ])('accepts %s as the group', (_name, group) => {
    expect(() => synth({ trafficDistributionGroup: group })).not.toThrow();
  });

  test.each([
    ['a name', 'my-group'],
    ['an upper-case UUID', 'AAAAAAAA-BBBB-CCCC-DDDD-EEEEEEEEEEEE'],
    ['an instance ARN', 'arn:aws:connect:us-east-1:123456789012:instance/11111111-2222-3333-4444-555555555555'],
  ])('rejects %s as the group', (_name, group) => {
    expectInvalid({ trafficDistributionGroup: group }, 'Stack/Failover: trafficDistributionGroup: must be a traffic distribution group ID (a UUID) or ARN');
  });

  test('requires at least one config', () => {
    expectInvalid({ telephonyConfig: undefined }, 'Stack/Failover: telephonyConfig: at least one of telephonyConfig, agentConfig or signInConfig is required');
  });

  test.each([0, 10, 100])('accepts a percentage of %d', (p) => {
    expect(() => synth({ telephonyConfig: { distributions: [{ region: 'us-east-1', percentage: p }, { region: 'us-west-2', percentage: 100 - p }] } })).not.toThrow();
  });

  test.each([
    [15, 'must be a multiple of 10, got 15'],
    [-10, 'must be an integer from 0 to 100, got -10'],
    [110, 'must be an integer from 0 to 100, got 110'],
    [50.5, 'must be an integer from 0 to 100, got 50.5'],
  ])('rejects a percentage of %d', (p, rule) => {
    expectInvalid({ agentConfig: { distributions: [{ region: 'us-east-1', percentage: p }] } }, `Stack/Failover: agentConfig.distributions[0].percentage: ${rule}`);
  });

  test('percentages must add up to 100 per config', () => {
    expectInvalid({ telephonyConfig: { distributions: [{ region: 'us-east-1', percentage: 60 }, { region: 'us-west-2', percentage: 30 }] } },
      'Stack/Failover: telephonyConfig.distributions: percentages must add up to 100, got 90');
  });

  test('a config needs at least one Region', () => {
    expectInvalid({ telephonyConfig: { distributions: [] } }, 'Stack/Failover: telephonyConfig.distributions: must list at least one Region');
  });

  test.each(['us-east-1', 'ap-southeast-2', 'us-gov-west-1', 'eu-central-1'])('accepts the Region %s', (region) => {
    expect(() => synth({ signInConfig: { distributions: [{ region, enabled: true }] } })).not.toThrow();
  });

  test.each(['US-EAST-1', 'useast1', 'us-east', 'a'])('rejects the Region %s', (region) => {
    expectInvalid({ signInConfig: { distributions: [{ region, enabled: true }] } }, 'Stack/Failover: signInConfig.distributions[0].region: must');
  });

  test('Regions are unique within a config', () => {
    expectInvalid({ telephonyConfig: { distributions: [{ region: 'us-east-1', percentage: 50 }, { region: 'us-east-1', percentage: 50 }] } },
      'Stack/Failover: telephonyConfig.distributions[1]: Regions must be unique, got "us-east-1"');
  });

  test('removal policies other than RETAIN and DESTROY are rejected', () => {
    expectInvalid({ removalPolicy: RemovalPolicy.SNAPSHOT }, 'Stack/Failover: removalPolicy: must be RemovalPolicy.RETAIN or RemovalPolicy.DESTROY, got "snapshot"');
  });

  test('every broken rule is reported at once', () => {
    expect(() => synth({ telephonyConfig: { distributions: [{ region: 'nowhere', percentage: 33 }] } })).toThrow(
      /region: must be a Region name such as us-east-1, got "nowhere"\nStack\/Failover: telephonyConfig.distributions\[0\].percentage: must be a multiple of 10/,
    );
  });

  test('tokens are left for the handler to check at deploy', () => {
    const s = stack();
    const share = new CfnParameter(s, 'Share', { type: 'Number' }).valueAsNumber;
    const region = new CfnParameter(s, 'Region').valueAsString;
    expect(() => new TrafficDistribution(s, 'Failover', {
      trafficDistributionGroup: new CfnParameter(s, 'Group').valueAsString,
      telephonyConfig: { distributions: [{ region, percentage: share }, { region: 'us-west-2', percentage: 10 }] },
    })).not.toThrow();
  });
});

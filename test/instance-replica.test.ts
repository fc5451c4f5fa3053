import { App, CfnParameter, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { InstanceReplica, InstanceReplicaProps } from '../src';
import { expandedStatements, HANDLER_RESOURCE_TYPES, handlerStatements } from './support/handler-policy';

const ID = '11111111-2222-3333-4444-555555555555';
const ARN = `arn:aws:connect:us-east-1:123456789012:instance/${ID}`;
const arn = (...parts: unknown[]) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ...parts]] });

function stack(region = 'us-east-1') {
  return new Stack(new App(), 'Stack', { env: { account: '123456789012', region } });
}

function synth(props: Partial<InstanceReplicaProps> = {}, s = stack()) {
  const replica = new InstanceReplica(s, 'Replica', { instance: ARN, replicaRegion: 'us-west-2', replicaAlias: 'acme-west', ...props });
  return { stack: s, replica, template: Template.fromStack(s) };
}

const statementsOf = (template: Template) => expandedStatements(handlerStatements(template));

describe('resources', () => {
  test('one custom resource with the instance\'s ARN, the Region and the alias; RETAIN by default; CloudFormation waits up to its one-hour limit', () => {
    const { template } = synth();
    template.resourceCountIs('Custom::ConnectInstanceReplica', 1);
    template.hasResourceProperties('Custom::ConnectInstanceReplica', { Instance: ARN, ReplicaRegion: 'us-west-2', ReplicaAlias: 'acme-west' });
    const properties = Object.values<any>(template.findResources('Custom::ConnectInstanceReplica'))[0].Properties;
    // RETAIN, the kind's default, is left out of the template (#15 phase 2): the handler reads it so.
    expect(properties).not.toHaveProperty('RemovalPolicy');
    // So is the ServiceTimeout: CloudFormation's default, 3,600 seconds, is also its limit.
    expect(properties).not.toHaveProperty('ServiceTimeout');
  });

  test('a bare ID stays a bare ID in the template (the handler reads it as the ARN in the stack\'s account and Region); the grants name that ARN', () => {
    const { template } = synth({ instance: ID });
    template.hasResourceProperties('Custom::ConnectInstanceReplica', { Instance: ID });
    expect(statementsOf(template).flatMap((st) => st.Resource)).toContainEqual(arn(`:connect:us-east-1:123456789012:instance/${ID}`));
  });

  test('the long-wait engine\'s two fixed resources: only the function\'s own role may invoke it, and asynchronous invocations are never retried', () => {
    const { template, stack: s } = synth();
    const types = Object.values(template.toJSON().Resources).map((r: any) => r.Type).sort();
    expect(types).toEqual([...HANDLER_RESOURCE_TYPES, 'AWS::Lambda::EventInvokeConfig', 'AWS::Lambda::Permission', 'Custom::ConnectInstanceReplica'].sort());
    const role = s.getLogicalId((s.node.findChild('CcrInstanceReplica').node.findChild('Role').node.defaultChild) as any);
    const fn = s.getLogicalId((s.node.findChild('CcrInstanceReplica').node.findChild('Handler').node.defaultChild) as any);
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction', FunctionName: { 'Fn::GetAtt': [fn, 'Arn'] }, Principal: { 'Fn::GetAtt': [role, 'Arn'] },
    });
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', { FunctionName: { Ref: fn }, MaximumRetryAttempts: 0, Qualifier: '$LATEST' });
  });

  test('10 replicas share the function and its two long-wait resources', () => {
    const s = stack();
    for (let i = 0; i < 10; i++) new InstanceReplica(s, `R${i}`, { instance: `${ID.slice(0, -1)}${i}`, replicaRegion: 'us-west-2', replicaAlias: `acme-${i}` });
    const types = Object.values(Template.fromStack(s).toJSON().Resources).map((r: any) => r.Type);
    expect(types.filter((t) => t === 'Custom::ConnectInstanceReplica')).toHaveLength(10);
    expect(types).toHaveLength(10 + HANDLER_RESOURCE_TYPES.length + 2);
  });

  test('attributes: the replica\'s ARN, the default group\'s ARN and the sign-in endpoint, from the resource', () => {
    const { replica, stack: s } = synth();
    const id = s.getLogicalId(replica.node.findChild('Resource').node.defaultChild as any);
    expect(s.resolve(replica.replicaInstanceArn)).toEqual({ 'Fn::GetAtt': [id, 'ReplicaInstanceArn'] });
    expect(s.resolve(replica.defaultTrafficDistributionGroupArn)).toEqual({ 'Fn::GetAtt': [id, 'DefaultTrafficDistributionGroupArn'] });
    expect(s.resolve(replica.globalSignInEndpoint)).toEqual({ 'Fn::GetAtt': [id, 'GlobalSignInEndpoint'] });
    expect(replica.sourceRegion).toBe('us-east-1');
  });
});

describe('IAM: the actions the Service Authorization Reference lists, on the instance in both Regions', () => {
  const common = [
    {
      Effect: 'Allow',
      Action: ['connect:DescribeInstance', 'connect:ReplicateInstance'],
      Resource: [arn(`:connect:us-east-1:123456789012:instance/${ID}`), arn(`:connect:us-west-2:123456789012:instance/${ID}`)],
    },
    {
      Effect: 'Allow',
      Action: ['ds:AuthorizeApplication', 'ds:CreateAlias', 'ds:DeleteDirectory', 'ds:UnauthorizeApplication'],
      Resource: [arn(':ds:us-east-1:123456789012:directory/*'), arn(':ds:us-west-2:123456789012:directory/*')],
    },
  ];
  const rest = [
    { Effect: 'Allow', Action: ['connect:ListTrafficDistributionGroups'], Resource: [arn(':connect:us-east-1:123456789012:traffic-distribution-group/*')] },
    { Effect: 'Allow', Action: ['ds:CheckAlias', 'ds:CreateDirectory', 'ds:CreateIdentityPoolDirectory', 'ds:DescribeDirectories'], Resource: ['*'] },
    {
      Effect: 'Allow',
      Action: ['iam:AttachRolePolicy', 'iam:CreateServiceLinkedRole', 'iam:PutRolePolicy'],
      Resource: [arn(':iam::123456789012:role/aws-service-role/connect.amazonaws.com/AWSServiceRoleForAmazonConnect*')],
    },
  ];

  /** What a DESTROY Delete calls, on the type in the replica Region (never the source's), whatever the removal policy. */
  const onType = [
    { Effect: 'Allow', Action: ['connect:DeleteInstance', 'connect:DescribeInstance'], Resource: [arn(':connect:us-west-2:123456789012:instance/*')] },
    { Effect: 'Allow', Action: ['ds:DeleteDirectory', 'ds:UnauthorizeApplication'], Resource: [arn(':ds:us-west-2:123456789012:directory/*')] },
  ];
  const stackRecord = {
    Effect: 'Allow',
    Action: ['cloudformation:DescribeStackEvents', 'cloudformation:DescribeStackResource', 'cloudformation:DescribeStacks'],
    Resource: { Ref: 'AWS::StackId' },
  };

  test.each([RemovalPolicy.RETAIN, RemovalPolicy.DESTROY])('%s: the stack record, the instance in both Regions, and what a Delete needs on the type in the replica Region only', (removalPolicy) => {
    expect(statementsOf(synth({ removalPolicy }).template).slice(1)).toEqual([stackRecord, ...common, ...rest, ...onType]);
  });

  test('a literal ARN keeps its own Region and account, whatever the stack\'s', () => {
    const other = `arn:aws:connect:eu-west-2:210987654321:instance/${ID}`;
    const [, , instances] = statementsOf(synth({ instance: other, replicaRegion: 'eu-central-1' }, stack('us-east-1')).template);
    expect(instances.Resource).toEqual([arn(`:connect:eu-west-2:210987654321:instance/${ID}`), arn(`:connect:eu-central-1:210987654321:instance/${ID}`)]);
  });

  test('a token is taken apart at deploy: the instance ID, account and Region come from the ARN it resolves to', () => {
    const s = stack();
    const param = new CfnParameter(s, 'InstanceArn').valueAsString;
    const { template } = synth({ instance: param }, s);
    const [, , instances] = statementsOf(template);
    expect(JSON.stringify(instances.Resource)).toContain('{"Fn::Select":[1,{"Fn::Split":["/",{"Fn::Select":[5,{"Fn::Split":[":",{"Ref":"InstanceArn"}]}]}]}]}');
    template.hasResourceProperties('Custom::ConnectInstanceReplica', { Instance: { Ref: 'InstanceArn' } });
  });
});

describe('validation at synth', () => {
  const expectInvalid = (props: Partial<InstanceReplicaProps>, message: string, s = stack()) => expect(() => synth(props, s)).toThrow(message);

  test.each([
    ['a bare ID', ID],
    ['an ARN', ARN],
    ['a GovCloud ARN', `arn:aws-us-gov:connect:us-gov-1:123456789012:instance/${ID}`.replace('us-gov-1', 'us-west-1')],
  ])('accepts %s as the instance', (_what, instance) => {
    expect(() => synth({ instance })).not.toThrow();
  });

  test.each([
    ['not an ID or ARN', 'my-instance'],
    ['an ARN of another resource type', `arn:aws:connect:us-east-1:123456789012:queue/${ID}`],
    ['an upper-case ID', 'AAAAAAAA-2222-3333-4444-555555555555'],
  ])('rejects %s as the instance, naming the path and the prop', (_what, instance) => {
    expectInvalid({ instance }, `Stack/Replica: instance: must be an instance ID (a UUID) or an instance ARN (arn:<partition>:connect:<region>:<account>:instance/<uuid>), got ${JSON.stringify(instance).slice(0, 60)}`);
  });

  test.each(['us-west-2', 'eu-central-1', 'ap-southeast-2'])('accepts %s as the replica Region', (replicaRegion) => {
    expect(() => synth({ replicaRegion })).not.toThrow();
  });

  test.each([
    ['us-west', 'must be 8 to 31 characters long'],
    ['US-WEST-2', 'must be a Region name such as us-west-2'],
    ['uswest2abc', 'must be a Region name such as us-west-2'],
  ])('rejects %s as the replica Region', (replicaRegion, rule) => {
    expectInvalid({ replicaRegion }, `Stack/Replica: replicaRegion: ${rule}, got ${JSON.stringify(replicaRegion)}`);
  });

  test('rejects the source\'s own Region, from the ARN and, for a bare ID, from the stack', () => {
    expectInvalid({ replicaRegion: 'us-east-1' }, 'Stack/Replica: replicaRegion: must differ from the Region of the source instance, got "us-east-1"');
    expectInvalid({ instance: ID, replicaRegion: 'eu-west-2' }, 'Stack/Replica: replicaRegion: must differ from the Region of the source instance, got "eu-west-2"', stack('eu-west-2'));
  });

  test.each(['a', 'acme-west', 'A1-b2--c3', 'x'.repeat(45)])('accepts %s as the alias', (replicaAlias) => {
    expect(() => synth({ replicaAlias })).not.toThrow();
  });

  test.each([
    ['', 'must be 1 to 45 characters long, got "0 characters"'],
    ['x'.repeat(46), 'must be 1 to 45 characters long, got "46 characters"'],
    ['d-acme', 'must be letters, digits and hyphens, begin and end with a letter or digit, and not begin with "d-", got "d-a*me"'],
    ['acme--', 'must be letters, digits and hyphens, begin and end with a letter or digit, and not begin with "d-", got "acm*--"'],
    ['acme_west', 'must be letters, digits and hyphens, begin and end with a letter or digit, and not begin with "d-", got "acm****st"'],
  ])('rejects %j as the alias, showing it masked', (replicaAlias, rule) => {
    expectInvalid({ replicaAlias }, `Stack/Replica: replicaAlias: ${rule}`);
  });

  test.each([RemovalPolicy.SNAPSHOT, RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE])('rejects removal policy %s', (removalPolicy) => {
    expectInvalid({ removalPolicy }, 'Stack/Replica: removalPolicy: must be RemovalPolicy.RETAIN or RemovalPolicy.DESTROY');
  });

  test('tokens are left to the handler', () => {
    const s = stack();
    const p = (id: string) => new CfnParameter(s, id).valueAsString;
    expect(() => synth({ instance: p('I'), replicaRegion: p('R'), replicaAlias: p('A') }, s)).not.toThrow();
  });
});

describe('Region pairs', () => {
  test.each([['us-east-1', 'us-west-2'], ['us-west-2', 'us-east-1'], ['eu-central-1', 'eu-west-2'], ['eu-west-2', 'eu-central-1'], ['ap-northeast-1', 'ap-northeast-3']])(
    '%s to %s is documented: no warning', (source, replicaRegion) => {
      const s = stack(source);
      new InstanceReplica(s, 'Replica', { instance: ID, replicaRegion, replicaAlias: 'acme' });
      Annotations.fromStack(s).hasNoWarning('*', Match.anyValue());
    });

  test('another pair is a warning naming the documented pairs, not an error', () => {
    const s = stack('ap-southeast-2');
    new InstanceReplica(s, 'Replica', { instance: ID, replicaRegion: 'ap-northeast-1', replicaAlias: 'acme' });
    Annotations.fromStack(s).hasWarning('/Stack/Replica', Match.stringLikeRegexp(
      '^replicaRegion: ap-southeast-2 to ap-northeast-1 is not a Region pair the Amazon Connect Administrator Guide documents for Global Resiliency '
      + '\\(documented: us-east-1 to us-west-2, us-west-2 to us-east-1, eu-central-1 to eu-west-2, eu-west-2 to eu-central-1, ap-northeast-1 to ap-northeast-3\\)'));
  });

  test('Tokyo to Osaka is documented, Osaka to Tokyo is not', () => {
    const s = stack('ap-northeast-3');
    new InstanceReplica(s, 'Replica', { instance: ID, replicaRegion: 'ap-northeast-1', replicaAlias: 'acme' });
    Annotations.fromStack(s).hasWarning('/Stack/Replica', Match.stringLikeRegexp('^replicaRegion: ap-northeast-3 to ap-northeast-1 is not a Region pair'));
  });
});

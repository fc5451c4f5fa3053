/**
 * Least privilege across the library: in a stack with every construct, each handler's role may call exactly
 * the operations its handler sends: on exactly the resources of the instances in the stack, except the actions a
 * Delete needs in CloudFormation's cleanup phase, which name the resource type in one account and Region (and which
 * the handler uses only for a request CloudFormation's record of its own stack confirms: see docs/security.md).
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, CfnElement, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import {
  ACCOUNT, everyConstructStack, INSTANCE_ID, REPLICA_SOURCE_ARN_EU, REPLICA_SOURCE_ID,
  USERS_GROUP, USERS_INSTANCE, VOICE_CONNECTOR_ID,
} from './every-construct';
import { VoiceConnectorProxy } from '../../src';
import { HandlerProvider } from '../../src/private/handler-provider';
import { TRAFFIC_DISTRIBUTION } from '../../src/private/rules/traffic-distribution';
import { handlerStatements } from '../support/handler-policy';
import { KINDS as REGISTRY } from '../support/kinds';
import { ON_CALL_KEY_ARN } from '../support/kinds/outbound-voice-contact';

/** Each handler kind, by its folder under lambda/: its IAM service prefix and the construct ID of its provider. */
const KINDS: Record<string, { prefix: string; provider: string; dependent: readonly string[] }> = Object.fromEntries(REGISTRY.map((entry) => [
  entry.kind.handler, { prefix: entry.iamPrefix, provider: `Ccr${entry.name}`, dependent: entry.dependentActions?.all ?? [] },
]));
type Kind = string;

/** The IAM service prefix of each SDK client a handler imports. */
const PREFIX_OF_CLIENT: Record<string, string> = {
  'client-connect': 'connect', 'client-customer-profiles': 'profile', 'client-chime-sdk-voice': 'chime', 'client-cloudformation': 'cloudformation', 'client-ssm': 'ssm',
};

/**
 * The operations a handler sends, read from its source: every `new XCommand(` and every `ctx.call('X'` (the core's: `call('X'`).
 * For these services each operation is authorized by the IAM action of the same name.
 */
function operationsOf(kind: Kind): string[] {
  return actionsOf(kind).map((action) => action.split(':')[1]).sort();
}

/** The IAM actions of the operations a handler sends, by the client each command comes from. */
function actionsOf(kind: Kind): string[] {
  const source = fs.readFileSync(path.join(__dirname, '..', '..', 'lambda', kind === 'core' ? 'core/stack-record.ts' : `${kind}/index.ts`), 'utf-8');
  const commands = new Set([...source.matchAll(/new (\w+)Command\(/g)].map((m) => m[1]));
  const calls = new Set([...source.matchAll(/\bcall\('(\w+)'/g)].map((m) => m[1]));
  // Every command goes through ctx.call (retries, deadline, the failure's shape), under its own name.
  expect([...calls].sort()).toEqual([...commands].sort());
  const clientOf = new Map<string, string>();
  for (const m of source.matchAll(/import \{([^}]+)\} from '@aws-sdk\/([\w-]+)'/g)) {
    for (const name of m[1].split(',').map((n) => n.trim())) clientOf.set(name.replace(/Command$/, ''), m[2]);
  }
  return [...commands].map((op) => `${PREFIX_OF_CLIENT[clientOf.get(op)!]}:${op}`).sort();
}

const stack = everyConstructStack();
const template = Template.fromStack(stack).toJSON();
const arn = (...parts: unknown[]) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ...parts]] });

/** The users of TrafficDistributionGroupUsers' instances: by literal ID, and by token (in the Region of the group token). */
function usersOfInstance(suffix = '/agent/*'): unknown[] {
  const part = (n: number) => ({ 'Fn::Select': [n, { 'Fn::Split': [':', { Ref: 'UsersGroupArn' }] }] });
  return [
    arn(`:connect:us-east-1:${ACCOUNT}:instance/${USERS_INSTANCE}${suffix}`),
    arn(':connect:', part(3), ':', part(4), ':instance/', { Ref: 'UsersInstanceId' }, ...suffix ? [suffix] : []),
  ];
}

/** The types TrafficDistributionGroupUsers' Delete acts on: in us-east-1, and in the account and Region of the group token. */
function usersTypes(): unknown[] {
  const part = (n: number) => ({ 'Fn::Select': [n, { 'Fn::Split': [':', { Ref: 'UsersGroupArn' }] }] });
  const types = ['traffic-distribution-group/*', 'instance/*', 'instance/*/agent/*'];
  return [...types.map((t) => arn(`:connect:us-east-1:${ACCOUNT}:${t}`)), ...types.map((t) => arn(':connect:', part(3), ':', part(4), `:${t}`))];
}

function logicalIdOf(kind: Kind, child: string): string {
  const provider = stack.node.findChild(KINDS[kind].provider);
  return stack.getLogicalId(provider.node.findChild(child).node.defaultChild as CfnElement);
}

function statementsOf(kind: Kind): any[] {
  return handlerStatements(template as { Resources: Record<string, any> }, logicalIdOf(kind, 'Role'));
}

const STACK_RECORD = { Effect: 'Allow', Action: ['cloudformation:DescribeStackEvents', 'cloudformation:DescribeStackResource', 'cloudformation:DescribeStacks'], Resource: { Ref: 'AWS::StackId' } };

const logStatement = (kind: Kind) => ({
  Effect: 'Allow',
  Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
  // The one wildcard of every role: Lambda names the streams at run time, in this handler's own log group only.
  Resource: arn(`:logs:us-east-1:${ACCOUNT}:log-group:`, { Ref: logicalIdOf(kind, 'Logs') }, ':log-stream:*'),
});

describe('the operations each handler sends (pinned: a new call fails here until its permission is reviewed)', () => {
  test.each<[Kind, string[]]>([
    // Every kind, before it acts: CloudFormation's record of its own stack.
    ['core', ['DescribeStackEvents', 'DescribeStackResource', 'DescribeStacks']],
    ['traffic-distribution', ['DescribeTrafficDistributionGroup', 'UpdateTrafficDistribution']],
    ['profile-object-type', ['DeleteProfileObjectType', 'GetProfileObjectType', 'PutProfileObjectType', 'TagResource', 'UntagResource']],
    ['voice-connector-proxy', ['DeleteVoiceConnectorProxy', 'PutVoiceConnectorProxy']],
    ['proxy-session-settings', ['GetProxySession', 'UpdateProxySession']],
    // GetParameter: a destination number kept in a parameter.
    ['outbound-voice-contact', ['GetParameter', 'StartOutboundVoiceContact', 'StopContact']],
    ['instance-replica', ['DeleteInstance', 'DescribeInstance', 'ListTrafficDistributionGroups', 'ReplicateInstance']],
    ['traffic-distribution-group-users', ['AssociateTrafficDistributionGroupUser', 'DisassociateTrafficDistributionGroupUser']],
  ])('%s', (kind, operations) => {
    expect(operationsOf(kind)).toEqual(operations);
  });
});

describe('each role allows exactly the actions its handler calls', () => {
  test.each(Object.keys(KINDS) as Kind[])('%s', (kind) => {
    const granted = new Set(statementsOf(kind).slice(1).flatMap((s) => s.Action as string[]).filter((a) => !a.startsWith('kms:')));
    // The dependent actions the Service Authorization Reference lists for these calls: all of them, and no others.
    const { dependent } = KINDS[kind];
    expect([...granted].filter((a) => dependent.includes(a)).sort()).toEqual([...dependent].sort());
    expect([...granted].filter((a) => !dependent.includes(a)).sort()).toEqual([...actionsOf('core'), ...actionsOf(kind)].sort());
  });

  test('each role may read CloudFormation\'s record of its own stack, and of no other', () => {
    for (const kind of Object.keys(KINDS) as Kind[]) expect(statementsOf(kind)[1]).toEqual(STACK_RECORD);
  });

  test('no other policy, managed policy or role is attached to a handler', () => {
    const types = Object.values<any>(template.Resources).map((r) => r.Type);
    expect(types.filter((t) => t === 'AWS::IAM::Role')).toHaveLength(Object.keys(KINDS).length);
    // One customer managed policy per role (handlerStatements checks that it is attached to that role only).
    expect(types.filter((t) => t === 'AWS::IAM::ManagedPolicy')).toHaveLength(Object.keys(KINDS).length);
    expect(types.filter((t) => t.startsWith('AWS::IAM::') && t !== 'AWS::IAM::Role' && t !== 'AWS::IAM::ManagedPolicy')).toEqual([]);
    for (const kind of Object.keys(KINDS) as Kind[]) {
      const role = template.Resources[logicalIdOf(kind, 'Role')].Properties;
      expect(role.ManagedPolicyArns).toBeUndefined();
      expect(role.AssumeRolePolicyDocument.Statement).toEqual([
        { Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'lambda.amazonaws.com' } },
      ]);
    }
  });
});

/** The traffic distribution groups of a Region and account: literal, or read from a token ARN at deploy. */
const groups = (region: unknown, account: unknown) => (typeof region === 'string'
  ? arn(`:connect:${region}:${account}:traffic-distribution-group/*`)
  : arn(':connect:', region, ':', account, ':traffic-distribution-group/*'));
const tokenPart = (n: number) => ({ 'Fn::Select': [n, { 'Fn::Split': [':', { Ref: 'GroupArn' }] }] });

describe('each role is scoped to exactly the instances in the stack, except what a Delete needs in the cleanup phase', () => {

  test('TrafficDistribution: the groups of each group\'s account and Region, for an ID, an ARN (in its own Region) and a token', () => {
    // DESTROY resets with the same two actions Create and Update use: none of them names one group.
    expect(statementsOf('traffic-distribution')).toEqual([logStatement('traffic-distribution'), STACK_RECORD, {
      Effect: 'Allow',
      Action: ['connect:DescribeTrafficDistributionGroup', 'connect:UpdateTrafficDistribution'],
      Resource: [groups('us-east-1', ACCOUNT), groups('us-west-2', ACCOUNT), groups(tokenPart(3), tokenPart(4))],
    }]);
  });

  test('ProfileObjectType: each object type and its domain, Delete on the type; the key only for the type it encrypts', () => {
    expect(statementsOf('profile-object-type')).toEqual([logStatement('profile-object-type'), STACK_RECORD, {
      Effect: 'Allow',
      Action: ['profile:GetProfileObjectType', 'profile:PutProfileObjectType', 'profile:TagResource', 'profile:UntagResource'],
      Resource: [
        arn(`:profile:us-east-1:${ACCOUNT}:domains/contact-center-prod/object-types/Orders`),
        arn(`:profile:us-east-1:${ACCOUNT}:domains/`, { Ref: 'DomainName' }, '/object-types/Cases'),
      ],
    }, {
      // Put and Get authorize on the domain as well (Service Authorization Reference: both resource types required).
      Effect: 'Allow',
      Action: ['profile:GetProfileObjectType', 'profile:PutProfileObjectType'],
      Resource: [arn(`:profile:us-east-1:${ACCOUNT}:domains/contact-center-prod`), arn(`:profile:us-east-1:${ACCOUNT}:domains/`, { Ref: 'DomainName' })],
    }, {
      // PutProfileObjectType with EncryptionKey uses the key with the caller's permissions.
      Effect: 'Allow',
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Resource: [{ 'Fn::GetAtt': [stack.getLogicalId(stack.node.findChild('ProfilesKey').node.defaultChild as CfnElement), 'Arn'] }],
    }, {
      Effect: 'Allow',
      Action: ['profile:DeleteProfileObjectType'],
      Resource: [arn(`:profile:us-east-1:${ACCOUNT}:domains/*`), arn(`:profile:us-east-1:${ACCOUNT}:domains/*/object-types/*`)],
    }]);
  });

  test('VoiceConnectorProxy: Put on each voice connector, literal or token; Delete on the type', () => {
    expect(statementsOf('voice-connector-proxy')).toEqual([logStatement('voice-connector-proxy'), STACK_RECORD, {
      Effect: 'Allow',
      Action: ['chime:PutVoiceConnectorProxy'],
      Resource: [arn(`:chime:us-east-1:${ACCOUNT}:vc/${VOICE_CONNECTOR_ID}`), arn(`:chime:us-east-1:${ACCOUNT}:vc/`, { Ref: 'VoiceConnectorId' })],
    }, {
      Effect: 'Allow', Action: ['chime:DeleteVoiceConnectorProxy'], Resource: [arn(`:chime:us-east-1:${ACCOUNT}:vc/*`)],
    }]);
  });

  test('ProxySessionSettings: the voice connectors of the account and Region (DESTROY restores with the actions Create uses)', () => {
    expect(statementsOf('proxy-session-settings')).toEqual([logStatement('proxy-session-settings'), STACK_RECORD, {
      Effect: 'Allow', Action: ['chime:GetProxySession', 'chime:UpdateProxySession'], Resource: [arn(`:chime:us-east-1:${ACCOUNT}:vc/*`)],
    }]);
  });

  test('InstanceReplica: the instance in both Regions; what a Delete needs on the type in the replica Regions only; the dependent actions', () => {
    const part = (n: number) => ({ 'Fn::Select': [n, { 'Fn::Split': [':', { Ref: 'ReplicaSourceArn' }] }] });
    const tokenId = { 'Fn::Select': [1, { 'Fn::Split': ['/', part(5)] }] };
    const eu = REPLICA_SOURCE_ARN_EU.split('/').pop();
    const instance = (region: string, id: string) => arn(`:connect:${region}:${ACCOUNT}:instance/${id}`);
    const directories = (region: string) => arn(`:ds:${region}:${ACCOUNT}:directory/*`);
    const serviceRoles = ':role/aws-service-role/connect.amazonaws.com/AWSServiceRoleForAmazonConnect*';
    expect(statementsOf('instance-replica')).toEqual([logStatement('instance-replica'), STACK_RECORD, {
      Effect: 'Allow',
      Action: ['connect:DescribeInstance', 'connect:ReplicateInstance'],
      Resource: [
        instance('us-east-1', REPLICA_SOURCE_ID), instance('us-west-2', REPLICA_SOURCE_ID), instance('eu-west-2', eu!), instance('eu-central-1', eu!),
        arn(':connect:', part(3), ':', part(4), ':instance/', tokenId), arn(':connect:us-west-2:', part(4), ':instance/', tokenId),
      ],
    }, {
      // Dependent actions (Service Authorization Reference): the directory Amazon Connect makes for the replica.
      Effect: 'Allow',
      Action: ['ds:AuthorizeApplication', 'ds:CreateAlias', 'ds:DeleteDirectory', 'ds:UnauthorizeApplication'],
      Resource: [
        directories('us-east-1'), directories('us-west-2'), directories('eu-west-2'), directories('eu-central-1'),
        arn(':ds:', part(3), ':', part(4), ':directory/*'), arn(':ds:us-west-2:', part(4), ':directory/*'),
      ],
    }, {
      Effect: 'Allow',
      Action: ['connect:ListTrafficDistributionGroups'],
      Resource: [
        arn(`:connect:us-east-1:${ACCOUNT}:traffic-distribution-group/*`), arn(`:connect:eu-west-2:${ACCOUNT}:traffic-distribution-group/*`),
        arn(':connect:', part(3), ':', part(4), ':traffic-distribution-group/*'),
      ],
    }, {
      // Dependent actions that take no resource type: IAM accepts them on "*" only.
      Effect: 'Allow', Action: ['ds:CheckAlias', 'ds:CreateDirectory', 'ds:CreateIdentityPoolDirectory', 'ds:DescribeDirectories'], Resource: ['*'],
    }, {
      Effect: 'Allow',
      Action: ['iam:AttachRolePolicy', 'iam:CreateServiceLinkedRole', 'iam:PutRolePolicy'],
      Resource: [arn(`:iam::${ACCOUNT}${serviceRoles}`), arn(':iam::', part(4), serviceRoles)],
    }, {
      // What a DESTROY Delete calls, on the type in each replica Region (never a source Region): the replica and its directory.
      Effect: 'Allow',
      Action: ['connect:DeleteInstance', 'connect:DescribeInstance'],
      Resource: [arn(`:connect:us-west-2:${ACCOUNT}:instance/*`), arn(`:connect:eu-central-1:${ACCOUNT}:instance/*`), arn(':connect:us-west-2:', part(4), ':instance/*')],
    }, {
      Effect: 'Allow',
      Action: ['ds:DeleteDirectory', 'ds:UnauthorizeApplication'],
      Resource: [directories('us-west-2'), directories('eu-central-1'), arn(':ds:us-west-2:', part(4), ':directory/*')],
    }]);
  });

  test('TrafficDistributionGroupUsers: the group, the instance and its users, in the group\'s Region; DescribeUser and SearchUsers, their dependencies', () => {
    const association = ['connect:AssociateTrafficDistributionGroupUser', 'connect:DisassociateTrafficDistributionGroupUser'];
    const [, instance] = usersOfInstance('');
    expect(statementsOf('traffic-distribution-group-users')).toEqual([logStatement('traffic-distribution-group-users'), STACK_RECORD, {
      Effect: 'Allow', Action: association, Resource: [`arn:aws:connect:us-east-1:${ACCOUNT}:traffic-distribution-group/${USERS_GROUP}`, { Ref: 'UsersGroupArn' }],
    }, {
      Effect: 'Allow', Action: [...association, 'connect:SearchUsers'], Resource: [arn(`:connect:us-east-1:${ACCOUNT}:instance/${USERS_INSTANCE}`), instance],
    }, {
      Effect: 'Allow', Action: [association[0], 'connect:DescribeUser', association[1]], Resource: usersOfInstance(),
    }, {
      // What a DESTROY Delete calls, on the types in the group's account and Region.
      Effect: 'Allow', Action: [association[1]], Resource: usersTypes(),
    }]);
  });

  test('OutboundVoiceContact: Start on the contacts of each instance; StopContact on the type; the number\'s parameter and its key only', () => {
    expect(statementsOf('outbound-voice-contact')).toEqual([logStatement('outbound-voice-contact'), STACK_RECORD, {
      Effect: 'Allow',
      Action: ['connect:StartOutboundVoiceContact'],
      // The contact ID is assigned by the call itself: the grant names the instance's contacts.
      Resource: [arn(`:connect:us-east-1:${ACCOUNT}:instance/${INSTANCE_ID}/contact/*`), arn(`:connect:us-east-1:${ACCOUNT}:instance/`, { Ref: 'InstanceId' }, '/contact/*')],
    }, {
      Effect: 'Allow', Action: ['ssm:GetParameter'], Resource: [arn(`:ssm:us-east-1:${ACCOUNT}:parameter/on-call/number`)],
    }, {
      // The key only through SSM: the role cannot decrypt with it directly.
      Effect: 'Allow',
      Action: ['kms:Decrypt'],
      Resource: [ON_CALL_KEY_ARN],
      Condition: { StringEquals: { 'kms:ViaService': { 'Fn::Join': ['', ['ssm.us-east-1.', { Ref: 'AWS::URLSuffix' }]] } } },
    }, {
      Effect: 'Allow', Action: ['connect:StopContact'], Resource: [arn(`:connect:us-east-1:${ACCOUNT}:instance/*/contact/*`)],
    }]);
  });
});

describe('wildcards', () => {
  test('the only wildcard ARNs are the log streams, the contacts of the named instances, the types a Delete acts on, and what an instance replica\'s calls create', () => {
    const wildcards = (Object.keys(KINDS) as Kind[]).flatMap((kind) => statementsOf(kind).flatMap((s) => [s.Resource].flat()))
      .map((r) => JSON.stringify(r)).filter((r) => r.includes('*'));
    const part = (n: number) => ({ 'Fn::Select': [n, { 'Fn::Split': [':', { Ref: 'ReplicaSourceArn' }] }] });
    const replicaRegions = ['us-east-1', 'us-west-2', 'eu-west-2', 'eu-central-1'];
    const serviceRoles = ':role/aws-service-role/connect.amazonaws.com/AWSServiceRoleForAmazonConnect*';
    expect(wildcards.sort()).toEqual([
      ...(Object.keys(KINDS) as Kind[]).map((kind) => JSON.stringify(logStatement(kind).Resource)),
      // InstanceReplica (each with its reason, see cdk-nag.test.ts): the directories of both Regions, the source
      // Region's traffic distribution groups, Connect's service-linked roles, and "*" for the resource-less ds actions.
      ...replicaRegions.map((region) => JSON.stringify(arn(`:ds:${region}:${ACCOUNT}:directory/*`))),
      JSON.stringify(arn(':ds:', part(3), ':', part(4), ':directory/*')), JSON.stringify(arn(':ds:us-west-2:', part(4), ':directory/*')),
      ...['us-east-1', 'eu-west-2'].map((region) => JSON.stringify(arn(`:connect:${region}:${ACCOUNT}:traffic-distribution-group/*`))),
      JSON.stringify(arn(':connect:', part(3), ':', part(4), ':traffic-distribution-group/*')),
      JSON.stringify(arn(`:iam::${ACCOUNT}${serviceRoles}`)), JSON.stringify(arn(':iam::', part(4), serviceRoles)),
      '"*"',
      // InstanceReplica's Delete: the instances and directories of the replica Regions.
      ...[
        arn(`:connect:us-west-2:${ACCOUNT}:instance/*`), arn(`:connect:eu-central-1:${ACCOUNT}:instance/*`), arn(':connect:us-west-2:', part(4), ':instance/*'),
        arn(`:ds:us-west-2:${ACCOUNT}:directory/*`), arn(`:ds:eu-central-1:${ACCOUNT}:directory/*`), arn(':ds:us-west-2:', part(4), ':directory/*'),
      ].map((r) => JSON.stringify(r)),
      // TrafficDistributionGroupUsers: the users of the named instance (thousands, more than a policy can list), and the Delete's types.
      ...usersOfInstance().map((r) => JSON.stringify(r)),
      ...usersTypes().map((r) => JSON.stringify(r)),
      ...[
        arn(`:connect:us-east-1:${ACCOUNT}:instance/${INSTANCE_ID}/contact/*`),
        arn(`:connect:us-east-1:${ACCOUNT}:instance/`, { Ref: 'InstanceId' }, '/contact/*'),
        groups('us-east-1', ACCOUNT), groups('us-west-2', ACCOUNT), groups(tokenPart(3), tokenPart(4)),
        arn(`:profile:us-east-1:${ACCOUNT}:domains/*`), arn(`:profile:us-east-1:${ACCOUNT}:domains/*/object-types/*`),
        arn(`:chime:us-east-1:${ACCOUNT}:vc/*`), arn(`:chime:us-east-1:${ACCOUNT}:vc/*`),
        arn(`:connect:us-east-1:${ACCOUNT}:instance/*/contact/*`),
      ].map((r) => JSON.stringify(r)),
    ].sort());
    expect((Object.keys(KINDS) as Kind[]).flatMap((kind) => statementsOf(kind).flatMap((s) => s.Action as string[])).filter((a) => a.includes('*'))).toEqual([]);
  });

  test('past the policy budget, a statement widens to its type in the same account and Region, never further', () => {
    const big = new Stack(new App(), 'Big', { env: { account: ACCOUNT, region: 'eu-west-2' } });
    for (let i = 0; i < 60; i++) {
      new VoiceConnectorProxy(big, `Proxy${i}`, { voiceConnectorId: `vc${i}`.padEnd(128, 'x'), defaultSessionExpiry: Duration.hours(1), phoneNumberPoolCountries: ['US'] });
    }
    expect(handlerStatements(Template.fromStack(big))[2]).toEqual({
      Effect: 'Allow', Action: ['chime:PutVoiceConnectorProxy'], Resource: [arn(`:chime:eu-west-2:${ACCOUNT}:vc/*`)],
    });
  });

  test('a grant whose ARN holds a wildcard without a reason fails synthesis', () => {
    const s = new Stack(new App(), 'S', { env: { account: ACCOUNT, region: 'us-east-1' } });
    HandlerProvider.of(s, TRAFFIC_DISTRIBUTION).grant({
      actions: ['connect:UpdateTrafficDistribution'],
      resourceArn: `arn:aws:connect:us-east-1:${ACCOUNT}:traffic-distribution-group/*`,
      typeWideArn: `arn:aws:connect:us-east-1:${ACCOUNT}:traffic-distribution-group/*`,
    });
    expect(() => Template.fromStack(s)).toThrow(/the handler policy holds arn:aws:connect:us-east-1:123456789012:traffic-distribution-group\/\* without a reason for its wildcard/);
  });
});

import { App, CfnParameter, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { InstanceReplica, TrafficDistributionGroupUsers, TrafficDistributionGroupUsersProps } from '../src';
import { HANDLER_RESOURCE_TYPES, handlerStatements } from './support/handler-policy';
import { chunkOf, CHUNKS } from '../src/private/rules/traffic-distribution-group-users';

const INSTANCE = '11111111-2222-3333-4444-555555555555';
const GROUP = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
const GROUP_ARN = `arn:aws:connect:us-east-1:123456789012:traffic-distribution-group/${GROUP}`;
const user = (n: number) => `${String(n).padStart(8, '0')}-0000-4000-8000-000000000000`;
const users = (n: number, from = 0) => Array.from({ length: n }, (_x, i) => user(from + i));
const arn = (...parts: unknown[]) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ...parts]] });

function stack(region = 'us-east-1') {
  return new Stack(new App(), 'Stack', { env: { account: '123456789012', region } });
}

function synth(props: Partial<TrafficDistributionGroupUsersProps> = {}, s = stack()) {
  const agents = new TrafficDistributionGroupUsers(s, 'Agents', { trafficDistributionGroup: GROUP_ARN, instanceId: INSTANCE, userIds: users(3), ...props });
  return { stack: s, agents, template: Template.fromStack(s) };
}

const chunksOf = (template: Template) => Object.entries<any>(template.findResources('Custom::ConnectTrafficDistributionGroupUsers'));

describe('chunks', () => {
  test('a few users: one resource per chunk they fall into, with the group, the instance and DESTROY by default', () => {
    const { template, agents } = synth();
    const chunks = chunksOf(template);
    expect(chunks.length).toBe(new Set(users(3).map(chunkOf)).size);
    expect(agents.chunkCount).toBe(chunks.length);
    for (const [, c] of chunks) {
      // DESTROY, the kind's default, is left out of the template (#15 phase 2): the handler reads it so.
      expect(c.Properties).toMatchObject({ TrafficDistributionGroup: GROUP_ARN, InstanceId: INSTANCE });
      expect(c.Properties).not.toHaveProperty('RemovalPolicy');
      // So is the documented default rate: the handler paces at 2 requests per second without it.
      expect(c.Properties).not.toHaveProperty('RequestsPerSecond');
    }
    expect(chunks.flatMap(([, c]) => c.Properties.UserIds).sort()).toEqual(users(3));
  });

  test('10,000 users: at most 64 resources of at most 250 users each, every user once, and the handler\'s 4 fixed resources', () => {
    const { template } = synth({ userIds: users(10_000) });
    const chunks = chunksOf(template);
    expect(chunks.length).toBe(CHUNKS);
    const sizes = chunks.map(([, c]) => c.Properties.UserIds.length);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(250);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(10_000);
    expect(new Set(chunks.flatMap(([, c]) => c.Properties.UserIds)).size).toBe(10_000);
    expect(Object.keys(template.toJSON().Resources)).toHaveLength(CHUNKS + HANDLER_RESOURCE_TYPES.length);
  });

  test('a user\'s chunk does not depend on the others: adding and removing 100 users changes only their chunks', () => {
    const listsOf = (userIds: string[]) => new Map(chunksOf(synth({ userIds }).template).map(([id, c]) => [id, c.Properties.UserIds]));
    const before = listsOf(users(1_000));
    const after = listsOf([...users(900, 100), ...users(100, 5_000)]);
    for (const [id, list] of after) {
      const old: string[] = before.get(id) ?? [];
      // Every user that stayed is in the chunk it was in.
      expect(list.filter((u: string) => users(1_000).includes(u))).toEqual(old.filter((u) => !users(100).includes(u)));
    }
    const changed = [...after].filter(([id, list]) => JSON.stringify(before.get(id)) !== JSON.stringify(list)).length;
    expect(changed).toBeLessThan(after.size);
  });

  test('chunks run one after another: each depends on the one before', () => {
    const { template } = synth({ userIds: users(500) });
    const chunks = chunksOf(template);
    expect(chunks[0][1].DependsOn).toBeUndefined();
    chunks.slice(1).forEach(([, c], i) => expect(c.DependsOn).toEqual([chunks[i][0]]));
  });

  test('a literal user ARN is sent as its ID, in the chunk of its ID', () => {
    const userArn = `arn:aws:connect:us-east-1:123456789012:instance/${INSTANCE}/agent/${user(7)}`;
    const { template } = synth({ userIds: [userArn] });
    const [[id, c]] = chunksOf(template);
    expect(c.Properties.UserIds).toEqual([user(7)]);
    expect(id).toContain(`Chunk${String(chunkOf(user(7))).padStart(2, '0')}`);
  });

  test('tokens are kept, and chunked by their template form (a stable logical ID)', () => {
    const s = stack();
    const tokens = [new CfnParameter(s, 'U1').valueAsString, new CfnParameter(s, 'U2').valueAsString];
    const { template } = synth({ userIds: tokens }, s);
    expect(chunksOf(template).flatMap(([, c]) => c.Properties.UserIds)).toEqual(expect.arrayContaining([{ Ref: 'U1' }, { Ref: 'U2' }]));
    expect(chunksOf(template)[0][1].Properties.Chunk).toBe(Math.min(chunkOf('{"Ref":"U1"}'), chunkOf('{"Ref":"U2"}')));
  });

  test('no users: no resource at all (removing every user of an existing set disassociates them)', () => {
    const { template, agents } = synth({ userIds: [] });
    expect(chunksOf(template)).toHaveLength(0);
    expect(agents.chunkCount).toBe(0);
  });

  test('the group of an InstanceReplica, from the stack of the other Region: the calls go to the group\'s Region', () => {
    const s = stack('us-west-2');
    const replica = new InstanceReplica(s, 'Replica', { instance: `arn:aws:connect:us-east-1:123456789012:instance/${INSTANCE}`, replicaRegion: 'us-west-2', replicaAlias: 'acme-west' });
    const { template } = synth({ trafficDistributionGroup: replica.defaultTrafficDistributionGroupArn }, s);
    const [[, c]] = chunksOf(template);
    expect(c.Properties.TrafficDistributionGroup).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Replica/), 'DefaultTrafficDistributionGroupArn'] });
  });
});

describe('IAM', () => {
  test('the association actions on the group, the instance and its users; DescribeUser and SearchUsers, their dependencies', () => {
    const statements = handlerStatements(synth({ userIds: users(300) }).template);
    const association = ['connect:AssociateTrafficDistributionGroupUser', 'connect:DisassociateTrafficDistributionGroupUser'];
    expect(statements.slice(2)).toEqual([
      { Effect: 'Allow', Action: association, Resource: [GROUP_ARN] },
      { Effect: 'Allow', Action: [...association, 'connect:SearchUsers'], Resource: [arn(`:connect:us-east-1:123456789012:instance/${INSTANCE}`)] },
      { Effect: 'Allow', Action: [association[0], 'connect:DescribeUser', association[1]], Resource: [arn(`:connect:us-east-1:123456789012:instance/${INSTANCE}/agent/*`)] },
      // What a DESTROY Delete calls, on the types in the group's account and Region (the cleanup phase).
      {
        Effect: 'Allow',
        Action: [association[1]],
        Resource: ['traffic-distribution-group/*', 'instance/*', 'instance/*/agent/*'].map((type) => arn(`:connect:us-east-1:123456789012:${type}`)),
      },
    ]);
  });

  test('a bare group ID stays a bare ID in the template (the handler reads it as the ARN in the stack\'s account and Region); the grants name that ARN', () => {
    const { template } = synth({ trafficDistributionGroup: GROUP });
    for (const [, c] of chunksOf(template)) expect(c.Properties.TrafficDistributionGroup).toBe(GROUP);
    expect(handlerStatements(template)[2].Resource).toEqual([arn(`:connect:us-east-1:123456789012:traffic-distribution-group/${GROUP}`)]);
  });

  test('a rate other than the default is written out for the handler', () => {
    for (const [, c] of chunksOf(synth({ requestsPerSecond: 5 }).template)) expect(c.Properties.RequestsPerSecond).toBe(5);
  });

  test('a group ARN in another Region: the grants name that Region', () => {
    const other = `arn:aws:connect:us-west-2:210987654321:traffic-distribution-group/${GROUP}`;
    const statements = handlerStatements(synth({ trafficDistributionGroup: other }).template);
    expect(statements[2].Resource).toEqual([other]);
    expect(statements[3].Resource).toEqual([arn(`:connect:us-west-2:210987654321:instance/${INSTANCE}`)]);
  });
});

describe('validation at synth', () => {
  const expectInvalid = (props: Partial<TrafficDistributionGroupUsersProps>, message: string) => expect(() => synth(props)).toThrow(message);

  test.each([GROUP, GROUP_ARN])('accepts %s as the group', (trafficDistributionGroup) => {
    expect(() => synth({ trafficDistributionGroup })).not.toThrow();
  });

  test('rejects a group that is neither an ID nor an ARN', () => {
    expectInvalid({ trafficDistributionGroup: 'east-west' }, 'Stack/Agents: trafficDistributionGroup: must be a traffic distribution group ID (a UUID) or ARN, got "east-west"');
  });

  test('an instance ARN is reduced to its ID; anything else must be an ID', () => {
    const { template } = synth({ instanceId: `arn:aws:connect:us-east-1:123456789012:instance/${INSTANCE}` });
    expect(chunksOf(template)[0][1].Properties.InstanceId).toBe(INSTANCE);
    expectInvalid({ instanceId: 'my-instance' }, 'Stack/Agents: instanceId: must be an instance ID: a lower-case UUID, the last part of its ARN, got "my-instance"');
  });

  test.each([
    [['jane'], 'userIds[0]: must be a user ID (a UUID) or the ARN of a user of the instance, got "jane"'],
    [[user(1), user(1)], 'userIds[1]: users must be unique, got "00000001-0000-4000-8000-000000000000"'],
    [[user(1), `arn:aws:connect:us-east-1:123456789012:instance/${INSTANCE}/agent/${user(1)}`], 'userIds[1]: users must be unique'],
    [[`arn:aws:connect:us-east-1:123456789012:instance/99999999-2222-3333-4444-555555555555/agent/${user(1)}`], `userIds[0]: must be a user of instance ${INSTANCE}`],
  ])('rejects users %j, naming the path and the prop', (userIds, message) => {
    expectInvalid({ userIds }, `Stack/Agents: ${message}`);
  });

  test('rejects more users than the chunks can hold, naming the chunk', () => {
    expectInvalid({ userIds: users(20_000) }, 'Stack/Agents: userIds: at most 250 users may fall into one of the 64 chunks (by a digest of each user\'s ID), about 12,000 users in all; chunk');
  });

  test.each([0, 1.5, 1001])('rejects %s requests per second', (requestsPerSecond) => {
    expect(() => synth({ requestsPerSecond })).toThrow(`Stack/Agents: requestsPerSecond: must be an integer from 1 to 1000, got ${requestsPerSecond}`);
  });

  test.each([RemovalPolicy.SNAPSHOT])('rejects removal policy %s', (removalPolicy) => {
    expect(() => synth({ removalPolicy })).toThrow(/removalPolicy: must be RemovalPolicy.RETAIN or RemovalPolicy.DESTROY/);
  });

  test('RETAIN leaves the users associated when the construct goes', () => {
    const { template } = synth({ removalPolicy: RemovalPolicy.RETAIN });
    for (const [, c] of chunksOf(template)) expect(c.Properties.RemovalPolicy).toBe('retain');
  });
});

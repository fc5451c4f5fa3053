/**
 * The whole Global Resiliency flow through the three handlers, as the example app deploys it: the source-Region
 * stack replicates the instance and associates the agents with the default group; the replica-Region stack's
 * TrafficDistribution fails over to the replica Region, and back. Each handler runs as in its own stack's Region.
 */
import * as path from 'path';
import { INSTANCE_REPLICA } from '../../src/private/rules/instance-replica';
import { TRAFFIC_DISTRIBUTION } from '../../src/private/rules/traffic-distribution';
import { TRAFFIC_DISTRIBUTION_GROUP_USERS } from '../../src/private/rules/traffic-distribution-group-users';
import { AwsEndpoint, loadModel } from '../support/aws-endpoint';
import { CloudFormation, STACK_ID, useLocalAws } from '../support/cloudformation';
import { ConnectInstances } from '../support/fakes/connect-instances';
import { TrafficDistributionGroupUsers } from '../support/fakes/traffic-distribution-group-users';
import { TrafficDistributionGroups } from '../support/fakes/traffic-distribution-groups';
import { LOCAL_FUNCTION_NAME, LocalLambda } from '../support/local-lambda';

// These tests wait out real (short) replications across invocations: under a loaded machine they take longer than
// jest's 5-second default, and a timeout would fail them for the machine's speed, not for what they assert.
jest.setTimeout(60_000);

const ID = '11111111-2222-3333-4444-555555555555';
const SOURCE_ARN = `arn:aws:connect:us-east-1:123456789012:instance/${ID}`;
const agents = ['a0000001-0000-4000-8000-000000000000', 'a0000002-0000-4000-8000-000000000000'];
const lambda = new LocalLambda();
const groups = new TrafficDistributionGroups();
const connect = new ConnectInstances(groups);
const users = new TrafficDistributionGroupUsers(groups);

let endpoint: AwsEndpoint;
let cfn: CloudFormation;
const handlers: Record<string, any> = {};

/** Loads a handler module as a Lambda function in `region` would: its default client is built for that Region. */
function loadIn(region: string, kind: string): any {
  process.env.AWS_REGION = region;
  let handler: any;
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    handler = require(path.join(__dirname, '..', '..', 'lambda', kind)).handler;
  });
  return handler;
}

beforeAll(async () => {
  endpoint = await AwsEndpoint.start(
    { model: loadModel('connect'), fakes: { ...connect.fakes, ...groups.fakes, ...users.fakes } },
    { model: loadModel('lambda'), fakes: lambda.fakes },
  );
  useLocalAws(endpoint.url);
  // Each handler checks the stack's record of its request against its own kind's resource type.
  const types = new Map<unknown, string>();
  cfn = await CloudFormation.start('Custom::Any', (handler) => types.get(handler));
  handlers.replica = loadIn('us-east-1', 'instance-replica');
  handlers.users = loadIn('us-east-1', 'traffic-distribution-group-users');
  // The replica-Region stack's handler.
  handlers.distribution = loadIn('us-west-2', 'traffic-distribution');
  types.set(handlers.replica, INSTANCE_REPLICA.resourceType);
  types.set(handlers.users, TRAFFIC_DISTRIBUTION_GROUP_USERS.resourceType);
  types.set(handlers.distribution, TRAFFIC_DISTRIBUTION.resourceType);
  lambda.register(LOCAL_FUNCTION_NAME, () => handlers.replica);
  connect.addInstance(ID, 'us-east-1', 'acme');
  users.addUsers(ID, ...agents);
});

afterAll(async () => {
  await endpoint.close();
  await cfn.close();
});

afterEach(() => {
  expect(endpoint.rejected).toEqual([]);
  expect(endpoint.defects).toEqual([]);
});

test('replica, agents, then a failover and a fail-back deployed from the replica Region', async () => {
  process.env.AWS_REGION = 'us-west-2';
  connect.replicationMs = 1_500;
  lambda.timeoutMs = 10_900;

  // Source-Region stack: the replica (longer than one invocation), then the agents' association with its default group.
  const replica = await cfn.request(handlers.replica, {
    RequestType: 'Create', remainingMs: 10_900, ResourceProperties: { Instance: SOURCE_ARN, ReplicaRegion: 'us-west-2', ReplicaAlias: 'acme-west', RemovalPolicy: 'retain' },
  });
  expect(replica.response.Status).toBe('SUCCESS');
  const groupArn = replica.response.Data!.DefaultTrafficDistributionGroupArn as string;
  expect(groupArn).toMatch(/^arn:aws:connect:us-east-1:123456789012:traffic-distribution-group\//);

  const association = await cfn.request(handlers.users, {
    RequestType: 'Create',
    ResourceProperties: { TrafficDistributionGroup: groupArn, InstanceId: ID, UserIds: agents, Chunk: 3, RequestsPerSecond: 50, RemovalPolicy: 'destroy' },
  });
  expect(association.response.Status).toBe('SUCCESS');
  expect(users.membersOf(groupArn.split('/').pop()!)).toEqual(agents);
  expect(endpoint.callsTo('AssociateTrafficDistributionGroupUser').map((c) => c.region)).toEqual(['us-east-1', 'us-east-1']);

  // Replica-Region stack: everything to us-west-2, with the group's ARN (an ID would not be found from there).
  endpoint.calls.length = 0;
  const all = (west: number) => ({ Distributions: [{ Region: 'us-east-1', Percentage: 100 - west }, { Region: 'us-west-2', Percentage: west }] });
  const failover = {
    TrafficDistributionGroup: groupArn,
    TelephonyConfig: all(100),
    AgentConfig: all(100),
    SignInConfig: { Distributions: [{ Region: 'us-east-1', Enabled: false }, { Region: 'us-west-2', Enabled: true }] },
    RemovalPolicy: 'destroy',
  };
  const over = await cfn.request(handlers.distribution, { RequestType: 'Create', ResourceProperties: failover });
  expect(over.response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: groupArn });
  expect(endpoint.calls.map((c) => [c.operation, c.region, Object.values(c.input)[0]])).toEqual([
    ['DescribeTrafficDistributionGroup', 'us-west-2', groupArn],
    ['UpdateTrafficDistribution', 'us-west-2', groupArn],
  ]);
  const group = groups.groups.get(groupArn.split('/').pop()!)!;
  expect(group).toMatchObject({ telephony: all(100).Distributions, agent: all(100).Distributions, signIn: failover.SignInConfig.Distributions });

  // Fail back: removing the replica-Region stack's distribution (DESTROY) returns calls and agents home.
  const back = await cfn.request(handlers.distribution, { RequestType: 'Delete', PhysicalResourceId: groupArn, ResourceProperties: failover });
  expect(back.response.Status).toBe('SUCCESS');
  expect(group).toMatchObject({ telephony: all(0).Distributions, agent: all(0).Distributions });
});

test('a bare group ID names a group of the stack\'s own Region (its StackId\'s): from the replica Region, the construct must be given the ARN', async () => {
  process.env.AWS_REGION = 'us-west-2';
  const id = connect.defaultGroupIdOf(ID);
  const { response } = await cfn.request(handlers.distribution, {
    RequestType: 'Create',
    ResourceProperties: { TrafficDistributionGroup: id, TelephonyConfig: { Distributions: [{ Region: 'us-west-2', Percentage: 100 }] }, RemovalPolicy: 'retain' },
  });
  // The construct passes a bare ID as given (#15 phase 2); the handler makes it the ARN of the stack's account and
  // Region, read from the StackId: in a replica-Region stack that is the replica Region, not the group's.
  expect(response.Status).toBe('SUCCESS');
  const stackRegion = STACK_ID.split(':')[3];
  expect(endpoint.callsTo('DescribeTrafficDistributionGroup').map((c) => c.input.TrafficDistributionGroupId).pop())
    .toBe(`arn:aws:connect:${stackRegion}:123456789012:traffic-distribution-group/${id}`);
  const { TrafficDistributionGroup: g } = await groups.fakes.DescribeTrafficDistributionGroup({ TrafficDistributionGroupId: `arn:aws:connect:us-east-1:123456789012:traffic-distribution-group/${id}` }, { region: 'us-west-2', accessKeyId: 'local', authorize: () => undefined }) as any;
  expect(g.Id).toBe(id);
  expect(() => groups.fakes.DescribeTrafficDistributionGroup({ TrafficDistributionGroupId: id }, { region: 'us-west-2', accessKeyId: 'local', authorize: () => undefined })).toThrow(/from another Region, give its ARN/);
});

import * as path from 'path';
import { CONTINUATION_MEMBER } from '../../lambda/core';
import { aliasDigest, INSTANCE_REPLICA, parseReplicaPhysicalId } from '../../src/private/rules/instance-replica';
import { AwsEndpoint } from '../support/aws-endpoint';
import { bundledHandler, CloudFormation } from '../support/cloudformation';
import { ConnectInstances } from '../support/fakes/connect-instances';
import { TrafficDistributionGroups } from '../support/fakes/traffic-distribution-groups';
import { useLocalHandler } from '../support/local-handler';
import { LOCAL_FUNCTION_NAME, LocalLambda } from '../support/local-lambda';

// These tests wait out real (short) replications across invocations: under a loaded machine they take longer than
// jest's 5-second default, and a timeout would fail them for the machine's speed, not for what they assert.
jest.setTimeout(60_000);

const ID = '11111111-2222-3333-4444-555555555555';
const OTHER = '99999999-2222-3333-4444-555555555555';
const SOURCE_ARN = `arn:aws:connect:us-east-1:123456789012:instance/${ID}`;
const REPLICA_ARN = `arn:aws:connect:us-west-2:123456789012:instance/${ID}`;

let endpoint: AwsEndpoint;
let cfn: CloudFormation;
let handler: any;
const groups = new TrafficDistributionGroups();
const connect = new ConnectInstances(groups);
const lambda = new LocalLambda();

const props = (overrides: Record<string, unknown> = {}) => ({
  Instance: SOURCE_ARN, ReplicaRegion: 'us-west-2', ReplicaAlias: 'acme-west', RemovalPolicy: 'retain', ...overrides,
});
const calls = (operation: string) => endpoint.callsTo(operation);
const create = (overrides: Record<string, unknown> = {}, remainingMs?: number) =>
  cfn.request(handler, { RequestType: 'Create', ResourceProperties: props(overrides), remainingMs });
/** One Lambda invocation of 900 ms of work: 10.9 s timeout minus the core's 10 s reserve for the response. */
const SHORT_INVOCATION_MS = 10_900;

useLocalHandler({
  service: 'connect',
  kind: 'instance-replica',
  resourceType: INSTANCE_REPLICA.resourceType,
  fakes: () => ({ ...connect.fakes, ...groups.fakes }),
  more: () => [{ service: 'lambda', fakes: lambda.fakes }],
}, (local) => {
  ({ endpoint, cfn, handler } = local);
  lambda.register(LOCAL_FUNCTION_NAME, () => handler);
});

beforeEach(() => {
  groups.groups.clear();
  connect.reset();
  connect.addInstance(ID, 'us-east-1', 'acme');
  lambda.reset();
  lambda.timeoutMs = 60_000;
  endpoint.calls.length = 0;
  endpoint.clearFaults();
  delete process.env.CCR_WAIT_BUDGET_MS;
});

afterEach(() => expect(lambda.crashes).toEqual([]));

describe('Create', () => {
  test('replicates once, in the source instance\'s Region, then answers the replica, its default group and the sign-in endpoint', async () => {
    const { response } = await create();
    const groupId = connect.defaultGroupIdOf(ID);
    expect(response).toMatchObject({
      Status: 'SUCCESS',
      Data: {
        ReplicaInstanceArn: REPLICA_ARN,
        DefaultTrafficDistributionGroupArn: `arn:aws:connect:us-east-1:123456789012:traffic-distribution-group/${groupId}`,
        GlobalSignInEndpoint: 'https://acme.my.connect.aws/global-sign-in',
      },
    });
    expect(parseReplicaPhysicalId(response.PhysicalResourceId)).toEqual({
      replicaArn: REPLICA_ARN, aliasDigest: aliasDigest('acme-west'), groupId, signInEndpoint: 'https://acme.my.connect.aws/global-sign-in',
    });
    expect(calls('ReplicateInstance')).toHaveLength(1);
    expect(calls('ReplicateInstance')[0]).toMatchObject({
      region: 'us-east-1', input: { InstanceId: SOURCE_ARN, ReplicaRegion: 'us-west-2', ReplicaAlias: 'acme-west', ClientToken: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
    // The replica is looked for first, in its own Region; the status is read in the source Region.
    expect(calls('DescribeInstance').map((c) => c.region)).toEqual(['us-west-2', 'us-east-1']);
    expect(calls('ListTrafficDistributionGroups')[0]).toMatchObject({ region: 'us-east-1', input: { InstanceId: SOURCE_ARN } });
  });

  test('a bare ID is the instance in the stack\'s account and Region: the same calls, the same physical ID as its ARN', async () => {
    const { response } = await create({ Instance: ID });
    expect(response).toMatchObject({ Status: 'SUCCESS', Data: { ReplicaInstanceArn: REPLICA_ARN } });
    expect(parseReplicaPhysicalId(response.PhysicalResourceId)?.replicaArn).toBe(REPLICA_ARN);
    expect(calls('ReplicateInstance')).toEqual([expect.objectContaining({ region: 'us-east-1', input: expect.objectContaining({ InstanceId: SOURCE_ARN }) })]);
  });

  test('a replication that takes longer than one invocation completes across several, calling ReplicateInstance once and answering once', async () => {
    connect.replicationMs = 2_500;
    lambda.timeoutMs = SHORT_INVOCATION_MS;
    const { response, logs } = await create({}, SHORT_INVOCATION_MS);
    expect(response.Status).toBe('SUCCESS');
    expect(calls('ReplicateInstance')).toHaveLength(1);
    // Each continuation is the original event with the wait's state; the budget counts from the first invocation.
    expect(lambda.invocations.length).toBeGreaterThanOrEqual(2);
    const continuations = lambda.invocations.map((i) => i.event[CONTINUATION_MEMBER]);
    expect(continuations.map((c) => c.invocation)).toEqual(continuations.map((_c, n) => n + 2));
    expect(new Set(continuations.map((c) => c.startedAt)).size).toBe(1);
    expect(lambda.invocations.every((i) => i.event.RequestId === response.RequestId && i.event.ResponseURL)).toBe(true);
    expect(connect.replicationOf(ID)!.describes).toBeGreaterThanOrEqual(3);
    expect(logs).toContain('"message":"continuing in a new invocation"');
  });

  test('the bundled asset, as Lambda runs it, continues the wait through Lambda\'s Invoke of itself (its Lambda client is bundled)', async () => {
    const bundled = bundledHandler(path.join(__dirname, '..', '..', 'assets', 'lambda', 'instance-replica', 'index', 'index.js'));
    connect.replicationMs = 2_500;
    lambda.timeoutMs = SHORT_INVOCATION_MS;
    lambda.register(LOCAL_FUNCTION_NAME, () => bundled);
    try {
      const { response } = await cfn.request(bundled, { RequestType: 'Create', ResourceProperties: props(), remainingMs: SHORT_INVOCATION_MS });
      expect(response.Status).toBe('SUCCESS');
      expect(calls('ReplicateInstance')).toHaveLength(1);
      expect(calls('Invoke').length).toBeGreaterThanOrEqual(1);
      expect(calls('Invoke')[0]).toMatchObject({ region: 'us-east-1', input: { FunctionName: LOCAL_FUNCTION_NAME, InvocationType: 'Event' } });
    } finally {
      lambda.register(LOCAL_FUNCTION_NAME, () => handler);
    }
  });

  test('INSTANCE_REPLICATION_FAILED fails the deployment with the service\'s reason, masking the alias, and answers the real physical ID', async () => {
    connect.replicationMs = 1_500;
    connect.failNextReplication = 'The alias acme-west conflicts with an existing directory';
    lambda.timeoutMs = SHORT_INVOCATION_MS;
    const { response } = await create({}, SHORT_INVOCATION_MS);
    expect(response).toMatchObject({
      Status: 'FAILED', Reason: 'ReplicateInstance failed: INSTANCE_REPLICATION_FAILED: The alias acm****st conflicts with an existing directory',
    });
    // The replica was started: the Delete that follows (under DESTROY) can remove it.
    expect(parseReplicaPhysicalId(response.PhysicalResourceId)?.replicaArn).toBe(REPLICA_ARN);
    expect(lambda.invocations.length).toBeGreaterThanOrEqual(1);
    expect(calls('ReplicateInstance')).toHaveLength(1);
  });

  test('a wait that outlasts its budget ends in FAILED with what it waited for, across invocations, never hung', async () => {
    connect.replicationMs = 3_600_000;
    process.env.CCR_WAIT_BUDGET_MS = '1500';
    lambda.timeoutMs = SHORT_INVOCATION_MS;
    const started = Date.now();
    const { response } = await create({}, SHORT_INVOCATION_MS);
    // Never hung: the answer comes well inside one invocation's time, not at CloudFormation's hour.
    expect(Date.now() - started).toBeLessThan(SHORT_INVOCATION_MS);
    expect(response.Status).toBe('FAILED');
    expect(response.Reason).toMatch(/^still INSTANCE_REPLICATION_IN_PROGRESS after 2 seconds, across \d+ invocations: gave up at the 2 seconds budget/);
    expect(lambda.invocations.length).toBeGreaterThanOrEqual(1);
    expect(calls('ReplicateInstance')).toHaveLength(1);
  });

  test('waits for the default traffic distribution group to appear and be ACTIVE', async () => {
    connect.replicationMs = 100;
    connect.defaultGroupCreationMs = 300;
    const { response } = await create();
    expect(response.Status).toBe('SUCCESS');
    const lists = calls('ListTrafficDistributionGroups');
    expect(lists.length).toBeGreaterThanOrEqual(2);
    expect(response.Data!.DefaultTrafficDistributionGroupArn).toMatch(new RegExp(`${connect.defaultGroupIdOf(ID)}$`));
  });

  test('a retried ReplicateInstance carries the same ClientToken: the service answers the first replica', async () => {
    endpoint.inject('ReplicateInstance', { status: 500, code: 'InternalServiceException' }, { status: 503, code: 'ServiceUnavailableException' });
    const { response } = await create();
    expect(response.Status).toBe('SUCCESS');
    const tokens = calls('ReplicateInstance').map((c) => c.input.ClientToken);
    expect(tokens).toHaveLength(3);
    expect(new Set(tokens).size).toBe(1);
  });

  test('adopts a replica that is already there with the same alias (a Create after a RETAIN rollback), without replicating again', async () => {
    await create();
    endpoint.calls.length = 0;
    const { response } = await create();
    expect(response.Status).toBe('SUCCESS');
    expect(calls('ReplicateInstance')).toHaveLength(0);
  });

  test('refuses a replica that is already there with another alias, changing nothing', async () => {
    await create();
    endpoint.calls.length = 0;
    const { response } = await create({ ReplicaAlias: 'acme-oregon' });
    expect(response.Status).toBe('FAILED');
    expect(response.Reason).toMatch(/^replicaRegion: us-west-2 already holds a replica of 11111111-2222-3333-4444-555555555555 with another alias.*deploy once without this InstanceReplica/);
    expect(response.PhysicalResourceId).toMatch(/^ccr:create-failed:/);
    expect(calls('ReplicateInstance')).toHaveLength(0);
  });

  test('a Region pair the guide does not list is logged as a warning naming the documented pairs, and still attempted', async () => {
    connect.addInstance(OTHER, 'ap-southeast-2', 'acme-syd');
    const { logs } = await create({ Instance: `arn:aws:connect:ap-southeast-2:123456789012:instance/${OTHER}`, ReplicaRegion: 'ap-northeast-1', ReplicaAlias: 'acme-tokyo' });
    expect(logs).toContain('ap-southeast-2 to ap-northeast-1 is not a Region pair the Amazon Connect Administrator Guide documents for Global Resiliency (documented: us-east-1 to us-west-2, us-west-2 to us-east-1, eu-central-1 to eu-west-2');
    expect(calls('ReplicateInstance')[0].region).toBe('ap-southeast-2');
  });

  test.each([
    [{ ReplicaRegion: 'us-east-1' }, 'replicaRegion: must differ from the Region of the source instance, got "us-east-1"'],
    [{ ReplicaRegion: 'West' }, 'replicaRegion: must be 8 to 31 characters long, got "West"; replicaRegion: must be a Region name such as us-west-2, got "West"'],
    [{ ReplicaAlias: 'd-acme' }, 'replicaAlias: must be letters, digits and hyphens, begin and end with a letter or digit, and not begin with "d-", got "d-a*me"'],
    [{ ReplicaAlias: 'a'.repeat(46) }, 'replicaAlias: must be 1 to 45 characters long, got "46 characters"'],
    [{ Instance: 'instance-1' }, 'instance: must be an instance ID (a UUID) or an instance ARN (arn:<partition>:connect:<region>:<account>:instance/<uuid>), got "instance-1"'],
    // A bare ID names the stack's Region (its StackId's, us-east-1): the rule sees the ARN the handler reads it as.
    [{ Instance: ID, ReplicaRegion: 'us-east-1' }, 'replicaRegion: must differ from the Region of the source instance, got "us-east-1"'],
  ])('the synth rules run again at deploy (%j), before any call', async (overrides, reason) => {
    const { response } = await create(overrides);
    expect(response).toMatchObject({ Status: 'FAILED', Reason: `Invalid properties: ${reason}` });
    expect(endpoint.calls).toEqual([]);
  });

  test('a hand-off that Lambda refuses fails at once with the reason, instead of leaving CloudFormation waiting', async () => {
    connect.replicationMs = 3_600_000;
    endpoint.inject('Invoke', { status: 403, code: 'AccessDeniedException' });
    const { response } = await create({}, SHORT_INVOCATION_MS);
    expect(response).toMatchObject({ Status: 'FAILED', Reason: 'Invoke failed: AccessDeniedException: injected fault' });
    expect(lambda.invocations).toEqual([]);
  });

  test('a continuation this handler did not write fails clearly, calling nothing', async () => {
    const { response } = await cfn.request(async (event: any, context: any) => handler({ ...event, [CONTINUATION_MEMBER]: { invocation: 'x' } }, context), {
      RequestType: 'Create', ResourceProperties: props(),
    });
    expect(response).toMatchObject({ Status: 'FAILED', Reason: `the event's ${CONTINUATION_MEMBER} is malformed: it was not written by this handler` });
    expect(endpoint.calls).toEqual([]);
  });
});

describe('Update', () => {
  test('a change of the removal policy alone calls nothing and answers every attribute', async () => {
    const created = await create();
    endpoint.calls.length = 0;
    const { response } = await cfn.request(handler, {
      RequestType: 'Update', PhysicalResourceId: created.response.PhysicalResourceId, OldResourceProperties: props(), ResourceProperties: props({ RemovalPolicy: 'destroy' }),
    });
    expect(response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: created.response.PhysicalResourceId, Data: created.response.Data });
    expect(endpoint.calls).toEqual([]);
  });

  test('another instance is a new replica, with a new physical ID; the old one is CloudFormation\'s to delete', async () => {
    const created = await create();
    connect.addInstance(OTHER, 'us-east-1', 'acme2');
    const { response } = await cfn.request(handler, {
      RequestType: 'Update',
      PhysicalResourceId: created.response.PhysicalResourceId,
      OldResourceProperties: props(),
      ResourceProperties: props({ Instance: `arn:aws:connect:us-east-1:123456789012:instance/${OTHER}`, ReplicaAlias: 'acme2-west' }),
    });
    expect(response.Status).toBe('SUCCESS');
    expect(response.PhysicalResourceId).not.toBe(created.response.PhysicalResourceId);
    expect(connect.replicationOf(ID)).toBeDefined();
    expect(connect.statusOf(connect.replicationOf(OTHER)!)).toBe('INSTANCE_REPLICATION_COMPLETE');
  });

  test('a new alias in the same Region is refused (one replica per Region), keeping the physical ID for the rollback', async () => {
    const created = await create();
    const { response } = await cfn.request(handler, {
      RequestType: 'Update', PhysicalResourceId: created.response.PhysicalResourceId, OldResourceProperties: props(), ResourceProperties: props({ ReplicaAlias: 'acme-oregon' }),
    });
    expect(response).toMatchObject({ Status: 'FAILED', PhysicalResourceId: created.response.PhysicalResourceId });
    expect(response.Reason).toMatch(/cannot rename it/);
  });
});

describe('Delete', () => {
  const destroy = (physicalId: string, remainingMs?: number) =>
    cfn.request(handler, { RequestType: 'Delete', PhysicalResourceId: physicalId, ResourceProperties: props({ RemovalPolicy: 'destroy' }), remainingMs });

  test('RETAIN leaves the replica in place, calling nothing', async () => {
    const created = await create();
    endpoint.calls.length = 0;
    const { response } = await cfn.request(handler, { RequestType: 'Delete', PhysicalResourceId: created.response.PhysicalResourceId, ResourceProperties: props() });
    expect(response.Status).toBe('SUCCESS');
    expect(endpoint.calls).toEqual([]);
    expect(connect.statusOf(connect.replicationOf(ID)!)).toBe('INSTANCE_REPLICATION_COMPLETE');
  });

  test('DESTROY deletes the replica in the replica Region and waits, across invocations, until it and its default group are gone', async () => {
    const created = await create();
    endpoint.calls.length = 0;
    connect.deletionMs = 2_000;
    lambda.timeoutMs = SHORT_INVOCATION_MS;
    const { response } = await destroy(created.response.PhysicalResourceId, SHORT_INVOCATION_MS);
    expect(response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: created.response.PhysicalResourceId });
    expect(calls('DeleteInstance')).toEqual([expect.objectContaining({ region: 'us-west-2', input: { InstanceId: ID, ClientToken: expect.stringMatching(/^[0-9a-f]{64}$/) } })]);
    expect(lambda.invocations.length).toBeGreaterThanOrEqual(1);
    expect(connect.replicationOf(ID)).toBeUndefined();
    expect(groups.groups.has(connect.defaultGroupIdOf(ID))).toBe(false);
    // The source is never deleted.
    expect(connect.instances.has(`us-east-1/${ID}`)).toBe(true);
  });

  test('DESTROY of a replica that is already gone succeeds without deleting anything', async () => {
    const created = await create();
    connect.removeReplica(ID);
    endpoint.calls.length = 0;
    const { response } = await destroy(created.response.PhysicalResourceId);
    expect(response.Status).toBe('SUCCESS');
    expect(calls('DeleteInstance')).toEqual([]);
  });

  test('DESTROY leaves alone a replica that stands in the place of the one this resource created (another alias)', async () => {
    const created = await create();
    connect.removeReplica(ID);
    await create({ ReplicaAlias: 'someone-else' });
    endpoint.calls.length = 0;
    const { response } = await destroy(created.response.PhysicalResourceId);
    expect(response.Status).toBe('SUCCESS');
    expect(calls('DeleteInstance')).toEqual([]);
    expect(connect.replicationOf(ID)).toBeDefined();
  });

  test('DESTROY after a create whose replication failed deletes the failed replica', async () => {
    connect.failNextReplication = 'quota';
    const failed = await create();
    expect(failed.response.Status).toBe('FAILED');
    const { response } = await destroy(failed.response.PhysicalResourceId);
    expect(response.Status).toBe('SUCCESS');
    expect(calls('DeleteInstance')).toHaveLength(1);
    expect(connect.replicationOf(ID)).toBeUndefined();
  });

  test('a deletion that fails ends in FAILED with the service\'s reason, keeping the physical ID', async () => {
    const created = await create();
    connect.deletionMs = 100;
    connect.failNextDeletion = 'Phone numbers are still claimed to the replica';
    const { response } = await destroy(created.response.PhysicalResourceId);
    expect(response).toMatchObject({
      Status: 'FAILED',
      PhysicalResourceId: created.response.PhysicalResourceId,
      Reason: 'DeleteInstance failed: INSTANCE_REPLICATION_DELETION_FAILED: Phone numbers are still claimed to the replica',
    });
  });
});

import { TRAFFIC_DISTRIBUTION_GROUP_USERS } from '../../src/private/rules/traffic-distribution-group-users';
import { AwsEndpoint } from '../support/aws-endpoint';
import { CloudFormation } from '../support/cloudformation';
import { TrafficDistributionGroupUsers } from '../support/fakes/traffic-distribution-group-users';
import { TrafficDistributionGroups } from '../support/fakes/traffic-distribution-groups';
import { useLocalHandler } from '../support/local-handler';

const INSTANCE = '11111111-2222-3333-4444-555555555555';
const GROUP = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
const OTHER_GROUP = 'bbbbbbbb-bbbb-cccc-dddd-eeeeeeeeeeee';
const user = (n: number) => `${String(n).padStart(8, '0')}-0000-4000-8000-000000000000`;
const userArn = (n: number) => `arn:aws:connect:eu-west-2:123456789012:instance/${INSTANCE}/agent/${user(n)}`;
const groupArn = (id = GROUP) => `arn:aws:connect:eu-west-2:123456789012:traffic-distribution-group/${id}`;

let endpoint: AwsEndpoint;
let cfn: CloudFormation;
let handler: any;
const groups = new TrafficDistributionGroups();
const users = new TrafficDistributionGroupUsers(groups);

const props = (userIds: string[], overrides: Record<string, unknown> = {}) => ({
  TrafficDistributionGroup: groupArn(), InstanceId: INSTANCE, UserIds: userIds, Chunk: 7, RequestsPerSecond: 200, RemovalPolicy: 'destroy', ...overrides,
});
const physicalId = (id = GROUP) => `${groupArn(id)}|instance:${INSTANCE}|chunk:7`;
const mutations = () => endpoint.calls.filter((c) => !c.operation.startsWith('List')).map((c) => `${c.operation.replace('TrafficDistributionGroupUser', '')} ${c.input.UserId}`);
const create = (userIds: string[], overrides: Record<string, unknown> = {}) => cfn.request(handler, { RequestType: 'Create', ResourceProperties: props(userIds, overrides) });
const update = (before: string[], after: string[], overrides: Record<string, unknown> = {}) => cfn.request(handler, {
  RequestType: 'Update', PhysicalResourceId: physicalId(), OldResourceProperties: props(before), ResourceProperties: props(after, overrides),
});
const range = (from: number, to: number) => Array.from({ length: to - from }, (_x, i) => user(from + i));

useLocalHandler({
  service: 'connect',
  kind: 'traffic-distribution-group-users',
  resourceType: TRAFFIC_DISTRIBUTION_GROUP_USERS.resourceType,
  fakes: () => ({ ...groups.fakes, ...users.fakes }),
}, (local) => ({ endpoint, cfn, handler } = local));

beforeEach(() => {
  groups.groups.clear();
  groups.add(GROUP, { region: 'eu-west-2', isDefault: true, instanceArn: `arn:aws:connect:eu-west-2:123456789012:instance/${INSTANCE}` });
  groups.add(OTHER_GROUP, { region: 'eu-west-2' });
  users.reset();
  users.addUsers(INSTANCE, ...range(0, 300));
  endpoint.calls.length = 0;
  endpoint.clearFaults();
});

describe('Create', () => {
  test('associates every user, calling in the group\'s own Region (not the stack\'s), with the group\'s ARN', async () => {
    const { response } = await create([user(1), user(2), userArn(3)]);
    expect(response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: physicalId() });
    expect(users.membersOf(GROUP)).toEqual([user(1), user(2), user(3)]);
    expect(endpoint.calls.map((c) => c.region)).toEqual(['eu-west-2', 'eu-west-2', 'eu-west-2']);
    expect(endpoint.calls[0].input).toEqual({ TrafficDistributionGroupId: groupArn(), InstanceId: INSTANCE, UserId: user(1) });
    expect(process.env.AWS_REGION).toBe('us-east-1');
  });

  test('a bare group ID is the group of the stack\'s account and Region (its StackId\'s): called there, with its ARN', async () => {
    groups.add(OTHER_GROUP, { region: 'us-east-1' });
    // As the construct writes it: the group as given, the default rate left out.
    const { RequestsPerSecond: _rate, ...given } = props([user(1)], { TrafficDistributionGroup: OTHER_GROUP });
    const { response } = await cfn.request(handler, { RequestType: 'Create', ResourceProperties: given });
    const stackGroup = `arn:aws:connect:us-east-1:123456789012:traffic-distribution-group/${OTHER_GROUP}`;
    expect(response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: `${stackGroup}|instance:${INSTANCE}|chunk:7` });
    expect(endpoint.calls.map((c) => [c.region, c.input.TrafficDistributionGroupId])).toEqual([['us-east-1', stackGroup]]);
  });

  test.each(['conflicts', 'succeeds'] as const)('a user who is already associated counts as associated (the service %s)', async (answer) => {
    users.whenAlreadyMember = answer;
    users.members.set(GROUP, new Set([user(1)]));
    const { response, logs } = await create([user(1), user(2)]);
    expect(response.Status).toBe('SUCCESS');
    expect(users.membersOf(GROUP)).toEqual([user(1), user(2)]);
    // Not retried: the conflict says the user is a member.
    expect(endpoint.callsTo('AssociateTrafficDistributionGroupUser')).toHaveLength(2);
    expect(logs).toContain(answer === 'conflicts' ? '"alreadyAssociated":1' : '"associated":2');
  });

  test('any other error fails with the API\'s code and message, and says how far the chunk got', async () => {
    endpoint.inject('AssociateTrafficDistributionGroupUser', {}, { status: 403, code: 'AccessDeniedException' });
    const { response } = await create([user(1), user(2), user(3)]);
    expect(response).toMatchObject({
      Status: 'FAILED', Reason: 'AssociateTrafficDistributionGroupUser failed: AccessDeniedException: injected fault (1 of 3 changes of this chunk made; deploying again resumes)',
    });
  });

  test('a user the instance does not have fails with the service\'s reason', async () => {
    const { response } = await create([user(900)]);
    expect(response.Status).toBe('FAILED');
    expect(response.Reason).toMatch(/^AssociateTrafficDistributionGroupUser failed: ResourceNotFoundException: User 00000900-0000-4000-8000-000000000000 not found/);
  });

  test('keeps to the rate it is given: paced at the limit of the service, it is never throttled', async () => {
    endpoint.rateLimit('AssociateTrafficDistributionGroupUser', 40, 5);
    const { response } = await create(range(0, 20), { RequestsPerSecond: 40 });
    expect(response.Status).toBe('SUCCESS');
    expect(endpoint.callsTo('AssociateTrafficDistributionGroupUser')).toHaveLength(20);
    expect(users.membersOf(GROUP)).toHaveLength(20);
    endpoint.rateLimit('AssociateTrafficDistributionGroupUser', 1_000_000, 1_000_000);
  });

  test('throttled by other traffic (a lower limit than its pace), it retries until every user is associated', async () => {
    endpoint.rateLimit('AssociateTrafficDistributionGroupUser', 50, 2);
    const { response } = await create(range(0, 20), { RequestsPerSecond: 500 });
    expect(response.Status).toBe('SUCCESS');
    expect(users.membersOf(GROUP)).toHaveLength(20);
    expect(endpoint.callsTo('AssociateTrafficDistributionGroupUser').length).toBeGreaterThan(20);
    endpoint.rateLimit('AssociateTrafficDistributionGroupUser', 1_000_000, 1_000_000);
  });

  test('a chunk that cannot finish before the deadline fails in time, saying how far it got', async () => {
    const started = Date.now();
    const { response } = await cfn.request(handler, { RequestType: 'Create', ResourceProperties: props(range(0, 250), { RequestsPerSecond: 5 }), remainingMs: 11_000 });
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(response.Status).toBe('FAILED');
    expect(response.Reason).toMatch(/ran out of time|deadline/);
  });

  test.each([
    [{ UserIds: [] }, 'userIds: must name at least one user (a chunk is never empty)'],
    [{ UserIds: ['jane'] }, 'userIds[0]: must be a user ID (a UUID) or the ARN of a user of the instance, got "jane"'],
    [{ UserIds: [user(1), userArn(1)] }, 'userIds[1]: users must be unique, got "00000001-0000-4000-8000-000000000000"'],
    [{ UserIds: [userArn(1).replace(INSTANCE, '99999999-2222-3333-4444-555555555555')] }, `userIds[0]: must be a user of instance ${INSTANCE}`],
    [{ TrafficDistributionGroup: `group/${GROUP}` }, 'trafficDistributionGroup: must resolve to a traffic distribution group ID (a UUID) or ARN'],
    [{ RequestsPerSecond: 0 }, 'requestsPerSecond: must be an integer from 1 to 1000, got 0'],
  ])('the rules run again at deploy (%j), before any call', async (overrides, reason) => {
    const { response } = await create([user(1)], overrides);
    expect(response.Status).toBe('FAILED');
    expect(response.Reason).toContain(`Invalid properties: ${reason}`);
    expect(endpoint.calls).toEqual([]);
  });
});

describe('Update', () => {
  test('associates the added users and disassociates the removed ones, disassociating first, and calls nothing for the rest', async () => {
    await create(range(0, 10));
    endpoint.calls.length = 0;
    const { response } = await update(range(0, 10), [...range(2, 10), user(10), user(11)]);
    expect(response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: physicalId() });
    expect(mutations()).toEqual([`Disassociate ${user(0)}`, `Disassociate ${user(1)}`, `Associate ${user(10)}`, `Associate ${user(11)}`]);
    expect(users.membersOf(GROUP)).toEqual(range(2, 12));
  });

  test('an ID and the ARN of one user are one user: a change of spelling calls nothing', async () => {
    await create([user(1), user(2)]);
    endpoint.calls.length = 0;
    const { response } = await update([user(1), user(2)], [userArn(1), user(2)]);
    expect(response.Status).toBe('SUCCESS');
    expect(endpoint.calls).toEqual([]);
  });

  test('a change of the removal policy (or the rate) alone calls nothing', async () => {
    await create([user(1)]);
    endpoint.calls.length = 0;
    const { response } = await update([user(1)], [user(1)], { RemovalPolicy: 'retain', RequestsPerSecond: 3 });
    expect(response.Status).toBe('SUCCESS');
    expect(endpoint.calls).toEqual([]);
  });

  test('a user who is gone counts as disassociated', async () => {
    await create([user(1), user(2)]);
    users.members.get(GROUP)!.delete(user(2));
    const { response } = await update([user(1), user(2)], [user(1)]);
    expect(response.Status).toBe('SUCCESS');
    expect(users.membersOf(GROUP)).toEqual([user(1)]);
  });

  test('another group is a replacement: the new group gets every user; the old associations are CloudFormation\'s to delete', async () => {
    await create([user(1), user(2)]);
    const { response } = await update([user(1), user(2)], [user(1), user(2)], { TrafficDistributionGroup: groupArn(OTHER_GROUP) });
    expect(response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: physicalId(OTHER_GROUP) });
    expect(users.membersOf(OTHER_GROUP)).toEqual([user(1), user(2)]);
    expect(users.membersOf(GROUP)).toEqual([user(1), user(2)]);
  });
});

describe('Delete', () => {
  test('DESTROY disassociates every user of the chunk', async () => {
    await create([user(1), user(2)]);
    const { response } = await cfn.request(handler, { RequestType: 'Delete', PhysicalResourceId: physicalId(), ResourceProperties: props([user(1), user(2)]) });
    expect(response.Status).toBe('SUCCESS');
    expect(users.membersOf(GROUP)).toEqual([]);
  });

  test('RETAIN leaves the users associated, calling nothing', async () => {
    await create([user(1)]);
    endpoint.calls.length = 0;
    const { response } = await cfn.request(handler, { RequestType: 'Delete', PhysicalResourceId: physicalId(), ResourceProperties: props([user(1)], { RemovalPolicy: 'retain' }) });
    expect(response.Status).toBe('SUCCESS');
    expect(endpoint.calls).toEqual([]);
    expect(users.membersOf(GROUP)).toEqual([user(1)]);
  });

  test('DESTROY of a group that is already gone succeeds', async () => {
    await create([user(1)]);
    groups.groups.delete(GROUP);
    const { response } = await cfn.request(handler, { RequestType: 'Delete', PhysicalResourceId: physicalId(), ResourceProperties: props([user(1)]) });
    expect(response.Status).toBe('SUCCESS');
  });

  test('the API must be called in the group\'s Region: a group ARN of another Region is where the calls go', async () => {
    groups.add('cccccccc-bbbb-cccc-dddd-eeeeeeeeeeee', { region: 'us-west-2' });
    await create([user(1)], { TrafficDistributionGroup: 'arn:aws:connect:us-west-2:123456789012:traffic-distribution-group/cccccccc-bbbb-cccc-dddd-eeeeeeeeeeee' });
    expect(endpoint.calls.map((c) => c.region)).toEqual(['us-west-2']);
  });
});

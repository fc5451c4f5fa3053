/** TrafficDistributionGroupUsers in the test registry. */
import { RemovalPolicy } from 'aws-cdk-lib';
import * as cr from 'aws-cdk-lib/custom-resources';
import { ACCOUNT, literalArn, retainingAwsCustomResource, uuid } from './common';
import { groups } from './traffic-distribution';
import { Identity, KindEntry } from './types';
import { TrafficDistributionGroupUsers } from '../../../src';
import { chunkOf, TRAFFIC_DISTRIBUTION_GROUP_USERS, usersPhysicalId } from '../../../src/private/rules/traffic-distribution-group-users';
import { TrafficDistributionGroupUsers as Members } from '../fakes/traffic-distribution-group-users';

export const USERS_INSTANCE = '66666666-2222-3333-4444-555555555555';
export const USERS_GROUP = 'cccccccc-2222-3333-4444-555555555555';

/** The associations' fake shares the groups with TrafficDistribution's (and InstanceReplica's default groups). */
export const members = new Members(groups);

const GROUPS = { A: USERS_GROUP, B: 'dddddddd-2222-3333-4444-555555555555' };
const groupArn = (id: string) => `arn:aws:connect:us-east-1:${ACCOUNT}:traffic-distribution-group/${id}`;
const user = (n: number) => `${String(n).padStart(8, '0')}-aaaa-4000-8000-000000000000`;
const usersOf = (v: number) => (v === 1 ? [user(1)] : [user(1), user(2)]);
const instanceArn = `arn:aws:connect:us-east-1:${ACCOUNT}:instance/${USERS_INSTANCE}`;
/**
 * Instance i of the scale and bench apps: its own group and user; variant 1 is another user of the same chunk, so that
 * the update is one resource's update (disassociate one, associate one), as it would be in CloudFormation.
 */
const benchUser = (i: number, variant: number): string => {
  const id = (n: number) => `${String(i).padStart(8, '0')}-bbbb-4000-8000-${String(n).padStart(12, '0')}`;
  if (variant === 0) return id(0);
  let n = 1;
  while (chunkOf(id(n)) !== chunkOf(id(0))) n++;
  return id(n);
};

export const trafficDistributionGroupUsers: KindEntry = {
  name: 'TrafficDistributionGroupUsers',
  kind: TRAFFIC_DISTRIBUTION_GROUP_USERS,
  iamPrefix: 'connect',
  fake: { service: 'connect', fakes: members.fakes },
  sdkPackage: '@aws-sdk/client-connect',
  dependentActions: { all: ['connect:DescribeUser', 'connect:SearchUsers'], withoutRegion: [] },

  contract: {
    mutation: 'AssociateTrafficDistributionGroupUser',
    deletion: 'DisassociateTrafficDistributionGroupUser',
    // Associating a member again counts as associated: same ID, same state.
    createCreate: 'idempotent',
    updateWithoutCreate: 'fails',
    updatesInPlace: true,
    reset() {
      groups.groups.clear();
      members.reset();
      groups.add(GROUPS.A, { isDefault: true, instanceArn });
      groups.add(GROUPS.B, { instanceArn });
      members.addUsers(USERS_INSTANCE, user(1), user(2), user(3));
    },
    props: (i, v = 1, policy = 'retain') => ({
      TrafficDistributionGroup: groupArn(GROUPS[i]),
      InstanceId: USERS_INSTANCE,
      UserIds: usersOf(v),
      Chunk: 0,
      RequestsPerSecond: 100,
      RemovalPolicy: policy,
    }),
    state: () => ({ A: members.membersOf(GROUPS.A), B: members.membersOf(GROUPS.B) }),
    applied: (i, v) => ({ [i]: usersOf(v) }),
    destroyed: (i) => ({ [i]: [] }),
    physicalId: (i: Identity) => usersPhysicalId({ TrafficDistributionGroup: groupArn(GROUPS[i]), InstanceId: USERS_INSTANCE, Chunk: 0 }),
    attributes: () => undefined,
    vanish: (i) => void groups.groups.delete(GROUPS[i]),
    invalid: { overrides: { UserIds: ['jane'] }, reason: 'Invalid properties: userIds[0]: must be a user ID (a UUID) or the ARN of a user of the instance, got "jane"' },
  },

  lifecycle: {
    reset() {
      groups.groups.clear();
      members.reset();
      for (const t of [0, 1, 2]) groups.add(uuid(300 + t), { instanceArn });
      members.addUsers(USERS_INSTANCE, user(1), user(2));
    },
    add: (scope, id, target, removalPolicy) => new TrafficDistributionGroupUsers(scope, id, {
      trafficDistributionGroup: groupArn(uuid(300 + target)), instanceId: USERS_INSTANCE, userIds: [user(1), user(2)], removalPolicy,
    }),
    state(target) {
      const list = members.membersOf(uuid(300 + target));
      return list.length > 0 ? `members ${list.join(', ')}` : 'no members';
    },
    applied: `members ${user(1)}, ${user(2)}`,
    destroyed: 'no members',
  },

  instance: (scope, id, i, variant) => new TrafficDistributionGroupUsers(scope, id, {
    trafficDistributionGroup: groupArn(uuid(i)), instanceId: USERS_INSTANCE, userIds: [benchUser(i, variant)],
  }),
  prepare: (i) => {
    groups.add(uuid(i), { instanceArn });
    members.addUsers(USERS_INSTANCE, benchUser(i, 0), benchUser(i, 1));
  },
  /** One AwsCustomResource per user: it cannot diff a list, so a change of user leaves the old one associated. */
  awsCustomResource(scope, id, i, variant) {
    const call = (action: string): cr.AwsSdkCall => ({
      service: 'Connect',
      action,
      parameters: { TrafficDistributionGroupId: groupArn(uuid(i)), InstanceId: USERS_INSTANCE, UserId: benchUser(i, variant) },
      physicalResourceId: cr.PhysicalResourceId.of(`${uuid(i)}/${benchUser(i, variant)}`),
    });
    new cr.AwsCustomResource(scope, id, {
      onCreate: call('AssociateTrafficDistributionGroupUser'),
      onUpdate: call('AssociateTrafficDistributionGroupUser'),
      onDelete: call('DisassociateTrafficDistributionGroupUser'),
      policy: cr.AwsCustomResourcePolicy.fromSdkCalls({
        resources: [groupArn(uuid(i)), instanceArn, `${instanceArn}/agent/${benchUser(i, variant)}`],
      }),
      installLatestAwsSdk: false,
    });
  },

  completeSetup: 'a group ARN and one user, DESTROY (the default: disassociates on delete)',
  simplest: {
    setup: 'a bare group ID, the instance and one user, RETAIN',
    instance: (scope, id, i) => new TrafficDistributionGroupUsers(scope, id, {
      trafficDistributionGroup: uuid(i), instanceId: USERS_INSTANCE, userIds: [benchUser(i, 0)], removalPolicy: RemovalPolicy.RETAIN,
    }),
    awsCustomResource: (scope, id, i) => retainingAwsCustomResource(scope, id, {
      service: 'Connect',
      action: 'AssociateTrafficDistributionGroupUser',
      parameters: { TrafficDistributionGroupId: uuid(i), InstanceId: USERS_INSTANCE, UserId: benchUser(i, 0) },
      physicalResourceId: cr.PhysicalResourceId.of(`${uuid(i)}/${benchUser(i, 0)}`),
    }, [
      literalArn('connect', `traffic-distribution-group/${uuid(i)}`),
      literalArn('connect', `instance/${USERS_INSTANCE}`),
      literalArn('connect', `instance/${USERS_INSTANCE}/agent/${benchUser(i, 0)}`),
    ]),
  },

  everyConstruct(stack, param) {
    new TrafficDistributionGroupUsers(stack, 'Agents', {
      trafficDistributionGroup: groupArn(USERS_GROUP), instanceId: USERS_INSTANCE, userIds: [user(1), user(2), user(3)],
    });
    new TrafficDistributionGroupUsers(stack, 'AgentsByToken', {
      trafficDistributionGroup: param('UsersGroupArn'), instanceId: param('UsersInstanceId'), userIds: [param('AgentArn')], removalPolicy: RemovalPolicy.RETAIN,
    });
  },
};

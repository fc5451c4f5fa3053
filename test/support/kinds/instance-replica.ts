/** InstanceReplica in the test registry. */
import { RemovalPolicy } from 'aws-cdk-lib';
import * as cr from 'aws-cdk-lib/custom-resources';
import { ACCOUNT, literalArn, retainingAwsCustomResource, uuid } from './common';
import { groups } from './traffic-distribution';
import { Identity, KindEntry, State, Version } from './types';
import { InstanceReplica } from '../../../src';
import { aliasDigest, groupArnOf, INSTANCE_REPLICA, replicaPhysicalId } from '../../../src/private/rules/instance-replica';
import { ConnectInstances } from '../fakes/connect-instances';
import { LOCAL_FUNCTION_NAME, LocalLambda } from '../local-lambda';

export const REPLICA_SOURCE_ID = '77777777-2222-3333-4444-555555555555';
export const REPLICA_SOURCE_ARN_EU = `arn:aws:connect:eu-west-2:${ACCOUNT}:instance/88888888-2222-3333-4444-555555555555`;

/** The replicas' fake shares the traffic distribution groups with TrafficDistribution's: the default group lands there. */
export const instances = new ConnectInstances(groups);
/** Lambda's asynchronous invoke, for waits that outlast one invocation. */
export const lambdas = new LocalLambda();
// eslint-disable-next-line @typescript-eslint/no-require-imports
lambdas.register(LOCAL_FUNCTION_NAME, () => require('../../../lambda/instance-replica').handler);

/** Each (identity, version) replicates its own instance: a changed instance is a new replica, as OVC's changed call is a new call. */
const SOURCES: Record<string, string> = {
  A1: 'a1a1a1a1-2222-3333-4444-555555555555',
  A2: 'a2a2a2a2-2222-3333-4444-555555555555',
  B1: 'b1b1b1b1-2222-3333-4444-555555555555',
  B2: 'b2b2b2b2-2222-3333-4444-555555555555',
};
/** The lifecycle suite's three targets: source instances to replicate. */
const LIFECYCLE_SOURCES = ['c0c0c0c0-2222-3333-4444-555555555555', 'c1c1c1c1-2222-3333-4444-555555555555', 'c2c2c2c2-2222-3333-4444-555555555555'];
const sourceArn = (id: string, region = 'us-east-1') => `arn:aws:connect:${region}:${ACCOUNT}:instance/${id}`;
const replicaArn = (id: string) => sourceArn(id, 'us-west-2');
const aliasOf = (key: string) => `acme-${key.toLowerCase()}-west`;

export const instanceReplica: KindEntry = {
  name: 'InstanceReplica',
  kind: INSTANCE_REPLICA,
  iamPrefix: 'connect',
  fake: { service: 'connect', fakes: instances.fakes },
  moreFakes: [{ service: 'lambda', fakes: lambdas.fakes }],
  sdkPackage: '@aws-sdk/client-connect',
  // The long-wait engine's Lambda permission and event invoke configuration.
  fixedResources: 6,
  dependentActions: {
    all: [
      'ds:AuthorizeApplication', 'ds:CheckAlias', 'ds:CreateAlias', 'ds:CreateDirectory', 'ds:CreateIdentityPoolDirectory', 'ds:DeleteDirectory',
      'ds:DescribeDirectories', 'ds:UnauthorizeApplication', 'iam:AttachRolePolicy', 'iam:CreateServiceLinkedRole', 'iam:PutRolePolicy',
    ],
    withoutRegion: [
      'ds:CheckAlias', 'ds:CreateDirectory', 'ds:CreateIdentityPoolDirectory', 'ds:DescribeDirectories',
      'iam:AttachRolePolicy', 'iam:CreateServiceLinkedRole', 'iam:PutRolePolicy',
    ],
  },

  contract: {
    mutation: 'ReplicateInstance',
    deletion: 'DeleteInstance',
    // The replica the first Create made, with the same alias, is adopted: no second ReplicateInstance.
    createCreate: 'adopts',
    // Nothing is updated in place: another instance is another replica, even when the old one is gone.
    updateWithoutCreate: 'not-applicable',
    updatesInPlace: false,
    reset() {
      groups.groups.clear();
      instances.reset();
      lambdas.reset();
      for (const id of Object.values(SOURCES)) instances.addInstance(id);
    },
    props: (i, v = 1, policy = 'retain') => ({
      Instance: sourceArn(SOURCES[`${i}${v}`]),
      ReplicaRegion: 'us-west-2',
      ReplicaAlias: aliasOf(`${i}${v}`),
      RemovalPolicy: policy,
    }),
    state() {
      const state: State = {};
      for (const [key, id] of Object.entries(SOURCES)) {
        const r = instances.replicationOf(id);
        if (r) state[key] = { status: instances.statusOf(r), defaultGroup: groups.groups.has(instances.defaultGroupIdOf(id)) };
      }
      return state;
    },
    applied: (i, v) => ({ [`${i}${v}`]: { status: 'INSTANCE_REPLICATION_COMPLETE', defaultGroup: true } }),
    destroyed: (i, v) => ({ [`${i}${v}`]: undefined }),
    physicalId: (i: Identity, v: Version) => {
      const id = SOURCES[`${i}${v}`];
      return replicaPhysicalId({
        replicaArn: replicaArn(id),
        aliasDigest: aliasDigest(aliasOf(`${i}${v}`)),
        groupId: instances.defaultGroupIdOf(id),
        signInEndpoint: instances.signInEndpointOf('us-east-1', id),
      });
    },
    attributes: (i, v) => {
      const id = SOURCES[`${i}${v}`];
      return {
        ReplicaInstanceArn: replicaArn(id),
        DefaultTrafficDistributionGroupArn: groupArnOf(sourceArn(id), instances.defaultGroupIdOf(id)),
        GlobalSignInEndpoint: instances.signInEndpointOf('us-east-1', id),
      };
    },
    vanish: (i) => {
      instances.removeReplica(SOURCES[`${i}1`]);
      instances.removeReplica(SOURCES[`${i}2`]);
    },
    invalid: { overrides: { ReplicaRegion: 'us-east-1' }, reason: 'Invalid properties: replicaRegion: must differ from the Region of the source instance, got "us-east-1"' },
  },

  lifecycle: {
    reset() {
      groups.groups.clear();
      instances.reset();
      // Long enough that the wait for the replica, and for its deletion, crosses invocations (see the stack harness).
      instances.replicationMs = 1_000;
      instances.deletionMs = 800;
      for (const t of [0, 1, 2]) instances.addInstance(LIFECYCLE_SOURCES[t]);
    },
    add: (scope, id, target, removalPolicy) => new InstanceReplica(scope, id, {
      instance: sourceArn(LIFECYCLE_SOURCES[target]), replicaRegion: 'us-west-2', replicaAlias: `acme-target-${target}`, removalPolicy,
    }),
    state(target) {
      const id = LIFECYCLE_SOURCES[target];
      const r = instances.replicationOf(id);
      if (!r) return 'not replicated';
      return `${instances.statusOf(r)}${groups.groups.has(instances.defaultGroupIdOf(id)) ? ', default group' : ''}`;
    },
    applied: 'INSTANCE_REPLICATION_COMPLETE, default group',
    destroyed: 'not replicated',
  },

  instance: (scope, id, i) => new InstanceReplica(scope, id, {
    instance: sourceArn(uuid(i)), replicaRegion: 'us-west-2', replicaAlias: `acme-${i}`, removalPolicy: RemovalPolicy.DESTROY,
  }),
  prepare: (i) => instances.addInstance(uuid(i)),
  /**
   * AwsCustomResource can call ReplicateInstance and DeleteInstance but cannot wait: its Create answers before the
   * replica exists, so it does less than InstanceReplica (no default group, no sign-in endpoint, no failure reason).
   */
  awsCustomResource(scope, id, i) {
    new cr.AwsCustomResource(scope, id, {
      onCreate: {
        service: 'Connect',
        action: 'ReplicateInstance',
        region: 'us-east-1',
        parameters: { InstanceId: uuid(i), ReplicaRegion: 'us-west-2', ReplicaAlias: `acme-${i}` },
        physicalResourceId: cr.PhysicalResourceId.of(replicaArn(uuid(i))),
      },
      onDelete: { service: 'Connect', action: 'DeleteInstance', region: 'us-west-2', parameters: { InstanceId: uuid(i) } },
      policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: [sourceArn(uuid(i)), replicaArn(uuid(i))] }),
      installLatestAwsSdk: false,
    });
  },

  completeSetup: 'an instance ARN, replica Region and alias, DESTROY (ours waits for the replica and its default group; DeleteInstance on delete)',
  simplest: {
    setup: 'a bare instance ID, replica Region and alias, RETAIN',
    instance: (scope, id, i) => new InstanceReplica(scope, id, { instance: uuid(i), replicaRegion: 'us-west-2', replicaAlias: `acme-${i}` }),
    awsCustomResource: (scope, id, i) => retainingAwsCustomResource(scope, id, {
      service: 'Connect',
      action: 'ReplicateInstance',
      parameters: { InstanceId: uuid(i), ReplicaRegion: 'us-west-2', ReplicaAlias: `acme-${i}` },
      physicalResourceId: cr.PhysicalResourceId.of(replicaArn(uuid(i))),
    }, [literalArn('connect', `instance/${uuid(i)}`), replicaArn(uuid(i))]),
  },

  everyConstruct(stack, param) {
    new InstanceReplica(stack, 'Replica', { instance: REPLICA_SOURCE_ID, replicaRegion: 'us-west-2', replicaAlias: 'acme-west' });
    new InstanceReplica(stack, 'EuReplica', {
      instance: REPLICA_SOURCE_ARN_EU, replicaRegion: 'eu-central-1', replicaAlias: 'acme-frankfurt', removalPolicy: RemovalPolicy.DESTROY,
    });
    new InstanceReplica(stack, 'ReplicaByToken', { instance: param('ReplicaSourceArn'), replicaRegion: 'us-west-2', replicaAlias: 'acme-oregon' });
  },
};

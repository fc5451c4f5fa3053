/**
 * Global Resiliency: a replica of an instance in us-west-2 (DESTROY, so that the test cleans up after itself) and
 * two agents associated with its default traffic distribution group. Snapshot verified offline by integ-runner;
 * deploying it needs an instance enabled for Global Resiliency (pass its ARN as InstanceArn, and the IDs of two of
 * its users as AgentIds) and can take up to 55 minutes for the replica.
 */
import { IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, ArnFormat, CfnParameter, Fn, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { InstanceReplica, TrafficDistributionGroupUsers } from '../../src';

const app = new App();
const stack = new Stack(app, 'GlobalResiliencyInteg', { env: { region: 'us-east-1' } });
const instanceArn = new CfnParameter(stack, 'InstanceArn', {
  description: 'ARN of an Amazon Connect instance in us-east-1, enabled for Global Resiliency',
}).valueAsString;
const agentIds = new CfnParameter(stack, 'AgentIds', { type: 'CommaDelimitedList', description: 'IDs of two users of the instance' }).valueAsList;

const replica = new InstanceReplica(stack, 'Replica', {
  instance: instanceArn,
  replicaRegion: 'us-west-2',
  replicaAlias: 'ccr-integ-west',
  removalPolicy: RemovalPolicy.DESTROY,
});

new TrafficDistributionGroupUsers(stack, 'Agents', {
  trafficDistributionGroup: replica.defaultTrafficDistributionGroupArn,
  instanceId: stack.splitArn(instanceArn, ArnFormat.SLASH_RESOURCE_NAME).resourceName!,
  userIds: [Fn.select(0, agentIds), Fn.select(1, agentIds)],
});

new IntegTest(app, 'GlobalResiliencyTest', { testCases: [stack] });

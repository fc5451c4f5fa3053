/**
 * A replicated Amazon Connect instance's traffic distribution group, with 90/10 telephony and
 * all agents in the home Region. Snapshot verified offline by integ-runner; deploying it needs an
 * instance that is already replicated to us-west-2 (pass its ARN as the InstanceArn parameter).
 */
import { IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, CfnParameter, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as connect from 'aws-cdk-lib/aws-connect';
import { TrafficDistribution } from '../../src';

const app = new App();
const stack = new Stack(app, 'TrafficDistributionInteg', { env: { region: 'us-east-1' } });
const instanceArn = new CfnParameter(stack, 'InstanceArn', { description: 'ARN of an Amazon Connect instance replicated to us-west-2' });

const group = new connect.CfnTrafficDistributionGroup(stack, 'Group', {
  instanceArn: instanceArn.valueAsString,
  name: 'integ-failover',
  description: 'Traffic distribution group for the integ test',
});

new TrafficDistribution(stack, 'Failover', {
  trafficDistributionGroup: group.attrTrafficDistributionGroupArn,
  telephonyConfig: { distributions: [{ region: 'us-east-1', percentage: 90 }, { region: 'us-west-2', percentage: 10 }] },
  agentConfig: { distributions: [{ region: 'us-east-1', percentage: 100 }, { region: 'us-west-2', percentage: 0 }] },
  removalPolicy: RemovalPolicy.DESTROY,
});

new IntegTest(app, 'TrafficDistributionTest', { testCases: [stack] });

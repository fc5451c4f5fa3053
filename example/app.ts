/**
 * A realistic contact-center stack: an Amazon Connect instance replicated to a second Region,
 * its traffic distribution group, and the traffic split that CloudFormation alone cannot set.
 */
import { App, CfnParameter, RemovalPolicy, Stack, StackProps } from 'aws-cdk-lib';
import * as connect from 'aws-cdk-lib/aws-connect';
import { Construct } from 'constructs';
import { TrafficDistribution } from '../src';

export class ContactCenterStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    const instanceArn = new CfnParameter(this, 'InstanceArn', {
      description: 'ARN of the Amazon Connect instance, already replicated to us-west-2',
    }).valueAsString;

    const failoverGroup = new connect.CfnTrafficDistributionGroup(this, 'FailoverGroup', {
      instanceArn,
      name: 'east-west-failover',
      description: 'Shifts calls and agents between us-east-1 and us-west-2',
    });

    // Normal operation: 90% of calls in the home Region, every agent there too.
    new TrafficDistribution(this, 'Normal', {
      trafficDistributionGroup: failoverGroup.attrTrafficDistributionGroupArn,
      telephonyConfig: { distributions: [{ region: 'us-east-1', percentage: 90 }, { region: 'us-west-2', percentage: 10 }] },
      agentConfig: { distributions: [{ region: 'us-east-1', percentage: 100 }, { region: 'us-west-2', percentage: 0 }] },
      removalPolicy: RemovalPolicy.DESTROY,
    });
  }
}

export function buildApp(outdir?: string): App {
  const app = new App({ outdir });
  new ContactCenterStack(app, 'ContactCenter', { env: { account: '123456789012', region: 'us-east-1' } });
  return app;
}

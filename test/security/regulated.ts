/**
 * The stack with every construct, as a regulated team deploys it: the handlers in private subnets of the team's
 * VPC with its own security group, logs and environment encrypted with its key, a year of retention, reserved
 * concurrency and active tracing. The settings are applied before or after the constructs.
 */
import { Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { everyConstructStack } from './every-construct';
import { HandlerSettings, HandlerSettingsProps } from '../../src';

export const SUBNET_IDS = ['subnet-0aaaaaaaaaaaaaaa1', 'subnet-0bbbbbbbbbbbbbbb2'];

/** The team's network (a VPC made by another team, imported) and key. */
export function regulatedSettings(stack: Stack): HandlerSettingsProps {
  const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', {
    vpcId: 'vpc-0123456789abcdef0',
    availabilityZones: ['us-east-1a', 'us-east-1b'],
    privateSubnetIds: SUBNET_IDS,
    privateSubnetRouteTableIds: ['rtb-0aaaaaaaaaaaaaaa1', 'rtb-0bbbbbbbbbbbbbbb2'],
  });
  const securityGroup = new ec2.SecurityGroup(stack, 'HandlerSecurityGroup', { vpc, allowAllOutbound: false, description: 'contact center handlers' });
  securityGroup.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'HTTPS');
  return {
    vpc,
    vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
    securityGroups: [securityGroup],
    logGroupEncryptionKey: new kms.Key(stack, 'HandlerKey', { enableKeyRotation: true }),
    logRetention: logs.RetentionDays.ONE_YEAR,
    reservedConcurrentExecutions: 5,
    tracing: lambda.Tracing.ACTIVE,
  };
}

export function regulatedStack(when: 'before' | 'after' = 'after'): Stack {
  const apply = (stack: Stack) => HandlerSettings.of(stack).apply(regulatedSettings(stack));
  if (when === 'before') return everyConstructStack(apply);
  const stack = everyConstructStack();
  apply(stack);
  return stack;
}

/**
 * Handler settings as a regulated team applies them: the handlers in isolated subnets of their VPC, with the VPC
 * endpoints they need (Customer Profiles, CloudFormation for the stack record check, and S3 for the CloudFormation response), logs and environment encrypted
 * with the team's key, a year of retention, reserved concurrency, active tracing and an alarm per handler.
 * The settings are applied after the construct. Snapshot verified offline by integ-runner; it deploys as is.
 */
import { IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as customerprofiles from 'aws-cdk-lib/aws-customerprofiles';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import { HandlerSettings, ProfileObjectType } from '../../src';

const app = new App();
const stack = new Stack(app, 'HandlerSettingsInteg', { env: { region: 'us-east-1' } });

const vpc = new ec2.Vpc(stack, 'Vpc', {
  maxAzs: 2,
  natGateways: 0,
  subnetConfiguration: [{ name: 'Handlers', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
});
vpc.addInterfaceEndpoint('CustomerProfiles', { service: ec2.InterfaceVpcEndpointAwsService.CONNECT_PROFILE });
vpc.addInterfaceEndpoint('CloudFormation', { service: ec2.InterfaceVpcEndpointAwsService.CLOUDFORMATION });
vpc.addGatewayEndpoint('S3', { service: ec2.GatewayVpcEndpointAwsService.S3, subnets: [{ subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
const key = new kms.Key(stack, 'Key', { enableKeyRotation: true, removalPolicy: RemovalPolicy.DESTROY });
const onCall = new sns.Topic(stack, 'OnCall', { masterKey: key });
// CloudWatch publishes the alarms to the encrypted topic with the key.
key.grant(new iam.ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');

const domain = new customerprofiles.CfnDomain(stack, 'Domain', { domainName: 'integ-handler-settings', defaultExpirationDays: 30 });
new ProfileObjectType(stack, 'Accounts', {
  domainName: domain.ref,
  objectTypeName: 'SalesforceAccount',
  description: 'Salesforce accounts',
  templateId: 'Salesforce-Account',
  removalPolicy: RemovalPolicy.DESTROY,
});

HandlerSettings.of(stack).apply({
  vpc,
  vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
  logGroupEncryptionKey: key,
  logRetention: logs.RetentionDays.ONE_YEAR,
  reservedConcurrentExecutions: 5,
  tracing: lambda.Tracing.ACTIVE,
  alarms: { actions: [new cloudwatchActions.SnsAction(onCall)] },
});

new IntegTest(app, 'HandlerSettingsTest', { testCases: [stack] });

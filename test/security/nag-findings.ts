/**
 * What cdk-nag reports on the stack with every construct without handler settings: only what the settings fix.
 * Shared by the cdk-nag 2 suite (test/security/cdk-nag.test.ts) and the cdk-nag 3 one (test/nag3).
 */
import * as fs from 'fs';
import * as path from 'path';

/**
 * Every handler kind, as its provider's construct ID names it (`Ccr<Kind>`): read from the handler folders under
 * lambda/, so that the isolated cdk-nag 3 project needs nothing of the library's sources.
 */
const LAMBDA = path.join(__dirname, '..', '..', 'lambda');
export const PROVIDERS = fs.readdirSync(LAMBDA)
  .filter((d) => d !== 'core' && fs.existsSync(path.join(LAMBDA, d, 'index.ts')))
  .map((d) => d.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase()));

/** `<construct path>: <rule>` for each finding, per pack; `root` is how the pack's report writes the stack's path. */
export function findingsWithoutSettings(root: string): Record<string, string[]> {
  const everyHandler = (rule: string, child: string) => PROVIDERS.map((kind) => `${root}/Ccr${kind}/${child}: ${rule}`);
  return {
    'HIPAA.Security': [
      ...everyHandler('HIPAA.Security-CloudWatchLogGroupEncrypted', 'Logs/Resource'),
      ...everyHandler('HIPAA.Security-LambdaConcurrency', 'Handler/Resource'),
      ...everyHandler('HIPAA.Security-LambdaInsideVPC', 'Handler/Resource'),
    ],
    'PCI.DSS.321': [
      ...everyHandler('PCI.DSS.321-CloudWatchLogGroupEncrypted', 'Logs/Resource'),
      ...everyHandler('PCI.DSS.321-LambdaInsideVPC', 'Handler/Resource'),
    ],
    'NIST.800.53.R5': [
      ...everyHandler('NIST.800.53.R5-CloudWatchLogGroupEncrypted', 'Logs/Resource'),
      ...everyHandler('NIST.800.53.R5-LambdaConcurrency', 'Handler/Resource'),
      ...everyHandler('NIST.800.53.R5-LambdaInsideVPC', 'Handler/Resource'),
    ],
    'Serverless': everyHandler('Serverless-LambdaTracing', 'Handler/Resource'),
  };
}

/**
 * The wildcard ARNs the library acknowledges (AwsSolutions-IAM5) on the stack with every construct, beyond each
 * handler's log streams, by handler kind, in cdk-nag's notation (`Resource::<ARN>`). Each has its reason in the code.
 */
export function acknowledgedWildcards(account: string): Record<string, string[]> {
  const p = 'Resource::arn:<AWS::Partition>';
  const token = (param: string, n: number) => `{"Fn::Select":[${n},{"Fn::Split":[":",{"Ref":"${param}"}]}]}`;
  const [replicaRegion, replicaAccount] = [token('ReplicaSourceArn', 3), token('ReplicaSourceArn', 4)];
  return {
    OutboundVoiceContact: [
      `${p}:connect:us-east-1:${account}:instance/99999999-8888-7777-6666-555555555555/contact/*`,
      `${p}:connect:us-east-1:${account}:instance/<InstanceId>/contact/*`,
    ],
    InstanceReplica: [
      ...['us-east-1', 'us-west-2', 'eu-west-2', 'eu-central-1'].map((r) => `${p}:ds:${r}:${account}:directory/*`),
      `${p}:ds:${replicaRegion}:${replicaAccount}:directory/*`, `${p}:ds:us-west-2:${replicaAccount}:directory/*`,
      `${p}:connect:us-east-1:${account}:traffic-distribution-group/*`, `${p}:connect:eu-west-2:${account}:traffic-distribution-group/*`,
      `${p}:connect:${replicaRegion}:${replicaAccount}:traffic-distribution-group/*`,
      'Resource::*',
      `${p}:iam::${account}:role/aws-service-role/connect.amazonaws.com/AWSServiceRoleForAmazonConnect*`,
      `${p}:iam::${replicaAccount}:role/aws-service-role/connect.amazonaws.com/AWSServiceRoleForAmazonConnect*`,
    ],
    TrafficDistributionGroupUsers: [
      `${p}:connect:us-east-1:${account}:instance/66666666-2222-3333-4444-555555555555/agent/*`,
      `${p}:connect:${token('UsersGroupArn', 3)}:${token('UsersGroupArn', 4)}:instance/<UsersInstanceId>/agent/*`,
    ],
  };
}

/**
 * The wildcard ARNs of what a DESTROY Delete calls (AwsSolutions-IAM5, DELETE_REASON), by handler kind: the resource
 * type in one account and Region, since CloudFormation deletes in its cleanup phase, after the policy changed.
 */
export function deleteWildcards(account: string): Record<string, string[]> {
  const p = 'Resource::arn:<AWS::Partition>';
  const token = (param: string, n: number) => `{"Fn::Select":[${n},{"Fn::Split":[":",{"Ref":"${param}"}]}]}`;
  const usersGroup = `${token('UsersGroupArn', 3)}:${token('UsersGroupArn', 4)}`;
  return {
    TrafficDistribution: [
      `${p}:connect:us-east-1:${account}:traffic-distribution-group/*`,
      `${p}:connect:us-west-2:${account}:traffic-distribution-group/*`,
      `${p}:connect:${token('GroupArn', 3)}:${token('GroupArn', 4)}:traffic-distribution-group/*`,
    ],
    ProfileObjectType: [`${p}:profile:us-east-1:${account}:domains/*`, `${p}:profile:us-east-1:${account}:domains/*/object-types/*`],
    VoiceConnectorProxy: [`${p}:chime:us-east-1:${account}:vc/*`],
    ProxySessionSettings: [`${p}:chime:us-east-1:${account}:vc/*`],
    OutboundVoiceContact: [`${p}:connect:us-east-1:${account}:instance/*/contact/*`],
    InstanceReplica: ['ds:%:directory/*', 'connect:%:instance/*'].flatMap((type) => [`us-west-2:${account}`, `eu-central-1:${account}`,
      `us-west-2:${token('ReplicaSourceArn', 4)}`].map((at) => `${p}:${type.replace('%', at)}`)),
    TrafficDistributionGroupUsers: [
      ...[`us-east-1:${account}`, usersGroup].flatMap((at) => ['traffic-distribution-group/*', 'instance/*', 'instance/*/agent/*']
        .map((type) => `${p}:connect:${at}:${type}`)),
    ],
  };
}

/**
 * cdk-nag AwsSolutions: a stack with every construct passes with no suppression of the user's. The library
 * suppresses only AwsSolutions-IAM5, on the handler roles, for the exact wildcard ARNs it puts there, each with its reason.
 */
import { App, Aspects, CfnElement, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ACCOUNT, everyConstructStack, INSTANCE_ID } from './every-construct';
import { ProxyCapability, ProxySessionSettings } from '../../src';
import { LOG_STREAMS_REASON, TYPE_WIDE_REASON } from '../../src/private/handler-provider';
import { KINDS } from '../support/kinds';

const CONTACTS_REASON = 'StartOutboundVoiceContact and StopContact authorize on the contact, whose ID Amazon Connect assigns when the call starts: '
  + 'the grant covers the contacts of this one Amazon Connect instance, and only these actions.';
const PROVIDERS = KINDS.map((entry) => entry.name);

function nag(stack: Stack) {
  Aspects.of(stack).add(new AwsSolutionsChecks());
  const annotations = Annotations.fromStack(stack);
  const findings = (level: 'error' | 'warning') => (level === 'error' ? annotations.findError : annotations.findWarning).call(
    annotations, '*', Match.stringLikeRegexp('AwsSolutions-.*')).map((m) => `${m.id}: ${/^AwsSolutions-\w+(\[[^\]]*\])?/.exec(String(m.entry.data))?.[0]}`);
  return { errors: findings('error'), warnings: findings('warning'), template: Template.fromStack(stack).toJSON() };
}

/** Every cdk_nag suppression in the template, by logical ID. */
function suppressionsOf(template: any): Record<string, unknown> {
  const found: Record<string, unknown> = {};
  for (const [id, resource] of Object.entries<any>(template.Resources)) {
    if (resource.Metadata?.cdk_nag) found[id] = resource.Metadata.cdk_nag.rules_to_suppress;
  }
  expect(template.Metadata?.cdk_nag).toBeUndefined();
  return found;
}

const logicalId = (stack: Stack, ...path: string[]) =>
  stack.getLogicalId(path.reduce((c, id) => c.node.findChild(id), stack as any).node.defaultChild as CfnElement);
const logStreams = (stack: Stack, kind: string) => ({
  id: 'AwsSolutions-IAM5',
  reason: LOG_STREAMS_REASON,
  applies_to: [`Resource::arn:<AWS::Partition>:logs:${stack.region}:${ACCOUNT}:log-group:<${logicalId(stack, `Ccr${kind}`, 'Logs')}>:log-stream:*`],
});

test('a stack with every construct has no AwsSolutions error or warning, and needs no suppression of its own', () => {
  const stack = everyConstructStack();
  const { errors, warnings } = nag(stack);
  expect(errors).toEqual([]);
  expect(warnings).toEqual([]);
});

test('the library suppresses exactly IAM5 for the log streams and the instances\' contacts (and a replica\'s, next), on the handler roles only', () => {
  const stack = everyConstructStack();
  const { template } = nag(stack);
  const role = (kind: string) => logicalId(stack, `Ccr${kind}`, 'Role');
  expect(suppressionsOf(template)).toEqual({
    [role('TrafficDistribution')]: [logStreams(stack, 'TrafficDistribution')],
    [role('ProfileObjectType')]: [logStreams(stack, 'ProfileObjectType')],
    [role('VoiceConnectorProxy')]: [logStreams(stack, 'VoiceConnectorProxy')],
    [role('ProxySessionSettings')]: [logStreams(stack, 'ProxySessionSettings')],
    // Its own wildcards: see the next test.
    [role('InstanceReplica')]: expect.arrayContaining([logStreams(stack, 'InstanceReplica')]),
    [role('TrafficDistributionGroupUsers')]: [logStreams(stack, 'TrafficDistributionGroupUsers'), {
      id: 'AwsSolutions-IAM5',
      reason: expect.stringMatching(/^The users of this one instance: a stack may associate thousands of them/),
      applies_to: [
        `Resource::arn:<AWS::Partition>:connect:us-east-1:${ACCOUNT}:instance/66666666-2222-3333-4444-555555555555/agent/*`,
        'Resource::arn:<AWS::Partition>:connect:{"Fn::Select":[3,{"Fn::Split":[":",{"Ref":"UsersGroupArn"}]}]}:{"Fn::Select":[4,{"Fn::Split":[":",{"Ref":"UsersGroupArn"}]}]}'
          + ':instance/<UsersInstanceId>/agent/*',
      ],
    }],
    [role('OutboundVoiceContact')]: [logStreams(stack, 'OutboundVoiceContact'), {
      id: 'AwsSolutions-IAM5',
      reason: CONTACTS_REASON,
      applies_to: [
        `Resource::arn:<AWS::Partition>:connect:us-east-1:${ACCOUNT}:instance/${INSTANCE_ID}/contact/*`,
        `Resource::arn:<AWS::Partition>:connect:us-east-1:${ACCOUNT}:instance/<InstanceId>/contact/*`,
      ],
    }],
  });
  expect(Object.keys(suppressionsOf(template))).toHaveLength(PROVIDERS.length);
});

test('InstanceReplica: IAM5 for exactly the wildcards its calls need, each with its reason', () => {
  const stack = everyConstructStack();
  const { template } = nag(stack);
  const select = (n: number) => `{"Fn::Select":[${n},{"Fn::Split":[":",{"Ref":"ReplicaSourceArn"}]}]}`;
  const [region, account] = [select(3), select(4)];
  const p = 'Resource::arn:<AWS::Partition>';
  const suppression = (reason: RegExp, appliesTo: string[]) => ({ id: 'AwsSolutions-IAM5', reason: expect.stringMatching(reason), applies_to: appliesTo });
  expect(suppressionsOf(template)[logicalId(stack, 'CcrInstanceReplica', 'Role')]).toEqual([
    logStreams(stack, 'InstanceReplica'),
    suppression(/^ReplicateInstance and DeleteInstance use Directory Service on the caller's behalf/, [
      ...['us-east-1', 'us-west-2', 'eu-west-2', 'eu-central-1'].map((r) => `${p}:ds:${r}:${ACCOUNT}:directory/*`),
      `${p}:ds:${region}:${account}:directory/*`, `${p}:ds:us-west-2:${account}:directory/*`,
    ]),
    suppression(/^ListTrafficDistributionGroups authorizes on traffic-distribution-group/, [
      `${p}:connect:us-east-1:${ACCOUNT}:traffic-distribution-group/*`, `${p}:connect:eu-west-2:${ACCOUNT}:traffic-distribution-group/*`,
      `${p}:connect:${region}:${account}:traffic-distribution-group/*`,
    ]),
    suppression(/support no resource type: IAM accepts them on "\*" only\.$/, ['Resource::*']),
    suppression(/^ReplicateInstance creates or updates Amazon Connect's service-linked role/, [
      `${p}:iam::${ACCOUNT}:role/aws-service-role/connect.amazonaws.com/AWSServiceRoleForAmazonConnect*`,
      `${p}:iam::${account}:role/aws-service-role/connect.amazonaws.com/AWSServiceRoleForAmazonConnect*`,
    ]),
  ]);
});

test('past the policy budget, the type-wide fallback is suppressed with its own reason, and nothing else changes', () => {
  const stack = new Stack(new App(), 'Big', { env: { account: ACCOUNT, region: 'eu-west-2' } });
  for (let i = 0; i < 60; i++) {
    new ProxySessionSettings(stack, `Session${i}`, { voiceConnectorId: `vc${i}`.padEnd(128, 'x'), proxySessionId: 's', capabilities: [ProxyCapability.VOICE] });
  }
  const { errors, warnings, template } = nag(stack);
  expect([...errors, ...warnings]).toEqual([]);
  expect(Object.values(suppressionsOf(template))).toEqual([[logStreams(stack, 'ProxySessionSettings'), {
    id: 'AwsSolutions-IAM5', reason: TYPE_WIDE_REASON, applies_to: [`Resource::arn:<AWS::Partition>:chime:eu-west-2:${ACCOUNT}:vc/*`],
  }]]);
});

test('a wildcard the library did not put there is still reported', () => {
  const stack = everyConstructStack();
  const handler = stack.node.findChild('CcrTrafficDistribution') as any;
  (handler.role as iam.Role).addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['connect:*'], resources: ['*'] }));
  const { errors } = nag(stack);
  expect(errors).toEqual([
    '/ContactCenter/CcrTrafficDistribution/Role/DefaultPolicy/Resource: AwsSolutions-IAM5[Action::connect:*]',
    '/ContactCenter/CcrTrafficDistribution/Role/DefaultPolicy/Resource: AwsSolutions-IAM5[Resource::*]',
  ]);
});

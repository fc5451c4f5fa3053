/**
 * cdk-nag 2 (2.38.2, on the library's floor aws-cdk-lib): a stack with every construct passes AwsSolutions with no
 * acknowledgment of the user's; with the regulated settings (a VPC and a key) HIPAA, PCI DSS 3.2.1, NIST 800-53 R5 and
 * Serverless pass too. The library acknowledges only what every custom-resource handler has by its nature, each with
 * its reason: AwsSolutions-IAM5 for the exact wildcard ARNs it puts in its policies, and LambdaDLQ.
 * cdk-nag 3 runs the same stacks in test/nag3 (its own project, with a current aws-cdk-lib).
 */
import { App, Aspects, CfnElement, Duration, IAspect, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AwsSolutionsChecks, HIPAASecurityChecks, NIST80053R5Checks, PCIDSS321Checks, ServerlessChecks } from 'cdk-nag';
import { ACCOUNT, everyConstructStack } from './every-construct';
import { acknowledgedWildcards, deleteWildcards, findingsWithoutSettings, PROVIDERS } from './nag-findings';
import { regulatedStack } from './regulated';
import { VoiceConnectorProxy } from '../../src';
import { DELETE_REASON, LOG_STREAMS_REASON, TYPE_WIDE_REASON } from '../../src/private/handler-policy';
import { DLQ_REASON, NO_RETRY_REASON } from '../../src/private/inherent-findings';
import { ASYNC_FAILURE_DESTINATION_REASON } from '../../src/private/long-wait';

const CONTACTS_REASON = 'StartOutboundVoiceContact authorizes on the contact, whose ID Amazon Connect assigns when the call starts: '
  + 'the grant covers the contacts of this one Amazon Connect instance, and only this action.';

const PACKS: Record<string, () => IAspect> = {
  'AwsSolutions': () => new AwsSolutionsChecks(),
  'HIPAA.Security': () => new HIPAASecurityChecks(),
  'PCI.DSS.321': () => new PCIDSS321Checks(),
  'NIST.800.53.R5': () => new NIST80053R5Checks(),
  'Serverless': () => new ServerlessChecks(),
};

/** Every finding of a pack (errors and warnings), as `<construct path>: <rule>[<finding>]`. */
function nag(stack: Stack, pack = 'AwsSolutions') {
  Aspects.of(stack).add(PACKS[pack]());
  const annotations = Annotations.fromStack(stack);
  const findings = [...annotations.findError('*', Match.anyValue()), ...annotations.findWarning('*', Match.anyValue())];
  return {
    findings: findings.map((m) => `${m.id}: ${/^[\w.]+-\w+(\[[^\]]*\])?/.exec(String(m.entry.data))?.[0] ?? m.entry.data}`),
    template: Template.fromStack(stack).toJSON(),
  };
}

/** Every cdk_nag acknowledgment in the template, by logical ID. */
function acknowledgmentsOf(template: any): Record<string, unknown> {
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
const dlq = ['HIPAA.Security', 'NIST.800.53.R5', 'Serverless'].map((pack) => ({ id: `${pack}-LambdaDLQ`, reason: DLQ_REASON }));

describe('AwsSolutions', () => {
  test('a stack with every construct has no error or warning, and needs no acknowledgment of its own', () => {
    expect(nag(everyConstructStack()).findings).toEqual([]);
  });

  test('the library acknowledges exactly IAM5 for the log streams, the instances\' contacts and users (and a replica\'s, next) and what a Delete needs, LambdaDLQ, and the no-retry configs\' LambdaAsyncFailureDestination, on its own resources', () => {
    const stack = everyConstructStack();
    const { template } = nag(stack);
    const policy = (kind: string) => logicalId(stack, `Ccr${kind}`, 'Policy');
    const fn = (kind: string) => logicalId(stack, `Ccr${kind}`, 'Handler');
    const forDelete = (kind: string) => ({ id: 'AwsSolutions-IAM5', reason: DELETE_REASON, applies_to: deleteWildcards(ACCOUNT)[kind] });
    expect(acknowledgmentsOf(template)).toEqual({
      ...Object.fromEntries(PROVIDERS.map((kind) => [fn(kind), dlq])),
      [logicalId(stack, 'CcrOutboundVoiceContact', 'Retries')]: [{ id: 'Serverless-LambdaAsyncFailureDestination', reason: NO_RETRY_REASON }],
      // The long-wait engine's asynchronous invocations (see the HIPAA, PCI, NIST and Serverless tests).
      [logicalId(stack, 'CcrInstanceReplica', 'Handler', 'EventInvokeConfig')]: [
        { id: 'Serverless-LambdaAsyncFailureDestination', reason: ASYNC_FAILURE_DESTINATION_REASON },
      ],
      [policy('TrafficDistribution')]: [logStreams(stack, 'TrafficDistribution'), forDelete('TrafficDistribution')],
      [policy('ProfileObjectType')]: [logStreams(stack, 'ProfileObjectType'), forDelete('ProfileObjectType')],
      [policy('VoiceConnectorProxy')]: [logStreams(stack, 'VoiceConnectorProxy'), forDelete('VoiceConnectorProxy')],
      [policy('ProxySessionSettings')]: [logStreams(stack, 'ProxySessionSettings'), forDelete('ProxySessionSettings')],
      // Its own wildcards: see the InstanceReplica test below.
      [policy('InstanceReplica')]: expect.arrayContaining([logStreams(stack, 'InstanceReplica'), forDelete('InstanceReplica')]),
      [policy('TrafficDistributionGroupUsers')]: [logStreams(stack, 'TrafficDistributionGroupUsers'), {
        id: 'AwsSolutions-IAM5',
        reason: expect.stringMatching(/^The users of this one instance: a stack may associate thousands of them/),
        applies_to: acknowledgedWildcards(ACCOUNT).TrafficDistributionGroupUsers,
      }, forDelete('TrafficDistributionGroupUsers')],
      [policy('OutboundVoiceContact')]: [logStreams(stack, 'OutboundVoiceContact'), {
        id: 'AwsSolutions-IAM5', reason: CONTACTS_REASON, applies_to: acknowledgedWildcards(ACCOUNT).OutboundVoiceContact,
      }, forDelete('OutboundVoiceContact')],
    });
  });

  test('InstanceReplica: IAM5 for exactly the wildcards its calls need, each with its reason', () => {
    const stack = everyConstructStack();
    const acks = acknowledgmentsOf(nag(stack).template)[logicalId(stack, 'CcrInstanceReplica', 'Policy')] as any[];
    const own = acknowledgedWildcards(ACCOUNT).InstanceReplica;
    expect(acks.flatMap((a) => a.applies_to)).toEqual([
      ...logStreams(stack, 'InstanceReplica').applies_to, ...own.slice(0, 6), ...deleteWildcards(ACCOUNT).InstanceReplica, ...own.slice(6),
    ]);
    // One acknowledgment per reason: the log streams; the directories; what a Delete needs (the replica Regions'
    // directories and instances); the groups; the actions without a resource type; the service-linked role.
    expect(acks.map((a) => [a.id, a.applies_to.length, a.reason])).toEqual([
      ['AwsSolutions-IAM5', 1, LOG_STREAMS_REASON],
      ['AwsSolutions-IAM5', 6, expect.stringMatching(/^ReplicateInstance and DeleteInstance use Directory Service on the caller's behalf/)],
      ['AwsSolutions-IAM5', 6, DELETE_REASON],
      ['AwsSolutions-IAM5', 3, expect.stringMatching(/^ListTrafficDistributionGroups authorizes on traffic-distribution-group/)],
      ['AwsSolutions-IAM5', 1, expect.stringMatching(/support no resource type: IAM accepts them on "\*" only\.$/)],
      ['AwsSolutions-IAM5', 2, expect.stringMatching(/^ReplicateInstance creates or updates Amazon Connect's service-linked role/)],
    ]);
  });

  test('past the policy budget, the type-wide fallback is acknowledged with its own reason, and the Delete\'s for the same ARN, and nothing else changes', () => {
    const stack = new Stack(new App(), 'Big', { env: { account: ACCOUNT, region: 'eu-west-2' } });
    for (let i = 0; i < 60; i++) {
      new VoiceConnectorProxy(stack, `Proxy${i}`, { voiceConnectorId: `vc${i}`.padEnd(128, 'x'), defaultSessionExpiry: Duration.hours(1), phoneNumberPoolCountries: ['US'] });
    }
    const { findings, template } = nag(stack);
    expect(findings).toEqual([]);
    // The same type-wide ARN for both reasons: PutVoiceConnectorProxy past the budget, DeleteVoiceConnectorProxy for the cleanup phase.
    const vcs = [`Resource::arn:<AWS::Partition>:chime:eu-west-2:${ACCOUNT}:vc/*`];
    expect(acknowledgmentsOf(template)[logicalId(stack, 'CcrVoiceConnectorProxy', 'Policy')]).toEqual([logStreams(stack, 'VoiceConnectorProxy'),
      { id: 'AwsSolutions-IAM5', reason: TYPE_WIDE_REASON, applies_to: vcs },
      { id: 'AwsSolutions-IAM5', reason: DELETE_REASON, applies_to: vcs }]);
  });

  test('a wildcard the library did not put there is still reported', () => {
    const stack = everyConstructStack();
    const handler = stack.node.findChild('CcrTrafficDistribution') as any;
    (handler.role as iam.Role).addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['connect:*'], resources: ['*'] }));
    expect(nag(stack).findings).toEqual([
      '/ContactCenter/CcrTrafficDistribution/Role/DefaultPolicy/Resource: AwsSolutions-IAM5[Action::connect:*]',
      '/ContactCenter/CcrTrafficDistribution/Role/DefaultPolicy/Resource: AwsSolutions-IAM5[Resource::*]',
    ]);
  });
});

describe('HIPAA, PCI DSS 3.2.1, NIST 800-53 R5 and Serverless', () => {
  test.each(Object.keys(PACKS).filter((p) => p !== 'AwsSolutions'))('%s: without settings, only what the settings fix is reported', (pack) => {
    expect(nag(everyConstructStack(), pack).findings.sort()).toEqual(findingsWithoutSettings('/ContactCenter')[pack].sort());
  });

  test.each(Object.keys(PACKS).flatMap((pack) => [[pack, 'before'], [pack, 'after']] as Array<[string, 'before' | 'after']>))(
    '%s: with a VPC, a key, retention, concurrency and tracing applied %s the constructs, nothing is reported', (pack, when) => {
      expect(nag(regulatedStack(when), pack).findings).toEqual([]);
    });

  test('with the settings, the library acknowledges what a Delete needs and the network interfaces\' and tracing\'s wildcards, with their reasons', () => {
    const stack = regulatedStack();
    const acks = acknowledgmentsOf(nag(stack).template)[logicalId(stack, 'CcrTrafficDistribution', 'Policy')] as any[];
    expect(acks.map((a) => [a.applies_to, a.reason.split(' ')[0]])).toEqual([
      [logStreams(stack, 'TrafficDistribution').applies_to, 'Lambda'],
      [[
        `Resource::arn:<AWS::Partition>:connect:us-east-1:${ACCOUNT}:traffic-distribution-group/*`,
        `Resource::arn:<AWS::Partition>:connect:us-west-2:${ACCOUNT}:traffic-distribution-group/*`,
        'Resource::arn:<AWS::Partition>:connect:{"Fn::Select":[3,{"Fn::Split":[":",{"Ref":"GroupArn"}]}]}:{"Fn::Select":[4,{"Fn::Split":[":",{"Ref":"GroupArn"}]}]}:traffic-distribution-group/*',
      ], 'CloudFormation'],
      [['Resource::*'], 'ec2:DescribeNetworkInterfaces'],
      [['Resource::*'], 'xray:PutTraceSegments'],
      [[`Resource::arn:<AWS::Partition>:ec2:us-east-1:${ACCOUNT}:network-interface/*`], 'EC2'],
    ]);
  });
});

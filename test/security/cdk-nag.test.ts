/**
 * cdk-nag AwsSolutions: a stack with every construct passes with no suppression of the user's. The library
 * suppresses only AwsSolutions-IAM5, on the handler roles, for the exact wildcard ARNs it puts there, each with its reason.
 */
import { App, Aspects, CfnElement, Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ACCOUNT, everyConstructStack, INSTANCE_ID } from './every-construct';
import { VoiceConnectorProxy } from '../../src';
import { DELETE_REASON, LOG_STREAMS_REASON, TYPE_WIDE_REASON } from '../../src/private/handler-provider';
import { KINDS } from '../support/kinds';

const CONTACTS_REASON = 'StartOutboundVoiceContact authorizes on the contact, whose ID Amazon Connect assigns when the call starts: '
  + 'the grant covers the contacts of this one Amazon Connect instance, and only this action.';
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

test('the library suppresses exactly IAM5 for the log streams, the instances\' contacts and what a Delete needs, on the handler roles only', () => {
  const stack = everyConstructStack();
  const { template } = nag(stack);
  const role = (kind: string) => logicalId(stack, `Ccr${kind}`, 'Role');
  const arn = (rest: string) => `Resource::arn:<AWS::Partition>:${rest}`;
  const forDelete = (...resources: string[]) => ({ id: 'AwsSolutions-IAM5', reason: DELETE_REASON, applies_to: resources.map(arn) });
  const tokenPart = (n: number) => `{"Fn::Select":[${n},{"Fn::Split":[":",{"Ref":"GroupArn"}]}]}`;
  expect(suppressionsOf(template)).toEqual({
    [role('TrafficDistribution')]: [logStreams(stack, 'TrafficDistribution'), forDelete(
      `connect:us-east-1:${ACCOUNT}:traffic-distribution-group/*`,
      `connect:us-west-2:${ACCOUNT}:traffic-distribution-group/*`,
      `connect:${tokenPart(3)}:${tokenPart(4)}:traffic-distribution-group/*`,
    )],
    [role('ProfileObjectType')]: [logStreams(stack, 'ProfileObjectType'), forDelete(`profile:us-east-1:${ACCOUNT}:domains/*`, `profile:us-east-1:${ACCOUNT}:domains/*/object-types/*`)],
    [role('VoiceConnectorProxy')]: [logStreams(stack, 'VoiceConnectorProxy'), forDelete(`chime:us-east-1:${ACCOUNT}:vc/*`)],
    [role('ProxySessionSettings')]: [logStreams(stack, 'ProxySessionSettings'), forDelete(`chime:us-east-1:${ACCOUNT}:vc/*`)],
    [role('OutboundVoiceContact')]: [logStreams(stack, 'OutboundVoiceContact'), {
      id: 'AwsSolutions-IAM5',
      reason: CONTACTS_REASON,
      applies_to: [
        arn(`connect:us-east-1:${ACCOUNT}:instance/${INSTANCE_ID}/contact/*`),
        arn(`connect:us-east-1:${ACCOUNT}:instance/<InstanceId>/contact/*`),
      ],
    }, forDelete(`connect:us-east-1:${ACCOUNT}:instance/*/contact/*`)],
  });
  expect(Object.keys(suppressionsOf(template))).toHaveLength(PROVIDERS.length);
});

test('past the policy budget, the type-wide fallback is suppressed with its reason, and the Delete\'s for the same ARN, and nothing else changes', () => {
  const stack = new Stack(new App(), 'Big', { env: { account: ACCOUNT, region: 'eu-west-2' } });
  for (let i = 0; i < 60; i++) {
    new VoiceConnectorProxy(stack, `Proxy${i}`, { voiceConnectorId: `vc${i}`.padEnd(128, 'x'), defaultSessionExpiry: Duration.hours(1), phoneNumberPoolCountries: ['US'] });
  }
  const { errors, warnings, template } = nag(stack);
  expect([...errors, ...warnings]).toEqual([]);
  // The same type-wide ARN for both reasons: PutVoiceConnectorProxy past the budget, DeleteVoiceConnectorProxy for the cleanup phase.
  expect(Object.values(suppressionsOf(template))).toEqual([[logStreams(stack, 'VoiceConnectorProxy'), {
    id: 'AwsSolutions-IAM5', reason: `${TYPE_WIDE_REASON} ${DELETE_REASON}`, applies_to: [`Resource::arn:<AWS::Partition>:chime:eu-west-2:${ACCOUNT}:vc/*`],
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

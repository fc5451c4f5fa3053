import { App, CfnResource, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { ACKNOWLEDGED_RULES_METADATA, acknowledge, acknowledgedRules, flattenCfnReference, NagAcknowledgment, rulesToSuppress } from '../../src/private/nag';

const IAM5 = (finding: string, reason = 'why'): NagAcknowledgment => ({ pack: 'AwsSolutions', rule: 'IAM5', finding, reason });

describe('flattenCfnReference: cdk-nag\'s notation of a CloudFormation value', () => {
  test.each<[string, unknown, string]>([
    ['a literal stays as it is', 'arn:aws:s3:::bucket/*', 'arn:aws:s3:::bucket/*'],
    ['${x} in a string becomes <x>', 'arn:${AWS::Partition}:s3:::b', 'arn:<AWS::Partition>:s3:::b'],
    ['Ref', { Ref: 'AWS::Region' }, '<AWS::Region>'],
    ['Fn::GetAtt', { 'Fn::GetAtt': ['Key', 'Arn'] }, '<Key.Arn>'],
    ['Fn::Join, nested', { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':logs:', { 'Fn::GetAtt': ['G', 'Arn'] }, ':*']] }, 'arn:<AWS::Partition>:logs:<G.Arn>:*'],
    ['Fn::Sub', { 'Fn::Sub': 'arn:${AWS::Partition}:x' }, 'arn:<AWS::Partition>:x'],
    ['Fn::ImportValue', { 'Fn::ImportValue': 'Shared' }, 'Shared'],
    ['anything else is its JSON', { 'Fn::Select': [0, ['a']] }, '{"Fn::Select":[0,["a"]]}'],
    ['undefined is empty', undefined, ''],
  ])('%s', (_name, value, flat) => {
    expect(flattenCfnReference(value)).toBe(flat);
  });
});

describe('cdk-nag 2: rules_to_suppress', () => {
  test('findings of one rule with one reason are one entry, applies_to each finding', () => {
    expect(rulesToSuppress([IAM5('Resource::a'), IAM5('Resource::b'), IAM5('Resource::c', 'other')])).toEqual([
      { id: 'AwsSolutions-IAM5', reason: 'why', applies_to: ['Resource::a', 'Resource::b'] },
      { id: 'AwsSolutions-IAM5', reason: 'other', applies_to: ['Resource::c'] },
    ]);
  });

  test('a rule acknowledged as a whole has no applies_to, and is not merged with its findings', () => {
    expect(rulesToSuppress([{ pack: 'Serverless', rule: 'LambdaDLQ', reason: 'why' }, { pack: 'Serverless', rule: 'LambdaDLQ', finding: 'x', reason: 'why' }])).toEqual([
      { id: 'Serverless-LambdaDLQ', reason: 'why' },
      { id: 'Serverless-LambdaDLQ', reason: 'why', applies_to: ['x'] },
    ]);
  });
});

describe('cdk-nag 3: acknowledged rules by pack-prefixed ID', () => {
  test('<pack>::<rule ID>[<finding>] → reason; two reasons for one finding are joined', () => {
    expect(acknowledgedRules([
      IAM5('Resource::*', 'One.'), IAM5('Resource::*', 'Two.'),
      { pack: 'HIPAA.Security', rule: 'LambdaDLQ', reason: 'Three.' },
    ])).toEqual({
      'AwsSolutions::AwsSolutions-IAM5[Resource::*]': 'One. Two.',
      'HIPAA.Security::HIPAA.Security-LambdaDLQ': 'Three.',
    });
  });
});

describe('acknowledge', () => {
  function resourceWith(acks: () => NagAcknowledgment[]) {
    const stack = new Stack(new App(), 'S');
    const resource = new CfnResource(stack, 'R', { type: 'AWS::SNS::Topic' });
    acknowledge(resource, acks);
    return { stack, resource };
  }

  test('writes both majors\' metadata, computed when read: a finding added later is in it', () => {
    const acks: NagAcknowledgment[] = [IAM5('Resource::a')];
    const { stack, resource } = resourceWith(() => acks);
    acks.push(IAM5('Resource::b'));
    expect(Template.fromStack(stack).toJSON().Resources.R.Metadata.cdk_nag).toEqual({
      rules_to_suppress: [{ id: 'AwsSolutions-IAM5', reason: 'why', applies_to: ['Resource::a', 'Resource::b'] }],
    });
    const entry = resource.node.metadata.find((m) => m.type === ACKNOWLEDGED_RULES_METADATA)!;
    // What cdk-nag 3 and aws-cdk-lib read: the keys and entries of the record.
    expect(Object.keys(entry.data)).toEqual(['AwsSolutions::AwsSolutions-IAM5[Resource::a]', 'AwsSolutions::AwsSolutions-IAM5[Resource::b]']);
    expect(Object.entries(entry.data)).toEqual([
      ['AwsSolutions::AwsSolutions-IAM5[Resource::a]', 'why'], ['AwsSolutions::AwsSolutions-IAM5[Resource::b]', 'why'],
    ]);
    expect(JSON.parse(JSON.stringify(entry.data))).toEqual({ 'AwsSolutions::AwsSolutions-IAM5[Resource::a]': 'why', 'AwsSolutions::AwsSolutions-IAM5[Resource::b]': 'why' });
  });

  test('no acknowledgment: empty metadata for both, nothing else on the resource', () => {
    const { stack, resource } = resourceWith(() => []);
    expect(Template.fromStack(stack).toJSON().Resources.R.Metadata).toEqual({ cdk_nag: { rules_to_suppress: [] } });
    expect(Object.keys(resource.node.metadata.find((m) => m.type === ACKNOWLEDGED_RULES_METADATA)!.data)).toEqual([]);
  });
});

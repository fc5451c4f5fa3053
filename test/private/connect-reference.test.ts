/** src/private/connect-reference.ts: an instance or group named by ID, ARN or token, checked at synth and taken apart. */
import { App, CfnParameter, Stack } from 'aws-cdk-lib';
import { connectReference, GROUP_REFERENCE, INSTANCE_REFERENCE } from '../../src/private/connect-reference';

const ID = '11111111-2222-3333-4444-555555555555';
const stack = () => new Stack(new App(), 'Stack', { env: { account: '123456789012', region: 'us-east-1' } });

test('a bare ID is in the stack\'s account and Region, its ARN built with the stack\'s partition', () => {
  const s = stack();
  const ref = connectReference(s, ID, INSTANCE_REFERENCE);
  expect({ ...ref, arn: s.resolve(ref.arn) }).toEqual({
    isId: true,
    region: 'us-east-1',
    account: '123456789012',
    id: ID,
    arn: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:connect:us-east-1:123456789012:instance/${ID}`]] },
  });
});

test('a literal ARN keeps its own account and Region', () => {
  const arn = `arn:aws:connect:us-west-2:210987654321:traffic-distribution-group/${ID}`;
  expect(connectReference(stack(), arn, GROUP_REFERENCE)).toEqual({ isId: false, arn, region: 'us-west-2', account: '210987654321', id: ID });
});

test('a token is taken apart at deploy', () => {
  const s = stack();
  const token = new CfnParameter(s, 'Group').valueAsString;
  const ref = connectReference(s, token, GROUP_REFERENCE);
  expect(ref.isId).toBe(false);
  expect(ref.arn).toBe(token);
  expect(s.resolve(ref.region)).toEqual({ 'Fn::Select': [3, { 'Fn::Split': [':', { Ref: 'Group' }] }] });
});

test.each([
  [INSTANCE_REFERENCE, `arn:aws:connect:us-east-1:123456789012:queue/${ID}`, 'Stack: instance: must be an instance ID (a UUID) or an instance ARN'],
  [GROUP_REFERENCE, 'east-west', 'Stack: trafficDistributionGroup: must be a traffic distribution group ID (a UUID) or ARN, got "east-west"'],
])('a literal that breaks the rule is refused, naming the path and the prop (%#)', (rule, given, message) => {
  expect(() => connectReference(stack(), given, rule)).toThrow(message);
});

/** src/private/rules/stack-env.ts: the stack's partition, account and Region, read from CloudFormation's StackId. */
import { arnInStack, stackEnvOf } from '../../src/private/rules/stack-env';

describe('stackEnvOf', () => {
  test.each([
    ['arn:aws:cloudformation:us-east-1:123456789012:stack/ContactCenter/5b1c2f60-0000-11ef-8000-0a1b2c3d4e5f', { partition: 'aws', region: 'us-east-1', account: '123456789012' }],
    ['arn:aws-us-gov:cloudformation:us-gov-west-1:210987654321:stack/S/1', { partition: 'aws-us-gov', region: 'us-gov-west-1', account: '210987654321' }],
    ['arn:aws-cn:cloudformation:cn-north-1:123456789012:stack/S/1', { partition: 'aws-cn', region: 'cn-north-1', account: '123456789012' }],
  ])('reads %s', (stackId, env) => {
    expect(stackEnvOf(stackId)).toEqual(env);
  });

  test.each([
    'ContactCenter',
    'arn:aws:cloudformation:us-east-1:1234:stack/S/1',
    'arn:aws:s3:us-east-1:123456789012:stack/S/1',
  ])('refuses %s, naming it', (stackId) => {
    expect(() => stackEnvOf(stackId)).toThrow(`cannot tell the stack's partition, account and Region from its ID ${stackId}`);
  });
});

test('arnInStack: an ARN in the stack\'s partition, Region and account', () => {
  expect(arnInStack({ partition: 'aws-us-gov', region: 'us-gov-west-1', account: '210987654321' }, 'connect', 'instance/abc'))
    .toBe('arn:aws-us-gov:connect:us-gov-west-1:210987654321:instance/abc');
});

import { App, Stack } from 'aws-cdk-lib';
import { MANAGED_POLICY_LIMIT, ScopedPolicy } from '../../src/private/scoped-policy';

const stack = () => new Stack(new App(), 'S', { env: { account: '123456789012', region: 'us-east-1' } });
const arn = (i: number) => `arn:aws:connect:us-east-1:123456789012:traffic-distribution-group/${String(i).padStart(8, '0')}-2222-3333-4444-555555555555`;
const typeWide = 'arn:aws:connect:us-east-1:123456789012:traffic-distribution-group/*';
const grant = (i: number, actions = ['connect:B', 'connect:A']) => ({ actions, resourceArn: arn(i), typeWideArn: typeWide });

function policyWith(n: number) {
  const s = stack();
  const policy = new ScopedPolicy(s);
  for (let i = 0; i < n; i++) policy.add(grant(i));
  return { s, statements: policy.statements() };
}

test('one instance: one statement on its own ARN', () => {
  expect(policyWith(1).statements).toEqual([{ Effect: 'Allow', Action: ['connect:A', 'connect:B'], Resource: [arn(0)] }]);
});

test('40 instances: one merged statement that still lists every ARN within the size limit', () => {
  const { statements } = policyWith(40);
  expect(statements).toHaveLength(1);
  expect(statements[0].Resource).toHaveLength(40);
  expect(JSON.stringify(statements).length).toBeLessThan(MANAGED_POLICY_LIMIT);
});

test.each([100, 450])('%d instances: past the budget, the statement widens to the type in the account and Region', (n) => {
  const { statements } = policyWith(n);
  expect(statements).toEqual([{ Effect: 'Allow', Action: ['connect:A', 'connect:B'], Resource: [typeWide] }]);
});

test('grants with other actions get their own statement', () => {
  const policy = new ScopedPolicy(stack());
  policy.add(grant(1));
  policy.add(grant(2, ['connect:C']));
  expect(policy.statements().map((s) => s.Action)).toEqual([['connect:A', 'connect:B'], ['connect:C']]);
});

test('grants with conditions keep them, and merge only with grants of the same actions and conditions', () => {
  const policy = new ScopedPolicy(stack());
  const viaSsm = { StringEquals: { 'kms:ViaService': 'ssm.us-east-1.amazonaws.com' } };
  policy.add({ ...grant(1, ['kms:Decrypt']), conditions: viaSsm });
  policy.add({ ...grant(2, ['kms:Decrypt']), conditions: viaSsm });
  policy.add(grant(3, ['kms:Decrypt']));
  expect(policy.statements()).toEqual([
    { Effect: 'Allow', Action: ['kms:Decrypt'], Resource: [arn(1), arn(2)], Condition: viaSsm },
    { Effect: 'Allow', Action: ['kms:Decrypt'], Resource: [arn(3)] },
  ]);
});

test('the same ARN granted twice is listed once', () => {
  const policy = new ScopedPolicy(stack());
  policy.add(grant(1));
  policy.add(grant(1));
  expect(policy.statements()[0].Resource).toEqual([arn(1)]);
});

test('tokens that resolve to the same value are listed once', () => {
  const s = stack();
  const policy = new ScopedPolicy(s);
  const wide = () => s.formatArn({ service: 'connect', resource: 'traffic-distribution-group', resourceName: '*' });
  policy.add({ actions: ['connect:A'], resourceArn: s.formatArn({ service: 'connect', resource: 'x', resourceName: '1' }), typeWideArn: wide() });
  policy.add({ actions: ['connect:A'], resourceArn: s.formatArn({ service: 'connect', resource: 'x', resourceName: '1' }), typeWideArn: wide() });
  expect(policy.statements()[0].Resource).toHaveLength(1);
});

test('room the settings\' statements take from the budget makes the statement widen sooner', () => {
  const s = stack();
  const policy = new ScopedPolicy(s);
  for (let i = 0; i < 40; i++) policy.add(grant(i));
  expect(policy.statements(0)[0].Resource).toHaveLength(40);
  expect(policy.statements(1_000)[0].Resource).toEqual([typeWide]);
});

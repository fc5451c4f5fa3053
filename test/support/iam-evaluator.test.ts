import { decide, Environment, IamAuthorizer, PolicyDocument } from './iam-evaluator';

const VC = 'arn:aws:chime:us-east-1:123456789012:vc/abc';
const allow = (Action: string | string[], Resource: string | string[], Condition?: any): PolicyDocument =>
  ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action, Resource, ...(Condition && { Condition }) }] });

describe('actions', () => {
  test('match by name, case-insensitively, with * and ?', () => {
    expect(decide([allow('chime:DeleteVoiceConnectorProxy', VC)], 'chime:DeleteVoiceConnectorProxy', VC)).toBe('allow');
    expect(decide([allow('CHIME:deletevoiceconnectorproxy', VC)], 'chime:DeleteVoiceConnectorProxy', VC)).toBe('allow');
    expect(decide([allow('chime:Delete*', VC)], 'chime:DeleteVoiceConnectorProxy', VC)).toBe('allow');
    expect(decide([allow('chime:?utVoiceConnectorProxy', VC)], 'chime:PutVoiceConnectorProxy', VC)).toBe('allow');
  });

  test('another action, or a prefix of the name, is not allowed', () => {
    expect(decide([allow('chime:PutVoiceConnectorProxy', VC)], 'chime:DeleteVoiceConnectorProxy', VC)).toBe('implicit-deny');
    expect(decide([allow('chime:Delete', VC)], 'chime:DeleteVoiceConnectorProxy', VC)).toBe('implicit-deny');
    expect(decide([allow('connect:DeleteVoiceConnectorProxy', VC)], 'chime:DeleteVoiceConnectorProxy', VC)).toBe('implicit-deny');
  });

  test('NotAction allows every action but the listed ones', () => {
    const policy: PolicyDocument = { Statement: { Effect: 'Allow', NotAction: 'chime:Delete*', Resource: '*' } };
    expect(decide([policy], 'chime:PutVoiceConnectorProxy', VC)).toBe('allow');
    expect(decide([policy], 'chime:DeleteVoiceConnectorProxy', VC)).toBe('implicit-deny');
  });
});

describe('resources', () => {
  test('match exactly, or with wildcards, case-sensitively', () => {
    expect(decide([allow('chime:*', 'arn:aws:chime:us-east-1:123456789012:vc/*')], 'chime:X', VC)).toBe('allow');
    expect(decide([allow('chime:*', 'arn:aws:chime:us-east-1:123456789012:vc/ab?')], 'chime:X', VC)).toBe('allow');
    expect(decide([allow('chime:*', 'arn:aws:chime:us-east-1:123456789012:vc/ABC')], 'chime:X', VC)).toBe('implicit-deny');
  });

  test('another account, Region or resource is not allowed', () => {
    expect(decide([allow('chime:*', 'arn:aws:chime:us-east-1:210987654321:vc/*')], 'chime:X', VC)).toBe('implicit-deny');
    expect(decide([allow('chime:*', 'arn:aws:chime:us-west-2:123456789012:vc/*')], 'chime:X', VC)).toBe('implicit-deny');
    expect(decide([allow('chime:*', 'arn:aws:chime:us-east-1:123456789012:vc/abcd')], 'chime:X', VC)).toBe('implicit-deny');
  });

  test('NotResource allows every resource but the listed ones', () => {
    const policy: PolicyDocument = { Statement: { Effect: 'Allow', Action: 'chime:*', NotResource: VC } };
    expect(decide([policy], 'chime:X', `${VC}x`)).toBe('allow');
    expect(decide([policy], 'chime:X', VC)).toBe('implicit-deny');
  });
});

describe('effects', () => {
  test('an explicit Deny wins over any Allow, in the same or another policy', () => {
    const deny: PolicyDocument = { Statement: [{ Effect: 'Deny', Action: 'chime:Delete*', Resource: '*' }] };
    expect(decide([allow('*', '*'), deny], 'chime:DeleteVoiceConnectorProxy', VC)).toBe('explicit-deny');
    expect(decide([allow('*', '*'), deny], 'chime:PutVoiceConnectorProxy', VC)).toBe('allow');
  });

  test('no statement at all is an implicit deny', () => {
    expect(decide([], 'chime:X', VC)).toBe('implicit-deny');
  });
});

describe('conditions', () => {
  const viaSsm = allow('kms:Decrypt', '*', { StringEquals: { 'kms:ViaService': 'ssm.us-east-1.amazonaws.com' } });

  test('StringEquals holds with the value, fails with another or none (keys are case-insensitive)', () => {
    expect(decide([viaSsm], 'kms:Decrypt', 'k', { 'KMS:viaservice': 'ssm.us-east-1.amazonaws.com' })).toBe('allow');
    expect(decide([viaSsm], 'kms:Decrypt', 'k', { 'kms:ViaService': 's3.us-east-1.amazonaws.com' })).toBe('implicit-deny');
    expect(decide([viaSsm], 'kms:Decrypt', 'k')).toBe('implicit-deny');
  });

  test('ArnLike and StringLike take wildcards; IfExists and the negated operators hold when the key is missing', () => {
    const arnLike = allow('x:Y', '*', { ArnLike: { 'aws:SourceArn': 'arn:aws:profile:*:123456789012:domains/d*' } });
    expect(decide([arnLike], 'x:Y', 'r', { 'aws:SourceArn': 'arn:aws:profile:us-east-1:123456789012:domains/d1' })).toBe('allow');
    expect(decide([arnLike], 'x:Y', 'r', { 'aws:SourceArn': 'arn:aws:profile:us-east-1:123456789012:domains/e1' })).toBe('implicit-deny');
    expect(decide([allow('x:Y', '*', { StringLikeIfExists: { 'a:b': 'c*' } })], 'x:Y', 'r')).toBe('allow');
    expect(decide([allow('x:Y', '*', { StringNotEquals: { 'a:b': 'c' } })], 'x:Y', 'r')).toBe('allow');
    expect(decide([allow('x:Y', '*', { StringNotEquals: { 'a:b': 'c' } })], 'x:Y', 'r', { 'a:b': 'c' })).toBe('implicit-deny');
  });

  test('an operator it does not know is an error, not a silent allow', () => {
    expect(() => decide([allow('x:Y', '*', { NumericLessThan: { 'a:b': '1' } })], 'x:Y', 'r', { 'a:b': '0' })).toThrow(/NumericLessThan/);
  });
});

describe('the authorizer', () => {
  const env: Environment = { partition: 'aws', region: 'us-east-1', account: '123456789012', stackArnOf: (n) => `arn:aws:cloudformation:us-east-1:123456789012:stack/${n}/id` };
  const iam = new IamAuthorizer(env);
  let policy: PolicyDocument = allow(['profile:PutProfileObjectType'], ['arn:aws:profile:us-east-1:123456789012:domains/d']);
  iam.principals.set('AKID', { roleName: 'HandlerRole', policies: () => [policy] });
  const put = { accessKeyId: 'AKID', service: 'customer-profiles', operation: 'PutProfileObjectType', input: { DomainName: 'd', ObjectTypeName: 't' } };

  test('an operation on two resource types needs both allowed, and is denied with the service\'s words otherwise', () => {
    expect(iam.authorize(put)).toBe('User: arn:aws:sts::123456789012:assumed-role/HandlerRole/handler is not authorized to perform: profile:PutProfileObjectType '
      + 'on resource: arn:aws:profile:us-east-1:123456789012:domains/d/object-types/t because no identity-based policy allows the profile:PutProfileObjectType action');
    policy = allow(['profile:PutProfileObjectType'], ['arn:aws:profile:us-east-1:123456789012:domains/d', 'arn:aws:profile:us-east-1:123456789012:domains/d/object-types/*']);
    expect(iam.authorize(put)).toBeUndefined();
  });

  test('reads the role\'s policy at each request, so that a policy update takes effect at once', () => {
    policy = allow([], []);
    expect(iam.authorize(put)).toMatch(/is not authorized/);
  });

  test('a stack named by name authorizes on its ID\'s ARN', () => {
    policy = allow('cloudformation:DescribeStackResource', 'arn:aws:cloudformation:us-east-1:123456789012:stack/S/id');
    expect(iam.authorize({ accessKeyId: 'AKID', service: 'cloudformation', operation: 'DescribeStackResource', input: { StackName: 'S', LogicalResourceId: 'X' } })).toBeUndefined();
    expect(iam.authorize({ accessKeyId: 'AKID', service: 'cloudformation', operation: 'DescribeStackResource', input: { StackName: 'T', LogicalResourceId: 'X' } })).toMatch(/stack\/T\/id/);
  });

  test('an unknown access key and an operation it does not know are refused loudly', () => {
    expect(iam.authorize({ ...put, accessKeyId: 'OTHER' })).toMatch(/belongs to no role/);
    expect(() => iam.authorize({ ...put, operation: 'SomethingNew' })).toThrow(/does not know what customer-profiles SomethingNew authorizes on/);
  });
});

/**
 * src/private/compact-arns.ts: a statement's ARNs in fewer bytes, resolving (as CloudFormation does, through the
 * local intrinsics) to exactly the list it replaces. Each case states the form it expects, and that it resolves back.
 */
import { compactResources } from '../../src/private/compact-arns';
import { resolve, Resolver } from '../support/cfn-intrinsics';

const ENV: Resolver = {
  partition: 'aws',
  region: 'us-east-1',
  account: '123456789012',
  stackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/S/1',
  stackName: 'S',
  ref: (id) => { throw new Error(`no resource ${id}`); },
  getAtt: (id) => { throw new Error(`no resource ${id}`); },
};
const arn = (rest: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, rest]] });
const uuid = (i: number) => `0000000${i}-2222-3333-4444-555555555555`;
const bytes = (v: unknown) => JSON.stringify(v).length;
const sub = (form: any) => form['Fn::Split'][1]['Fn::Sub'];

function expectSameList(form: unknown, given: unknown[]): void {
  expect(resolve(form, ENV)).toEqual(resolve(given, ENV));
  expect(bytes(form)).toBeLessThanOrEqual(bytes(given));
}

describe('compactResources', () => {
  test('instances of one type: one variable for the prefix they share', () => {
    const given = [1, 2, 3].map((i) => arn(`:connect:us-east-1:123456789012:instance/${uuid(i)}`));
    const form = compactResources(given);
    const [text, vars] = sub(form);
    expect(Object.keys(vars)).toEqual(['P']);
    expect(text.split(',')).toHaveLength(3);
    expectSameList(form, given);
  });

  test('the same type in two Regions: one variable per resource prefix (here smaller than the one prefix they share, `arn:aws:connect:us-`)', () => {
    const given = [1, 2, 3, 4, 5].flatMap((i) => ['us-east-1', 'us-west-2'].map((r) => arn(`:connect:${r}:123456789012:instance/${uuid(i)}`)));
    const form = compactResources(given);
    const [text, vars] = sub(form);
    expect(Object.keys(vars)).toEqual(['A', 'B']);
    expect(text).toBe([1, 2, 3, 4, 5].map((i) => `\${A}${uuid(i)},\${B}${uuid(i)}`).join(','));
    expectSameList(form, given);
  });

  test('a prefix only one ARN has is written out in the text, not named', () => {
    const given = [
      ...[1, 2, 3, 4].map((i) => arn(`:connect:us-east-1:123456789012:instance/${uuid(i)}`)),
      arn(`:connect:us-west-2:123456789012:instance/${uuid(9)}`),
    ];
    const form = compactResources(given);
    expectSameList(form, given);
    const [text] = sub(form);
    expect(text).toContain(`:connect:us-west-2:123456789012:instance/${uuid(9)}`);
  });

  test('pseudo parameters stay references: the Region and account of the stack resolve at deploy', () => {
    const given = [1, 2, 3].map((i) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':chime:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, `:vc/vc${i}`]] }));
    expectSameList(compactResources(given), given);
  });

  test.each([
    ['one ARN', [arn(':connect:us-east-1:123456789012:instance/a')]],
    ['a wildcard ARN (cdk-nag acknowledges it by itself)', [arn(':connect:us-east-1:123456789012:instance/*'), arn(':connect:us-east-1:123456789012:instance/b')]],
    ['a token other than a pseudo parameter', [{ 'Fn::GetAtt': ['Group', 'Arn'] }, arn(':connect:us-east-1:123456789012:instance/b')]],
    ['an ARN holding the delimiter', ['arn:aws:connect:us-east-1:1:instance/a,b', 'arn:aws:connect:us-east-1:1:instance/c']],
    ['an ARN holding a $', ['arn:aws:connect:us-east-1:1:instance/a$b', 'arn:aws:connect:us-east-1:1:instance/c']],
  ])('left as it is: %s', (_name, given) => {
    expect(compactResources(given)).toBe(given);
  });

  test('two short ARNs that a merge would not make smaller are left as they are', () => {
    const given = ['arn:aws:s3:::a', 'arn:aws:s3:::b'];
    expect(compactResources(given)).toBe(given);
  });
});

/**
 * Measures what the IAM design costs: for each kind, the size of the handler role's managed policy as IAM stores it
 * (intrinsics resolved for the test account and Region, whitespace excluded: what IAM's 6,144-character quota
 * counts) with 1, 100 and 450 instances in one stack, and the template bytes each added instance costs.
 *
 *   TS_NODE_TRANSPILE_ONLY=true npx ts-node -P test/tsconfig.json test/support/policy-sizes.ts
 */
import { App, Stack } from 'aws-cdk-lib';
import { resolve } from './cfn-intrinsics';
import { KINDS } from './kinds';

const COUNTS = [1, 100, 450];

function synth(add: (stack: Stack, i: number) => void, n: number) {
  const app = new App();
  const stack = new Stack(app, 'ContactCenter', { env: { account: '123456789012', region: 'us-east-1' } });
  for (let i = 0; i < n; i++) add(stack, i);
  const template = app.synth().getStackByName('ContactCenter').template;
  const policies = Object.values<any>(template.Resources).filter((r) => r.Type === 'AWS::IAM::ManagedPolicy');
  const resolver = {
    partition: 'aws',
    region: 'us-east-1',
    account: '123456789012',
    stackName: 'ContactCenter',
    stackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/ContactCenter/5b1c2f60-0000-11ef-8000-0a1b2c3d4e5f',
    // CloudFormation names a resource without a name of its own <stack>-<logical ID>-<12 characters>.
    ref: (id: string) => `ContactCenter-${id}-ABCDEFGHIJKL`,
    getAtt: (id: string) => `arn:aws:kms:us-east-1:123456789012:key/${id.slice(0, 8).padEnd(8, '0')}-1111-2222-3333-444455556666`,
  };
  const policyChars = policies.map((p) => JSON.stringify(resolve(p.Properties.PolicyDocument, resolver)).replace(/\s/g, '').length);
  return { policyChars: Math.max(0, ...policyChars), bytes: JSON.stringify(template).length, resources: Object.keys(template.Resources).length };
}

const rows: string[] = ['| Kind | policy chars, 1 | 100 | 450 | template bytes per added instance | resources at 450 |', '|---|---|---|---|---|---|'];
for (const entry of KINDS) {
  const add = (stack: Stack, i: number) => void entry.instance(stack, `I${i}`, i, 0);
  const at = COUNTS.map((n) => synth(add, n));
  const perInstance = (at[1].bytes - at[0].bytes) / (COUNTS[1] - COUNTS[0]);
  rows.push(`| ${entry.name} | ${at.map((x) => x.policyChars).join(' | ')} | ${perInstance.toFixed(1)} | ${at[2].resources} |`);
}
console.log(rows.join('\n'));

/**
 * Guards the scale targets: 450 instances of each construct kind in one stack synthesize, stay one
 * resource each, keep the template well under CloudFormation's 1 MB, and keep every IAM policy within
 * IAM's limits (6,144 characters for a managed policy, whitespace excluded) and no broader than
 * account, Region and resource type.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { expandedStatements } from './support/handler-policy';
import { fixedResourcesOf, KINDS } from './support/kinds';
import { scaleApp } from './support/scale';
import { MANAGED_POLICY_LIMIT } from '../src/private/scoped-policy';

function synth(add: (scope: Construct, i: number) => void, n: number) {
  const app = new App();
  const stack = new Stack(app, 'Scale', { env: { account: '123456789012', region: 'us-east-1' } });
  for (let i = 0; i < n; i++) add(stack, i);
  const template = app.synth().getStackByName('Scale').template;
  const resources = Object.values<any>(template.Resources);
  const policies = resources.filter((r) => r.Type === 'AWS::IAM::ManagedPolicy');
  const policyChars = policies.map((r) => JSON.stringify(r.Properties.PolicyDocument).length);
  // Compacted ARNs (src/private/compact-arns.ts) as the list CloudFormation resolves them to: each ARN is checked.
  const statements = expandedStatements(policies.flatMap((p) => p.Properties.PolicyDocument.Statement));
  return { template, resources, policyChars, statements, bytes: JSON.stringify(template).length };
}

describe.each(KINDS.map((entry) => [entry.name, entry] as const))('%s', (_name, entry) => {
  const add = (scope: Construct, i: number) => entry.instance(scope, `I${i}`, i, 0);
  const fixed = fixedResourcesOf(entry);
  test.each([1, 100, 450])(`%d instances: one resource each, ${fixed} fixed, policies within IAM limits`, (n) => {
    const { resources, policyChars, statements, bytes } = synth(add, n);
    expect(resources.filter((r) => r.Type.startsWith('Custom::'))).toHaveLength(n);
    expect(resources.length - n).toBe(fixed);
    expect(resources.filter((r) => r.Type === 'AWS::IAM::Policy')).toHaveLength(0);
    // Compact JSON of the policy with its intrinsics is longer than the policy IAM stores: a safe upper bound.
    for (const chars of policyChars) expect(chars).toBeLessThan(MANAGED_POLICY_LIMIT);
    expect(bytes).toBeLessThan(1_000_000 / 2);
    // Only the dependent actions IAM takes on "*" (or on IAM's Region-less ARNs) may leave out the Region.
    const withoutRegion = entry.dependentActions?.withoutRegion ?? [];
    for (const s of statements) {
      const regionless = (s.Action as string[]).every((a) => withoutRegion.includes(a));
      for (const resource of [s.Resource].flat()) {
        const text = JSON.stringify(resource);
        if (regionless && (text === '"*"' || text.includes(':iam::'))) continue;
        expect(text).not.toBe('"*"');
        // Every ARN names this account and a Region (literally or through the pseudo parameters; the stack's own ID holds both): the stack's, or a replica's.
        expect(text).toMatch(/123456789012|AWS::AccountId|AWS::StackId/);
        expect(text).toMatch(/us-east-1|us-west-2|AWS::Region|AWS::StackId/);
      }
    }
  });
});

test('the 450-instance app that CI lints has one stack per kind, 450 resources each and the fixed ones', () => {
  const assembly = scaleApp().synth();
  expect(assembly.stacks.map((s) => s.stackName).sort()).toEqual(KINDS.map((entry) => entry.name).sort());
  for (const entry of KINDS) {
    expect(Object.keys(assembly.getStackByName(entry.name).template.Resources)).toHaveLength(450 + fixedResourcesOf(entry));
  }
});

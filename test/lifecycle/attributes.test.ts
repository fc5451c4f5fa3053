/**
 * Every attribute a construct exposes can be read in a CfnOutput, and the stack deploys: CloudFormation fails a
 * GetAtt of an attribute the handler did not answer ("Vendor response doesn't contain ..."), which the local
 * CloudFormation does too. The attributes are found by reflection, so that a new one is covered without a list.
 */
import { CfnOutput, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as customerprofiles from 'aws-cdk-lib/aws-customerprofiles';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { LocalCloudFormation, synthesize } from './stack-harness';
import { ProfileObjectType } from '../../src';
import { KINDS, servicesOf } from '../support/kinds';
import { DOMAIN, profiles } from '../support/kinds/profile-object-type';

// Every handler runs in a process of its own, as Lambda runs it: a stack's deployment takes seconds.
jest.setTimeout(120_000);

/** The construct's public attributes: its own string and number members (tokens or literals). */
function attributesOf(construct: Construct): Record<string, string | number> {
  return Object.fromEntries(Object.entries(construct).filter(([name, value]) => !name.startsWith('_') && (typeof value === 'string' || typeof value === 'number')));
}

let cfn: LocalCloudFormation;
beforeEach(async () => {
  cfn = await LocalCloudFormation.start(...servicesOf());
});
afterEach(async () => {
  expect(cfn.denied).toEqual([]);
  await cfn.close();
});

test.each(KINDS)('$name: every attribute in a CfnOutput synthesizes and deploys, and each has a value', async ({ lifecycle }) => {
  lifecycle.reset();
  let names: string[] = [];
  const stack = synthesize((s: Stack) => {
    const attributes = attributesOf(lifecycle.add(s, 'Target', 0, RemovalPolicy.RETAIN));
    names = Object.keys(attributes);
    for (const [name, value] of Object.entries(attributes)) new CfnOutput(s, name, { value: Token.asString(value) });
  });
  expect(names.length).toBeGreaterThan(0);
  const outcome = await cfn.deploy(stack);
  expect(outcome.failures).toEqual([]);
  expect(Object.keys(outcome.outputs).sort()).toEqual(Object.keys(stack.template.Outputs ?? {}).sort());
  for (const value of Object.values(outcome.outputs)) expect(value).toBeDefined();
});

test('a key shared with the CfnDomain it encrypts deploys: the key policy names the exact domain, with no cycle', async () => {
  profiles.domains.clear();
  profiles.addDomain(DOMAIN);
  const stack = synthesize((s: Stack) => {
    const key = new kms.Key(s, 'Key');
    const domain = new customerprofiles.CfnDomain(s, 'Domain', { domainName: DOMAIN, defaultExpirationDays: 365, defaultEncryptionKey: key.keyArn });
    new ProfileObjectType(s, 'Orders', { domainName: domain.ref, objectTypeName: 'Orders', description: 'Orders', encryptionKey: key });
  });
  expect((await cfn.deploy(stack)).status).toBe('CREATE_COMPLETE');
  const keyPolicy = JSON.stringify(Object.values<any>(stack.template.Resources).find((r) => r.Type === 'AWS::KMS::Key').Properties.KeyPolicy);
  expect(keyPolicy).toContain(`:profile:us-east-1:123456789012:domains/${DOMAIN}`);
  expect(keyPolicy).not.toContain('domains/*');
});

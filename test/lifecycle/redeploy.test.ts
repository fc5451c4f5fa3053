/**
 * A redeploy after a failed first deploy works under RETAIN, with IAM evaluated. The rollback of the first deploy
 * kept the object type (RETAIN, the default); `cdk deploy` then deletes the ROLLBACK_COMPLETE stack and creates it
 * anew, with a new stack ID: the Create finds the object type, recognizes it by its owner tag (stack name and logical
 * ID) and takes it back. An object type someone else made is still refused.
 */
import { CfnWaitConditionHandle, Stack } from 'aws-cdk-lib';
import { LocalCloudFormation, STACK_NAME, synthesize } from './stack-harness';
import { ProfileObjectType } from '../../src';
import { OWNER_TAG } from '../../src/private/rules/profile-object-type';
import { servicesOf } from '../support/kinds';
import { DOMAIN, profiles } from '../support/kinds/profile-object-type';

// Every handler runs in a process of its own, as Lambda runs it: a stack's deployment takes seconds.
jest.setTimeout(120_000);

let cfn: LocalCloudFormation;

beforeEach(async () => {
  profiles.domains.clear();
  profiles.addDomain(DOMAIN);
  cfn = await LocalCloudFormation.start(...servicesOf());
});

afterEach(async () => {
  expect(cfn.denied).toEqual([]);
  expect(cfn.endpoint.rejected).toEqual([]);
  await cfn.close();
});

/** The app: one object type (RETAIN, the default) and, in the first try, a resource that then fails. */
const app = (description: string, failing = false) => synthesize((stack: Stack) => {
  const orders = new ProfileObjectType(stack, 'Orders', { domainName: DOMAIN, objectTypeName: 'Orders', description });
  if (failing) new CfnWaitConditionHandle(stack, 'Fails').node.addDependency(orders);
});

test('a redeploy after a failed first deploy takes back the object type that the rollback kept', async () => {
  const first = await cfn.deploy(app('Orders', true), { fail: ['Fails'] });
  expect(first.status).toBe('ROLLBACK_COMPLETE');
  expect(first.failures.map((f) => f.logicalId)).toEqual(['Fails']);
  const kept = profiles.get(DOMAIN, 'Orders')!;
  expect(kept.tags[OWNER_TAG]).toMatch(new RegExp(`^${STACK_NAME}/Orders`));
  const firstStack = cfn.stackId;

  const again = await cfn.deploy(app('Orders, second try'));
  expect(again.failures).toEqual([]);
  expect(again.status).toBe('CREATE_COMPLETE');
  expect(cfn.stackId).not.toBe(firstStack);
  expect(profiles.get(DOMAIN, 'Orders')!.definition.Description).toBe('Orders, second try');
  // And the stack goes on as usual from there.
  expect((await cfn.deploy(app('Orders, third'))).status).toBe('UPDATE_COMPLETE');
});

test('an object type someone else made is refused at deploy, and left as it is', async () => {
  profiles.domains.get(DOMAIN)!.set('Orders', {
    definition: { Description: 'Billing\'s' }, tags: { [OWNER_TAG]: 'Billing/Orders' }, createdAt: new Date(), lastUpdatedAt: new Date(),
  });
  const outcome = await cfn.deploy(app('Orders'));
  expect(outcome.status).toBe('ROLLBACK_COMPLETE');
  expect(outcome.failures[0].reason).toMatch(/already exists in the domain contact-center-prod; it was not created by this resource \(its cdk-contact-center-resources:owner tag names Billing\/Orders\)/);
  expect(profiles.get(DOMAIN, 'Orders')!.definition.Description).toBe('Billing\'s');
});

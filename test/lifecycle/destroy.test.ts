/**
 * DESTROY takes effect however CloudFormation gets to the Delete, for every kind, with IAM evaluated: on removal
 * and on replacement (in the cleanup phase, after the role's policy was updated to the new template), on the
 * rollback of an update that created or replaced an instance (after the role went back to its old policy), and when
 * the last instance leaves the stack with its handler. RETAIN keeps everything in every one of these cases.
 */
import { CfnWaitConditionHandle, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { LocalCloudFormation, Outcome, synthesize } from './stack-harness';
import { KINDS, servicesOf } from '../support/kinds';

// Every handler runs in a process of its own, as Lambda runs it: a stack's deployment takes seconds.
jest.setTimeout(120_000);

const { DESTROY, RETAIN } = RemovalPolicy;

describe.each(KINDS)('$name', ({ lifecycle: row }) => {
  let cfn: LocalCloudFormation;

  beforeEach(async () => {
    row.reset();
    cfn = await LocalCloudFormation.start(...servicesOf());
  });

  afterEach(async () => {
    // No request IAM denied, on any path: a denial is a permission the design failed to give.
    expect(cfn.denied).toEqual([]);
    expect(cfn.endpoint.rejected).toEqual([]);
    expect(cfn.endpoint.defects).toEqual([]);
    await cfn.close();
  });

  /** A stack with the instance under test (if any) and another instance of the kind that stays. */
  const app = (target: 0 | 1 | undefined, policy: RemovalPolicy, more: (stack: Stack) => void = () => undefined) => synthesize((stack) => {
    if (target !== undefined) row.add(stack, 'Target', target, policy);
    row.add(stack, 'Stays', 2, RETAIN);
    more(stack);
  });

  /** A resource that CloudFormation fails to create, after the instance under test: the update rolls back. */
  const failing = (stack: Stack) => {
    const handle = new CfnWaitConditionHandle(stack, 'Fails');
    const target = stack.node.tryFindChild('Target');
    if (target) handle.node.addDependency(target);
  };

  const expectClean = (outcome: Outcome, status: Outcome['status'], failed: string[] = []) => {
    expect(outcome.failures.map((f) => `${f.logicalId} ${f.status}: ${f.reason}`)).toEqual(failed);
    expect(outcome.status).toBe(status);
  };

  test('DESTROY on removal: the cleanup phase deletes it, under the role\'s new policy', async () => {
    expectClean(await cfn.deploy(app(0, DESTROY)), 'CREATE_COMPLETE');
    expect(row.state(0)).toBe(row.applied);
    expectClean(await cfn.deploy(app(undefined, DESTROY)), 'UPDATE_COMPLETE');
    expect(row.state(0)).toBe(row.destroyed);
    expect(row.state(2)).toBe(row.applied);
  });

  test('DESTROY on replacement: the new target gets the settings, the cleanup phase deletes the old side', async () => {
    expectClean(await cfn.deploy(app(0, DESTROY)), 'CREATE_COMPLETE');
    expectClean(await cfn.deploy(app(1, DESTROY)), 'UPDATE_COMPLETE');
    expect(row.state(0)).toBe(row.destroyed);
    expect(row.state(1)).toBe(row.applied);
  });

  test('DESTROY on the rollback of a replacing update: what the failed update made is deleted, under the reverted policy', async () => {
    expectClean(await cfn.deploy(app(0, DESTROY)), 'CREATE_COMPLETE');
    const outcome = await cfn.deploy(app(1, DESTROY, failing), { fail: ['Fails'] });
    expectClean(outcome, 'UPDATE_ROLLBACK_COMPLETE', ['Fails CREATE_FAILED: failed on purpose by the test']);
    expect(row.state(1)).toBe(row.destroyed);
    expect(row.state(0)).toBe(row.applied);
    // The resource is the old one again, in full: its DESTROY restores what the stack found before it.
    expectClean(await cfn.destroy(), 'DELETE_COMPLETE');
    expect(row.state(0)).toBe(row.destroyed);
  });

  test('DESTROY on the rollback of an update that created the instance: it is deleted, under the reverted policy', async () => {
    expectClean(await cfn.deploy(app(undefined, DESTROY)), 'CREATE_COMPLETE');
    const outcome = await cfn.deploy(app(0, DESTROY, failing), { fail: ['Fails'] });
    expectClean(outcome, 'UPDATE_ROLLBACK_COMPLETE', ['Fails CREATE_FAILED: failed on purpose by the test']);
    expect(row.state(0)).toBe(row.destroyed);
  });

  test('DESTROY when the last instance leaves the stack with its handler, and when the stack is deleted', async () => {
    const only = (target: 0 | undefined) => synthesize((stack) => {
      new CfnWaitConditionHandle(stack, 'Other');
      if (target !== undefined) row.add(stack, 'Target', target, DESTROY);
    });
    expectClean(await cfn.deploy(only(0)), 'CREATE_COMPLETE');
    expectClean(await cfn.deploy(only(undefined)), 'UPDATE_COMPLETE');
    expect(row.state(0)).toBe(row.destroyed);
    row.reset();
    expectClean(await cfn.deploy(app(0, DESTROY)), 'UPDATE_COMPLETE');
    expectClean(await cfn.destroy(), 'DELETE_COMPLETE');
    expect(row.state(0)).toBe(row.destroyed);
  });

  test('RETAIN keeps the old side through removal, replacement and rollback', async () => {
    expectClean(await cfn.deploy(app(0, RETAIN)), 'CREATE_COMPLETE');
    expectClean(await cfn.deploy(app(1, RETAIN)), 'UPDATE_COMPLETE');
    expectClean(await cfn.deploy(app(undefined, RETAIN)), 'UPDATE_COMPLETE');
    expect(row.state(0)).toBe(row.applied);
    expect(row.state(1)).toBe(row.applied);
    await cfn.deploy(app(0, RETAIN, failing), { fail: ['Fails'] });
    expect(row.state(0)).toBe(row.applied);
  });
});

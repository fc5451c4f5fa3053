/**
 * A long wait in CloudFormation's order, with IAM evaluated: InstanceReplica's Create and DESTROY Delete outlast one
 * invocation and go on in new ones, each started by the one before through Lambda's Invoke, which the function's
 * resource-based policy (AWS::Lambda::Permission) allows its own role, and no other, to make.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import { LocalCloudFormation, synthesize } from './stack-harness';
import { servicesOf } from '../support/kinds';
import { instanceReplica } from '../support/kinds/instance-replica';
import { trafficDistribution } from '../support/kinds/traffic-distribution';

jest.setTimeout(120_000);

const row = instanceReplica.lifecycle;
let cfn: LocalCloudFormation;

beforeEach(async () => {
  row.reset();
  trafficDistribution.lifecycle.reset();
  cfn = await LocalCloudFormation.start(...servicesOf());
});

afterEach(async () => {
  expect(cfn.denied).toEqual([]);
  await cfn.close();
});

const app = (withTarget: boolean) => synthesize((stack) => {
  if (withTarget) row.add(stack, 'Target', 0, RemovalPolicy.DESTROY);
  trafficDistribution.lifecycle.add(stack, 'Other', 2, RemovalPolicy.RETAIN);
});

test('the Create and the DESTROY Delete each continue in new invocations, and answer once', async () => {
  expect((await cfn.deploy(app(true))).status).toBe('CREATE_COMPLETE');
  expect(row.state(0)).toBe(row.applied);
  const afterCreate = cfn.continuations.length;
  expect(afterCreate).toBeGreaterThan(0);
  expect(cfn.continuations.every((c) => c.event.CcrContinuation && c.event.RequestType === 'Create')).toBe(true);

  const outcome = await cfn.deploy(app(false));
  expect([outcome.status, outcome.failures]).toEqual(['UPDATE_COMPLETE', []]);
  expect(row.state(0)).toBe(row.destroyed);
  expect(cfn.continuations.slice(afterCreate).length).toBeGreaterThan(0);
  expect(cfn.continuations.slice(afterCreate).every((c) => c.event.RequestType === 'Delete')).toBe(true);
  // One answer per request CloudFormation sent.
  expect(cfn.invocations.filter((i) => i.event.LogicalResourceId.startsWith('Target')).map((i) => i.response?.Status)).toEqual(['SUCCESS', 'SUCCESS']);
});

test('only the function\'s own role may invoke it: by its resource-based policy, not by any identity-based one', async () => {
  expect((await cfn.deploy(app(true))).status).toBe('CREATE_COMPLETE');
  const resources = Object.entries(app(true).template.Resources);
  const fn = cfn.physicalIdOf(resources.find(([id, r]) => r.Type === 'AWS::Lambda::Function' && id.startsWith('CcrInstanceReplica'))![0]);
  const arn = `arn:aws:lambda:us-east-1:123456789012:function:${fn}`;
  expect(cfn.authorize('CcrInstanceReplicaRole', 'lambda:InvokeFunction', arn)).toBeUndefined();
  expect(cfn.authorize('CcrTrafficDistributionRole', 'lambda:InvokeFunction', arn)).toMatch(/is not authorized to perform: lambda:InvokeFunction/);
});

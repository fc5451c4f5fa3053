/**
 * The upgrade of a deployed stack to this version's template shape (issue #15, phase 2), over every handler kind.
 * Earlier versions wrote every property out: the removal policy even when it was the kind's default, and
 * TrafficDistribution's group as its ARN even when the user gave a bare ID. This version leaves the default out and
 * passes the group as given, so CloudFormation sends an Update with the old shape as OldResourceProperties and the
 * new one as ResourceProperties. The handler must take them for the same resource: the same physical ID, the state
 * as it was, and no call beyond an idempotent re-apply; and the same when a failed update rolls back the other way.
 */
import { deployed, useLifecycle, useWorld } from './harness';
import { CONTRACT_KINDS, Policy, Props } from './kinds';
import { STACK_ID } from '../support/cloudformation';
import { KINDS } from '../support/kinds';

const world = useWorld();
/** `arn:aws:cloudformation:us-east-1:123456789012:stack/…` → `arn:aws:connect:us-east-1:123456789012:` */
const STACK_ENV = STACK_ID.replace(/^(arn:[^:]+:)cloudformation(:[^:]+:[0-9]+:).*$/, '$1connect$2');

/** What this version's construct renders for the same instance (see test/traffic-distribution.test.ts and removal-policy.test.ts). */
function newShape(props: Props, defaultPolicy: Policy, kind: string): Props {
  const { RemovalPolicy: policy, ...rest } = props;
  const shaped: Props = policy === defaultPolicy ? rest : { ...rest, RemovalPolicy: policy };
  const group = shaped.TrafficDistributionGroup as string | undefined;
  // Only TrafficDistribution passes its group as given; TrafficDistributionGroupUsers always sends the ARN (Associate
  // and Disassociate run in the group's own Region, which only the ARN names).
  if (kind === 'TrafficDistribution' && group?.startsWith(`${STACK_ENV}traffic-distribution-group/`)) shaped.TrafficDistributionGroup = group.split('/')[1];
  return shaped;
}

describe.each(CONTRACT_KINDS)('$name', (k) => {
  const life = useLifecycle(world, k);
  const defaultPolicy = KINDS.find((e) => e.name === k.name)!.kind.defaultRemovalPolicy as Policy;
  const oldShape = () => life.props('A', 1, defaultPolicy);
  const shaped = () => newShape(oldShape(), defaultPolicy, k.name);
  /** Nothing but the kind's own write, at most once: an idempotent re-apply (a kind that always writes on Update). */
  const atMostReapplied = () => {
    expect(life.mutations().filter((m) => m !== k.mutation)).toEqual([]);
    expect(life.mutations().length).toBeLessThanOrEqual(k.updatesInPlace ? 1 : 0);
  };

  test('the new shape is a different template: the default removal policy is left out', () => {
    expect(oldShape().RemovalPolicy).toBe(defaultPolicy);
    expect(shaped()).not.toHaveProperty('RemovalPolicy');
  });

  test('an Update from the old shape to the new keeps the physical ID and the state, with no call beyond an idempotent re-apply', async () => {
    const id = await deployed(life, defaultPolicy);
    const { response } = await life.send({ RequestType: 'Update', PhysicalResourceId: id, OldResourceProperties: oldShape(), ResourceProperties: shaped() });
    expect(response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: id });
    expect(response.Data).toEqual(k.attributes('A', 1));
    life.expectState(k.applied('A', 1));
    atMostReapplied();
  });

  test('the rollback of that Update (new shape back to old) keeps the physical ID and the state too', async () => {
    const id = await deployed(life, defaultPolicy);
    const { response } = await life.send({ RequestType: 'Update', PhysicalResourceId: id, OldResourceProperties: shaped(), ResourceProperties: oldShape() });
    expect(response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: id });
    life.expectState(k.applied('A', 1));
    atMostReapplied();
  });

  test(`a Delete of the new shape follows the default removal policy (${defaultPolicy})`, async () => {
    const id = await deployed(life, defaultPolicy);
    const { response } = await life.send({ RequestType: 'Delete', PhysicalResourceId: id, ResourceProperties: shaped() });
    expect(response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: id });
    if (defaultPolicy === 'retain') {
      life.expectState(k.applied('A', 1));
      expect(life.mutations()).toEqual([]);
    } else {
      life.expectState(k.applied('A', 1), k.destroyed('A', 1));
      expect(life.mutations()).toEqual([k.deletion]);
    }
  });

  if (k.name === 'TrafficDistribution') {
    test('a group ARN written out becoming its bare ID, with a config change: one write to the same group, the same physical ID', async () => {
      const id = await deployed(life, defaultPolicy);
      const to = newShape(life.props('A', 2, defaultPolicy), defaultPolicy, k.name);
      expect(to.TrafficDistributionGroup).not.toMatch(/^arn:/);
      const { response } = await life.send({ RequestType: 'Update', PhysicalResourceId: id, OldResourceProperties: oldShape(), ResourceProperties: to });
      expect(response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: id });
      life.expectState(k.applied('A', 1), k.applied('A', 2));
      expect(life.mutations()).toEqual([k.mutation]);
    });

    test('a DESTROY Delete of the bare-ID shape resets the group the physical ID names', async () => {
      const id = await deployed(life, 'destroy');
      const { response } = await life.send({ RequestType: 'Delete', PhysicalResourceId: id, ResourceProperties: newShape(life.props('A', 1, 'destroy'), defaultPolicy, k.name) });
      expect(response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: id });
      life.expectState(k.applied('A', 1), k.destroyed('A', 1));
      expect(life.mutations()).toEqual([k.deletion]);
    });
  }
});

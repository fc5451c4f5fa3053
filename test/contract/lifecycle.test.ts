/**
 * The lifecycle contract, run over every handler kind (kinds.ts): CloudFormation's resource-provider
 * contract cases (create_read, create_create, ...) adapted to what a custom resource can promise, and the
 * failures custom resources are known for. docs/lifecycle-contract.md explains which case means what.
 */
import { deployed, useLifecycle, useWorld } from './harness';
import { CONTRACT_KINDS, OPERATIONS, Policy } from './kinds';
import { CREATE_FAILED_MARKER } from '../../lambda/core';

const world = useWorld();
const POLICIES: Policy[] = ['retain', 'destroy'];

describe.each(CONTRACT_KINDS)('$name', (k) => {
  const life = useLifecycle(world, k);

  describe('contract cases', () => {
    test('create_read: the fake holds what was asked, the answer carries the physical ID and the attributes, one mutating call', async () => {
      const { response } = await life.create('A');
      expect(response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: k.physicalId('A', 1) });
      expect(response.Data).toEqual(k.attributes('A', 1));
      life.expectState(k.applied('A', 1));
      expect(life.mutations()).toEqual([k.mutation]);
    });

    test.each(POLICIES)('create_delete / delete_read under %s: the delete succeeds and leaves what the removal policy says', async (policy) => {
      const id = await deployed(life, policy);
      const { response } = await life.del(id, 'A', 1, policy);
      expect(response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: id });
      if (policy === 'retain') {
        expect(world.endpoint.calls).toEqual([]);
        life.expectState(k.applied('A', 1));
      } else {
        expect(life.mutations()).toEqual([k.deletion]);
        life.expectState(k.destroyed('A', 1));
      }
    });

    test(`create_create: a second Create of the same identity ${describeCreateCreate(k.createCreate)}`, async () => {
      const first = await deployed(life);
      const again = await life.create('A', k.createCreate === 'refuses' ? 2 : 1);
      switch (k.createCreate) {
        case 'refuses':
          expect(again.response.Status).toBe('FAILED');
          expect(again.response.Reason).toMatch(/already exists.*was not created by this resource and was left as it is/);
          expect(again.response.PhysicalResourceId.startsWith(CREATE_FAILED_MARKER)).toBe(true);
          expect(life.mutations()).toEqual([]);
          break;
        case 'same-call':
          expect(again.response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: first });
          expect(life.mutations()).toEqual([]);
          break;
        case 'idempotent':
          expect(again.response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: first });
          expect(life.mutations()).toEqual([k.mutation]);
          break;
        case 'adopts':
          expect(again.response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: first });
          expect(life.mutations()).toEqual([]);
          break;
        case 'adopts-again':
          // Same settings, but the "originals" it keeps are now the settings the first Create applied.
          expect(again.response.Status).toBe('SUCCESS');
          expect(again.response.PhysicalResourceId).not.toBe(first);
          break;
      }
      life.expectState(k.applied('A', 1));
    });

    test('update_read: the fake holds the new version, the attributes follow it, one mutating call', async () => {
      const id = await deployed(life);
      const { response } = await life.update(id, ['A', 1], ['A', 2]);
      expect(response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: k.updatesInPlace ? id : k.physicalId('A', 2) });
      expect(response.Data).toEqual(k.attributes('A', 2));
      life.expectState(k.applied('A', 1), k.applied('A', 2));
      expect(life.mutations()).toEqual([k.mutation]);
    });

    if (k.updateWithoutCreate === 'not-applicable') {
      test('update_without_create does not apply: a changed resource is a new one (a new call, a new replica), even when the old one is gone', async () => {
        const id = await deployed(life);
        k.vanish('A');
        const { response } = await life.update(id, ['A', 1], ['A', 2]);
        expect(response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: k.physicalId('A', 2) });
        expect(life.mutations()).toEqual([k.mutation]);
      });
    } else {
      test(`update_without_create: an Update of a resource removed behind the stack's back ${k.updateWithoutCreate === 'fails' ? 'fails cleanly' : 'puts it back as declared'}`, async () => {
        const id = await deployed(life);
        k.vanish('A');
        const vanished = k.state();
        const { response } = await life.update(id, ['A', 1], ['A', 2]);
        if (k.updateWithoutCreate === 'fails') {
          expect(response).toMatchObject({ Status: 'FAILED', PhysicalResourceId: id });
          expect(response.Reason).toMatch(/^\w+ failed: NotFoundException|^\w+ failed: ResourceNotFoundException/);
          expect(life.mutations().length).toBeLessThanOrEqual(1);
          expect(k.state()).toEqual(vanished);
        } else {
          expect(response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: id });
          life.expectState(k.applied('A', 2));
        }
      });
    }

    test('delete_delete: a second DESTROY delete succeeds (already gone) and changes nothing more', async () => {
      const id = await deployed(life, 'destroy');
      expect((await life.del(id, 'A', 1, 'destroy')).response.Status).toBe('SUCCESS');
      const second = await life.del(id, 'A', 1, 'destroy');
      expect(second.response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: id });
      life.expectState(k.destroyed('A', 1));
    });

    test('delete_create: a Create after a DESTROY delete of the same identity works', async () => {
      const id = await deployed(life, 'destroy');
      expect((await life.del(id, 'A', 1, 'destroy')).response.Status).toBe('SUCCESS');
      const { response } = await life.create('A', 1, 'destroy');
      expect(response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: k.physicalId('A', 1) });
      life.expectState(k.recreated?.('A') ?? k.applied('A', 1));
    });
  });

  describe('failures custom resources are known for', () => {
    test.each([
      ['the marker of a failed create', 'marker'],
      ['an empty string', ''],
      ['no physical ID at all', undefined],
    ])('a DESTROY delete after a failed create, with %s as physical ID, succeeds and calls nothing', async (_what, given) => {
      const failed = await life.send({ RequestType: 'Create', ResourceProperties: { ...life.props('A', 1, 'destroy'), ...k.invalid.overrides } });
      expect(failed.response.Status).toBe('FAILED');
      const physicalId = given === 'marker' ? failed.response.PhysicalResourceId : given;
      const { response } = await life.send({ RequestType: 'Delete', PhysicalResourceId: physicalId, ResourceProperties: life.props('A', 1, 'destroy') });
      expect(response.Status).toBe('SUCCESS');
      expect(world.endpoint.calls).toEqual([]);
      life.expectState();
    });

    test('a DESTROY delete with a physical ID this kind never returned (a log stream name) succeeds and changes nothing', async () => {
      // What the cfn-response module answers by default, e.g. from an older handler that crashed mid-create.
      const garbage = '2024/05/01/[$LATEST]0123456789abcdef0123456789abcdef';
      const { response } = await life.del(garbage, 'A', 1, 'destroy');
      expect(response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: garbage });
      // A kind whose physical ID is the service's own ID may ask the service, which answers "not found".
      life.expectState();
    });

    test('an update that fails keeps the physical ID, and the rollback update to the old properties restores the state', async () => {
      const id = await deployed(life);
      world.endpoint.inject(k.mutation, { status: 403, code: 'AccessDeniedException' });
      const failed = await life.update(id, ['A', 1], ['A', 2]);
      expect(failed.response).toMatchObject({ Status: 'FAILED', PhysicalResourceId: id, Reason: `${k.mutation} failed: AccessDeniedException: injected fault` });
      const rollback = await life.update(id, ['A', 2], ['A', 1]);
      expect(rollback.response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: id });
      life.expectState(k.applied('A', 1));
    });

    test.each(POLICIES)('replacement (another identity), then the delete of the old resource under %s', async (policy) => {
      const oldId = await deployed(life, policy);
      const { response } = await life.update(oldId, ['A', 1, policy], ['B', 1, policy]);
      expect(response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: k.physicalId('B', 1) });
      expect(response.PhysicalResourceId).not.toBe(oldId);
      // CloudFormation then deletes the old physical resource, with the old properties.
      const cleanup = await life.del(oldId, 'A', 1, policy);
      expect(cleanup.response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: oldId });
      life.expectState(policy === 'retain' ? k.applied('A', 1) : k.destroyed('A', 1), k.applied('B', 1));
    });

    if (k.bloat) {
      test('an answer too big for CloudFormation\'s 4 KB limit gives FAILED with the reason, never an oversized body; the delete then cleans up', async () => {
        world.bloat = k.bloat;
        const { response } = await life.create('A', 1, 'destroy');
        expect(Buffer.byteLength(JSON.stringify(response))).toBeLessThanOrEqual(4096);
        expect(response).toMatchObject({ Status: 'FAILED', Reason: expect.stringMatching(/would exceed CloudFormation's 4096-byte limit/) });
        // The resource was changed: the physical ID is the real one, so that CloudFormation's delete undoes it.
        expect(response.PhysicalResourceId).toBe(k.physicalId('A', 1));
        world.bloat = undefined;
        expect((await life.del(response.PhysicalResourceId, 'A', 1, 'destroy')).response.Status).toBe('SUCCESS');
        life.expectState(k.destroyed('A', 1));
      });
    }

    test('a handler that runs out of time (slow API, little time left) answers FAILED before the Lambda timeout, changing nothing', async () => {
      for (const op of OPERATIONS) world.endpoint.inject(op, { delayMs: 5_000 });
      const started = Date.now();
      const { response } = await life.create('A', 1, 'destroy', { remainingMs: 10_400 });
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(response.Status).toBe('FAILED');
      expect(response.Reason).toMatch(/deadline passed|ran out of time/);
      life.expectState();
    });

    test('properties that break a rule fail before any API call, with the rule', async () => {
      const { response } = await life.send({ RequestType: 'Create', ResourceProperties: { ...life.props('A'), ...k.invalid.overrides } });
      expect(response).toMatchObject({ Status: 'FAILED', Reason: k.invalid.reason });
      expect(response.PhysicalResourceId.startsWith(CREATE_FAILED_MARKER)).toBe(true);
      expect(world.endpoint.calls).toEqual([]);
    });
  });
});

function describeCreateCreate(behaviour: string): string {
  return {
    'idempotent': 'succeeds with the same physical ID and state',
    'refuses': 'refuses to take over the existing resource and leaves it as it is',
    'same-call': 'answers with the same contact and places no second call',
    'adopts-again': 'succeeds with the same state (and adopts the applied settings as the originals)',
    'adopts': 'adopts what the first one made and answers it, with no second mutating call',
  }[behaviour]!;
}

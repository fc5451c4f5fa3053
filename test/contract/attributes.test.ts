/**
 * The attributes every kind declares are what its handler answers, on every success path: Create, an in-place
 * Update, an Update that changes nothing, a replacement, and a Create again after a DESTROY. A construct reads only
 * declared attributes (KindResource), so a GetAtt in a stack can never name one that CloudFormation did not get.
 */
import { deployed, useLifecycle, useWorld } from './harness';
import { CONTRACT_KINDS, Props } from './kinds';
import { AttributeSpec } from '../../src/private/rules/kind';
import { Schema } from '../../src/private/rules/schema';
import { Invocation } from '../support/cloudformation';
import { KINDS } from '../support/kinds';

const world = useWorld();

describe.each(CONTRACT_KINDS.map((k, n) => [k.name, k, KINDS[n].kind.attributes] as const))('%s', (_name, k, declared) => {
  const life = useLifecycle(world, k);
  const specs = Object.entries<AttributeSpec>(declared);

  /** Every unconditional attribute with its declared type; a conditional one exactly when its property is set; nothing else. */
  function expectDeclared(invocation: Invocation, props: Props): void {
    expect(invocation.response.Status).toBe('SUCCESS');
    const data = invocation.response.Data ?? {};
    const expected = specs.filter(([, spec]) => !spec.onlyWith || props[spec.onlyWith] !== undefined).map(([name]) => name);
    expect(Object.keys(data).sort()).toEqual(expected.sort());
    for (const [name, spec] of specs) if (name in data) expect(typeof data[name]).toBe(spec.type);
  }

  test('every onlyWith names a property of the schema', () => {
    for (const [, spec] of specs) if (spec.onlyWith) expect(Object.keys(k.schema.members)).toContain(spec.onlyWith);
  });

  test('Create', async () => {
    expectDeclared(await life.create('A', 1), life.props('A', 1));
  });

  test('an in-place Update, and one that changes nothing but the removal policy', async () => {
    const id = await deployed(life);
    const changed = await life.update(id, ['A', 1], ['A', 2]);
    expectDeclared(changed, life.props('A', 2));
    expectDeclared(await life.update(changed.response.PhysicalResourceId, ['A', 2], ['A', 2, 'destroy']), life.props('A', 2, 'destroy'));
  });

  test('a replacement', async () => {
    const id = await deployed(life);
    expectDeclared(await life.update(id, ['A', 1], ['B', 1]), life.props('B', 1));
  });

  test('a Create again after a DESTROY delete', async () => {
    const id = await deployed(life, 'destroy');
    expect((await life.del(id, 'A', 1, 'destroy')).response.Status).toBe('SUCCESS');
    expectDeclared(await life.create('A', 1, 'destroy'), life.props('A', 1, 'destroy'));
  });

  const conditional = specs.filter(([, spec]) => spec.onlyWith);
  if (conditional.length > 0) {
    test.each(conditional)('%s is answered when its property is set', async (_attribute, spec) => {
      const props = { ...life.props('A', 1), [spec.onlyWith!]: sampleOf(k.schema.members[spec.onlyWith!]) };
      expectDeclared(await life.send({ RequestType: 'Create', ResourceProperties: props }), props);
    });
  }
});

/** A valid value of a scalar member, for setting the property a conditional attribute needs. */
function sampleOf(schema: Schema): unknown {
  return schema.type === 'integer' ? 5 : schema.type === 'boolean' ? true : 'sample';
}

/**
 * Faults at the local endpoint and bad input from CloudFormation, over every handler kind (kinds.ts).
 * Whatever happens, each request ends in exactly one CloudFormation response (the stand-in checks that),
 * SUCCESS or FAILED with a reason that says what went wrong, and nothing a removal policy protects is lost.
 */
import { deployed, useLifecycle, useWorld } from './harness';
import { asCloudFormationSends, CONTRACT_KINDS, OPERATIONS } from './kinds';
import { CREATE_FAILED_MARKER } from '../../lambda/core';
import { Schema } from '../../src/private/rules/schema';
import { Fault } from '../support/aws-endpoint';

const world = useWorld();

/** Faults the core retries: each is met once, then the call goes through. */
const TRANSIENT: Array<[string, Fault]> = [
  ['a 429 throttle', { status: 429, code: 'ThrottlingException' }],
  ['a 500', { status: 500, code: 'InternalServiceException' }],
  ['a 503', { status: 503, code: 'ServiceUnavailableException' }],
  // Run in the bundled asset, as Lambda runs it: under jest, the socket error comes from another realm,
  // fails the SDK's `instanceof Error` and reaches the core as a bare "AWS SDK error wrapper" without its code.
  ['a connection reset', { reset: true }],
  ['a slow answer (within the deadline)', { delayMs: 300 }],
];

/** Answers that carry no usable output: a response must still go out, and say why if it is FAILED. */
const BROKEN_BODIES: Array<[string, Fault]> = [
  ['a malformed body', { rawBody: '{"Proxy": {"Disabled": tru' }],
  ['an empty body', { rawBody: '' }],
];

describe.each(CONTRACT_KINDS)('$name', (k) => {
  const life = useLifecycle(world, k);

  describe('faults at the endpoint', () => {
    test.each(TRANSIENT)('%s on the mutating call of a Create is retried: SUCCESS, the state as asked', async (_what, fault) => {
      world.endpoint.inject(k.mutation, fault);
      const { response } = await life.create('A', 1, 'retain', { handler: fault.reset ? life.bundled : undefined });
      expect(response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: k.physicalId('A', 1) });
      life.expectState(k.applied('A', 1));
      // The faulted attempt never reached the fake: exactly one call took effect.
      expect(world.endpoint.callsTo(k.mutation)).toHaveLength(fault.delayMs ? 1 : 2);
    });

    test.each(TRANSIENT)('%s on the mutating call of a DESTROY delete is retried: SUCCESS, the state as DESTROY says', async (_what, fault) => {
      const id = await deployed(life, 'destroy');
      world.endpoint.inject(k.deletion, fault);
      const { response } = await life.send({
        RequestType: 'Delete', PhysicalResourceId: id, ResourceProperties: life.props('A', 1, 'destroy'), handler: fault.reset ? life.bundled : undefined,
      });
      expect(response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: id });
      life.expectState(k.destroyed('A', 1));
    });

    test('503 until the deadline: FAILED naming the operation and the code, before the Lambda timeout', async () => {
      world.endpoint.inject(k.mutation, ...Array.from({ length: 1_000 }, () => ({ status: 503, code: 'ServiceUnavailableException' })));
      const started = Date.now();
      const { response } = await life.create('A', 1, 'retain', { remainingMs: 10_500 });
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(response.Status).toBe('FAILED');
      // The retry loop and the core's deadline timer race at the deadline: either reason may win.
      expect(response.Reason).toMatch(new RegExp(`^(${k.mutation} failed: (ServiceUnavailableException: injected fault \\(gave up after \\d+ attempts|the handler's deadline passed)|the handler ran out of time)`));
      life.expectState();
    });

    test.each(BROKEN_BODIES)('%s from every operation of a Create ends in a response with a reason, never a hang', async (_what, fault) => {
      for (const op of OPERATIONS) world.endpoint.inject(op, fault, fault, fault);
      const { response } = await life.create('A', 1, 'retain', { remainingMs: 12_000 });
      if (response.Status === 'FAILED') expect(response.Reason).toMatch(/^\w+( failed)?: .{10,}/);
      expect(response.PhysicalResourceId).toBeTruthy();
    });

    test('a 4xx on the mutating call of a Create fails at once with the operation, code and message', async () => {
      world.endpoint.inject(k.mutation, { status: 403, code: 'AccessDeniedException' });
      const { response } = await life.create('A', 1, 'retain');
      expect(response).toMatchObject({ Status: 'FAILED', Reason: `${k.mutation} failed: AccessDeniedException: injected fault` });
      expect(world.endpoint.callsTo(k.mutation)).toHaveLength(1);
      life.expectState();
    });

    test('a 4xx on a DESTROY delete fails with the reason and deletes nothing', async () => {
      const id = await deployed(life, 'destroy');
      world.endpoint.inject(k.deletion, { status: 403, code: 'AccessDeniedException' });
      const { response } = await life.del(id, 'A', 1, 'destroy');
      expect(response).toMatchObject({ Status: 'FAILED', PhysicalResourceId: id, Reason: `${k.deletion} failed: AccessDeniedException: injected fault` });
      life.expectState(k.applied('A', 1));
    });

    test('a RETAIN delete calls nothing, whatever the endpoint would answer', async () => {
      const id = await deployed(life, 'retain');
      world.endpoint.inject(k.deletion, { status: 500, code: 'InternalServiceException' });
      const { response } = await life.del(id, 'A', 1, 'retain');
      expect(response.Status).toBe('SUCCESS');
      expect(world.endpoint.calls).toEqual([]);
      life.expectState(k.applied('A', 1));
    });
  });

  describe('bad input from CloudFormation', () => {
    test('every number and boolean sent as a string (as CloudFormation does) decodes to the same request', async () => {
      const { response } = await life.send({ RequestType: 'Create', ResourceProperties: asCloudFormationSends(life.props('A')) });
      expect(response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: k.physicalId('A', 1) });
      life.expectState(k.applied('A', 1));
    });

    const struct = k.schema;
    // RemovalPolicy is required too, but the construct leaves the kind's default out and the core reads it back (upgrade.test.ts).
    test.each(struct.required.filter((name) => name !== 'RemovalPolicy'))('a missing required property (%s) fails before any call', async (name) => {
      const { [name]: _gone, ...rest } = life.props('A');
      const { response } = await life.send({ RequestType: 'Create', ResourceProperties: rest });
      expect(response).toMatchObject({ Status: 'FAILED', Reason: `Invalid properties: ${camel(name)}: is required` });
      expect(response.PhysicalResourceId.startsWith(CREATE_FAILED_MARKER)).toBe(true);
      expect(world.endpoint.calls).toEqual([]);
    });

    test.each(Object.keys(struct.members))('a wrongly typed property (%s) fails before any call, naming it', async (name) => {
      const { wrong, rule } = wronglyTyped(struct.members[name]);
      const { response } = await life.send({ RequestType: 'Create', ResourceProperties: { ...life.props('A'), [name]: wrong } });
      expect(response).toMatchObject({ Status: 'FAILED', Reason: `Invalid properties: ${camel(name)}: ${rule}` });
      expect(world.endpoint.calls).toEqual([]);
    });

    test.each(['Create', 'Update'])('an unknown property fails a %s before any call, keeping the physical ID', async (requestType) => {
      const id = requestType === 'Create' ? undefined : await deployed(life, 'destroy');
      const { response } = await life.send({
        RequestType: requestType,
        PhysicalResourceId: id,
        OldResourceProperties: requestType === 'Update' ? life.props('A', 1, 'destroy') : undefined,
        ResourceProperties: { ...life.props('A', 1, 'destroy'), Colour: 'blue' },
      });
      expect(response).toMatchObject({ Status: 'FAILED', Reason: 'Invalid properties: colour: is not a known property' });
      if (id) expect(response.PhysicalResourceId).toBe(id);
      expect(world.endpoint.calls).toEqual([]);
      life.expectState(id ? k.applied('A', 1) : {});
    });

    test.each(['constructor', 'toString', '__proto__'])('a property named after Object.prototype.%s is unknown too', async (name) => {
      // JSON.parse makes "__proto__" an own property, as it is in the event Lambda parses.
      const { response } = await life.send({ RequestType: 'Create', ResourceProperties: { ...life.props('A'), ...JSON.parse(`{"${name}": "x"}`) } });
      expect(response).toMatchObject({ Status: 'FAILED', Reason: `Invalid properties: ${name}: is not a known property` });
      expect(world.endpoint.calls).toEqual([]);
    });

    test('no properties at all fail clearly, before any call', async () => {
      const { response } = await life.send({ RequestType: 'Create', ResourceProperties: {} });
      expect(response.Status).toBe('FAILED');
      expect(response.Reason).toMatch(/^Invalid properties: \w+: is required$/);
      expect(world.endpoint.calls).toEqual([]);
    });

    test('a Delete ignores a property it does not know (another library version) and deletes as its removal policy says', async () => {
      const id = await deployed(life, 'destroy');
      const { response, logs } = await life.send({
        RequestType: 'Delete', PhysicalResourceId: id, ResourceProperties: { ...life.props('A', 1, 'destroy'), Colour: 'blue' },
      });
      expect(response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: id });
      expect(logs).toContain('"property":"colour"');
    });
  });
});

/** A value of another JSON type than the schema asks for, and the rule the decoder must name. */
function wronglyTyped(schema: Schema): { wrong: unknown; rule: string } {
  switch (schema.type) {
    case 'string': return { wrong: { nested: true }, rule: 'must be a string' };
    case 'integer': return { wrong: 'ninety', rule: 'must be an integer' };
    case 'boolean': return { wrong: 'yes', rule: 'must be true or false' };
    case 'list': return { wrong: 'US', rule: 'must be a list' };
    default: return { wrong: ['a'], rule: 'must be an object' };
  }
}

const camel = (name: string) => name[0].toLowerCase() + name.slice(1);

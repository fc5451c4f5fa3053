import { ApiError, CREATE_FAILED_MARKER, customResourceHandler, HandlerError, Operations } from '../../../lambda/core';
import { attribute, declareKind } from '../../../src/private/rules/kind';
import { sensitive, str, struct } from '../../../src/private/rules/schema';
import { CloudFormation, cloudFormationApi, useLocalAws } from '../../support/cloudformation';

const TEST_KIND = declareKind({
  handler: 'test',
  description: 'a kind for the core tests',
  resourceType: 'Custom::Test',
  defaultRemovalPolicy: 'retain',
  schema: struct({ Name: str, Mode: str, Secret: sensitive }, ['Name']),
  attributes: { Answer: attribute.number, Label: attribute.string, Items: attribute.string, At: attribute.string, Extra: attribute.onlyWith(attribute.number, 'Mode') },
  validate(p, c) {
    if (p.Name === 'bad') c.fail('Name', 'must not be bad', p.Name);
  },
});

let cfn: CloudFormation;
beforeAll(async () => {
  // The core confirms each request with CloudFormation's record of the stack, which the stand-in keeps and serves.
  useLocalAws((await cloudFormationApi()).url);
  cfn = await CloudFormation.start('Custom::Test');
});
afterAll(async () => cfn.close());

/** A kind whose behaviour each test picks; it records what the core asked it to do. */
function kind(overrides: Partial<Operations<typeof TEST_KIND>> = {}) {
  const seen: string[] = [];
  const operations: Operations<typeof TEST_KIND> = {
    onCreate: async (p) => { seen.push(`create ${p.Name}`); return { physicalId: `id-${p.Name}`, attributes: { Answer: 42 } }; },
    onUpdate: async (p, old, id) => { seen.push(`update ${old?.Name}->${p.Name} ${id}`); return { physicalId: id }; },
    onDestroy: async (p, id) => { seen.push(`delete ${p.Name} ${id}`); },
    ...overrides,
  };
  return { handler: customResourceHandler(TEST_KIND, operations), seen };
}

test('Create answers SUCCESS with the physical ID and attributes', async () => {
  const { handler, seen } = kind();
  const { response } = await cfn.request(handler, { RequestType: 'Create', ResourceProperties: { RemovalPolicy: 'destroy', Name: 'a' } });
  expect(response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'id-a', Data: { Answer: 42 }, LogicalResourceId: 'Resource' });
  expect(seen).toEqual(['create a']);
});

test('Update passes the old properties and the physical ID', async () => {
  const { handler, seen } = kind();
  const { response } = await cfn.request(handler, {
    RequestType: 'Update', PhysicalResourceId: 'id-a', ResourceProperties: { RemovalPolicy: 'destroy', Name: 'b' }, OldResourceProperties: { RemovalPolicy: 'destroy', Name: 'a' },
  });
  expect(response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'id-a' });
  expect(seen).toEqual(['update a->b id-a']);
});

test('Delete keeps the physical ID', async () => {
  const { handler, seen } = kind();
  const { response } = await cfn.request(handler, { RequestType: 'Delete', PhysicalResourceId: 'id-a', ResourceProperties: { RemovalPolicy: 'destroy', Name: 'a' } });
  expect(response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'id-a' });
  expect(seen).toEqual(['delete a id-a']);
});

test('a failed Create answers a marker ID, and the Delete that follows calls nothing', async () => {
  const { handler, seen } = kind({ onCreate: async () => { throw new HandlerError('nope'); } });
  const create = await cfn.request(handler, { RequestType: 'Create', ResourceProperties: { RemovalPolicy: 'destroy', Name: 'a' } });
  expect(create.response).toMatchObject({ Status: 'FAILED', Reason: 'nope' });
  expect(create.response.PhysicalResourceId.startsWith(CREATE_FAILED_MARKER)).toBe(true);
  const del = await cfn.request(handler, { RequestType: 'Delete', PhysicalResourceId: create.response.PhysicalResourceId, ResourceProperties: { RemovalPolicy: 'destroy', Name: 'a' } });
  expect(del.response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: create.response.PhysicalResourceId });
  expect(seen).toEqual([]);
});

test('a Delete with no physical ID at all succeeds without calling anything', async () => {
  const { handler, seen } = kind();
  const { response } = await cfn.request(handler, { RequestType: 'Delete', ResourceProperties: { RemovalPolicy: 'destroy', Name: 'a' } });
  expect(response.Status).toBe('SUCCESS');
  expect(seen).toEqual([]);
});

test('a failed Update keeps the physical ID so that CloudFormation can roll back', async () => {
  const { handler } = kind({ onUpdate: async () => { throw new HandlerError('nope'); } });
  const { response } = await cfn.request(handler, { RequestType: 'Update', PhysicalResourceId: 'id-a', ResourceProperties: { RemovalPolicy: 'destroy', Name: 'b' }, OldResourceProperties: { RemovalPolicy: 'destroy', Name: 'a' } });
  expect(response).toMatchObject({ Status: 'FAILED', PhysicalResourceId: 'id-a', Reason: 'nope' });
});

test('invalid properties fail before the kind runs, naming the prop and the rule', async () => {
  const { handler, seen } = kind();
  const { response } = await cfn.request(handler, { RequestType: 'Create', ResourceProperties: { RemovalPolicy: 'destroy', Name: 'bad' } });
  expect(response).toMatchObject({ Status: 'FAILED', Reason: 'Invalid properties: name: must not be bad, got "bad"' });
  expect(seen).toEqual([]);
});

test.each([
  [{}, 'Invalid properties: name: is required'],
  [{ Name: 'a', Extra: 1 }, 'Invalid properties: extra: is not a known property'],
  [{ Name: { nested: true } }, 'Invalid properties: name: must be a string'],
])('properties CloudFormation should never send fail clearly: %j', async (props, reason) => {
  const { handler, seen } = kind();
  const { response } = await cfn.request(handler, { RequestType: 'Create', ResourceProperties: props });
  expect(response).toMatchObject({ Status: 'FAILED', Reason: reason });
  expect(seen).toEqual([]);
});

test('an unexpected bug becomes a FAILED with its message, not a stack trace or a hang', async () => {
  const { handler } = kind({ onCreate: async () => { throw new TypeError('cannot read x of undefined'); } });
  const { response } = await cfn.request(handler, { RequestType: 'Create', ResourceProperties: { RemovalPolicy: 'destroy', Name: 'a' } });
  expect(response).toMatchObject({ Status: 'FAILED', Reason: 'Internal error in the handler: cannot read x of undefined' });
});

test('work that outlives the deadline is answered with FAILED before the Lambda timeout', async () => {
  const { handler } = kind({ onCreate: () => new Promise(() => undefined) });
  const started = Date.now();
  const { response } = await cfn.request(handler, { RequestType: 'Create', ResourceProperties: { RemovalPolicy: 'destroy', Name: 'a' }, remainingMs: 10_300 });
  expect(Date.now() - started).toBeLessThan(1_500);
  expect(response).toMatchObject({ Status: 'FAILED', Reason: 'the handler ran out of time before the work finished' });
});

test('old properties that no longer decode are passed as undefined', async () => {
  const { handler, seen } = kind();
  const { response } = await cfn.request(handler, { RequestType: 'Update', PhysicalResourceId: 'id-a', ResourceProperties: { RemovalPolicy: 'destroy', Name: 'b' }, OldResourceProperties: { Gone: 1 } });
  expect(response.Status).toBe('SUCCESS');
  expect(seen).toEqual(['update undefined->b id-a']);
});

test('logs are JSON lines and never carry the properties', async () => {
  const { handler } = kind();
  const { logs } = await cfn.request(handler, { RequestType: 'Create', ResourceProperties: { RemovalPolicy: 'destroy', Name: 'a', Mode: 'secret-value +12065550100' } });
  const lines = logs.trim().split('\n').map((l) => JSON.parse(l));
  expect(lines.map((l) => l.message)).toEqual(['request', 'result', 'response sent']);
  expect(logs).not.toContain('secret-value');
  expect(logs).not.toContain('2065550100');
});

test('the result line has the documented fields: a metric filter on message, status and resourceType counts failed events per kind', async () => {
  const { handler } = kind({ onCreate: async () => { throw new HandlerError('no such group'); } });
  const { logs } = await cfn.request(handler, { RequestType: 'Create', ResourceProperties: { RemovalPolicy: 'retain', Name: 'a' } });
  const result = logs.trim().split('\n').map((l) => JSON.parse(l)).find((l) => l.message === 'result');
  expect(result).toEqual({
    level: 'error',
    message: 'result',
    status: 'FAILED',
    requestType: 'Create',
    resourceType: expect.stringMatching(/^Custom::/),
    logicalResourceId: expect.any(String),
    reason: 'no such group',
  });
});

test('running out of time names the error it was retrying', async () => {
  const throttled = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $metadata: { httpStatusCode: 429 } });
  const { handler } = kind({ onCreate: (_p, ctx) => ctx.call('PutThing', async () => { throw throttled; }) });
  const { response } = await cfn.request(handler, { RequestType: 'Create', ResourceProperties: { RemovalPolicy: 'destroy', Name: 'a' }, remainingMs: 10_300 });
  expect(response.Status).toBe('FAILED');
  // Either the retry loop gives up first or the deadline timer fires first: both name the operation and the code.
  expect(response.Reason).toMatch(/PutThing failed: ThrottlingException: Rate exceeded/);
});

describe('the removal policy, owned by the core', () => {
  test('RETAIN: a Delete calls nothing and succeeds', async () => {
    const { handler, seen } = kind();
    const { response } = await cfn.request(handler, { RequestType: 'Delete', PhysicalResourceId: 'id-a', ResourceProperties: { RemovalPolicy: 'retain', Name: 'a' } });
    expect(response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'id-a' });
    expect(seen).toEqual([]);
  });

  test('a missing removal policy is the kind\'s default (the construct leaves the default out); another than retain or destroy fails', async () => {
    const { handler, seen } = kind();
    const missing = await cfn.request(handler, { RequestType: 'Delete', PhysicalResourceId: 'id-a', ResourceProperties: { Name: 'a' } });
    expect(missing.response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'id-a' });
    expect(seen).toEqual([]);
    const upgraded = await cfn.request(handler, {
      RequestType: 'Update', PhysicalResourceId: 'id-a', ResourceProperties: { Name: 'a' }, OldResourceProperties: { Name: 'a', RemovalPolicy: 'retain' },
    });
    expect(upgraded.response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'id-a' });
    // The old properties decode too, to the same removal policy: the kind sees the update as no change.
    expect(seen.splice(0)).toEqual(['update a->a id-a']);
    const wrong = await cfn.request(handler, { RequestType: 'Create', ResourceProperties: { Name: 'a', RemovalPolicy: 'snapshot' } });
    expect(wrong.response).toMatchObject({ Status: 'FAILED', Reason: 'Invalid properties: removalPolicy: must be retain or destroy, got "snapshot"' });
    expect(seen).toEqual([]);
  });

  const gone = (code: string) => kind({
    onDestroy: async () => { throw new ApiError('DeleteThing', code, 404, `DeleteThing failed: ${code}: not there`); },
    alreadyGone: { DeleteThing: ['NotFoundException'] },
  });

  test('DESTROY: a code the kind declares "already gone" for that operation counts as deleted', async () => {
    const { response } = await cfn.request(gone('NotFoundException').handler, {
      RequestType: 'Delete', PhysicalResourceId: 'id-a', ResourceProperties: { RemovalPolicy: 'destroy', Name: 'a' },
    });
    expect(response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'id-a' });
  });

  test('DESTROY: any other code fails the Delete with the API\'s code and message', async () => {
    const { response } = await cfn.request(gone('AccessDeniedException').handler, {
      RequestType: 'Delete', PhysicalResourceId: 'id-a', ResourceProperties: { RemovalPolicy: 'destroy', Name: 'a' },
    });
    expect(response).toMatchObject({ Status: 'FAILED', Reason: 'DeleteThing failed: AccessDeniedException: not there' });
  });

  test('DESTROY: an "already gone" code of another operation is not taken for this one', async () => {
    const { handler } = kind({
      onDestroy: async () => { throw new ApiError('DescribeThing', 'NotFoundException', 404, 'DescribeThing failed: NotFoundException: x'); },
      alreadyGone: { DeleteThing: ['NotFoundException'] },
    });
    const { response } = await cfn.request(handler, { RequestType: 'Delete', PhysicalResourceId: 'id-a', ResourceProperties: { RemovalPolicy: 'destroy', Name: 'a' } });
    expect(response.Status).toBe('FAILED');
  });
});

describe('attributes, as the declaration says', () => {
  test('every declared attribute is answered, with the empty value of its type when the source has none; undeclared ones never', async () => {
    const { handler } = kind({
      onCreate: async () => ({ physicalId: 'x', attributes: { Answer: 7, Items: ['a', 'b'], At: new Date(0), Undeclared: 'leak' } as any }),
    });
    const { response } = await cfn.request(handler, { RequestType: 'Create', ResourceProperties: { RemovalPolicy: 'retain', Name: 'a' } });
    expect(response.Data).toEqual({ Answer: 7, Label: '', Items: 'a,b', At: '1970-01-01T00:00:00.000Z' });
  });

  test('a conditional attribute is answered when the service gave it', async () => {
    const { handler } = kind({ onCreate: async () => ({ physicalId: 'x', attributes: { Extra: 3 } }) });
    const { response } = await cfn.request(handler, { RequestType: 'Create', ResourceProperties: { RemovalPolicy: 'retain', Name: 'a', Mode: 'm' } });
    expect(response.Data).toEqual({ Answer: 0, Label: '', Items: '', At: '', Extra: 3 });
  });

  test('a Delete answers no attributes', async () => {
    const { handler } = kind();
    const { response } = await cfn.request(handler, { RequestType: 'Delete', PhysicalResourceId: 'id-a', ResourceProperties: { RemovalPolicy: 'destroy', Name: 'a' } });
    expect(response.Data).toBeUndefined();
  });
});

test.each([
  ['a sensitive property', 'open-sesame', 'bad value open-sesame in request', 'bad value ope******me in request'],
  ['a sensitive property without its "+"', '+A1B2C3D4', 'bad value A1B2C3D4!', 'bad value A1B***D4!'],
])('%s echoed by the service is masked in the reason', async (_case, secret, echoed, masked) => {
  const { handler } = kind({
    onCreate: async () => { throw new ApiError('PutThing', 'BadRequestException', 400, `PutThing failed: BadRequestException: ${echoed}`); },
  });
  const { response } = await cfn.request(handler, { RequestType: 'Create', ResourceProperties: { RemovalPolicy: 'retain', Name: 'a', Secret: secret } });
  expect(response).toMatchObject({ Status: 'FAILED', Reason: `PutThing failed: BadRequestException: ${masked}` });
});

test('a property that is not sensitive is not masked', async () => {
  const { handler } = kind({
    onCreate: async () => { throw new ApiError('PutThing', 'BadRequestException', 400, 'PutThing failed: BadRequestException: bad mode open-sesame'); },
  });
  const { response } = await cfn.request(handler, { RequestType: 'Create', ResourceProperties: { RemovalPolicy: 'retain', Name: 'a', Mode: 'open-sesame' } });
  expect(response.Reason).toBe('PutThing failed: BadRequestException: bad mode open-sesame');
});

import { CREATE_FAILED_MARKER, customResourceHandler, HandlerError, ResourceKind } from '../../../lambda/core';
import { str, struct } from '../../../src/private/rules/schema';
import { CloudFormation } from '../../support/cloudformation';

interface Props { readonly Name: string; readonly Mode?: string }

let cfn: CloudFormation;
beforeAll(async () => { cfn = await CloudFormation.start('Custom::Test'); });
afterAll(async () => cfn.close());

/** A kind whose behaviour each test picks; it records what the core asked it to do. */
function kind(overrides: Partial<ResourceKind<Props>> = {}) {
  const seen: string[] = [];
  const k: ResourceKind<Props> = {
    schema: struct({ Name: str, Mode: str }, ['Name']),
    validate: (p) => (p.Name === 'bad' ? [{ path: 'Name', rule: 'must not be bad', value: p.Name }] : []),
    onCreate: async (p) => { seen.push(`create ${p.Name}`); return { physicalId: `id-${p.Name}`, attributes: { Answer: 42 } }; },
    onUpdate: async (p, old, id) => { seen.push(`update ${old?.Name}->${p.Name} ${id}`); return { physicalId: id }; },
    onDelete: async (p, id) => { seen.push(`delete ${p.Name} ${id}`); },
    ...overrides,
  };
  return { handler: customResourceHandler(k), seen };
}

test('Create answers SUCCESS with the physical ID and attributes', async () => {
  const { handler, seen } = kind();
  const { response } = await cfn.request(handler, { RequestType: 'Create', ResourceProperties: { Name: 'a' } });
  expect(response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'id-a', Data: { Answer: 42 }, LogicalResourceId: 'Resource' });
  expect(seen).toEqual(['create a']);
});

test('Update passes the old properties and the physical ID', async () => {
  const { handler, seen } = kind();
  const { response } = await cfn.request(handler, {
    RequestType: 'Update', PhysicalResourceId: 'id-a', ResourceProperties: { Name: 'b' }, OldResourceProperties: { Name: 'a' },
  });
  expect(response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'id-a' });
  expect(seen).toEqual(['update a->b id-a']);
});

test('Delete keeps the physical ID', async () => {
  const { handler, seen } = kind();
  const { response } = await cfn.request(handler, { RequestType: 'Delete', PhysicalResourceId: 'id-a', ResourceProperties: { Name: 'a' } });
  expect(response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'id-a' });
  expect(seen).toEqual(['delete a id-a']);
});

test('a failed Create answers a marker ID, and the Delete that follows calls nothing', async () => {
  const { handler, seen } = kind({ onCreate: async () => { throw new HandlerError('nope'); } });
  const create = await cfn.request(handler, { RequestType: 'Create', ResourceProperties: { Name: 'a' } });
  expect(create.response).toMatchObject({ Status: 'FAILED', Reason: 'nope' });
  expect(create.response.PhysicalResourceId.startsWith(CREATE_FAILED_MARKER)).toBe(true);
  const del = await cfn.request(handler, { RequestType: 'Delete', PhysicalResourceId: create.response.PhysicalResourceId, ResourceProperties: { Name: 'a' } });
  expect(del.response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: create.response.PhysicalResourceId });
  expect(seen).toEqual([]);
});

test('a Delete with no physical ID at all succeeds without calling anything', async () => {
  const { handler, seen } = kind();
  const { response } = await cfn.request(handler, { RequestType: 'Delete', ResourceProperties: { Name: 'a' } });
  expect(response.Status).toBe('SUCCESS');
  expect(seen).toEqual([]);
});

test('a failed Update keeps the physical ID so that CloudFormation can roll back', async () => {
  const { handler } = kind({ onUpdate: async () => { throw new HandlerError('nope'); } });
  const { response } = await cfn.request(handler, { RequestType: 'Update', PhysicalResourceId: 'id-a', ResourceProperties: { Name: 'b' }, OldResourceProperties: { Name: 'a' } });
  expect(response).toMatchObject({ Status: 'FAILED', PhysicalResourceId: 'id-a', Reason: 'nope' });
});

test('invalid properties fail before the kind runs, naming the prop and the rule', async () => {
  const { handler, seen } = kind();
  const { response } = await cfn.request(handler, { RequestType: 'Create', ResourceProperties: { Name: 'bad' } });
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
  const { response } = await cfn.request(handler, { RequestType: 'Create', ResourceProperties: { Name: 'a' } });
  expect(response).toMatchObject({ Status: 'FAILED', Reason: 'Internal error in the handler: cannot read x of undefined' });
});

test('work that outlives the deadline is answered with FAILED before the Lambda timeout', async () => {
  const { handler } = kind({ onCreate: () => new Promise(() => undefined) });
  const started = Date.now();
  const { response } = await cfn.request(handler, { RequestType: 'Create', ResourceProperties: { Name: 'a' }, remainingMs: 10_300 });
  expect(Date.now() - started).toBeLessThan(1_500);
  expect(response).toMatchObject({ Status: 'FAILED', Reason: 'the handler ran out of time before the work finished' });
});

test('old properties that no longer decode are passed as undefined', async () => {
  const { handler, seen } = kind();
  const { response } = await cfn.request(handler, { RequestType: 'Update', PhysicalResourceId: 'id-a', ResourceProperties: { Name: 'b' }, OldResourceProperties: { Gone: 1 } });
  expect(response.Status).toBe('SUCCESS');
  expect(seen).toEqual(['update undefined->b id-a']);
});

test('logs are JSON lines and never carry the properties', async () => {
  const { handler } = kind();
  const { logs } = await cfn.request(handler, { RequestType: 'Create', ResourceProperties: { Name: 'a', Mode: 'secret-value +12065550100' } });
  const lines = logs.trim().split('\n').map((l) => JSON.parse(l));
  expect(lines.map((l) => l.message)).toEqual(['request', 'result', 'response sent']);
  expect(logs).not.toContain('secret-value');
  expect(logs).not.toContain('2065550100');
});

test('the result line has the documented fields: a metric filter on message, status and resourceType counts failed events per kind', async () => {
  const { handler } = kind({ onCreate: async () => { throw new HandlerError('no such group'); } });
  const { logs } = await cfn.request(handler, { RequestType: 'Create', ResourceProperties: { Name: 'a' } });
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
  const { response } = await cfn.request(handler, { RequestType: 'Create', ResourceProperties: { Name: 'a' }, remainingMs: 10_300 });
  expect(response.Status).toBe('FAILED');
  // Either the retry loop gives up first or the deadline timer fires first: both name the operation and the code.
  expect(response.Reason).toMatch(/PutThing failed: ThrottlingException: Rate exceeded/);
});

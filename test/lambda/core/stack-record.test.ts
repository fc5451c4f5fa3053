/**
 * The core acts only on requests CloudFormation makes for its own stack: before any API call it finds the request in
 * CloudFormation's record of the stack (the resource's status, or for the old side of a replacement, its events).
 * A request anyone else sends, or one CloudFormation is not making now, is refused and changes nothing.
 */
import { customResourceHandler } from '../../../lambda/core';
import { declareKind } from '../../../src/private/rules/kind';
import { str, struct } from '../../../src/private/rules/schema';
import { AwsEndpoint } from '../../support/aws-endpoint';
import { CloudFormation, cloudFormationApi, STACK_ID, stacks, useLocalAws } from '../../support/cloudformation';

const KIND = declareKind({
  handler: 'test',
  description: 'a kind for the core tests',
  resourceType: 'Custom::Test',
  defaultRemovalPolicy: 'retain',
  schema: struct({ Name: str }, ['Name']),
  attributes: {},
  validate() {},
});

let api: AwsEndpoint;
let cfn: CloudFormation;
const acted: string[] = [];
const handler = customResourceHandler(KIND, {
  onCreate: async (p) => { acted.push(`create ${p.Name}`); return { physicalId: p.Name }; },
  onUpdate: async (p, _old, id) => { acted.push(`update ${id}->${p.Name}`); return { physicalId: p.Name }; },
  onDestroy: async (_p, id) => { acted.push(`delete ${id}`); },
});
const props = (name: string) => ({ Name: name, RemovalPolicy: 'destroy' });
let seq = 0;
let logicalId = '';

beforeAll(async () => {
  api = await cloudFormationApi();
  useLocalAws(api.url);
  cfn = await CloudFormation.start(KIND.resourceType);
});
afterAll(async () => cfn.close());
beforeEach(() => {
  acted.length = 0;
  api.calls.length = 0;
  logicalId = `Thing${++seq}`;
});

const send = (options: Record<string, unknown>) => cfn.request(handler, { LogicalResourceId: logicalId, ...options } as any);
const refusal = (what: string, seen: string) => `Refused: CloudFormation's record of stack ContactCenter does not show a ${what} in progress (it shows ${seen}). `
  + 'The handler acts only on the requests CloudFormation makes for its own stack, and changed nothing';

describe('requests CloudFormation makes are confirmed, and done', () => {
  test('Create, Update and the Delete of a removed resource: the resource\'s record shows them in progress', async () => {
    expect((await send({ RequestType: 'Create', ResourceProperties: props('a') })).response.Status).toBe('SUCCESS');
    expect((await send({ RequestType: 'Update', PhysicalResourceId: 'a', OldResourceProperties: props('a'), ResourceProperties: props('a') })).response.Status).toBe('SUCCESS');
    expect((await send({ RequestType: 'Delete', PhysicalResourceId: 'a', ResourceProperties: props('a') })).response.Status).toBe('SUCCESS');
    expect(acted).toEqual(['create a', 'update a->a', 'delete a']);
    expect(api.callsTo('DescribeStackResource').map((c) => c.input)).toEqual(Array(3).fill({ StackName: STACK_ID, LogicalResourceId: logicalId }));
  });

  test('the old side of a replacement, in the cleanup phase: the record points at the new one, the events at this Delete', async () => {
    await send({ RequestType: 'Create', ResourceProperties: props('a') });
    await send({ RequestType: 'Update', PhysicalResourceId: 'a', OldResourceProperties: props('a'), ResourceProperties: props('b') });
    // CloudFormation starts the Delete, and many more events of the rest of the stack come after it (a cleanup
    // in parallel): the handler pages back to it.
    stacks.begin(STACK_ID, logicalId, KIND.resourceType, 'Delete', 'a');
    for (let i = 0; i < 60; i++) stacks.begin(STACK_ID, `Other${i}`, 'AWS::SNS::Topic', 'Delete', `topic-${i}`);
    const { response } = await send({ RequestType: 'Delete', PhysicalResourceId: 'a', ResourceProperties: props('a'), forged: true });
    expect(response.Status).toBe('SUCCESS');
    expect(acted).toEqual(['create a', 'update a->b', 'delete a']);
    expect(api.callsTo('DescribeStackEvents').length).toBeGreaterThan(1);
  });
});

describe('requests CloudFormation is not making are refused before any change', () => {
  test('a Create of a logical ID the stack does not have', async () => {
    const { response } = await send({ RequestType: 'Create', ResourceProperties: props('a'), forged: true });
    expect(response).toMatchObject({ Status: 'FAILED', Reason: refusal(`Create of ${logicalId}`, 'no record of the resource') });
    expect(acted).toEqual([]);
  });

  test('a Create of a resource that already exists (a repeat after CloudFormation got its answer)', async () => {
    await send({ RequestType: 'Create', ResourceProperties: props('a') });
    const { response } = await send({ RequestType: 'Create', ResourceProperties: props('x'), forged: true });
    expect(response.Reason).toBe(refusal(`Create of ${logicalId}`, 'CREATE_COMPLETE for a'));
    expect(acted).toEqual(['create a']);
  });

  test('a Delete, with DESTROY, of a live resource of the stack', async () => {
    await send({ RequestType: 'Create', ResourceProperties: props('a') });
    const { response } = await send({ RequestType: 'Delete', PhysicalResourceId: 'a', ResourceProperties: props('a'), forged: true });
    expect(response.Reason).toBe(refusal(`Delete of ${logicalId} (a)`, 'CREATE_COMPLETE for a'));
    expect(acted).toEqual(['create a']);
  });

  test('a Delete that names a physical ID of someone else\'s, under a logical ID of the stack', async () => {
    await send({ RequestType: 'Create', ResourceProperties: props('a') });
    const { response } = await send({ RequestType: 'Delete', PhysicalResourceId: 'not-ours', ResourceProperties: props('a'), forged: true });
    expect(response.Reason).toBe(refusal(`Delete of ${logicalId} (not-ours)`, 'CREATE_COMPLETE for a'));
    expect(acted).toEqual(['create a']);
  });

  test('a Delete sent again after CloudFormation deleted the old side (its latest event is DELETE_COMPLETE)', async () => {
    await send({ RequestType: 'Create', ResourceProperties: props('a') });
    await send({ RequestType: 'Update', PhysicalResourceId: 'a', OldResourceProperties: props('a'), ResourceProperties: props('b') });
    await send({ RequestType: 'Delete', PhysicalResourceId: 'a', ResourceProperties: props('a') });
    const { response } = await send({ RequestType: 'Delete', PhysicalResourceId: 'a', ResourceProperties: props('a'), forged: true });
    expect(response.Reason).toBe(refusal(`Delete of ${logicalId} (a)`, 'DELETE_COMPLETE as the latest event of a'));
    expect(acted).toEqual(['create a', 'update a->b', 'delete a']);
  });

  test('a request for a logical ID of another resource type', async () => {
    stacks.begin(STACK_ID, logicalId, 'Custom::SomethingElse', 'Create');
    const { response } = await send({ RequestType: 'Create', ResourceProperties: props('a'), forged: true });
    expect(response.Reason).toBe(refusal(`Create of ${logicalId}`, 'a resource of type Custom::SomethingElse'));
    expect(acted).toEqual([]);
  });

  test('RETAIN calls nothing at all, not even CloudFormation', async () => {
    await send({ RequestType: 'Create', ResourceProperties: props('a') });
    api.calls.length = 0;
    expect((await send({ RequestType: 'Delete', PhysicalResourceId: 'a', ResourceProperties: { Name: 'a', RemovalPolicy: 'retain' } })).response.Status).toBe('SUCCESS');
    expect(api.calls).toEqual([]);
  });

  test('a record CloudFormation\'s API will not give (access denied) fails the request, naming why', async () => {
    api.inject('DescribeStackResource', { status: 403, code: 'AccessDenied' });
    const { response } = await send({ RequestType: 'Create', ResourceProperties: props('a') });
    expect(response).toMatchObject({ Status: 'FAILED', Reason: 'DescribeStackResource failed: AccessDenied: injected fault' });
    expect(acted).toEqual([]);
  });

  test('CloudFormation\'s throttling is retried', async () => {
    api.inject('DescribeStackResource', { status: 400, code: 'Throttling' });
    expect((await send({ RequestType: 'Create', ResourceProperties: props('a') })).response.Status).toBe('SUCCESS');
    expect(api.callsTo('DescribeStackResource')).toHaveLength(2);
  });
});

import * as path from 'path';
import { OUTBOUND_VOICE_CONTACT } from '../../src/private/rules/outbound-voice-contact';
import { AwsEndpoint, ServiceError } from '../support/aws-endpoint';
import { bundledHandler, captureStdout, CloudFormation, STACK_ID, stacks } from '../support/cloudformation';
import { OutboundContacts } from '../support/fakes/outbound-contacts';
import { ParameterStore } from '../support/fakes/parameters';
import { useLocalHandler } from '../support/local-handler';

const INSTANCE = '11111111-2222-3333-4444-555555555555';
const FLOW = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
const DEST = '+12065550100';
const SOURCE = '+12065550199';
const SECRET_VALUE = 'Jane Doe, account 4242';

let endpoint: AwsEndpoint;
let cfn: CloudFormation;
let fake: OutboundContacts;
let store: ParameterStore;
let handler: any;
const bundled = bundledHandler(path.join(__dirname, '..', '..', 'assets', 'lambda', 'outbound-voice-contact', 'index', 'index.js'));

// CloudFormation omits a property that is not set: an override of `undefined` removes it.
const props = (overrides: Record<string, unknown> = {}) => JSON.parse(JSON.stringify({
  InstanceId: INSTANCE,
  ContactFlowId: FLOW,
  DestinationPhoneNumber: DEST,
  SourcePhoneNumber: SOURCE,
  Attributes: { greeting: 'deploy-check', customer: SECRET_VALUE },
  RingTimeout: 30,
  RemovalPolicy: 'retain',
  ...overrides,
}));
const starts = () => endpoint.callsTo('StartOutboundVoiceContact');
const stops = () => endpoint.callsTo('StopContact');
// The handler remembers the calls its container placed: each test uses its own logical IDs.
let seq = 0;
const newLogicalId = () => `Call${++seq}`;
const create = (logicalId: string, overrides: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) =>
  cfn.request(handler, { RequestType: 'Create', LogicalResourceId: logicalId, ResourceProperties: props(overrides), ...extra });

useLocalHandler({
  service: 'connect',
  kind: 'outbound-voice-contact',
  resourceType: OUTBOUND_VOICE_CONTACT.resourceType,
  fakes: () => (fake = new OutboundContacts()).fakes,
  more: () => [{ service: 'ssm', fakes: (store = new ParameterStore()).fakes }],
}, (local) => ({ endpoint, cfn, handler } = local));

beforeEach(() => {
  fake.reset();
  fake.instances.add(INSTANCE);
  endpoint.calls.length = 0;
});

describe('Create', () => {
  test('places one call with exactly the given properties; the contact ID is the physical ID', async () => {
    const id = newLogicalId();
    const { response } = await create(id, {
      Name: 'Smoke test',
      Description: 'After deploy',
      RelatedContactId: 'c0ffee00-0000-4000-8000-000000000001',
      References: { runbook: { Type: 'URL', Value: 'https://example.com/runbook' } },
    });
    expect(fake.contacts).toHaveLength(1);
    expect(response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: fake.contacts[0].id });
    expect(endpoint.calls.map((c) => c.operation)).toEqual(['StartOutboundVoiceContact']);
    expect(starts()[0].input).toEqual({
      InstanceId: INSTANCE,
      ContactFlowId: FLOW,
      DestinationPhoneNumber: DEST,
      SourcePhoneNumber: SOURCE,
      Attributes: { greeting: 'deploy-check', customer: SECRET_VALUE },
      RingTimeoutInSeconds: 30,
      Name: 'Smoke test',
      Description: 'After deploy',
      RelatedContactId: 'c0ffee00-0000-4000-8000-000000000001',
      References: { runbook: { Type: 'URL', Value: 'https://example.com/runbook' } },
      ClientToken: expect.stringMatching(new RegExp(`^ContactCenter/${id}/[0-9a-f]{64}$`)),
    });
  });

  test('a queue instead of a source number', async () => {
    const queue = '99999999-8888-7777-6666-555555555555';
    const { response } = await create(newLogicalId(), { SourcePhoneNumber: undefined, QueueId: queue });
    expect(response.Status).toBe('SUCCESS');
    expect(starts()[0].input.QueueId).toBe(queue);
    expect(starts()[0].input.SourcePhoneNumber).toBeUndefined();
  });

  test('repeats the synth rules at deploy for values that were tokens, and masks the number', async () => {
    const { response } = await create(newLogicalId(), { DestinationPhoneNumber: '0012065550100', RingTimeout: 90 });
    expect(response).toMatchObject({
      Status: 'FAILED',
      Reason: 'Invalid properties: destinationPhoneNumber: must be an E.164 phone number (+, then up to 15 digits, no spaces), got "001********00"; '
        + 'ringTimeout: must be a whole number of seconds from 15 to 60, got 90',
    });
    expect(response.PhysicalResourceId).toMatch(/^ccr:create-failed:/);
    expect(endpoint.calls).toHaveLength(0);
  });

  test('a destination the instance may not call fails at once with the code, the number masked', async () => {
    fake.blockedDestinations.add('+447700900123');
    const { response, logs } = await create(newLogicalId(), { DestinationPhoneNumber: '+447700900123' });
    expect(response).toMatchObject({
      Status: 'FAILED',
      Reason: 'StartOutboundVoiceContact failed: DestinationNotAllowedException: Outbound calls to +44********23 are not allowed',
    });
    expect(starts()).toHaveLength(1);
    expect(logs).not.toContain('7700900123');
  });
});

describe('exactly once', () => {
  test('a repeated Create event answers with the same contact and places no second call', async () => {
    const id = newLogicalId();
    const first = await create(id);
    const again = await create(id);
    expect(again.response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: first.response.PhysicalResourceId });
    expect(fake.contacts).toHaveLength(1);
  });

  test('the very same event delivered twice (its answer never reached CloudFormation) to the same container places no second call', async () => {
    const event = {
      RequestType: 'Create',
      ResponseURL: 'http://127.0.0.1:1/unreachable',
      StackId: STACK_ID,
      RequestId: 'delivered-twice',
      ResourceType: OUTBOUND_VOICE_CONTACT.resourceType,
      LogicalResourceId: newLogicalId(),
      ResourceProperties: props(),
    };
    stacks.begin(event.StackId, event.LogicalResourceId, event.ResourceType, 'Create');
    await captureStdout(() => handler(event, { getRemainingTimeInMillis: () => 60_000 }));
    fake.hangUp(fake.contacts[0].id);
    // CloudFormation still waits for an answer; Lambda delivers the event again, after the call ended.
    await captureStdout(() => handler(event, { getRemainingTimeInMillis: () => 60_000 }));
    expect(fake.contacts).toHaveLength(1);
    expect(starts()).toHaveLength(1);
  }, 40_000);

  test('the container\'s memory never answers another CloudFormation event: that one goes to the service, and its token', async () => {
    const id = newLogicalId();
    const first = await create(id);
    const again = await create(id);
    // The contact is still active: the service gives it back for the same ClientToken.
    expect(again.response.PhysicalResourceId).toBe(first.response.PhysicalResourceId);
    expect(starts()).toHaveLength(2);
    fake.hangUp(first.response.PhysicalResourceId);
    // Once it ended, a new event is a new call, never an old contact from memory.
    const later = await create(id);
    expect(later.response.PhysicalResourceId).not.toBe(first.response.PhysicalResourceId);
    expect(fake.contacts).toHaveLength(2);
  });

  test('a repeat in a fresh container sends the same ClientToken and gets the active contact back', async () => {
    const id = newLogicalId();
    const first = await cfn.request(bundled, { RequestType: 'Create', LogicalResourceId: id, ResourceProperties: props() });
    const again = await cfn.request(bundled, { RequestType: 'Create', LogicalResourceId: id, ResourceProperties: props() });
    expect(again.response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: first.response.PhysicalResourceId });
    expect(starts()).toHaveLength(2);
    expect(starts()[1].input.ClientToken).toBe(starts()[0].input.ClientToken);
    expect(fake.contacts).toHaveLength(1);
  });

  test('the documented limit: a fresh container after the contact ended starts a new contact (the service\'s rule)', async () => {
    const id = newLogicalId();
    const first = await cfn.request(bundled, { RequestType: 'Create', LogicalResourceId: id, ResourceProperties: props() });
    fake.hangUp(first.response.PhysicalResourceId);
    const again = await cfn.request(bundled, { RequestType: 'Create', LogicalResourceId: id, ResourceProperties: props() });
    expect(again.response.PhysicalResourceId).not.toBe(first.response.PhysicalResourceId);
    expect(fake.contacts).toHaveLength(2);
  });

  test('a re-run after the handler timed out waiting for the API gets the contact the first run placed', async () => {
    const id = newLogicalId();
    endpoint.inject('StartOutboundVoiceContact', { delayMs: 1_500 });
    const timedOut = await create(id, {}, { remainingMs: 10_300 });
    expect(timedOut.response.Status).toBe('FAILED');
    expect(timedOut.response.Reason).toMatch(/deadline passed|ran out of time/);
    // The service went on and placed the call after the handler stopped waiting.
    await waitFor(() => fake.contacts.length === 1);
    const rerun = await create(id);
    expect(rerun.response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: fake.contacts[0].id });
    expect(fake.contacts).toHaveLength(1);
    expect(starts()[1].input.ClientToken).toBe(starts()[0].input.ClientToken);
  });

  test('another stack, logical ID or call gets another token', async () => {
    await create('Same');
    await create('Other');
    await cfn.request(handler, { RequestType: 'Create', LogicalResourceId: 'Same', ResourceProperties: props(), StackId: STACK_ID.replace('ContactCenter', 'Other') });
    await create('Same', { RingTimeout: 31 });
    expect(new Set(starts().map((c) => c.input.ClientToken)).size).toBe(4);
    expect(fake.contacts).toHaveLength(4);
  });

  test('the stack\'s name, not its ID, is in the token: a stack deleted and deployed again does not call twice', async () => {
    const id = newLogicalId();
    const first = await cfn.request(bundled, { RequestType: 'Create', LogicalResourceId: id, ResourceProperties: props() });
    const redeployed = STACK_ID.replace(/[0-9a-f-]{36}$/, '00000000-1111-2222-3333-444444444444');
    const again = await cfn.request(bundled, { RequestType: 'Create', LogicalResourceId: id, ResourceProperties: props(), StackId: redeployed });
    expect(again.response.PhysicalResourceId).toBe(first.response.PhysicalResourceId);
    expect(fake.contacts).toHaveLength(1);
  });

  test('the longest stack name and logical ID still give a token within the API\'s 500 characters', async () => {
    const stackId = STACK_ID.replace('ContactCenter', 'S'.repeat(128));
    const { response } = await cfn.request(handler, { RequestType: 'Create', LogicalResourceId: 'L'.repeat(255), ResourceProperties: props(), StackId: stackId });
    expect(response.Status).toBe('SUCCESS');
    expect(starts()[0].input.ClientToken.length).toBeLessThanOrEqual(500);
  });
  test('a response CloudFormation cannot receive ends the invocation normally, so that Lambda does not retry the event and call again', async () => {
    const event = {
      RequestType: 'Create',
      ResponseURL: 'http://127.0.0.1:1/unreachable',
      StackId: STACK_ID,
      RequestId: 'r-1',
      ResourceType: OUTBOUND_VOICE_CONTACT.resourceType,
      LogicalResourceId: newLogicalId(),
      ResourceProperties: props(),
    };
    // CloudFormation records the request before it invokes the handler, which checks that record first.
    stacks.begin(event.StackId, event.LogicalResourceId, event.ResourceType, 'Create');
    const logs = await captureStdout(() => expect(handler(event, { getRemainingTimeInMillis: () => 60_000 })).resolves.toBeUndefined());
    expect(fake.contacts).toHaveLength(1);
    expect(logs).toContain('the response to CloudFormation could not be delivered');
  }, 20_000);
});

describe('rate limit', () => {
  test('20 creates in parallel under 2 calls per second (burst 5) all succeed, each call placed once', async () => {
    endpoint.rateLimit('StartOutboundVoiceContact', 2, 5, 'LimitExceededException');
    try {
      const ids = Array.from({ length: 20 }, () => newLogicalId());
      let responses: any[] = [];
      // One capture around all 20: each request swaps stdout, and parallel swaps must be undone as a whole.
      await captureStdout(async () => {
        responses = (await Promise.all(ids.map((id) => create(id)))).map((r) => r.response);
      });
      expect(responses.filter((r) => r.Status !== 'SUCCESS').map((r) => r.Reason)).toEqual([]);
      expect(fake.contacts).toHaveLength(20);
      expect(new Set(responses.map((r) => r.PhysicalResourceId))).toEqual(new Set(fake.contacts.map((c) => c.id)));
      expect(new Set(fake.contacts.map((c) => c.clientToken)).size).toBe(20);
      expect(starts().length).toBeGreaterThan(20);
    } finally {
      // The endpoint cannot drop a limit: a limit nobody reaches takes its place.
      endpoint.rateLimit('StartOutboundVoiceContact', 1_000_000, 1_000_000);
    }
  }, 60_000);
});

describe('retries', () => {
  test('LimitExceededException then success places one call', async () => {
    endpoint.inject('StartOutboundVoiceContact', { status: 429, code: 'LimitExceededException' }, { status: 429, code: 'LimitExceededException' });
    const { response, logs } = await create(newLogicalId());
    expect(response.Status).toBe('SUCCESS');
    expect(starts()).toHaveLength(3);
    expect(fake.contacts).toHaveLength(1);
    expect(logs).toContain('"errorCode":"LimitExceededException"');
  });

  test('an unknown instance fails with the service\'s reason', async () => {
    fake.instances.clear();
    const { response } = await create(newLogicalId());
    expect(response).toMatchObject({ Status: 'FAILED', Reason: `StartOutboundVoiceContact failed: ResourceNotFoundException: Instance ${INSTANCE} not found` });
  });
});

describe('Update', () => {
  const update = (old: Record<string, unknown>, next: Record<string, unknown>, physicalId: string, logicalId: string) =>
    cfn.request(handler, { RequestType: 'Update', LogicalResourceId: logicalId, PhysicalResourceId: physicalId, OldResourceProperties: props(old), ResourceProperties: props(next) });

  test('no change to the call (only the removal policy, or numbers sent as strings) places no call', async () => {
    const id = newLogicalId();
    const { response: created } = await create(id);
    const { response } = await update({ RingTimeout: '30' }, { RemovalPolicy: 'destroy' }, created.PhysicalResourceId, id);
    expect(response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: created.PhysicalResourceId });
    expect(starts()).toHaveLength(1);
  });

  test('a changed call places one new call with a new physical ID; the old contact\'s Delete places none', async () => {
    const id = newLogicalId();
    const { response: created } = await create(id);
    const { response } = await update({}, { Attributes: { greeting: 'second-check' } }, created.PhysicalResourceId, id);
    expect(response.Status).toBe('SUCCESS');
    expect(fake.contacts).toHaveLength(2);
    expect(response.PhysicalResourceId).toBe(fake.contacts[1].id);
    expect(fake.contacts[1].input.Attributes).toEqual({ greeting: 'second-check' });

    // CloudFormation then deletes the old contact with the old properties: RETAIN leaves it ringing.
    const cleanup = await cfn.request(handler, { RequestType: 'Delete', LogicalResourceId: id, PhysicalResourceId: created.PhysicalResourceId, ResourceProperties: props() });
    expect(cleanup.response.Status).toBe('SUCCESS');
    expect(stops()).toHaveLength(0);
    expect(starts()).toHaveLength(2);
    expect(fake.contacts[0].state).toBe('active');
  });

  test('a new callAgainToken places the same call again, with a new ClientToken', async () => {
    const id = newLogicalId();
    const { response: created } = await create(id, { CallAgainToken: 'build-1' });
    const { response } = await update({ CallAgainToken: 'build-1' }, { CallAgainToken: 'build-2' }, created.PhysicalResourceId, id);
    expect(response.PhysicalResourceId).not.toBe(created.PhysicalResourceId);
    expect(fake.contacts).toHaveLength(2);
    expect(starts()[1].input.ClientToken).not.toBe(starts()[0].input.ClientToken);
    expect(starts()[1].input).not.toHaveProperty('CallAgainToken');
  });

  test('a repeated Update event places the new call once', async () => {
    const id = newLogicalId();
    const { response: created } = await create(id);
    const first = await update({}, { RingTimeout: 45 }, created.PhysicalResourceId, id);
    const again = await update({}, { RingTimeout: 45 }, created.PhysicalResourceId, id);
    expect(again.response.PhysicalResourceId).toBe(first.response.PhysicalResourceId);
    expect(fake.contacts).toHaveLength(2);
  });
});

describe('Delete', () => {
  const del = (physicalId: string, overrides: Record<string, unknown> = {}) =>
    cfn.request(handler, { RequestType: 'Delete', LogicalResourceId: newLogicalId(), PhysicalResourceId: physicalId, ResourceProperties: props(overrides) });

  test('RETAIN places no call and leaves the contact in progress', async () => {
    const { response: created } = await create(newLogicalId());
    endpoint.calls.length = 0;
    const { response } = await del(created.PhysicalResourceId);
    expect(response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: created.PhysicalResourceId });
    expect(endpoint.calls).toHaveLength(0);
    expect(fake.contacts[0].state).toBe('active');
  });

  test('DESTROY stops a contact in progress with one StopContact and places no call', async () => {
    const { response: created } = await create(newLogicalId(), { RemovalPolicy: 'destroy' });
    endpoint.calls.length = 0;
    const { response } = await del(created.PhysicalResourceId, { RemovalPolicy: 'destroy' });
    expect(response.Status).toBe('SUCCESS');
    expect(endpoint.calls.map((c) => c.operation)).toEqual(['StopContact']);
    expect(stops()[0].input).toEqual({ InstanceId: INSTANCE, ContactId: created.PhysicalResourceId });
    expect(fake.contacts[0]).toMatchObject({ state: 'disconnected', stoppedByApi: true });
  });

  test('DESTROY of a contact that already ended succeeds (StopContact answers 410)', async () => {
    const { response: created } = await create(newLogicalId());
    fake.hangUp(created.PhysicalResourceId);
    const { response, logs } = await del(created.PhysicalResourceId, { RemovalPolicy: 'destroy' });
    expect(response.Status).toBe('SUCCESS');
    expect(stops()).toHaveLength(1);
    expect(logs).toContain('"errorCode":"ContactNotFoundException"');
  });

  test('DESTROY of a contact that never existed, or of a deleted instance, succeeds', async () => {
    expect((await del('00000000-0000-4000-8000-000000000000', { RemovalPolicy: 'destroy' })).response.Status).toBe('SUCCESS');
    fake.instances.clear();
    expect((await del('00000000-0000-4000-8000-000000000000', { RemovalPolicy: 'destroy' })).response.Status).toBe('SUCCESS');
  });

  test('DESTROY fails on any other 4xx, keeping the physical ID', async () => {
    endpoint.inject('StopContact', { status: 400, code: 'InvalidRequestException' });
    const { response } = await del('00000000-0000-4000-8000-000000000000', { RemovalPolicy: 'destroy' });
    expect(response).toMatchObject({ Status: 'FAILED', PhysicalResourceId: '00000000-0000-4000-8000-000000000000', Reason: 'StopContact failed: InvalidRequestException: injected fault' });
  });

  test('a contact stopped on delete is called again by a later deployment of the same call', async () => {
    const id = newLogicalId();
    const { response: created } = await create(id, { RemovalPolicy: 'destroy' });
    await cfn.request(handler, { RequestType: 'Delete', LogicalResourceId: id, PhysicalResourceId: created.PhysicalResourceId, ResourceProperties: props({ RemovalPolicy: 'destroy' }) });
    const again = await create(id, { RemovalPolicy: 'destroy' });
    expect(again.response.PhysicalResourceId).not.toBe(created.PhysicalResourceId);
    expect(fake.contacts).toHaveLength(2);
  });
});

describe('personal data', () => {
  test('a whole lifecycle logs neither the phone numbers nor the attribute values in full', async () => {
    const id = newLogicalId();
    const created = await create(id, { RemovalPolicy: 'destroy' });
    const deleted = await cfn.request(handler, { RequestType: 'Delete', LogicalResourceId: id, PhysicalResourceId: created.response.PhysicalResourceId, ResourceProperties: props({ RemovalPolicy: 'destroy' }) });
    const logs = created.logs + deleted.logs;
    expect(logs).toContain('"destination":"+12*******00"');
    for (const secret of ['2065550100', '2065550199', SECRET_VALUE, 'deploy-check']) expect(logs).not.toContain(secret);
  });

  test('a service message that echoes the number and an attribute value is masked in the reason and the logs', async () => {
    fake.failNextStart = (input) => new ServiceError('InvalidParameterException', `cannot call ${input.DestinationPhoneNumber} with customer=${input.Attributes.customer}`);
    const { response, logs } = await create(newLogicalId());
    expect(response).toMatchObject({
      Status: 'FAILED',
      Reason: 'StartOutboundVoiceContact failed: InvalidParameterException: cannot call +12*******00 with customer=Jan*****************42',
    });
    for (const secret of ['2065550100', SECRET_VALUE]) expect(logs).not.toContain(secret);
  });

  test('attributes too large for the API fail with their size, not their values', async () => {
    const { response } = await create(newLogicalId(), { Attributes: { a: 'x'.repeat(20_000), b: 'y'.repeat(20_000) } });
    expect(response.Reason).toBe('Invalid properties: attributes: keys and values together must fit in 32768 UTF-8 bytes, got "40002 bytes"');
    expect(endpoint.calls).toHaveLength(0);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('a call asked for again, and a rollback', () => {
  const update = (old: Record<string, unknown>, next: Record<string, unknown>, physicalId: string, logicalId: string) =>
    cfn.request(handler, { RequestType: 'Update', LogicalResourceId: logicalId, PhysicalResourceId: physicalId, OldResourceProperties: props(old), ResourceProperties: props(next) });

  test('a callAgainToken that goes A, B, A places a third call (the same container, the first contact still active)', async () => {
    const id = newLogicalId();
    const { response: a } = await create(id, { CallAgainToken: 'A' });
    const { response: b } = await update({ CallAgainToken: 'A' }, { CallAgainToken: 'B' }, a.PhysicalResourceId, id);
    await cfn.request(handler, { RequestType: 'Delete', LogicalResourceId: id, PhysicalResourceId: a.PhysicalResourceId, ResourceProperties: props({ CallAgainToken: 'A' }) });
    const { response: again } = await update({ CallAgainToken: 'B' }, { CallAgainToken: 'A' }, b.PhysicalResourceId, id);
    expect(again.Status).toBe('SUCCESS');
    expect(fake.contacts).toHaveLength(3);
    expect(new Set([a.PhysicalResourceId, b.PhysicalResourceId, again.PhysicalResourceId]).size).toBe(3);
    expect(again.PhysicalResourceId).toBe(fake.contacts[2].id);
  });

  test('a rollback of an update that changed the call places no call: the resource keeps its contact', async () => {
    const id = newLogicalId();
    const { response: created } = await create(id);
    endpoint.inject('StartOutboundVoiceContact', { status: 403, code: 'AccessDeniedException' });
    const failed = await update({}, { Attributes: { greeting: 'second-check' } }, created.PhysicalResourceId, id);
    expect(failed.response.Status).toBe('FAILED');
    // CloudFormation rolls back: an Update back to the old call, with the contact the resource still has.
    const rollback = await update({ Attributes: { greeting: 'second-check' } }, {}, created.PhysicalResourceId, id);
    expect(rollback.response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: created.PhysicalResourceId });
    expect(fake.contacts).toHaveLength(1);
    expect(rollback.logs).toContain('CloudFormation is rolling back: no call is placed');
  });
});

describe('the destination number from a parameter', () => {
  const fromParameter = (name = '/on-call/number') => ({ DestinationPhoneNumber: undefined, DestinationPhoneNumberParameter: name });

  test('is read when the call is placed, and reaches neither the logs nor the answer', async () => {
    store.parameters.set('/on-call/number', { value: '+12065550142', type: 'SecureString' });
    const { response, logs } = await create(newLogicalId(), fromParameter());
    expect(response.Status).toBe('SUCCESS');
    expect(endpoint.callsTo('GetParameter').map((c) => c.input)).toEqual([{ Name: '/on-call/number', WithDecryption: true }]);
    expect(starts()[0].input.DestinationPhoneNumber).toBe('+12065550142');
    expect(`${logs}${JSON.stringify(response)}`).not.toContain('2065550142');
  });

  test('a value that is not a phone number fails with it masked, before any call', async () => {
    store.parameters.set('/on-call/number', { value: '2065550142 ext 3', type: 'String' });
    const { response } = await create(newLogicalId(), fromParameter());
    expect(response).toMatchObject({
      Status: 'FAILED',
      Reason: 'Invalid destination in the parameter /on-call/number: destinationPhoneNumberParameter: must be an E.164 phone number (+, then up to 15 digits, no spaces), got "206*********** 3"',
    });
    expect(starts()).toEqual([]);
  });

  test('a parameter that does not exist fails with the service\'s reason', async () => {
    const { response } = await create(newLogicalId(), fromParameter('/nowhere'));
    expect(response).toMatchObject({ Status: 'FAILED', Reason: 'GetParameter failed: ParameterNotFound: Parameter /nowhere not found.' });
  });

  test('a service message that echoes the number read from the parameter has it masked', async () => {
    store.parameters.set('/on-call/number', { value: '+447700900123', type: 'String' });
    fake.blockedDestinations.add('+447700900123');
    const { response, logs } = await create(newLogicalId(), fromParameter());
    expect(response.Reason).toBe('StartOutboundVoiceContact failed: DestinationNotAllowedException: Outbound calls to +44********23 are not allowed');
    expect(logs).not.toContain('7700900123');
  });
});

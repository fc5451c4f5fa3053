/**
 * OutboundVoiceContact as CloudFormation and Lambda really run it: CloudFormation invokes the handler
 * asynchronously, and Lambda retries a crashed invocation as the function's EventInvokeConfig says (twice when
 * there is none), in a new container, which remembers nothing.
 */
import { LocalCloudFormation, synthesize } from './stack-harness';
import { OutboundVoiceContact } from '../../src';
import { servicesOf } from '../support/kinds';
import { contacts, FLOW_ID } from '../support/kinds/outbound-voice-contact';

// Every handler runs in a process of its own, as Lambda runs it: a stack's deployment takes seconds.
jest.setTimeout(120_000);

const INSTANCE = '11111111-2222-3333-4444-555555555555';
let cfn: LocalCloudFormation;

beforeEach(async () => {
  contacts.reset();
  contacts.instances.add(INSTANCE);
  cfn = await LocalCloudFormation.start(...servicesOf());
});

afterEach(async () => {
  expect(cfn.denied).toEqual([]);
  await cfn.close();
});

test('a runtime crash right after the call was placed never places a second call, even once the first has ended', async () => {
  const app = synthesize((stack) => new OutboundVoiceContact(stack, 'Page', {
    instanceId: INSTANCE, contactFlowId: FLOW_ID, destinationPhoneNumber: '+12065550100', sourcePhoneNumber: '+12065550199',
  }));
  // The handler's process dies the moment the call is placed; the callee does not pick up, and the call ends.
  cfn.crashAfter('StartOutboundVoiceContact');
  cfn.endpoint.answered.push((call) => {
    if (call.operation === 'StartOutboundVoiceContact') contacts.contacts.forEach((c) => contacts.hangUp(c.id));
  });
  const outcome = await cfn.deploy(app);
  expect(contacts.contacts).toHaveLength(1);
  expect(cfn.invocations.filter((i) => i.event.RequestType === 'Create')).toHaveLength(1);
  // Without an answer, CloudFormation gives up after the service timeout, and the stack rolls back.
  expect(outcome.status).toBe('ROLLBACK_COMPLETE');
  expect(outcome.failures[0].reason).toMatch(/did not receive a response/);
});

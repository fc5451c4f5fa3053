/**
 * OutboundVoiceContact: its declaration and rules, after StartOutboundVoiceContact in the Connect API model
 * (botocore connect 2017-08-08) and its documentation.
 */
import { CONNECT_ID } from './connect-names';
import { declareKind, PropertiesOf } from './kind';
import { bool, int, map, sensitive, str, struct } from './schema';
import { Checker, IsUnresolved, mask } from './violations';

/** E.164, as documented. The model's own PhoneNumber pattern is over-escaped and matches no valid number. */
export const E164 = /^\+[1-9]\d{1,14}$/;
/** Attribute keys: "only alphanumeric, dash, and underscore characters". */
const ATTRIBUTE_KEY = /^[A-Za-z0-9_-]+$/;
export const MAX_ATTRIBUTE_BYTES = 32_768;
export const MAX_REFERENCE_BYTES = 4_096;
/** Reference types a voice contact accepts at creation (ATTACHMENT and the email types are not). */
export const CREATION_REFERENCE_TYPES = ['URL', 'NUMBER', 'STRING', 'DATE', 'EMAIL'];
export const TRAFFIC_TYPES = ['GENERAL', 'CAMPAIGN'];

const bytes = (s: string) => Buffer.byteLength(s, 'utf-8');

export const OUTBOUND_VOICE_CONTACT = declareKind({
  handler: 'outbound-voice-contact',
  description: 'Amazon Connect outbound voice contact',
  resourceType: 'Custom::ConnectOutboundVoiceContact',
  defaultRemovalPolicy: 'retain',
  // A retry of a crashed invocation would run in a new container, after the call may have ended: a second call.
  asyncRetries: 0,
  // Named as in StartOutboundVoiceContact, except two of our own: RingTimeout (RingTimeoutInSeconds, named after
  // the construct's prop) and CallAgainToken (asks for a new call without changing the call). Phone numbers, the
  // name, the description, attribute values and reference values are personal data.
  schema: struct({
    InstanceId: str,
    ContactFlowId: str,
    DestinationPhoneNumber: sensitive,
    // Our own: the name of the SSM parameter the handler reads the destination number from, at deploy time.
    DestinationPhoneNumberParameter: str,
    SourcePhoneNumber: sensitive,
    QueueId: str,
    Attributes: map(sensitive),
    Name: sensitive,
    Description: sensitive,
    References: map(struct({ Type: str, Value: sensitive }, ['Type'])),
    RelatedContactId: str,
    CampaignId: str,
    TrafficType: str,
    AnswerMachineDetectionConfig: struct({ EnableAnswerMachineDetection: bool, AwaitAnswerMachinePrompt: bool }),
    RingTimeout: int,
    CallAgainToken: str,
  }, ['InstanceId', 'ContactFlowId']),
  attributes: {},
  validate(p, c) {
    for (const key of ['InstanceId', 'ContactFlowId', 'QueueId'] as const) {
      c.pattern(key, p[key], CONNECT_ID, 'must be an ID: a lower-case UUID, the last part of its ARN');
    }
    checkPhoneNumber(c, 'DestinationPhoneNumber', p.DestinationPhoneNumber);
    if ((p.DestinationPhoneNumber === undefined) === (p.DestinationPhoneNumberParameter === undefined)) {
      c.fail('DestinationPhoneNumber', 'give exactly one of destinationPhoneNumber and destinationPhoneNumberParameter');
    }
    c.length('DestinationPhoneNumberParameter', p.DestinationPhoneNumberParameter, 1, 2048);
    checkPhoneNumber(c, 'SourcePhoneNumber', p.SourcePhoneNumber);
    if (p.SourcePhoneNumber === undefined && p.QueueId === undefined) {
      c.fail('SourcePhoneNumber', 'sourcePhoneNumber or queueId is required (the queue\'s number is the caller ID)');
    }
    if (c.known(p.RingTimeout) && (!Number.isInteger(p.RingTimeout) || p.RingTimeout < 15 || p.RingTimeout > 60)) {
      c.fail('RingTimeout', 'must be a whole number of seconds from 15 to 60', p.RingTimeout);
    }
    checkAttributes(c, p.Attributes, c.isUnresolved);
    checkReferences(c, p.References, c.isUnresolved);
    // Name and Description are flagged sensitive in the model: a message gives their length, never their text.
    c.sensitiveLength('Name', p.Name, 0, 1024);
    c.sensitiveLength('Description', p.Description, 0, 4096);
    c.length('RelatedContactId', p.RelatedContactId, 1, 256);
    c.length('CampaignId', p.CampaignId, 1, 100);
    if (c.known(p.TrafficType) && !TRAFFIC_TYPES.includes(p.TrafficType)) c.fail('TrafficType', `must be one of ${TRAFFIC_TYPES.join(', ')}`, p.TrafficType);
    // The API's default traffic type is GENERAL, so an omitted one counts as GENERAL.
    if (p.AnswerMachineDetectionConfig?.EnableAnswerMachineDetection === true && !c.isUnresolved(p.TrafficType) && p.TrafficType !== 'CAMPAIGN') {
      c.fail('AnsweringMachineDetection', 'requires trafficType CAMPAIGN (the API takes answering-machine detection only on campaign traffic)');
    }
  },
});

export type OutboundVoiceContactProperties = PropertiesOf<typeof OUTBOUND_VOICE_CONTACT>;
type ReferenceProperties = NonNullable<OutboundVoiceContactProperties['References']>[string];

/** Phone numbers are personal data: a message shows them masked. */
export function checkPhoneNumber(c: Checker, path: string, value: string | undefined): void {
  if (c.known(value) && !E164.test(value)) c.fail(path, 'must be an E.164 phone number (+, then up to 15 digits, no spaces)', mask(value));
}

function checkAttributes(c: Checker, attributes: Record<string, string> | undefined, isUnresolved: IsUnresolved): void {
  if (!c.known(attributes)) return;
  let total = 0;
  let unresolved = false;
  for (const [key, value] of Object.entries(attributes)) {
    if (c.known(key) && !ATTRIBUTE_KEY.test(key)) c.fail(`Attributes[${JSON.stringify(key)}]`, 'keys may use only letters, digits, - and _', key);
    if (isUnresolved(key) || isUnresolved(value)) unresolved = true;
    else total += bytes(key) + bytes(value);
  }
  // Values are personal data: the message gives the size, never a value.
  if (!unresolved && total > MAX_ATTRIBUTE_BYTES) c.fail('Attributes', `keys and values together must fit in ${MAX_ATTRIBUTE_BYTES} UTF-8 bytes`, `${total} bytes`);
}

function checkReferences(c: Checker, references: Record<string, ReferenceProperties> | undefined, isUnresolved: IsUnresolved): void {
  if (!c.known(references)) return;
  let total = 0;
  let unresolved = false;
  for (const [key, ref] of Object.entries(references)) {
    const path = `References[${JSON.stringify(key)}]`;
    if (c.known(key) && bytes(key) > MAX_REFERENCE_BYTES) c.fail(path, `keys must be at most ${MAX_REFERENCE_BYTES} characters long`, `${key.length} characters`);
    if (c.known(ref.Type) && !CREATION_REFERENCE_TYPES.includes(ref.Type)) {
      c.fail(`${path}.Type`, `must be one of ${CREATION_REFERENCE_TYPES.join(', ')} (the types a voice contact accepts at creation)`, ref.Type);
    }
    // DATE references carry epoch time; the value itself may be personal data, so it is not shown.
    if (ref.Type === 'DATE' && c.known(ref.Value) && !/^\d+$/.test(ref.Value)) c.fail(`${path}.Value`, 'a DATE reference must be an epoch time (digits only)');
    if (isUnresolved(key) || isUnresolved(ref.Value)) unresolved = true;
    else total += bytes(key) + bytes(ref.Value ?? '');
  }
  if (!unresolved && total > MAX_REFERENCE_BYTES) c.fail('References', `keys and values together must fit in ${MAX_REFERENCE_BYTES} UTF-8 bytes`, `${total} bytes`);
}

/** The properties that define the call itself: a change to any of them places a new call. RemovalPolicy does not. */
export function callPropertiesOf(p: OutboundVoiceContactProperties): Omit<OutboundVoiceContactProperties, 'RemovalPolicy'> {
  const { RemovalPolicy: _removal, ...call } = p;
  return call;
}

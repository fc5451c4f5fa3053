/**
 * Bad input from CloudFormation itself, for every kind. CloudFormation sends every scalar of a custom resource as
 * a string: those must decode. A wrong shape, an unknown property or a missing one must fail clearly (FAILED with
 * the property's path) before any API call.
 */
import { Kind, KINDS, LocalServices, startLocalServices } from './local-services';

const ACCOUNT = '123456789012';
const GROUP = '11111111-2222-3333-4444-555555555555';
const INSTANCE = '99999999-8888-7777-6666-555555555555';
const VC = 'abcdef1ghij2klmno3pqr4';

/** Per kind: properties with every number and boolean as the string CloudFormation sends, and what they decode to. */
const CASES: Record<Kind, {
  props: Record<string, unknown>;
  mutation: string;
  decoded: Record<string, unknown>;
  /** A property that must be a list (or a map), given as a plain string, and the reason that names it. */
  notAList: [Record<string, unknown>, string];
  required: string;
}> = {
  'traffic-distribution': {
    props: {
      TrafficDistributionGroup: `arn:aws:connect:us-east-1:${ACCOUNT}:traffic-distribution-group/${GROUP}`,
      TelephonyConfig: { Distributions: [{ Region: 'us-east-1', Percentage: '90' }, { Region: 'us-west-2', Percentage: '10' }] },
      RemovalPolicy: 'retain',
    },
    mutation: 'UpdateTrafficDistribution',
    decoded: { TelephonyConfig: { Distributions: [{ Region: 'us-east-1', Percentage: 90 }, { Region: 'us-west-2', Percentage: 10 }] } },
    notAList: [{ TelephonyConfig: { Distributions: 'us-east-1' } }, 'telephonyConfig.distributions: must be a list'],
    required: 'TrafficDistributionGroup',
  },
  'profile-object-type': {
    props: {
      DomainName: 'contact-center-prod',
      ObjectTypeName: 'Orders',
      Description: 'Orders from the web shop',
      ExpirationDays: '365',
      AllowProfileCreation: 'true',
      MaxProfileObjectCount: '10',
      Fields: { orderId: { Source: '_source.id', Target: '_order.OrderId' } },
      Keys: { orderId: [{ FieldNames: ['orderId'], StandardIdentifiers: ['UNIQUE'] }] },
      RemovalPolicy: 'retain',
    },
    mutation: 'PutProfileObjectType',
    decoded: { ExpirationDays: 365, AllowProfileCreation: true, MaxProfileObjectCount: 10 },
    notAList: [{ Keys: { orderId: [{ FieldNames: 'orderId' }] } }, 'keys.orderId[0].fieldNames: must be a list'],
    required: 'Description',
  },
  'voice-connector-proxy': {
    props: { VoiceConnectorId: VC, DefaultSessionExpiryMinutes: '60', PhoneNumberPoolCountries: ['US'], Disabled: 'false', RemovalPolicy: 'destroy' },
    mutation: 'PutVoiceConnectorProxy',
    decoded: { DefaultSessionExpiryMinutes: 60, Disabled: false },
    notAList: [{ PhoneNumberPoolCountries: 'US' }, 'phoneNumberPoolCountries: must be a list'],
    required: 'PhoneNumberPoolCountries',
  },
  'proxy-session-settings': {
    props: { VoiceConnectorId: VC, ProxySessionId: 'session-1', Capabilities: ['Voice'], ExpiryMinutes: '120', RemovalPolicy: 'retain' },
    mutation: 'UpdateProxySession',
    decoded: { ExpiryMinutes: 120 },
    notAList: [{ Capabilities: 'Voice' }, 'capabilities: must be a list'],
    required: 'Capabilities',
  },
  'outbound-voice-contact': {
    props: {
      InstanceId: INSTANCE,
      ContactFlowId: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
      DestinationPhoneNumber: '+12065550142',
      SourcePhoneNumber: '+12065550177',
      TrafficType: 'CAMPAIGN',
      AnswerMachineDetectionConfig: { EnableAnswerMachineDetection: 'true', AwaitAnswerMachinePrompt: 'false' },
      RingTimeout: '30',
      RemovalPolicy: 'retain',
    },
    mutation: 'StartOutboundVoiceContact',
    decoded: { RingTimeoutInSeconds: 30, AnswerMachineDetectionConfig: { EnableAnswerMachineDetection: true, AwaitAnswerMachinePrompt: false } },
    // Its only collections are maps: a string is refused the same way.
    notAList: [{ Attributes: 'customer=jane' }, 'attributes: must be an object'],
    required: 'DestinationPhoneNumber',
  },
};

let local: LocalServices;

beforeAll(async () => {
  local = await startLocalServices();
});

afterAll(async () => {
  await local.close();
});

beforeEach(() => {
  local.groups.groups.clear();
  local.groups.add(GROUP);
  local.types.domains.clear();
  local.types.addDomain('contact-center-prod');
  local.chime.reset();
  local.chime.voiceConnectors.add(VC);
  local.chime.addSession(VC, 'session-1');
  local.contacts.reset();
  local.contacts.instances.add(INSTANCE);
  local.endpoint.calls.length = 0;
});

afterEach(() => {
  // Every request a handler sent must have passed the official model's checks.
  expect(local.endpoint.rejected).toEqual([]);
  expect(local.endpoint.defects).toEqual([]);
});

const create = (kind: Kind, properties: Record<string, unknown>) => local.cfn.request(local.handlers[kind], { RequestType: 'Create', ResourceProperties: properties });

describe.each(KINDS)('%s', (kind) => {
  const c = CASES[kind];

  test('numbers and booleans sent as strings decode, and reach the API typed', async () => {
    const { response } = await create(kind, c.props);
    expect(response.Status).toBe('SUCCESS');
    expect(local.endpoint.callsTo(c.mutation)).toHaveLength(1);
    expect(local.endpoint.callsTo(c.mutation)[0].input).toMatchObject(c.decoded);
  });

  test('a string where a list is expected fails clearly, before any call', async () => {
    const { response } = await create(kind, { ...c.props, ...c.notAList[0] });
    expect(response).toMatchObject({ Status: 'FAILED', Reason: `Invalid properties: ${c.notAList[1]}` });
    expect(response.PhysicalResourceId).toMatch(/^ccr:create-failed:/);
    expect(local.endpoint.calls).toEqual([]);
  });

  test('an unknown property fails clearly, before any call', async () => {
    const { response } = await create(kind, { ...c.props, Colour: 'blue' });
    expect(response).toMatchObject({ Status: 'FAILED', Reason: 'Invalid properties: colour: is not a known property' });
    expect(local.endpoint.calls).toEqual([]);
  });

  test.each(['constructor', 'toString', '__proto__'])('a property named after Object.prototype.%s is unknown too', async (name) => {
    // JSON.parse makes "__proto__" an own property, as it is in the event Lambda parses.
    const { response } = await create(kind, { ...c.props, ...JSON.parse(`{"${name}": "x"}`) });
    expect(response).toMatchObject({ Status: 'FAILED', Reason: `Invalid properties: ${name}: is not a known property` });
    expect(local.endpoint.calls).toEqual([]);
  });

  test('a missing required property fails clearly, before any call', async () => {
    const { [c.required]: _missing, ...rest } = c.props;
    const { response } = await create(kind, rest);
    expect(response.Status).toBe('FAILED');
    expect(response.Reason).toBe(`Invalid properties: ${c.required[0].toLowerCase()}${c.required.slice(1)}: is required`);
    expect(local.endpoint.calls).toEqual([]);
  });

  test('no properties at all fail clearly, before any call', async () => {
    const { response } = await create(kind, {});
    expect(response.Status).toBe('FAILED');
    expect(response.Reason).toMatch(/^Invalid properties: \w+: is required$/);
    expect(local.endpoint.calls).toEqual([]);
  });

  test('an update with bad properties fails, keeps the physical ID and calls nothing', async () => {
    const { response } = await local.cfn.request(local.handlers[kind], {
      RequestType: 'Update', PhysicalResourceId: 'the-current-id', OldResourceProperties: c.props, ResourceProperties: { ...c.props, Colour: 'blue' },
    });
    expect(response).toMatchObject({ Status: 'FAILED', PhysicalResourceId: 'the-current-id', Reason: 'Invalid properties: colour: is not a known property' });
    expect(local.endpoint.calls).toEqual([]);
  });
});

test.each<[Kind, Record<string, unknown>, string]>([
  ['traffic-distribution', { TelephonyConfig: { Distributions: [{ Region: 'us-east-1', Percentage: 'ninety' }] } }, 'telephonyConfig.distributions[0].percentage: must be an integer'],
  ['profile-object-type', { AllowProfileCreation: 'yes' }, 'allowProfileCreation: must be true or false'],
  ['voice-connector-proxy', { DefaultSessionExpiryMinutes: '1.5' }, 'defaultSessionExpiryMinutes: must be an integer'],
  ['proxy-session-settings', { ExpiryMinutes: '' }, 'expiryMinutes: must be an integer'],
  ['outbound-voice-contact', { RingTimeout: { seconds: 30 } }, 'ringTimeout: must be an integer'],
])('%s: a scalar that does not decode fails clearly, before any call', async (kind, change, reason) => {
  const { response } = await create(kind, { ...CASES[kind].props, ...change });
  expect(response).toMatchObject({ Status: 'FAILED', Reason: `Invalid properties: ${reason}` });
  expect(local.endpoint.calls).toEqual([]);
});

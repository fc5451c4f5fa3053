import { VOICE_CONNECTOR_PROXY } from '../../src/private/rules/voice-connector-proxy';
import { AwsEndpoint } from '../support/aws-endpoint';
import { CloudFormation } from '../support/cloudformation';
import { ChimeVoice } from '../support/fakes/chime-voice';
import { useLocalHandler } from '../support/local-handler';

const VC = 'abcdef1ghij2klmno3pqr4';
const VC2 = 'zyxwvu9tsrq8ponml7kji6';
const FALL_BACK = '+12065550142';

let endpoint: AwsEndpoint;
let cfn: CloudFormation;
let chime: ChimeVoice;
let handler: any;

/** The properties as CloudFormation sends them: an omitted prop is absent, not undefined. */
const props = (overrides: Record<string, unknown> = {}) => JSON.parse(JSON.stringify({
  VoiceConnectorId: VC,
  DefaultSessionExpiryMinutes: 60,
  PhoneNumberPoolCountries: ['US', 'CA'],
  FallBackPhoneNumber: FALL_BACK,
  Disabled: false,
  RemovalPolicy: 'destroy',
  ...overrides,
}));
const puts = () => endpoint.callsTo('PutVoiceConnectorProxy');

useLocalHandler({
  service: 'chime-sdk-voice',
  kind: 'voice-connector-proxy',
  resourceType: VOICE_CONNECTOR_PROXY.resourceType,
  fakes: () => (chime = new ChimeVoice()).fakes,
}, (local) => ({ endpoint, cfn, handler } = local));

beforeEach(() => {
  chime.reset();
  chime.voiceConnectors.add(VC);
  chime.voiceConnectors.add(VC2);
  endpoint.calls.length = 0;
});

describe('Create', () => {
  test('puts exactly the configuration given, with one call, and returns what the service holds', async () => {
    const { response } = await cfn.request(handler, { RequestType: 'Create', ResourceProperties: props() });
    expect(response).toMatchObject({
      Status: 'SUCCESS',
      PhysicalResourceId: VC,
      Data: { DefaultSessionExpiryMinutes: 60, PhoneNumberCountries: 'US,CA', Disabled: false },
    });
    expect(endpoint.calls.map((c) => c.operation)).toEqual(['PutVoiceConnectorProxy']);
    expect(puts()[0].input).toEqual({
      VoiceConnectorId: VC, DefaultSessionExpiryMinutes: 60, PhoneNumberPoolCountries: ['US', 'CA'], FallBackPhoneNumber: FALL_BACK, Disabled: false,
    });
    expect(chime.proxies.get(VC)).toEqual({ defaultSessionExpiryMinutes: 60, countries: ['US', 'CA'], fallBackPhoneNumber: FALL_BACK, disabled: false });
  });

  test('the fall-back number never reaches the response or the logs', async () => {
    const { response, logs } = await cfn.request(handler, { RequestType: 'Create', ResourceProperties: props() });
    expect(JSON.stringify(response)).not.toContain(FALL_BACK);
    expect(logs).not.toContain(FALL_BACK);
  });

  test('without a fall-back number, none is sent', async () => {
    await cfn.request(handler, { RequestType: 'Create', ResourceProperties: props({ FallBackPhoneNumber: undefined, Disabled: 'true' }) });
    expect(puts()[0].input.FallBackPhoneNumber).toBeUndefined();
    expect(chime.proxies.get(VC)!.disabled).toBe(true);
  });

  test('repeats the synth rules at deploy, masking the phone number', async () => {
    const { response } = await cfn.request(handler, {
      RequestType: 'Create', ResourceProperties: props({ FallBackPhoneNumber: '2065550142x', PhoneNumberPoolCountries: ['us'] }),
    });
    expect(response).toMatchObject({
      Status: 'FAILED',
      Reason: 'Invalid properties: phoneNumberPoolCountries[0]: must be an ISO 3166-1 alpha-2 country code in upper case, such as US, got "us"; '
        + 'fallBackPhoneNumber: must be an E.164 phone number: an optional + and 2 to 15 digits, the first not 0, got "206******2x"',
    });
    expect(endpoint.calls).toHaveLength(0);
  });

  test('a missing voice connector fails with the operation, the code and the message', async () => {
    const { response } = await cfn.request(handler, { RequestType: 'Create', ResourceProperties: props({ VoiceConnectorId: 'nope' }) });
    expect(response).toMatchObject({ Status: 'FAILED', Reason: 'PutVoiceConnectorProxy failed: NotFoundException: Voice connector nope not found' });
  });

});

describe('Update', () => {
  test('puts the new configuration with one call and keeps the physical ID', async () => {
    const { response } = await cfn.request(handler, {
      RequestType: 'Update',
      PhysicalResourceId: VC,
      OldResourceProperties: props(),
      ResourceProperties: props({ DefaultSessionExpiryMinutes: 15, PhoneNumberPoolCountries: ['GB'], FallBackPhoneNumber: undefined }),
    });
    expect(response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: VC, Data: { DefaultSessionExpiryMinutes: 15, PhoneNumberCountries: 'GB' } });
    expect(chime.proxies.get(VC)).toEqual({ defaultSessionExpiryMinutes: 15, countries: ['GB'], fallBackPhoneNumber: undefined, disabled: false });
    expect(endpoint.calls).toHaveLength(1);
  });
});

describe('replacement', () => {
  test('another voice connector gets the configuration; the old one is removed by its delete', async () => {
    await cfn.request(handler, { RequestType: 'Create', ResourceProperties: props() });
    const update = await cfn.request(handler, {
      RequestType: 'Update', PhysicalResourceId: VC, OldResourceProperties: props(), ResourceProperties: props({ VoiceConnectorId: VC2 }),
    });
    expect(update.response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: VC2 });
    const cleanup = await cfn.request(handler, { RequestType: 'Delete', PhysicalResourceId: VC, ResourceProperties: props() });
    expect(cleanup.response.Status).toBe('SUCCESS');
    expect([...chime.proxies.keys()]).toEqual([VC2]);
  });
});

describe('Delete', () => {
  test('DESTROY (the default) removes the proxy configuration with one call', async () => {
    await cfn.request(handler, { RequestType: 'Create', ResourceProperties: props() });
    endpoint.calls.length = 0;
    const { response } = await cfn.request(handler, { RequestType: 'Delete', PhysicalResourceId: VC, ResourceProperties: props() });
    expect(response.Status).toBe('SUCCESS');
    expect(endpoint.calls.map((c) => [c.operation, c.input])).toEqual([['DeleteVoiceConnectorProxy', { VoiceConnectorId: VC }]]);
    expect(chime.proxies.has(VC)).toBe(false);
  });

  test.each([
    ['a proxy configuration that is already gone', () => chime.proxies.clear()],
    ['a voice connector that is gone', () => chime.voiceConnectors.delete(VC)],
  ])('DESTROY of %s succeeds', async (_name, change) => {
    await cfn.request(handler, { RequestType: 'Create', ResourceProperties: props() });
    change();
    const { response } = await cfn.request(handler, { RequestType: 'Delete', PhysicalResourceId: VC, ResourceProperties: props() });
    expect(response.Status).toBe('SUCCESS');
  });

  test('a delete the service refuses fails with the reason', async () => {
    endpoint.inject('DeleteVoiceConnectorProxy', { status: 403, code: 'ForbiddenException' });
    const { response } = await cfn.request(handler, { RequestType: 'Delete', PhysicalResourceId: VC, ResourceProperties: props() });
    expect(response).toMatchObject({ Status: 'FAILED', Reason: 'DeleteVoiceConnectorProxy failed: ForbiddenException: injected fault' });
  });

});


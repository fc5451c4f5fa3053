import { PROXY_SESSION_SETTINGS } from '../../src/private/rules/proxy-session-settings';
import { AwsEndpoint } from '../support/aws-endpoint';
import { CloudFormation } from '../support/cloudformation';
import { ChimeVoice } from '../support/fakes/chime-voice';
import { useLocalHandler } from '../support/local-handler';

const VC = 'abcdef1ghij2klmno3pqr4';
const VC2 = 'zyxwvu9tsrq8ponml7kji6';
const S1 = '123a4bc5-67d8-901e-2f3g-h4ghjk56789l';
const S2 = '987z6yx5-43w2-109v-8u7t-s6rqpo54321n';

let endpoint: AwsEndpoint;
let cfn: CloudFormation;
let chime: ChimeVoice;
let handler: any;

/** The properties as CloudFormation sends them: an omitted prop is absent, not undefined. */
const props = (overrides: Record<string, unknown> = {}) => JSON.parse(JSON.stringify({
  VoiceConnectorId: VC,
  ProxySessionId: S1,
  Capabilities: ['Voice', 'SMS'],
  ExpiryMinutes: 60,
  RemovalPolicy: 'retain',
  ...overrides,
}));
const updates = () => endpoint.callsTo('UpdateProxySession');
const session = (vc = VC, id = S1) => chime.sessions.get(`${vc}/${id}`)!;

async function create(overrides: Record<string, unknown> = {}) {
  const { response } = await cfn.request(handler, { RequestType: 'Create', ResourceProperties: props(overrides) });
  expect(response.Status).toBe('SUCCESS');
  return response.PhysicalResourceId;
}

useLocalHandler({
  service: 'chime-sdk-voice',
  kind: 'proxy-session-settings',
  resourceType: PROXY_SESSION_SETTINGS.resourceType,
  fakes: () => (chime = new ChimeVoice()).fakes,
}, (local) => ({ endpoint, cfn, handler } = local));

beforeEach(() => {
  chime.reset();
  chime.addSession(VC, S1, { capabilities: ['Voice'], expiryMinutes: 30 });
  chime.addSession(VC, S2, { capabilities: ['SMS'], expiryMinutes: 15 });
  endpoint.calls.length = 0;
});

describe('Create', () => {
  test('reads the original settings once, then applies the new ones with one mutating call', async () => {
    const { response } = await cfn.request(handler, { RequestType: 'Create', ResourceProperties: props() });
    expect(response.Status).toBe('SUCCESS');
    expect(endpoint.calls.map((c) => c.operation)).toEqual(['GetProxySession', 'UpdateProxySession']);
    expect(updates()[0].input).toEqual({ VoiceConnectorId: VC, ProxySessionId: S1, Capabilities: ['Voice', 'SMS'], ExpiryMinutes: 60 });
    expect(session()).toMatchObject({ capabilities: ['Voice', 'SMS'], expiryMinutes: 60 });
    expect(response.PhysicalResourceId.startsWith(`${VC}/${S1}/`)).toBe(true);
  });

  test('returns the session\'s details as attributes, with proxy numbers but not the participants\' own numbers', async () => {
    const { response } = await cfn.request(handler, { RequestType: 'Create', ResourceProperties: props() });
    expect(response.Data).toEqual({
      Status: 'Open',
      ExpiryMinutes: 60,
      Capabilities: 'Voice,SMS',
      ProxyPhoneNumbers: '+12065550199,+12065550198',
      CreatedTimestamp: '2024-05-01T10:00:00.000Z',
      UpdatedTimestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      EndedTimestamp: '',
    });
    expect(JSON.stringify(response)).not.toContain('+12065550100');
  });

  test('without an expiry, sends only the capabilities and leaves the expiry as it is', async () => {
    await create({ ExpiryMinutes: undefined });
    expect(updates()[0].input).toEqual({ VoiceConnectorId: VC, ProxySessionId: S1, Capabilities: ['Voice', 'SMS'] });
    expect(session().expiryMinutes).toBe(30);
  });

  test('a closed session fails with the reason, before any change', async () => {
    chime.addSession(VC, 'closed-1', { status: 'Closed' });
    const { response } = await cfn.request(handler, { RequestType: 'Create', ResourceProperties: props({ ProxySessionId: 'closed-1' }) });
    expect(response.Status).toBe('FAILED');
    expect(response.Reason).toBe(`the proxy session closed-1 on voice connector ${VC} is Closed: the settings of a closed session cannot be changed; point the resource at an open session`);
    expect(updates()).toHaveLength(0);
  });

  test('a missing session fails with the operation, the code and which session', async () => {
    const { response } = await cfn.request(handler, { RequestType: 'Create', ResourceProperties: props({ ProxySessionId: 'gone' }) });
    expect(response).toMatchObject({
      Status: 'FAILED',
      Reason: `GetProxySession failed: NotFoundException: Proxy session gone not found (no proxy session gone on voice connector ${VC})`,
    });
    expect(response.PhysicalResourceId).toMatch(/^ccr:create-failed:/);
  });

  test('repeats the synth rules at deploy for values that were tokens', async () => {
    const { response } = await cfn.request(handler, { RequestType: 'Create', ResourceProperties: props({ Capabilities: ['Voice', 'Voice'], ExpiryMinutes: 0 }) });
    expect(response).toMatchObject({
      Status: 'FAILED',
      Reason: 'Invalid properties: capabilities[1]: capabilities must be unique, got "Voice"; expiryMinutes: must be a whole number of minutes from 1 to 2^31-1, got 0',
    });
    expect(endpoint.calls).toHaveLength(0);
  });

});

describe('Update', () => {
  test('applies changed settings with one call and keeps the physical ID', async () => {
    const id = await create();
    endpoint.calls.length = 0;
    const { response } = await cfn.request(handler, {
      RequestType: 'Update', PhysicalResourceId: id, OldResourceProperties: props(), ResourceProperties: props({ Capabilities: ['SMS'], ExpiryMinutes: 5 }),
    });
    expect(response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: id, Data: { Capabilities: 'SMS', ExpiryMinutes: 5 } });
    expect(endpoint.calls.map((c) => c.operation)).toEqual(['UpdateProxySession']);
    expect(session()).toMatchObject({ capabilities: ['SMS'], expiryMinutes: 5 });
  });

  test('a change of removal policy alone changes nothing and reads the attributes', async () => {
    const id = await create();
    endpoint.calls.length = 0;
    const { response } = await cfn.request(handler, {
      RequestType: 'Update', PhysicalResourceId: id, OldResourceProperties: props(), ResourceProperties: props({ RemovalPolicy: 'destroy' }),
    });
    expect(response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: id, Data: { Status: 'Open', ExpiryMinutes: 60 } });
    expect(endpoint.calls.map((c) => c.operation)).toEqual(['GetProxySession']);
  });

  test('a session closed since the create fails the update with the reason', async () => {
    const id = await create();
    session().status = 'Closed';
    const { response } = await cfn.request(handler, {
      RequestType: 'Update', PhysicalResourceId: id, OldResourceProperties: props(), ResourceProperties: props({ ExpiryMinutes: 120 }),
    });
    expect(response).toMatchObject({ Status: 'FAILED', PhysicalResourceId: id });
    expect(response.Reason).toMatch(new RegExp(`^the proxy session ${S1} on voice connector ${VC} is Closed`));
  });

  test('a session deleted since the create fails the update with which session', async () => {
    const id = await create();
    chime.sessions.delete(`${VC}/${S1}`);
    const { response } = await cfn.request(handler, {
      RequestType: 'Update', PhysicalResourceId: id, OldResourceProperties: props(), ResourceProperties: props({ ExpiryMinutes: 120 }),
    });
    expect(response.Reason).toBe(`UpdateProxySession failed: NotFoundException: Proxy session ${S1} not found (no proxy session ${S1} on voice connector ${VC})`);
  });

  test('a 400 on a session that is still open is reported as it is', async () => {
    const id = await create();
    endpoint.inject('UpdateProxySession', { status: 400, code: 'BadRequestException' });
    const { response } = await cfn.request(handler, {
      RequestType: 'Update', PhysicalResourceId: id, OldResourceProperties: props(), ResourceProperties: props({ ExpiryMinutes: 120 }),
    });
    expect(response.Reason).toBe('UpdateProxySession failed: BadRequestException: injected fault');
  });
});

describe('replacement', () => {
  test('another session gets its own originals and physical ID; the old one is restored by its delete', async () => {
    const oldId = await create({ RemovalPolicy: 'destroy' });
    const update = await cfn.request(handler, {
      RequestType: 'Update',
      PhysicalResourceId: oldId,
      OldResourceProperties: props({ RemovalPolicy: 'destroy' }),
      ResourceProperties: props({ ProxySessionId: S2, RemovalPolicy: 'destroy' }),
    });
    expect(update.response.Status).toBe('SUCCESS');
    const newId = update.response.PhysicalResourceId;
    expect(newId.startsWith(`${VC}/${S2}/`)).toBe(true);
    expect(session(VC, S2)).toMatchObject({ capabilities: ['Voice', 'SMS'], expiryMinutes: 60 });

    // CloudFormation then deletes the old physical resource, with the old properties.
    const cleanup = await cfn.request(handler, { RequestType: 'Delete', PhysicalResourceId: oldId, ResourceProperties: props({ RemovalPolicy: 'destroy' }) });
    expect(cleanup.response.Status).toBe('SUCCESS');
    expect(session(VC, S1)).toMatchObject({ capabilities: ['Voice'], expiryMinutes: 30 });

    await cfn.request(handler, { RequestType: 'Delete', PhysicalResourceId: newId, ResourceProperties: props({ ProxySessionId: S2, RemovalPolicy: 'destroy' }) });
    expect(session(VC, S2)).toMatchObject({ capabilities: ['SMS'], expiryMinutes: 15 });
  });

  test('another voice connector is a replacement too', async () => {
    chime.addSession(VC2, S1, { capabilities: ['SMS'] });
    const oldId = await create();
    const { response } = await cfn.request(handler, {
      RequestType: 'Update', PhysicalResourceId: oldId, OldResourceProperties: props(), ResourceProperties: props({ VoiceConnectorId: VC2 }),
    });
    expect(response.PhysicalResourceId.startsWith(`${VC2}/${S1}/`)).toBe(true);
    expect(endpoint.callsTo('GetProxySession').map((c) => c.input.VoiceConnectorId)).toEqual([VC, VC2]);
  });
});

describe('Delete', () => {
  test('DESTROY after create, update and update restores the very first settings with one call', async () => {
    const id = await create();
    const steps = [props(), props({ Capabilities: ['SMS'], ExpiryMinutes: 10 }), props({ Capabilities: ['Voice'], ExpiryMinutes: 240, RemovalPolicy: 'destroy' })];
    for (let i = 1; i < steps.length; i++) {
      const { response } = await cfn.request(handler, { RequestType: 'Update', PhysicalResourceId: id, OldResourceProperties: steps[i - 1], ResourceProperties: steps[i] });
      expect(response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: id });
    }
    expect(session()).toMatchObject({ capabilities: ['Voice'], expiryMinutes: 240 });
    endpoint.calls.length = 0;
    const { response } = await cfn.request(handler, { RequestType: 'Delete', PhysicalResourceId: id, ResourceProperties: steps[2] });
    expect(response.Status).toBe('SUCCESS');
    expect(session()).toMatchObject({ capabilities: ['Voice'], expiryMinutes: 30 });
    expect(updates().map((c) => c.input)).toEqual([{ VoiceConnectorId: VC, ProxySessionId: S1, Capabilities: ['Voice'], ExpiryMinutes: 30 }]);
  });

  test('DESTROY of a session that had no expiry restores only its capabilities', async () => {
    chime.addSession(VC, 'no-expiry', { capabilities: ['SMS'], expiryMinutes: undefined });
    const id = await create({ ProxySessionId: 'no-expiry', RemovalPolicy: 'destroy' });
    await cfn.request(handler, { RequestType: 'Delete', PhysicalResourceId: id, ResourceProperties: props({ ProxySessionId: 'no-expiry', RemovalPolicy: 'destroy' }) });
    expect(updates().pop()!.input).toEqual({ VoiceConnectorId: VC, ProxySessionId: 'no-expiry', Capabilities: ['SMS'] });
  });

  test.each([
    ['closed', () => { session().status = 'Closed'; }],
    ['deleted', () => { chime.sessions.delete(`${VC}/${S1}`); }],
    ['on a deleted voice connector', () => { chime.voiceConnectors.delete(VC); }],
  ])('DESTROY of a session that is %s succeeds', async (_name, change) => {
    const id = await create({ RemovalPolicy: 'destroy' });
    change();
    const { response } = await cfn.request(handler, { RequestType: 'Delete', PhysicalResourceId: id, ResourceProperties: props({ RemovalPolicy: 'destroy' }) });
    expect(response.Status).toBe('SUCCESS');
  });

  test('DESTROY that the service refuses for another reason fails, so nothing is silently left changed', async () => {
    const id = await create({ RemovalPolicy: 'destroy' });
    endpoint.inject('UpdateProxySession', { status: 403, code: 'ForbiddenException' });
    const { response } = await cfn.request(handler, { RequestType: 'Delete', PhysicalResourceId: id, ResourceProperties: props({ RemovalPolicy: 'destroy' }) });
    expect(response).toMatchObject({ Status: 'FAILED', PhysicalResourceId: id, Reason: 'UpdateProxySession failed: ForbiddenException: injected fault' });
  });

});


/**
 * Two constructs of one app that manage the same thing fail synthesis, and the error names both construct paths:
 * they would undo each other's settings, and one's DESTROY would delete what the other still sets.
 */
import { App, CfnParameter, Duration, Stack } from 'aws-cdk-lib';
import { ProfileObjectType, ProxyCapability, ProxySessionSettings, TrafficDistribution, VoiceConnectorProxy } from '../src';

const ACCOUNT = '123456789012';
const GROUP = '11111111-2222-3333-4444-555555555555';
const even = { distributions: [{ region: 'us-east-1', percentage: 50 }, { region: 'us-west-2', percentage: 50 }] };

const app = () => new App();
const stackIn = (a: App, id = 'Stack', region = 'us-east-1') => new Stack(a, id, { env: { account: ACCOUNT, region } });
const orders = (stack: Stack, id: string, objectTypeName = 'Orders', domainName = 'contact-center-prod') =>
  new ProfileObjectType(stack, id, { domainName, objectTypeName, description: 'Orders' });
const proxy = (stack: Stack, id: string, voiceConnectorId = 'abcdef1ghij2klmno3pqr4') =>
  new VoiceConnectorProxy(stack, id, { voiceConnectorId, defaultSessionExpiry: Duration.hours(1), phoneNumberPoolCountries: ['US'] });
const session = (stack: Stack, id: string, proxySessionId = 'session-1', voiceConnectorId = 'abcdef1ghij2klmno3pqr4') =>
  new ProxySessionSettings(stack, id, { voiceConnectorId, proxySessionId, capabilities: [ProxyCapability.VOICE] });

describe('ProfileObjectType: the same object type (domain and name)', () => {
  test('in one stack: the second fails, naming both paths', () => {
    const s = stackIn(app());
    orders(s, 'Orders');
    expect(() => orders(s, 'OrdersAgain')).toThrow('Stack/OrdersAgain: objectTypeName: the object type contact-center-prod/Orders is already managed by '
      + 'Stack/Orders; two constructs of one app must not manage the same thing, got "Orders"');
  });

  test('in two stacks of one app in the same account and Region', () => {
    const a = app();
    orders(stackIn(a, 'One'), 'Orders');
    expect(() => orders(stackIn(a, 'Two'), 'Orders')).toThrow(/^Two\/Orders: objectTypeName: .* is already managed by One\/Orders;/);
  });

  test('the same token (one parameter) twice', () => {
    const s = stackIn(app());
    const name = new CfnParameter(s, 'TypeName').valueAsString;
    orders(s, 'A', name);
    expect(() => orders(s, 'B', name)).toThrow(/Stack\/B: objectTypeName: .* is already managed by Stack\/A/);
  });

  test('other names, other domains, other Regions, other apps and other tokens are fine', () => {
    const a = app();
    const s = stackIn(a);
    orders(s, 'Orders');
    orders(s, 'Refunds', 'Refunds');
    orders(s, 'OtherDomain', 'Orders', 'contact-center-dr');
    orders(stackIn(a, 'West', 'us-west-2'), 'Orders');
    orders(stackIn(app()), 'Orders');
    orders(s, 'ByToken1', new CfnParameter(s, 'One').valueAsString);
    expect(() => orders(s, 'ByToken2', new CfnParameter(s, 'Two').valueAsString)).not.toThrow();
  });

  test('environment-agnostic stacks may deploy anywhere: only within one stack is it a conflict', () => {
    const a = app();
    orders(new Stack(a, 'Anywhere1'), 'Orders');
    expect(() => orders(new Stack(a, 'Anywhere2'), 'Orders')).not.toThrow();
    const s = new Stack(a, 'Anywhere3');
    orders(s, 'Orders');
    expect(() => orders(s, 'Again')).toThrow(/is already managed by Anywhere3\/Orders/);
  });
});

describe('TrafficDistribution: overlapping configs of the same group', () => {
  test('two telephony configs of one group fail, whether it is named by ID or by ARN', () => {
    const s = stackIn(app());
    new TrafficDistribution(s, 'First', { trafficDistributionGroup: GROUP, telephonyConfig: even });
    expect(() => new TrafficDistribution(s, 'Second', { trafficDistributionGroup: `arn:aws:connect:us-east-1:${ACCOUNT}:traffic-distribution-group/${GROUP}`, telephonyConfig: even, agentConfig: even }))
      .toThrow(`Stack/Second: telephonyConfig: the telephony distribution of traffic distribution group ${GROUP} is already managed by Stack/First; `
        + `two constructs of one app must not manage the same thing, got "${GROUP}"`);
  });

  test('one group\'s telephony and agents, set by two constructs, are fine; so is the same ID in another Region', () => {
    const s = stackIn(app());
    new TrafficDistribution(s, 'Calls', { trafficDistributionGroup: GROUP, telephonyConfig: even });
    new TrafficDistribution(s, 'Agents', { trafficDistributionGroup: GROUP, agentConfig: even });
    expect(() => new TrafficDistribution(s, 'West', { trafficDistributionGroup: `arn:aws:connect:us-west-2:${ACCOUNT}:traffic-distribution-group/${GROUP}`, telephonyConfig: even }))
      .not.toThrow();
    expect(() => new TrafficDistribution(s, 'AgentsAgain', { trafficDistributionGroup: GROUP, agentConfig: even })).toThrow(/agentConfig: the agent distribution .* Stack\/Agents/);
  });
});

describe('VoiceConnectorProxy: the same voice connector\'s proxy', () => {
  test('twice fails, naming both; another voice connector is fine', () => {
    const s = stackIn(app());
    proxy(s, 'Proxy');
    expect(() => proxy(s, 'Other', 'zyxwvu9tsrq8ponml7kji6')).not.toThrow();
    expect(() => proxy(s, 'Again')).toThrow('Stack/Again: voiceConnectorId: the proxy configuration of voice connector abcdef1ghij2klmno3pqr4 is already managed by '
      + 'Stack/Proxy; two constructs of one app must not manage the same thing, got "abcdef1ghij2klmno3pqr4"');
  });
});

describe('ProxySessionSettings: the same proxy session', () => {
  test('twice fails, naming both; another session of the same voice connector is fine', () => {
    const s = stackIn(app());
    session(s, 'Session');
    expect(() => session(s, 'Other', 'session-2')).not.toThrow();
    expect(() => session(s, 'Again')).toThrow('Stack/Again: proxySessionId: the proxy session session-1 of voice connector abcdef1ghij2klmno3pqr4 is already managed by '
      + 'Stack/Session; two constructs of one app must not manage the same thing, got "session-1"');
  });
});

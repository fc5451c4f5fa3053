import { TRAFFIC_DISTRIBUTION } from '../../src/private/rules/traffic-distribution';
import { AwsEndpoint } from '../support/aws-endpoint';
import { CloudFormation } from '../support/cloudformation';
import { TrafficDistributionGroups } from '../support/fakes/traffic-distribution-groups';
import { useLocalHandler } from '../support/local-handler';

const G1 = '11111111-2222-3333-4444-555555555555';
const G2 = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
const arnOf = (id: string, region = 'us-east-1') => `arn:aws:connect:${region}:123456789012:traffic-distribution-group/${id}`;

let endpoint: AwsEndpoint;
let cfn: CloudFormation;
let groups: TrafficDistributionGroups;
let handler: any;

const split = (home: number) => ({ Distributions: [{ Region: 'us-east-1', Percentage: home }, { Region: 'us-west-2', Percentage: 100 - home }] });
const props = (overrides: Record<string, unknown> = {}) => ({
  TrafficDistributionGroup: arnOf(G1),
  TelephonyConfig: split(90),
  AgentConfig: split(100),
  RemovalPolicy: 'retain',
  ...overrides,
});
const mutations = () => endpoint.callsTo('UpdateTrafficDistribution');

useLocalHandler({
  service: 'connect',
  kind: 'traffic-distribution',
  resourceType: TRAFFIC_DISTRIBUTION.resourceType,
  fakes: () => (groups = new TrafficDistributionGroups()).fakes,
}, (local) => ({ endpoint, cfn, handler } = local));

beforeEach(() => {
  groups.groups.clear();
  groups.settleAfterDescribes = 0;
  groups.add(G1);
  groups.add(G2, { isDefault: true });
  endpoint.calls.length = 0;
});

describe('Create', () => {
  test('applies exactly the configs given, with one mutating call', async () => {
    const { response } = await cfn.request(handler, { RequestType: 'Create', ResourceProperties: props() });
    expect(response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: arnOf(G1) });
    expect(groups.groups.get(G1)).toMatchObject({ telephony: split(90).Distributions, agent: split(100).Distributions });
    expect(groups.groups.get(G1)!.signIn).toBeUndefined();
    expect(endpoint.calls.map((c) => c.operation)).toEqual(['DescribeTrafficDistributionGroup', 'UpdateTrafficDistribution']);
    expect(mutations()[0].input).toEqual({ Id: arnOf(G1), TelephonyConfig: split(90), AgentConfig: split(100) });
  });

  test('sign-in config on a non-default group fails with the reason, before any change', async () => {
    const { response } = await cfn.request(handler, {
      RequestType: 'Create',
      ResourceProperties: props({ SignInConfig: { Distributions: [{ Region: 'us-east-1', Enabled: true }] } }),
    });
    expect(response.Status).toBe('FAILED');
    expect(response.Reason).toMatch(/^signInConfig: sign-in distribution can only be changed on the default traffic distribution group/);
    expect(mutations()).toHaveLength(0);
  });

  test('repeats the synth rules at deploy for values that were tokens', async () => {
    const { response } = await cfn.request(handler, {
      RequestType: 'Create',
      ResourceProperties: props({ TelephonyConfig: { Distributions: [{ Region: 'us-east-1', Percentage: 50 }, { Region: 'us-west-2', Percentage: 40 }] } }),
    });
    expect(response).toMatchObject({ Status: 'FAILED', Reason: 'Invalid properties: telephonyConfig.distributions: percentages must add up to 100, got 90' });
    expect(response.PhysicalResourceId).toMatch(/^ccr:create-failed:/);
    expect(endpoint.calls).toHaveLength(0);
  });

  test('a bare group ID names the group in the stack\'s partition, account and Region (from the stack ID); the physical ID is its ARN', async () => {
    const { response } = await cfn.request(handler, { RequestType: 'Create', ResourceProperties: props({ TrafficDistributionGroup: G1 }) });
    expect(response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: arnOf(G1) });
    expect(mutations().map((c) => c.input.Id)).toEqual([arnOf(G1)]);
  });

  test('a group that is neither an ID nor an ARN fails before any call, with the rule', async () => {
    const { response } = await cfn.request(handler, { RequestType: 'Create', ResourceProperties: props({ TrafficDistributionGroup: 'group-1' }) });
    expect(response.Reason).toMatch(/^Invalid properties: trafficDistributionGroup: must resolve to a traffic distribution group ID \(a UUID\) or ARN/);
    expect(endpoint.calls).toHaveLength(0);
  });

  test('waits while an earlier update is still in progress', async () => {
    groups.groups.get(G1)!.status = 'UPDATE_IN_PROGRESS';
    groups.groups.get(G1)!.settlingDescribes = 3;
    const { response } = await cfn.request(handler, { RequestType: 'Create', ResourceProperties: props() });
    expect(response).toMatchObject({ Status: 'SUCCESS' });
    expect(endpoint.callsTo('DescribeTrafficDistributionGroup')).toHaveLength(3);
    expect(mutations()).toHaveLength(1);
  });

  test('a group that stays busy past the deadline fails in time', async () => {
    groups.groups.get(G1)!.status = 'UPDATE_IN_PROGRESS';
    groups.groups.get(G1)!.settlingDescribes = 1_000_000;
    const started = Date.now();
    const { response } = await cfn.request(handler, { RequestType: 'Create', ResourceProperties: props(), remainingMs: 10_400 });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(response.Status).toBe('FAILED');
    expect(response.Reason).toMatch(/stayed UPDATE_IN_PROGRESS until the handler's deadline|ran out of time/);
    expect(mutations()).toHaveLength(0);
  });
});

describe('retries', () => {
  test('a 409 conflict is waited out', async () => {
    endpoint.inject('UpdateTrafficDistribution', { status: 409, code: 'ResourceConflictException' });
    const { response } = await cfn.request(handler, { RequestType: 'Create', ResourceProperties: props() });
    expect(response).toMatchObject({ Status: 'SUCCESS' });
    expect(mutations()).toHaveLength(2);
  });

});

describe('Update', () => {
  test('applies a changed distribution', async () => {
    const { response } = await cfn.request(handler, {
      RequestType: 'Update', PhysicalResourceId: arnOf(G1), OldResourceProperties: props(), ResourceProperties: props({ TelephonyConfig: split(50) }),
    });
    expect(response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: arnOf(G1) });
    expect(groups.groups.get(G1)!.telephony).toEqual(split(50).Distributions);
    expect(mutations()).toHaveLength(1);
  });

  test('a change of removal policy alone calls nothing', async () => {
    const { response } = await cfn.request(handler, {
      RequestType: 'Update', PhysicalResourceId: arnOf(G1), OldResourceProperties: props(), ResourceProperties: props({ RemovalPolicy: 'destroy' }),
    });
    expect(response).toMatchObject({ Status: 'SUCCESS' });
    expect(endpoint.calls).toHaveLength(0);
  });

  test('a failed update keeps the physical ID, and the rollback update restores the old distribution', async () => {
    endpoint.inject('UpdateTrafficDistribution', { status: 403, code: 'AccessDeniedException' });
    const failed = await cfn.request(handler, {
      RequestType: 'Update', PhysicalResourceId: arnOf(G1), OldResourceProperties: props(), ResourceProperties: props({ TelephonyConfig: split(50) }),
    });
    expect(failed.response).toMatchObject({ Status: 'FAILED', PhysicalResourceId: arnOf(G1) });
    const rollback = await cfn.request(handler, {
      RequestType: 'Update', PhysicalResourceId: arnOf(G1), OldResourceProperties: props({ TelephonyConfig: split(50) }), ResourceProperties: props(),
    });
    expect(rollback.response.Status).toBe('SUCCESS');
    expect(groups.groups.get(G1)!.telephony).toEqual(split(90).Distributions);
  });
});

describe('replacement', () => {
  test('a new group gets the distribution and a new physical ID; the old one follows its removal policy', async () => {
    const update = await cfn.request(handler, {
      RequestType: 'Update',
      PhysicalResourceId: arnOf(G1),
      OldResourceProperties: props({ RemovalPolicy: 'destroy' }),
      ResourceProperties: props({ TrafficDistributionGroup: arnOf(G2) }),
    });
    expect(update.response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: arnOf(G2) });
    expect(groups.groups.get(G2)!.telephony).toEqual(split(90).Distributions);

    // CloudFormation then deletes the old physical resource, with the old properties.
    const cleanup = await cfn.request(handler, { RequestType: 'Delete', PhysicalResourceId: arnOf(G1), ResourceProperties: props({ RemovalPolicy: 'destroy' }) });
    expect(cleanup.response.Status).toBe('SUCCESS');
    expect(groups.groups.get(G1)!.telephony).toEqual(split(100).Distributions);
  });
});

describe('Delete', () => {
  test('DESTROY resets telephony and agents to the home Region and leaves sign-in alone', async () => {
    const g = groups.groups.get(G2)!;
    g.signIn = [{ Region: 'us-west-2', Enabled: true }];
    const { response } = await cfn.request(handler, {
      RequestType: 'Delete', PhysicalResourceId: arnOf(G2), ResourceProperties: props({ TrafficDistributionGroup: arnOf(G2), RemovalPolicy: 'destroy' }),
    });
    expect(response).toMatchObject({ Status: 'SUCCESS' });
    expect(g.telephony).toEqual([{ Region: 'us-east-1', Percentage: 100 }, { Region: 'us-west-2', Percentage: 0 }]);
    expect(g.agent).toEqual([{ Region: 'us-east-1', Percentage: 100 }, { Region: 'us-west-2', Percentage: 0 }]);
    expect(g.signIn).toEqual([{ Region: 'us-west-2', Enabled: true }]);
    expect(mutations()).toHaveLength(1);
  });

  test('DESTROY of a group that is already gone succeeds', async () => {
    groups.groups.delete(G1);
    const { response } = await cfn.request(handler, { RequestType: 'Delete', PhysicalResourceId: arnOf(G1), ResourceProperties: props({ RemovalPolicy: 'destroy' }) });
    expect(response).toMatchObject({ Status: 'SUCCESS' });
  });

});


describe('Delete resets only what the resource set', () => {
  const destroy = (overrides: Record<string, unknown>) => cfn.request(handler, {
    // Through JSON, as CloudFormation sends them: an override of `undefined` leaves the config out.
    RequestType: 'Delete', PhysicalResourceId: arnOf(G2), ResourceProperties: JSON.parse(JSON.stringify(props({ TrafficDistributionGroup: arnOf(G2), RemovalPolicy: 'destroy', ...overrides }))),
  });

  test('DESTROY of a resource with only agentConfig resets the agents and leaves telephony (the live calls) as it is', async () => {
    const g = groups.groups.get(G2)!;
    g.telephony = split(60).Distributions;
    const { response } = await destroy({ TelephonyConfig: undefined, AgentConfig: split(50) });
    expect(response.Status).toBe('SUCCESS');
    expect(g.agent).toEqual(split(100).Distributions);
    expect(g.telephony).toEqual(split(60).Distributions);
    expect(mutations()[0].input).toEqual({ Id: arnOf(G2), AgentConfig: split(100) });
  });

  test('DESTROY of a resource with only telephonyConfig leaves the agents as they are', async () => {
    const g = groups.groups.get(G2)!;
    g.agent = split(70).Distributions;
    expect((await destroy({ AgentConfig: undefined })).response.Status).toBe('SUCCESS');
    expect(g.telephony).toEqual(split(100).Distributions);
    expect(g.agent).toEqual(split(70).Distributions);
  });

  test('DESTROY of a resource with only signInConfig changes nothing and calls nothing that changes', async () => {
    const g = groups.groups.get(G2)!;
    g.telephony = split(60).Distributions;
    const { response } = await destroy({ TelephonyConfig: undefined, AgentConfig: undefined, SignInConfig: { Distributions: [{ Region: 'us-west-2', Enabled: true }] } });
    expect(response.Status).toBe('SUCCESS');
    expect(mutations()).toEqual([]);
    expect(g.telephony).toEqual(split(60).Distributions);
  });
});

/** TrafficDistribution in the test registry. */
import { RemovalPolicy } from 'aws-cdk-lib';
import * as cr from 'aws-cdk-lib/custom-resources';
import { ACCOUNT, literalArn, plain, retainingAwsCustomResource, uuid } from './common';
import { Identity, KindEntry } from './types';
import { TrafficDistribution } from '../../../src';
import { TRAFFIC_DISTRIBUTION } from '../../../src/private/rules/traffic-distribution';
import { TrafficDistributionGroups } from '../fakes/traffic-distribution-groups';

export const GROUP_ID = '11111111-2222-3333-4444-555555555555';
export const GROUP_ARN_WEST = `arn:aws:connect:us-west-2:${ACCOUNT}:traffic-distribution-group/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee`;

export const groups = new TrafficDistributionGroups();

const GROUPS = { A: GROUP_ID, B: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee' };
const groupArn = (id: string) => `arn:aws:connect:us-east-1:${ACCOUNT}:traffic-distribution-group/${id}`;
const split = (home: number) => [{ Region: 'us-east-1', Percentage: home }, { Region: 'us-west-2', Percentage: 100 - home }];
const distributions = (home: number) => ({ distributions: [{ region: 'us-east-1', percentage: home }, { region: 'us-west-2', percentage: 100 - home }] });

export const trafficDistribution: KindEntry = {
  name: 'TrafficDistribution',
  kind: TRAFFIC_DISTRIBUTION,
  iamPrefix: 'connect',
  fake: { service: 'connect', fakes: groups.fakes },
  sdkPackage: '@aws-sdk/client-connect',

  contract: {
    mutation: 'UpdateTrafficDistribution',
    deletion: 'UpdateTrafficDistribution',
    createCreate: 'idempotent',
    updateWithoutCreate: 'fails',
    updatesInPlace: true,
    reset() {
      groups.groups.clear();
      groups.settleAfterDescribes = 0;
      groups.add(GROUPS.A);
      groups.add(GROUPS.B);
    },
    props: (i, v = 1, policy = 'retain') => ({
      TrafficDistributionGroup: groupArn(GROUPS[i]),
      TelephonyConfig: { Distributions: split(v === 1 ? 90 : 50) },
      AgentConfig: { Distributions: split(100) },
      RemovalPolicy: policy,
    }),
    state() {
      const of = (id: string) => {
        const g = groups.groups.get(id);
        return g && plain({ telephony: g.telephony, agent: g.agent, signIn: g.signIn });
      };
      return { A: of(GROUPS.A), B: of(GROUPS.B) };
    },
    applied: (i, v) => ({ [i]: { telephony: split(v === 1 ? 90 : 50), agent: split(100) } }),
    // DESTROY puts telephony and agents back in the home Region.
    destroyed: (i) => ({ [i]: { telephony: split(100), agent: split(100) } }),
    physicalId: (i: Identity) => groupArn(GROUPS[i]),
    attributes: () => undefined,
    vanish: (i) => void groups.groups.delete(GROUPS[i]),
    invalid: {
      overrides: { TelephonyConfig: { Distributions: [{ Region: 'us-east-1', Percentage: 50 }, { Region: 'us-west-2', Percentage: 40 }] } },
      reason: 'Invalid properties: telephonyConfig.distributions: percentages must add up to 100, got 90',
    },
  },

  lifecycle: {
    reset() {
      groups.groups.clear();
      groups.settleAfterDescribes = 0;
      for (const t of [0, 1, 2]) groups.add(uuid(100 + t));
    },
    add: (scope, id, target, removalPolicy) => new TrafficDistribution(scope, id, {
      trafficDistributionGroup: groupArn(uuid(100 + target)), telephonyConfig: distributions(90), agentConfig: distributions(100), removalPolicy,
    }),
    state(target) {
      const g = groups.groups.get(uuid(100 + target))!;
      return g.telephony ? `telephony ${g.telephony.map((d) => `${d.Region} ${d.Percentage}%`).join(', ')}` : 'never distributed';
    },
    applied: 'telephony us-east-1 90%, us-west-2 10%',
    destroyed: 'telephony us-east-1 100%, us-west-2 0%',
  },

  instance: (scope, id, i, variant) => new TrafficDistribution(scope, id, {
    trafficDistributionGroup: groupArn(uuid(i)),
    telephonyConfig: distributions(90 - 10 * variant),
    agentConfig: distributions(100),
    removalPolicy: RemovalPolicy.DESTROY,
  }),
  prepare: (i) => groups.add(uuid(i)),
  awsCustomResource(scope, id, i, variant) {
    const call = (home: number): cr.AwsSdkCall => ({
      service: 'Connect',
      action: 'UpdateTrafficDistribution',
      parameters: { Id: groupArn(uuid(i)), TelephonyConfig: { Distributions: split(home) }, AgentConfig: { Distributions: split(100) } },
      physicalResourceId: cr.PhysicalResourceId.of(groupArn(uuid(i))),
    });
    new cr.AwsCustomResource(scope, id, {
      onCreate: call(90 - 10 * variant),
      onUpdate: call(90 - 10 * variant),
      onDelete: call(100), // what DESTROY does
      policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: [groupArn(uuid(i))] }),
      installLatestAwsSdk: false,
    });
  },

  completeSetup: 'a group ARN, telephony and agent configs, DESTROY',
  simplest: {
    setup: 'a bare group ID, telephony only, RETAIN',
    instance: (scope, id, i) => new TrafficDistribution(scope, id, { trafficDistributionGroup: uuid(i), telephonyConfig: distributions(90) }),
    awsCustomResource: (scope, id, i) => retainingAwsCustomResource(scope, id, {
      service: 'Connect',
      action: 'UpdateTrafficDistribution',
      parameters: { Id: uuid(i), TelephonyConfig: { Distributions: split(90) } },
      physicalResourceId: cr.PhysicalResourceId.of(uuid(i)),
    }, [literalArn('connect', `traffic-distribution-group/${uuid(i)}`)]),
  },

  everyConstruct(stack, param) {
    const tenPercentWest = distributions(90);
    new TrafficDistribution(stack, 'ByGroupId', { trafficDistributionGroup: GROUP_ID, telephonyConfig: tenPercentWest });
    new TrafficDistribution(stack, 'ByGroupArn', { trafficDistributionGroup: GROUP_ARN_WEST, agentConfig: tenPercentWest, removalPolicy: RemovalPolicy.DESTROY });
    new TrafficDistribution(stack, 'ByGroupToken', { trafficDistributionGroup: param('GroupArn'), telephonyConfig: tenPercentWest });
  },
};

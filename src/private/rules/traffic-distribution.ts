/**
 * TrafficDistribution: its declaration and rules, after UpdateTrafficDistribution in the Connect API model
 * (botocore connect 2017-08-08) and its documentation.
 */
import { checkRegion, UUID } from './connect-names';
import { declareKind, PropertiesOf } from './kind';
import { bool, int, list, str, struct } from './schema';
import { arnInStack, StackEnv } from './stack-env';
import { Checker } from './violations';

const percentages = struct({ Distributions: list(struct({ Region: str, Percentage: int }, ['Region', 'Percentage'])) }, ['Distributions']);

/** TrafficDistributionGroupIdOrArn in the model. */
export const GROUP_ID_OR_ARN = new RegExp(`^(arn:(aws|aws-us-gov):connect:[a-z]{2}-[a-z-]+-[0-9]{1}:[0-9]{1,20}:traffic-distribution-group/)?${UUID}$`);
export const GROUP_ARN = new RegExp(`^arn:(aws|aws-us-gov):connect:([a-z]{2}-[a-z-]+-[0-9]{1}):([0-9]{1,20}):traffic-distribution-group/(${UUID})$`);

/** A group's ARN: an ARN as it is, a bare ID in the stack's partition, account and Region. */
export function groupArnInStack(idOrArn: string, stack: StackEnv): string {
  return idOrArn.startsWith('arn:') ? idOrArn : arnInStack(stack, 'connect', `traffic-distribution-group/${idOrArn}`);
}

/** The Region that is home to the group: the Region of its ARN. */
export function homeRegionOf(groupArn: string): string | undefined {
  return GROUP_ARN.exec(groupArn)?.[2];
}

export const TRAFFIC_DISTRIBUTION = declareKind({
  handler: 'traffic-distribution',
  description: 'Amazon Connect traffic distribution',
  resourceType: 'Custom::ConnectTrafficDistribution',
  defaultRemovalPolicy: 'retain',
  // Named as in UpdateTrafficDistribution. TrafficDistributionGroup is the group as the user gave it in the
  // template: its ARN, or a bare ID, which names a group in the stack's account and Region. The handler sees the
  // ARN (the one the construct wrote before, and the policy names): a bare ID costs ~110 template bytes less.
  schema: struct({
    TrafficDistributionGroup: str,
    TelephonyConfig: percentages,
    AgentConfig: percentages,
    SignInConfig: struct({ Distributions: list(struct({ Region: str, Enabled: bool }, ['Region', 'Enabled'])) }, ['Distributions']),
  }, ['TrafficDistributionGroup']),
  attributes: {},
  inStack: (p, stack) => ({ TrafficDistributionGroup: groupArnInStack(p.TrafficDistributionGroup, stack) }),
  validate(p, c) {
    c.pattern('TrafficDistributionGroup', p.TrafficDistributionGroup, GROUP_ID_OR_ARN,
      'must resolve to a traffic distribution group ID (a UUID) or ARN (arn:<partition>:connect:<region>:<account>:traffic-distribution-group/<uuid>)');
    if (!p.TelephonyConfig && !p.AgentConfig && !p.SignInConfig) {
      c.fail('TelephonyConfig', 'at least one of telephonyConfig, agentConfig or signInConfig is required');
    }
    checkPercentages(c, 'TelephonyConfig', p.TelephonyConfig?.Distributions);
    checkPercentages(c, 'AgentConfig', p.AgentConfig?.Distributions);
    checkRegions(c, 'SignInConfig', p.SignInConfig?.Distributions);
  },
});

export type TrafficDistributionProperties = PropertiesOf<typeof TRAFFIC_DISTRIBUTION>;
export type PercentageDistribution = NonNullable<TrafficDistributionProperties['TelephonyConfig']>['Distributions'][number];

function checkRegions(c: Checker, config: string, distributions: readonly { Region: string }[] | undefined): void {
  if (!c.known(distributions)) return;
  const path = `${config}.Distributions`;
  if (distributions.length === 0) c.fail(path, 'must list at least one Region');
  distributions.forEach((d, i) => {
    checkRegion(c, `${path}[${i}].Region`, d.Region, 'us-east-1');
  });
  c.unique(path, distributions.map((d) => d.Region), 'Regions');
}

function checkPercentages(c: Checker, config: string, distributions: readonly PercentageDistribution[] | undefined): void {
  if (!c.known(distributions)) return;
  checkRegions(c, config, distributions);
  const path = `${config}.Distributions`;
  distributions.forEach((d, i) => c.integer(`${path}[${i}].Percentage`, d.Percentage, 0, 100, 10));
  const values = distributions.map((d) => d.Percentage);
  if (values.length > 0 && values.every((v) => c.known(v))) {
    const sum = values.reduce((a, b) => a + b, 0);
    if (sum !== 100) c.fail(path, 'percentages must add up to 100', sum);
  }
}

/**
 * What DESTROY puts back, for the configs this resource set and no other: telephony and agents 100% in the home
 * Region, 0% in every other Region the construct distributed to. A config it never set is left as it is (an agent-only
 * resource must not move live calls), and so is sign-in, so that no agent is locked out.
 */
export function destroyedConfigs(p: TrafficDistributionProperties): Pick<TrafficDistributionProperties, 'TelephonyConfig' | 'AgentConfig'> {
  const home = homeRegionOf(p.TrafficDistributionGroup);
  if (!home) throw new Error(`trafficDistributionGroup: cannot tell the home Region of ${p.TrafficDistributionGroup}`);
  const regions = new Set([home]);
  for (const config of [p.TelephonyConfig, p.AgentConfig]) config?.Distributions.forEach((d) => regions.add(d.Region));
  const homeOnly = { Distributions: [...regions].map((Region) => ({ Region, Percentage: Region === home ? 100 : 0 })) };
  return { TelephonyConfig: p.TelephonyConfig && homeOnly, AgentConfig: p.AgentConfig && homeOnly };
}

import { ArnFormat, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { claim } from './private/conflicts';
import { connectReference, GROUP_REFERENCE } from './private/connect-reference';
import { KindResource } from './private/kind-resource';
import { TRAFFIC_DISTRIBUTION } from './private/rules/traffic-distribution';

/** The share of traffic (or of agents) that one Region takes. */
export interface Distribution {
  /**
   * The Region, such as `us-west-2`: the instance's Region or a Region it is replicated to.
   * Must look like a Region name (8 to 31 characters) and appear once per config.
   */
  readonly region: string;
  /**
   * The percentage for this Region: an integer from 0 to 100 in steps of 10.
   * The percentages of one config add up to 100.
   */
  readonly percentage: number;
}

/** Whether agents can sign in through one Region. */
export interface SignInDistribution {
  /** The Region, such as `us-west-2`. Must look like a Region name and appear once in the config. */
  readonly region: string;
  /** Whether agents can sign in through this Region. */
  readonly enabled: boolean;
}

/** How calls are distributed across Regions. */
export interface TelephonyConfig {
  /** One entry per Region; percentages in steps of 10 that add up to 100. */
  readonly distributions: Distribution[];
}

/** How agents are distributed across Regions. */
export interface AgentConfig {
  /** One entry per Region; percentages in steps of 10 that add up to 100. */
  readonly distributions: Distribution[];
}

/** Which Regions agents sign in through. Only the default traffic distribution group accepts it. */
export interface SignInConfig {
  /** One entry per Region. */
  readonly distributions: SignInDistribution[];
}

/** Properties of a {@link TrafficDistribution}. */
export interface TrafficDistributionProps {
  /**
   * The traffic distribution group: its ID (a UUID), its ARN, or a token that resolves to its ARN,
   * such as `CfnTrafficDistributionGroup.attrTrafficDistributionGroupArn`.
   *
   * A bare ID names a group in this stack's account and Region. Changing the group replaces the
   * resource: the new group gets the distribution, then the old one is handled by its removal policy.
   */
  readonly trafficDistributionGroup: string;
  /**
   * How calls are distributed across Regions.
   * @default - telephony distribution is left as it is. At least one of the three configs is required.
   */
  readonly telephonyConfig?: TelephonyConfig;
  /**
   * How agents are distributed across Regions. Shift agents along with telephony, or calls reach a
   * Region with no agents to take them.
   * @default - agent distribution is left as it is
   */
  readonly agentConfig?: AgentConfig;
  /**
   * Which Regions agents sign in through. Only the default traffic distribution group (the one
   * Amazon Connect creates when the instance is replicated) accepts it; on any other group the
   * deployment fails with a message that says so.
   * @default - sign-in distribution is left as it is
   */
  readonly signInConfig?: SignInConfig;
  /**
   * What happens to the distribution when this resource is deleted or replaced.
   * `RETAIN` leaves it as it is. `DESTROY` resets only the configs this resource sets: telephony (if
   * `telephonyConfig` is set) and agents (if `agentConfig` is set) go back to 100% in the group's home Region (the
   * Region of its ARN) and 0% in the other Regions of this resource; a config it does not set, and sign-in, are
   * left as they are. Other policies are rejected.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * The traffic distribution of an Amazon Connect traffic distribution group across Regions:
 * telephony, agents and sign-in (UpdateTrafficDistribution).
 *
 * Every instance in a stack shares one handler function. It may call `connect:UpdateTrafficDistribution`, and
 * `connect:DescribeTrafficDistributionGroup` to wait for an earlier update to finish and to check that sign-in goes
 * to the default group, on the traffic distribution groups of the group's account and Region: DESTROY resets a group
 * in CloudFormation's cleanup phase, after the instance's own ARN may have left the policy. The handler acts only on
 * requests that CloudFormation's record of the stack confirms.
 */
export class TrafficDistribution extends Construct {
  /** The ARN of the traffic distribution group. */
  public readonly trafficDistributionGroupArn: string;
  /** The group's home Region: the Region of its ARN. DESTROY returns the traffic there. */
  public readonly homeRegion: string;

  private readonly kindResource: KindResource<typeof TRAFFIC_DISTRIBUTION, any>;

  constructor(scope: Construct, id: string, props: TrafficDistributionProps) {
    super(scope, id);
    const group = props.trafficDistributionGroup;
    const stack = Stack.of(this);
    // An ARN names its own account and Region (a token's are read from it at deploy); an ID is in the stack's.
    const ref = connectReference(this, group, GROUP_REFERENCE);
    this.trafficDistributionGroupArn = ref.arn;
    this.homeRegion = ref.region;

    // Two constructs may share a group when they set different configs of it: one telephony, the other agents.
    const groupId = ref.id;
    const configs = { TelephonyConfig: [props.telephonyConfig, 'telephony'], AgentConfig: [props.agentConfig, 'agent'], SignInConfig: [props.signInConfig, 'sign-in'] } as const;
    for (const [prop, [config, what]] of Object.entries(configs)) {
      if (config === undefined) continue;
      claim(this, {
        thing: `the ${what} distribution of traffic distribution group ${groupId}`,
        prop,
        value: groupId,
        identity: ['traffic distribution', prop, Token.isUnresolved(group) ? group : groupId],
        env: !ref.isId && !Token.isUnresolved(group) ? { account: ref.account, region: ref.region } : undefined,
      });
    }

    const resource = this.kindResource = new KindResource(this, TRAFFIC_DISTRIBUTION, props, {
      // As given: the handler builds a bare ID's ARN in the stack's account and Region, the one granted below.
      set: { TrafficDistributionGroup: group },
      removalPolicy: props.removalPolicy,
    });
    // DESTROY resets the distribution in CloudFormation's cleanup phase, after this group may have left the policy, with the
    // same two actions that Create and Update use: they name the groups of the group's own account and Region.
    resource.grantOnType({
      actions: ['connect:DescribeTrafficDistributionGroup', 'connect:UpdateTrafficDistribution'],
      typeWideArn: stack.formatArn({
        service: 'connect', region: ref.region, account: ref.account, resource: 'traffic-distribution-group', resourceName: '*', arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
      }),
    });
  }

  /**
   * Sets what happens to the distribution on delete and replacement, as the `removalPolicy` prop does:
   * `RETAIN` or `DESTROY`; other policies are rejected. When CloudFormation's own DeletionPolicy or
   * UpdateReplacePolicy (set by `RemovalPolicies.of()` or on the L1 resource) disagrees, synthesis warns and RETAIN wins.
   */
  public applyRemovalPolicy(policy: RemovalPolicy): void {
    this.kindResource.applyRemovalPolicy(policy);
  }
}


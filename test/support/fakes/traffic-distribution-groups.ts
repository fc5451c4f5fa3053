/**
 * A stateful fake of Amazon Connect traffic distribution groups, behind the model-checking endpoint.
 * It keeps each group's distribution so that a test can read back what a lifecycle produced.
 * A group can be named by its ID only in its own Region; from another Region (its replica's) the ARN is required,
 * as the API reference says for DescribeTrafficDistributionGroup and UpdateTrafficDistribution.
 */
import { OperationFake, ServiceError } from '../aws-endpoint';

export interface Distribution { Region: string; Percentage: number }
export interface SignIn { Region: string; Enabled: boolean }

export interface Group {
  readonly id: string;
  readonly arn: string;
  readonly name: string;
  readonly isDefault: boolean;
  /** The instance the group belongs to (ListTrafficDistributionGroups filters on it). */
  readonly instanceArn?: string;
  /** The Region of the instance's replica: the group answers there too, by ARN. */
  readonly replicaRegion?: string;
  status: string;
  /** Describes that still report UPDATE_IN_PROGRESS after an update (simulates a slow rollout). */
  settlingDescribes: number;
  telephony?: Distribution[];
  agent?: Distribution[];
  signIn?: SignIn[];
}

export interface GroupOptions {
  readonly region?: string;
  readonly isDefault?: boolean;
  readonly status?: string;
  readonly instanceArn?: string;
  readonly replicaRegion?: string;
}

export class TrafficDistributionGroups {
  public readonly groups = new Map<string, Group>();
  /** Describes that report UPDATE_IN_PROGRESS after each update. */
  public settleAfterDescribes = 0;

  public add(id: string, options: GroupOptions = {}): Group {
    const group: Group = {
      id,
      arn: `arn:aws:connect:${options.region ?? 'us-east-1'}:123456789012:traffic-distribution-group/${id}`,
      name: options.isDefault ? 'default' : 'tdg',
      isDefault: options.isDefault ?? false,
      instanceArn: options.instanceArn,
      replicaRegion: options.replicaRegion,
      status: options.status ?? 'ACTIVE',
      settlingDescribes: 0,
    };
    this.groups.set(id, group);
    return group;
  }

  public get fakes(): Record<string, OperationFake> {
    return {
      DescribeTrafficDistributionGroup: (input, { region }) => {
        const g = this.find(input.TrafficDistributionGroupId, region);
        if (g.settlingDescribes > 0 && --g.settlingDescribes === 0) g.status = 'ACTIVE';
        return {
          TrafficDistributionGroup: { Id: g.id, Arn: g.arn, Name: g.name, Status: g.status, IsDefault: g.isDefault, InstanceArn: g.instanceArn },
        };
      },
      GetTrafficDistribution: (input, { region }) => {
        const g = this.find(input.Id, region);
        return {
          Id: g.id,
          Arn: g.arn,
          TelephonyConfig: g.telephony && { Distributions: g.telephony },
          AgentConfig: g.agent && { Distributions: g.agent },
          SignInConfig: g.signIn && { Distributions: g.signIn },
        };
      },
      UpdateTrafficDistribution: (input, { region }) => {
        const g = this.find(input.Id, region);
        if (g.status === 'UPDATE_IN_PROGRESS') throw new ServiceError('ResourceConflictException', 'An update is already in progress');
        if (input.SignInConfig && !g.isDefault) throw new ServiceError('InvalidRequestException', 'SignInConfig can only be updated on the default traffic distribution group');
        for (const config of [input.TelephonyConfig, input.AgentConfig]) {
          const list: Distribution[] = config?.Distributions ?? [];
          if (list.some((d) => d.Percentage % 10 !== 0)) throw new ServiceError('InvalidRequestException', 'Percentage must be in increments of 10');
        }
        if (input.TelephonyConfig) g.telephony = input.TelephonyConfig.Distributions;
        if (input.AgentConfig) g.agent = input.AgentConfig.Distributions;
        if (input.SignInConfig) g.signIn = input.SignInConfig.Distributions;
        if (this.settleAfterDescribes > 0) {
          g.status = 'UPDATE_IN_PROGRESS';
          g.settlingDescribes = this.settleAfterDescribes;
        }
        return {};
      },
    };
  }

  /** The group, as the API finds it from `region`: by ID in its own Region, by ARN from anywhere. */
  public find(idOrArn: string, region: string): Group {
    const id = idOrArn.split('/').pop()!;
    const g = this.groups.get(id);
    if (!g || (!idOrArn.startsWith('arn:') && homeRegionOf(g) !== region)) {
      throw new ServiceError('ResourceNotFoundException', `Traffic distribution group ${id} not found${g ? ` in ${region} (from another Region, give its ARN)` : ''}`);
    }
    return g;
  }
}

export function homeRegionOf(g: Group): string {
  return g.arn.split(':')[3];
}

/**
 * A stateful fake of Amazon Connect traffic distribution groups, behind the model-checking endpoint.
 * It keeps each group's distribution so that a test can read back what a lifecycle produced.
 */
import { OperationFake, ServiceError } from '../aws-endpoint';

export interface Distribution { Region: string; Percentage: number }
export interface SignIn { Region: string; Enabled: boolean }

export interface Group {
  readonly id: string;
  readonly arn: string;
  readonly isDefault: boolean;
  status: string;
  /** Describes that still report UPDATE_IN_PROGRESS after an update (simulates a slow rollout). */
  settlingDescribes: number;
  telephony?: Distribution[];
  agent?: Distribution[];
  signIn?: SignIn[];
}

export class TrafficDistributionGroups {
  public readonly groups = new Map<string, Group>();
  /** Describes that report UPDATE_IN_PROGRESS after each update. */
  public settleAfterDescribes = 0;

  public add(id: string, options: { region?: string; isDefault?: boolean; status?: string } = {}): Group {
    const group: Group = {
      id,
      arn: `arn:aws:connect:${options.region ?? 'us-east-1'}:123456789012:traffic-distribution-group/${id}`,
      isDefault: options.isDefault ?? false,
      status: options.status ?? 'ACTIVE',
      settlingDescribes: 0,
    };
    this.groups.set(id, group);
    return group;
  }

  public get fakes(): Record<string, OperationFake> {
    return {
      DescribeTrafficDistributionGroup: (input) => {
        const g = this.find(input.TrafficDistributionGroupId);
        if (g.settlingDescribes > 0 && --g.settlingDescribes === 0) g.status = 'ACTIVE';
        return { TrafficDistributionGroup: { Id: g.id, Arn: g.arn, Name: 'tdg', Status: g.status, IsDefault: g.isDefault } };
      },
      GetTrafficDistribution: (input) => {
        const g = this.find(input.Id);
        return {
          Id: g.id,
          Arn: g.arn,
          TelephonyConfig: g.telephony && { Distributions: g.telephony },
          AgentConfig: g.agent && { Distributions: g.agent },
          SignInConfig: g.signIn && { Distributions: g.signIn },
        };
      },
      UpdateTrafficDistribution: (input) => {
        const g = this.find(input.Id);
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

  private find(idOrArn: string): Group {
    const id = idOrArn.split('/').pop()!;
    const g = this.groups.get(id);
    if (!g) throw new ServiceError('ResourceNotFoundException', `Traffic distribution group ${id} not found`);
    return g;
  }
}

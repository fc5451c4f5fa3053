/**
 * A stateful fake of the users associated with Amazon Connect traffic distribution groups, behind the model-checking
 * endpoint. As the API reference says, Associate and Disassociate "can be called only in the Region where the
 * traffic distribution group is created"; the group and the user must exist; a user who is not a member cannot be
 * disassociated (ResourceNotFoundException). What Associate answers for a member is not documented: the fake can
 * answer either way (`whenAlreadyMember`), and the handler must treat both as associated.
 */
import { homeRegionOf, TrafficDistributionGroups } from './traffic-distribution-groups';
import { OperationFake, ServiceError } from '../aws-endpoint';

export class TrafficDistributionGroupUsers {
  /** The users of each instance, by instance ID. */
  public readonly users = new Map<string, Set<string>>();
  /** The members of each group, by group ID. */
  public readonly members = new Map<string, Set<string>>();
  public whenAlreadyMember: 'succeeds' | 'conflicts' = 'conflicts';

  constructor(private readonly groups: TrafficDistributionGroups) {}

  public reset(): void {
    this.users.clear();
    this.members.clear();
    this.whenAlreadyMember = 'conflicts';
  }

  public addUsers(instanceId: string, ...userIds: string[]): void {
    this.users.set(instanceId, new Set([...this.users.get(instanceId) ?? [], ...userIds]));
  }

  /** The members of a group, sorted (empty when none). */
  public membersOf(groupId: string): string[] {
    return [...this.members.get(groupId) ?? []].sort();
  }

  public get fakes(): Record<string, OperationFake> {
    return {
      AssociateTrafficDistributionGroupUser: (input, { region }) => {
        const { group, user } = this.resolve(input, region);
        const members = this.members.get(group) ?? new Set<string>();
        if (members.has(user) && this.whenAlreadyMember === 'conflicts') {
          throw new ServiceError('ResourceConflictException', `User ${user} is already associated with traffic distribution group ${group}`);
        }
        this.members.set(group, members.add(user));
        return {};
      },
      DisassociateTrafficDistributionGroupUser: (input, { region }) => {
        const { group, user } = this.resolve(input, region);
        if (!this.members.get(group)?.delete(user)) throw new ServiceError('ResourceNotFoundException', `User ${user} is not associated with group ${group}`);
        return {};
      },
      ListTrafficDistributionGroupUsers: (input, { region }) => {
        const g = this.groups.find(input.TrafficDistributionGroupId, region);
        const all = this.membersOf(g.id);
        const from = Number(input.NextToken ?? 0);
        const page = all.slice(from, from + (input.MaxResults ?? 10));
        return {
          TrafficDistributionGroupUserSummaryList: page.map((UserId) => ({ UserId })),
          NextToken: from + page.length < all.length ? String(from + page.length) : undefined,
        };
      },
    };
  }

  private resolve(input: Record<string, any>, region: string): { group: string; user: string } {
    const g = this.groups.find(input.TrafficDistributionGroupId, region);
    if (homeRegionOf(g) !== region) {
      throw new ServiceError('InvalidRequestException', `This API can be called only in the Region where the traffic distribution group is created (${homeRegionOf(g)})`);
    }
    if (g.instanceArn && !g.instanceArn.endsWith(`/${input.InstanceId}`)) throw new ServiceError('InvalidRequestException', `The group does not belong to instance ${input.InstanceId}`);
    const user = String(input.UserId).split('/').pop()!;
    if (!this.users.get(input.InstanceId)?.has(user)) throw new ServiceError('ResourceNotFoundException', `User ${user} not found in instance ${input.InstanceId}`);
    return { group: g.id, user };
  }
}

import { ArnFormat, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { connectReference, GROUP_REFERENCE } from './private/connect-reference';
import { KindResource } from './private/kind-resource';
import { parseInstanceArn } from './private/rules/instance-replica';
import {
  checkInstanceId, checkUsers, chunkOf, CHUNKS, MAX_USERS_PER_CHUNK, TRAFFIC_DISTRIBUTION_GROUP_USERS, userIdOf,
} from './private/rules/traffic-distribution-group-users';
import { Checker } from './private/rules/violations';
import { isUnresolved, throwIfInvalid } from './private/validate';

/** Properties of a {@link TrafficDistributionGroupUsers}. */
export interface TrafficDistributionGroupUsersProps {
  /**
   * The traffic distribution group: its ID (a UUID), its ARN, or a token that resolves to its ARN, such as
   * `InstanceReplica.defaultTrafficDistributionGroupArn`. A bare ID names a group in this stack's account and
   * Region. The handler calls Amazon Connect in the group's own Region (the API can be called only there), even
   * when the stack is in the other Region.
   *
   * Changing it replaces the associations: the new group gets the users, then CloudFormation removes the old
   * associations under the removal policy.
   */
  readonly trafficDistributionGroup: string;
  /**
   * The ID of the Amazon Connect instance the users belong to (a lower-case UUID; an instance ARN is reduced to its
   * ID). A token must resolve to the ID. Changing it replaces the associations.
   */
  readonly instanceId: string;
  /**
   * The agents to associate with the group, so that the group's agent distribution moves them between Regions: user
   * IDs or user ARNs of the instance, each once (an ID and an ARN of one user count as one). Tokens are allowed,
   * such as `CfnUser.attrUserArn`.
   *
   * The construct spreads the users over at most 64 custom resources, by a digest of each user's ID: adding or
   * removing users touches only their own resources, and a user never moves between them. One resource holds at
   * most 250 users, which bounds the set at about 12,000 users in practice; synthesis fails, naming the resource,
   * beyond that. An empty list associates nobody (and, on update, removes every association).
   */
  readonly userIds: string[];
  /**
   * What happens to the associations when this construct, or one of its users, is removed. `DESTROY` (the default:
   * the construct owns the association only, never the users) disassociates the users. `RETAIN` leaves them
   * associated. Other policies are rejected.
   * @default RemovalPolicy.DESTROY
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * The most Associate/Disassociate calls per second the handler makes. Amazon Connect's rate for these operations is
   * account-wide per Region; its documented default is 2 per second (burst 5). Raise it only when the account's
   * quota was raised. An integer from 1 to 1000.
   * @default 2
   */
  readonly requestsPerSecond?: number;
}

/**
 * The agents associated with one Amazon Connect traffic distribution group (AssociateTrafficDistributionGroupUser),
 * so that the group's agent distribution can move them between the instance's Region and its replica's.
 *
 * Create associates every user; Update associates the added users and disassociates the removed ones, and calls
 * nothing for the rest; Delete (DESTROY, the default) disassociates them. The users are spread over several custom
 * resources (chunks), each small enough to finish well within one Lambda invocation at Connect's documented rate;
 * the chunks run one after another, so that together they keep to the account's rate.
 *
 * The handler may call `connect:AssociateTrafficDistributionGroupUser` and
 * `connect:DisassociateTrafficDistributionGroupUser` on the group, the instance and the instance's users, and the
 * actions the Service Authorization Reference lists as their dependencies: `connect:DescribeUser` on the users and
 * `connect:SearchUsers` on the instance.
 */
export class TrafficDistributionGroupUsers extends Construct {
  private readonly chunkResources: Array<KindResource<typeof TRAFFIC_DISTRIBUTION_GROUP_USERS, any>> = [];
  /** The ARN of the traffic distribution group. */
  public readonly trafficDistributionGroupArn: string;
  /** How many custom resources hold the users: one per non-empty chunk, at most 64. */
  public readonly chunkCount: number;

  constructor(scope: Construct, id: string, props: TrafficDistributionGroupUsersProps) {
    super(scope, id);
    const group = props.trafficDistributionGroup;
    // The group's Region and account: where the API is called, and what the grants name.
    const home = connectReference(this, group, GROUP_REFERENCE);
    this.trafficDistributionGroupArn = home.arn;
    const instanceId = !Token.isUnresolved(props.instanceId) ? parseInstanceArn(props.instanceId)?.id ?? props.instanceId : props.instanceId;

    const c = new Checker(isUnresolved);
    checkInstanceId(c, instanceId);
    checkUsers(c, props.userIds, c.known(instanceId) ? instanceId : undefined);
    c.integer('RequestsPerSecond', props.requestsPerSecond, 1, 1000);
    throwIfInvalid(this, c.violations);

    const chunks = this.chunksOf(props.userIds);
    this.chunkCount = chunks.length;
    let previous: Construct | undefined;
    for (const [chunk, userIds] of chunks) {
      const holder = new Construct(this, `Chunk${String(chunk).padStart(2, '0')}`);
      const resource = new KindResource(holder, TRAFFIC_DISTRIBUTION_GROUP_USERS, {}, {
        set: {
          // The group as given and the default rate left out: fewer bytes per chunk, the same calls (see the kind).
          TrafficDistributionGroup: group,
          InstanceId: instanceId,
          UserIds: userIds,
          Chunk: chunk,
          RequestsPerSecond: props.requestsPerSecond,
        },
        removalPolicy: props.removalPolicy,
        reportAt: this,
      });
      this.chunkResources.push(resource);
      // One chunk after another: Connect's rate is the account's, and chunks running at once would share it and throttle.
      if (previous) resource.resource.node.addDependency(previous);
      previous = resource.resource;
      this.grant(resource, home.region, home.account, instanceId);
    }
  }

  /**
   * Sets what happens to the associations on delete and replacement, as the `removalPolicy` prop does: `RETAIN` or
   * `DESTROY`, for every chunk; other policies are rejected. When CloudFormation's own DeletionPolicy or
   * UpdateReplacePolicy (set by `RemovalPolicies.of()` or on an L1 resource) disagrees, synthesis warns and RETAIN wins.
   */
  public applyRemovalPolicy(policy: RemovalPolicy): void {
    for (const resource of this.chunkResources) resource.applyRemovalPolicy(policy);
  }

  /** The users of each non-empty chunk, by chunk: a literal by its ID, a token by its template form. */
  private chunksOf(users: readonly string[]): Array<[number, string[]]> {
    const stack = Stack.of(this);
    const byChunk = new Map<number, string[]>();
    for (const user of users) {
      const literal = !Token.isUnresolved(user);
      const chunk = chunkOf(literal ? userIdOf(user) : JSON.stringify(stack.resolve(user)));
      // A literal ARN is sent as its ID: the API takes either, and the template stays smaller.
      byChunk.set(chunk, [...byChunk.get(chunk) ?? [], literal ? userIdOf(user) : user]);
    }
    const chunks = [...byChunk].sort(([a], [b]) => a - b);
    const full = chunks.find(([, u]) => u.length > MAX_USERS_PER_CHUNK);
    if (full) {
      throwIfInvalid(this, [{
        path: 'UserIds',
        rule: `at most ${MAX_USERS_PER_CHUNK} users may fall into one of the ${CHUNKS} chunks (by a digest of each user's ID), `
          + `about 12,000 users in all; chunk ${full[0]} would hold ${full[1].length} of ${users.length}`,
      }]);
    }
    return chunks;
  }

  private grant(resource: KindResource<typeof TRAFFIC_DISTRIBUTION_GROUP_USERS, any>, region: string, account: string, instanceId: string): void {
    const arn = (type: string, name: string) => Stack.of(this).formatArn({
      service: 'connect', region, account, resource: type, resourceName: name, arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });
    const users = arn('instance', `${instanceId}/agent/*`);
    const usersReason = 'The users of this one instance: a stack may associate thousands of them, more than one role\'s policy can list, '
      + 'and only the association actions (and DescribeUser, which the Service Authorization Reference lists as their dependency).';
    const association = ['connect:AssociateTrafficDistributionGroupUser', 'connect:DisassociateTrafficDistributionGroupUser'];
    resource.grant({ actions: association, resourceArn: this.trafficDistributionGroupArn, typeWideArn: arn('traffic-distribution-group', '*') });
    resource.grant({ actions: [...association, 'connect:SearchUsers'], resourceArn: arn('instance', instanceId), typeWideArn: arn('instance', '*') });
    resource.grant({ actions: [...association, 'connect:DescribeUser'], resourceArn: users, typeWideArn: arn('instance', '*/agent/*'), wildcardReason: usersReason });
    // What a DESTROY Delete calls, on the types in the group's account and Region: CloudFormation runs it in its
    // cleanup phase, after this chunk's ARNs may have left the policy (lambda/core/stack-record.ts confirms each one).
    for (const typeWideArn of [arn('traffic-distribution-group', '*'), arn('instance', '*'), arn('instance', '*/agent/*')]) {
      resource.grantOnType({ actions: ['connect:DisassociateTrafficDistributionGroupUser'], typeWideArn });
    }
  }
}

/**
 * A stateful fake of Amazon Connect instances and their replicas (Global Resiliency), behind the model-checking
 * endpoint, in every Region. It keeps what the Administrator Guide and the API reference document:
 * - ReplicateInstance is called in the source instance's Region and creates the replica, with the same instance
 *   ID, in the replica Region; it fails with InvalidRequestException when the replica Region is the source's, when
 *   the instance is already replicated, or when the alias is taken; a repeated ClientToken answers the first result;
 * - the replication progresses over time: DescribeInstance's ReplicationConfiguration reports
 *   INSTANCE_REPLICATION_IN_PROGRESS until it completes (or fails, with a reason), in the source and replica Regions;
 * - the default traffic distribution group appears, in the source Region, once the replica is complete;
 * - DeleteInstance of the replica, in the replica Region, reports INSTANCE_REPLICA_DELETING, then the replica and
 *   its default group are gone (ResourceNotFoundException); the source cannot be deleted while it has a replica.
 */
import { createHash } from 'crypto';
import { TrafficDistributionGroups } from './traffic-distribution-groups';
import { OperationFake, ServiceError } from '../aws-endpoint';

const ACCOUNT = '123456789012';

export interface Instance {
  readonly id: string;
  readonly region: string;
  readonly alias: string;
  /** The Region of the source, when this instance is a replica. */
  readonly sourceRegion?: string;
}

/** One source instance's replication to one Region. */
export interface Replication {
  readonly sourceRegion: string;
  readonly replicaRegion: string;
  readonly id: string;
  readonly completesAt: number;
  /** The reason it fails with once it would have completed; undefined: it completes. */
  readonly failure?: string;
  deleting?: { readonly doneAt: number; readonly failure?: string };
  /** DescribeInstance calls that observed it, for tests of a wait across invocations. */
  describes: number;
}

export class ConnectInstances {
  public readonly instances = new Map<string, Instance>();
  public readonly replications = new Map<string, Replication>();
  /** How long a replication takes, and a replica's deletion (milliseconds). */
  public replicationMs = 0;
  public deletionMs = 0;
  /** How long the default group stays CREATION_IN_PROGRESS once the replica is complete. */
  public defaultGroupCreationMs = 0;
  /** The next replication fails with this reason (one shot). */
  public failNextReplication?: string;
  /** The next deletion fails with this reason (one shot). */
  public failNextDeletion?: string;
  private readonly tokens = new Map<string, { Id: string; Arn: string }>();

  constructor(private readonly groups: TrafficDistributionGroups) {}

  public reset(): void {
    this.instances.clear();
    this.replications.clear();
    this.tokens.clear();
    this.replicationMs = 0;
    this.deletionMs = 0;
    this.defaultGroupCreationMs = 0;
    this.failNextReplication = undefined;
    this.failNextDeletion = undefined;
  }

  public addInstance(id: string, region = 'us-east-1', alias = `acme-${id.slice(0, 8)}`): Instance {
    const instance = { id, region, alias };
    this.instances.set(key(region, id), instance);
    return instance;
  }

  /** The replication of a source instance, once time has moved it on; undefined when there is none. */
  public replicationOf(id: string): Replication | undefined {
    this.settle();
    return [...this.replications.values()].find((r) => r.id === id);
  }

  public statusOf(r: Replication): string {
    const now = Date.now();
    if (r.deleting) return now < r.deleting.doneAt || !r.deleting.failure ? 'INSTANCE_REPLICA_DELETING' : 'INSTANCE_REPLICATION_DELETION_FAILED';
    if (now < r.completesAt) return 'INSTANCE_REPLICATION_IN_PROGRESS';
    return r.failure ? 'INSTANCE_REPLICATION_FAILED' : 'INSTANCE_REPLICATION_COMPLETE';
  }

  /** The default group Amazon Connect creates with a replica: a stable ID per instance. */
  public defaultGroupIdOf(id: string): string {
    const h = createHash('sha256').update(`default-group:${id}`).digest('hex');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
  }

  /** The global sign-in endpoint of a replicated instance (the fake's own shape: the guide gives none). */
  public signInEndpointOf(sourceRegion: string, id: string): string {
    return `https://${this.instances.get(key(sourceRegion, id))?.alias ?? 'instance'}.my.connect.aws/global-sign-in`;
  }

  /** Removes a replica behind the stack's back: the instance and its default group are gone. */
  public removeReplica(id: string): void {
    const r = [...this.replications.values()].find((x) => x.id === id);
    if (!r) return;
    this.instances.delete(key(r.replicaRegion, id));
    this.replications.delete(key(r.sourceRegion, id));
    this.groups.groups.delete(this.defaultGroupIdOf(id));
  }

  public get fakes(): Record<string, OperationFake> {
    return {
      ReplicateInstance: (input, { region }) => {
        this.settle();
        const id = this.idIn(input.InstanceId, region);
        const source = this.find(region, id);
        const repeat = input.ClientToken && this.tokens.get(input.ClientToken);
        if (repeat) return repeat;
        if (input.ReplicaRegion === region) throw new ServiceError('InvalidRequestException', 'The replica Region must differ from the Region of the instance');
        if (source.sourceRegion) throw new ServiceError('InvalidRequestException', 'A replica cannot be replicated');
        if (this.replications.has(key(region, id))) throw new ServiceError('InvalidRequestException', `Instance ${id} was already replicated by another ReplicateInstance call`);
        if ([...this.instances.values()].some((i) => i.alias === input.ReplicaAlias)) throw new ServiceError('InvalidRequestException', 'The ReplicaAlias must be unique');
        this.replications.set(key(region, id), {
          sourceRegion: region,
          replicaRegion: input.ReplicaRegion,
          id,
          completesAt: Date.now() + this.replicationMs,
          failure: this.failNextReplication,
          describes: 0,
        });
        this.failNextReplication = undefined;
        this.instances.set(key(input.ReplicaRegion, id), { id, region: input.ReplicaRegion, alias: input.ReplicaAlias, sourceRegion: region });
        const answer = { Id: id, Arn: arnOf(input.ReplicaRegion, id) };
        if (input.ClientToken) this.tokens.set(input.ClientToken, answer);
        return answer;
      },
      DescribeInstance: (input, { region }) => {
        this.settle();
        const instance = this.find(region, input.InstanceId);
        const r = this.replications.get(key(instance.sourceRegion ?? region, instance.id));
        if (r) r.describes++;
        const status = r && this.statusOf(r);
        return {
          Instance: {
            Id: instance.id,
            Arn: arnOf(region, instance.id),
            InstanceAlias: instance.alias,
            IdentityManagementType: 'CONNECT_MANAGED',
            InstanceStatus: instance.sourceRegion && status === 'INSTANCE_REPLICATION_IN_PROGRESS' ? 'CREATION_IN_PROGRESS' : 'ACTIVE',
            CreatedTime: new Date(0),
            InboundCallsEnabled: true,
            OutboundCallsEnabled: true,
          },
          ReplicationConfiguration: r && {
            SourceRegion: r.sourceRegion,
            GlobalSignInEndpoint: this.signInEndpointOf(r.sourceRegion, r.id),
            ReplicationStatusSummaryList: [{
              Region: r.replicaRegion,
              ReplicationStatus: status,
              ReplicationStatusReason: status === 'INSTANCE_REPLICATION_FAILED' ? r.failure
                : status === 'INSTANCE_REPLICATION_DELETION_FAILED' ? r.deleting?.failure : undefined,
            }],
          },
        };
      },
      DeleteInstance: (input, { region }) => {
        this.settle();
        const instance = this.find(region, input.InstanceId);
        if (!instance.sourceRegion) {
          if (this.replications.has(key(region, instance.id))) throw new ServiceError('InvalidRequestException', 'Delete the replica of this instance first');
          this.instances.delete(key(region, instance.id));
          return {};
        }
        const r = this.replications.get(key(instance.sourceRegion, instance.id))!;
        r.deleting ??= { doneAt: Date.now() + this.deletionMs, failure: this.failNextDeletion };
        this.failNextDeletion = undefined;
        this.settle();
        return {};
      },
      ListTrafficDistributionGroups: (input, { region }) => {
        this.settle();
        const id = input.InstanceId && String(input.InstanceId).split('/').pop();
        const all = [...this.groups.groups.values()].filter((g) => g.arn.split(':')[3] === region && (!id || g.instanceArn?.endsWith(`/${id}`)));
        const from = Number(input.NextToken ?? 0);
        const page = all.slice(from, from + (input.MaxResults ?? 10));
        return {
          TrafficDistributionGroupSummaryList: page.map((g) => ({
            Id: g.id, Arn: g.arn, Name: g.name, InstanceArn: g.instanceArn, Status: g.status, IsDefault: g.isDefault,
          })),
          NextToken: from + page.length < all.length ? String(from + page.length) : undefined,
        };
      },
    };
  }

  /** Moves time on: a completed replica gets its default group; a deleted one goes, with its group. */
  private settle(): void {
    for (const r of [...this.replications.values()]) {
      const status = this.statusOf(r);
      const groupId = this.defaultGroupIdOf(r.id);
      if (status === 'INSTANCE_REPLICATION_COMPLETE' && !this.groups.groups.has(groupId)) {
        this.groups.add(groupId, {
          region: r.sourceRegion,
          isDefault: true,
          instanceArn: arnOf(r.sourceRegion, r.id),
          replicaRegion: r.replicaRegion,
          status: this.defaultGroupCreationMs > 0 ? 'CREATION_IN_PROGRESS' : 'ACTIVE',
        });
      }
      const group = this.groups.groups.get(groupId);
      if (group?.status === 'CREATION_IN_PROGRESS' && Date.now() >= r.completesAt + this.defaultGroupCreationMs) group.status = 'ACTIVE';
      if (r.deleting && Date.now() >= r.deleting.doneAt && !r.deleting.failure) this.removeReplica(r.id);
    }
  }

  private idIn(idOrArn: string, region: string): string {
    const parts = String(idOrArn).split(':');
    if (parts.length > 1 && parts[3] !== region) throw new ServiceError('ResourceNotFoundException', `Instance ${idOrArn} is not in ${region}`);
    return String(idOrArn).split('/').pop()!;
  }

  private find(region: string, id: string): Instance {
    const instance = this.instances.get(key(region, id));
    if (!instance) throw new ServiceError('ResourceNotFoundException', `Instance ${id} not found in ${region}`);
    return instance;
  }
}

const key = (region: string, id: string) => `${region}/${id}`;
const arnOf = (region: string, id: string) => `arn:aws:connect:${region}:${ACCOUNT}:instance/${id}`;

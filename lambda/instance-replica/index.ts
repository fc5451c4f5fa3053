/**
 * InstanceReplica handler: ReplicateInstance on Create (in the source instance's Region), then a long wait
 * (lambda/core/continuation.ts) until DescribeInstance reports the replica complete and the default traffic
 * distribution group exists; with DESTROY, DeleteInstance in the replica Region, then a wait until it is gone.
 *
 * Exactly once: only the first invocation of a Create calls ReplicateInstance; every continuation only looks.
 * Its ClientToken is derived from the stack, the logical ID, CloudFormation's RequestId and the replica's
 * properties: every retry of that call, and a repeat of the same request, carry the same token.
 */
import { createHash } from 'crypto';
import {
  ConnectClient, DeleteInstanceCommand, DescribeInstanceCommand, DescribeInstanceCommandOutput, ListTrafficDistributionGroupsCommand,
  ReplicateInstanceCommand, TrafficDistributionGroupSummary,
} from '@aws-sdk/client-connect';
import {
  aliasDigest, groupArnOf, INSTANCE_REPLICA, InstanceReplicaProperties, parseInstanceArn, parseReplicaPhysicalId, replicaArnOf,
  replicaPhysicalId, undocumentedPairWarning,
} from '../../src/private/rules/instance-replica';
import { ApiError, CfnEvent, customResourceHandler, HandlerContext, HandlerError, log, Pending, pending, perRegion } from '../core';
import { selfInvoke } from '../core/self-invoke';

type Props = InstanceReplicaProperties;
type Phase = { readonly phase: 'replicating' | 'deleting' };

const REPLICATING = 'INSTANCE_REPLICATION_IN_PROGRESS';
/** ListTrafficDistributionGroups gives 10 groups a page; an instance has a handful. */
const MAX_GROUP_PAGES = 50;

/** One client per Region: the source instance's Region for ReplicateInstance, the replica's for DeleteInstance. */
const connectIn = perRegion((config) => new ConnectClient(config));

export const handler = customResourceHandler(INSTANCE_REPLICA, {
  onCreate: (p, ctx) => replicate(p, ctx),

  async onUpdate(p, _old, physicalId, ctx) {
    if (isReplicaOf(physicalId, p)) {
      log('info', 'the replica is unchanged: nothing to call', { physicalResourceId: physicalId });
      return outcome(p, physicalId);
    }
    // Another instance, Region or alias is another replica: CloudFormation then deletes the old one under its removal policy.
    return replicate(p, ctx);
  },

  async onDestroy(_p, physicalId, ctx) {
    const replica = parseReplicaPhysicalId(physicalId);
    if (!replica) {
      log('warn', 'the physical ID names no replica this resource created: nothing to delete', { physicalId });
      return;
    }
    const { region, id } = parseInstanceArn(replica.replicaArn)!;
    const found = await describe(region, id, ctx);
    if (!found || aliasDigest(found.Instance?.InstanceAlias ?? '') !== replica.aliasDigest) {
      log('info', 'the replica this resource created is gone (another one may stand in its place): nothing to delete', { replicaRegion: region });
      return;
    }
    await ctx.call('DeleteInstance', (abortSignal) => connectIn(region).send(new DeleteInstanceCommand({
      InstanceId: id, ClientToken: tokenOf(ctx.event, physicalId),
    }), { abortSignal }));
    return pending<Phase>(physicalId, 'INSTANCE_REPLICA_DELETING', { phase: 'deleting' });
  },

  check: (p, waiting, ctx) => ((waiting.state as Phase).phase === 'deleting' ? deleted(waiting, ctx) : replicated(p, waiting, ctx)),

  // A replica (or its source) that is already gone is what DESTROY asked for.
  alreadyGone: { DeleteInstance: ['ResourceNotFoundException'] },
}, { continuer: selfInvoke() });

/**
 * Starts the replica, or adopts the one already there with the same alias (a Create after a RETAIN rollback, or a
 * repeated Create). One with another alias is refused before anything changes: Amazon Connect keeps one replica per
 * Region and cannot rename it.
 */
async function replicate(p: Props, ctx: HandlerContext): Promise<Pending> {
  const source = parseInstanceArn(p.Instance)!;
  const warning = undocumentedPairWarning(source.region, p.ReplicaRegion);
  if (warning) log('warn', warning);
  const provisional = replicaPhysicalId({ replicaArn: replicaArnOf(p.Instance, p.ReplicaRegion), aliasDigest: aliasDigest(p.ReplicaAlias) });
  const existing = await describe(p.ReplicaRegion, source.id, ctx);
  if (existing) {
    if (aliasDigest(existing.Instance?.InstanceAlias ?? '') !== aliasDigest(p.ReplicaAlias)) {
      throw new HandlerError(`replicaRegion: ${p.ReplicaRegion} already holds a replica of ${source.id} with another alias, and Amazon Connect keeps `
        + 'one replica per Region and cannot rename it; that replica was left as it is. To change the alias, deploy once without this '
        + 'InstanceReplica (with RemovalPolicy.DESTROY), then again with the new alias');
    }
    log('info', 'a replica with this alias already exists: adopting it, not replicating again', { replicaRegion: p.ReplicaRegion });
  } else {
    await ctx.call('ReplicateInstance', (abortSignal) => connectIn(source.region).send(new ReplicateInstanceCommand({
      InstanceId: p.Instance, ReplicaRegion: p.ReplicaRegion, ReplicaAlias: p.ReplicaAlias, ClientToken: clientTokenOf(ctx.event, p),
    }), { abortSignal }));
    log('info', 'replication started', { sourceRegion: source.region, replicaRegion: p.ReplicaRegion });
  }
  return pending<Phase>(provisional, REPLICATING, { phase: 'replicating' });
}

/**
 * Read: DescribeInstance in the source Region. Why: its ReplicationConfiguration holds the replica's status, the
 * service's reason when it failed, and the global sign-in endpoint. Then the default group (see defaultGroupOf).
 */
async function replicated(p: Props, waiting: Pending, ctx: HandlerContext) {
  const source = parseInstanceArn(p.Instance)!;
  const described = await describe(source.region, source.id, ctx);
  if (!described) throw new HandlerError(`DescribeInstance: the source instance ${source.id} no longer exists in ${source.region}`);
  const config = described.ReplicationConfiguration;
  const summary = config?.ReplicationStatusSummaryList?.find((s) => s.Region === p.ReplicaRegion);
  const status = summary?.ReplicationStatus;
  switch (status) {
    case 'INSTANCE_REPLICATION_COMPLETE':
      break;
    case 'INSTANCE_REPLICATION_FAILED':
    case 'INSTANCE_REPLICA_DELETING':
    case 'INSTANCE_REPLICATION_DELETION_FAILED':
      // An ApiError, so that the core masks the alias wherever the service's reason repeats it.
      throw new ApiError('ReplicateInstance', status, undefined, `ReplicateInstance failed: ${status}: ${summary?.ReplicationStatusReason || 'the service gave no reason'}`);
    default:
      return pending(waiting.physicalId, status ?? 'waiting for the replication to show in DescribeInstance', waiting.state);
  }
  const group = await defaultGroupOf(p, ctx);
  if (group?.Status !== 'ACTIVE' || !group.Id) {
    return pending(waiting.physicalId, `waiting for the default traffic distribution group (${group?.Status ?? 'not there yet'})`, waiting.state);
  }
  const physicalId = replicaPhysicalId({
    replicaArn: replicaArnOf(p.Instance, p.ReplicaRegion),
    aliasDigest: aliasDigest(p.ReplicaAlias),
    groupId: group.Id,
    signInEndpoint: config?.GlobalSignInEndpoint,
  });
  log('info', 'replica complete', { replicaRegion: p.ReplicaRegion, defaultGroup: group.Id });
  return outcome(p, physicalId);
}

/**
 * Read: ListTrafficDistributionGroups in the source Region, for the source instance. Why: Amazon Connect creates
 * the default group with the replica, and it is the only group that takes a sign-in distribution.
 */
async function defaultGroupOf(p: Props, ctx: HandlerContext): Promise<TrafficDistributionGroupSummary | undefined> {
  const client = connectIn(parseInstanceArn(p.Instance)!.region);
  let nextToken: string | undefined;
  for (let page = 0; page < MAX_GROUP_PAGES; page++) {
    const answer = await ctx.call('ListTrafficDistributionGroups', (abortSignal) => client.send(new ListTrafficDistributionGroupsCommand({
      InstanceId: p.Instance, MaxResults: 10, NextToken: nextToken,
    }), { abortSignal }));
    const found = answer.TrafficDistributionGroupSummaryList?.find((g) => g.IsDefault);
    if (found || !answer.NextToken) return found;
    nextToken = answer.NextToken;
  }
  return undefined;
}

/**
 * Read: DescribeInstance in the replica Region. Why: the delete is done once the replica is gone
 * (ResourceNotFoundException), and failed when its replication status says so.
 */
async function deleted(waiting: Pending, ctx: HandlerContext) {
  const { region, id } = parseInstanceArn(parseReplicaPhysicalId(waiting.physicalId)!.replicaArn)!;
  const found = await describe(region, id, ctx);
  if (!found) return { physicalId: waiting.physicalId };
  const summary = found.ReplicationConfiguration?.ReplicationStatusSummaryList?.find((s) => s.Region === region);
  if (summary?.ReplicationStatus === 'INSTANCE_REPLICATION_DELETION_FAILED') {
    throw new ApiError('DeleteInstance', summary.ReplicationStatus, undefined,
      `DeleteInstance failed: ${summary.ReplicationStatus}: ${summary.ReplicationStatusReason || 'the service gave no reason'}`);
  }
  return pending(waiting.physicalId, summary?.ReplicationStatus ?? 'INSTANCE_REPLICA_DELETING', waiting.state);
}

/**
 * Read: DescribeInstance of one instance in one Region; undefined when it is not there. Why: see each caller
 * (the replica before creating or deleting it, the source while replicating).
 */
async function describe(region: string, instanceId: string, ctx: HandlerContext): Promise<DescribeInstanceCommandOutput | undefined> {
  try {
    return await ctx.call('DescribeInstance', (abortSignal) => connectIn(region).send(new DescribeInstanceCommand({ InstanceId: instanceId }), { abortSignal }));
  } catch (err) {
    if (err instanceof ApiError && err.code === 'ResourceNotFoundException') return undefined;
    throw err;
  }
}

function isReplicaOf(physicalId: string, p: Props): boolean {
  const r = parseReplicaPhysicalId(physicalId);
  return !!r?.groupId && r.replicaArn === replicaArnOf(p.Instance, p.ReplicaRegion) && r.aliasDigest === aliasDigest(p.ReplicaAlias);
}

/** Every attribute from the physical ID: an update that changes only the removal policy answers them without calling anything. */
function outcome(p: Props, physicalId: string) {
  const r = parseReplicaPhysicalId(physicalId)!;
  return {
    physicalId,
    attributes: {
      ReplicaInstanceArn: r.replicaArn,
      DefaultTrafficDistributionGroupArn: r.groupId ? groupArnOf(p.Instance, r.groupId) : undefined,
      GlobalSignInEndpoint: r.signInEndpoint,
    },
  };
}

/** The same for every retry of one Create (or replacing Update) request, and for a repeat of it; at most 500 characters. */
export function clientTokenOf(event: Pick<CfnEvent, 'StackId' | 'LogicalResourceId' | 'RequestId'>, p: Props): string {
  return tokenOf(event, p.Instance, p.ReplicaRegion, p.ReplicaAlias);
}

/** A digest of the request's identity and what it acts on: one idempotency token per CloudFormation request. */
function tokenOf(event: Pick<CfnEvent, 'StackId' | 'LogicalResourceId' | 'RequestId'>, ...what: string[]): string {
  return createHash('sha256').update(JSON.stringify([event.StackId, event.LogicalResourceId, event.RequestId, ...what])).digest('hex');
}

/**
 * TrafficDistributionGroupUsers handler: one chunk of a traffic distribution group's users. Create associates every
 * user of the chunk; Update disassociates the removed users, then associates the added ones, and calls nothing for
 * the rest; with DESTROY, Delete disassociates them all. The calls go to the group's own Region (the API can be
 * called only there), whatever the stack's Region, paced to the property's rate.
 *
 * A user who is already associated counts as associated; a user (or group) that is gone counts as disassociated.
 */
import {
  AssociateTrafficDistributionGroupUserCommand, ConnectClient, DisassociateTrafficDistributionGroupUserCommand,
} from '@aws-sdk/client-connect';
import { homeRegionOf } from '../../src/private/rules/traffic-distribution';
import {
  DEFAULT_REQUESTS_PER_SECOND, TRAFFIC_DISTRIBUTION_GROUP_USERS, TrafficDistributionGroupUsersProperties, userIdOf, usersPhysicalId,
} from '../../src/private/rules/traffic-distribution-group-users';
import { ApiError, customResourceHandler, errorCodeOf, HandlerContext, HandlerError, log, pacer, perRegion } from '../core';

type Props = TrafficDistributionGroupUsersProperties;

/** The group's own Region: the only one where its users can be associated. */
const connectIn = perRegion((config) => new ConnectClient(config));

export const handler = customResourceHandler(TRAFFIC_DISTRIBUTION_GROUP_USERS, {
  async onCreate(p, ctx) {
    await change(p, [], p.UserIds, ctx);
    return { physicalId: usersPhysicalId(p) };
  },

  async onUpdate(p, old, physicalId, ctx) {
    // Another group, instance or chunk is a new set of associations: CloudFormation then deletes the old one under its
    // removal policy. Old properties that no longer decode: every user is associated again (idempotent).
    const before = old && physicalId === usersPhysicalId(p) ? old.UserIds : [];
    await change(p, before, p.UserIds, ctx);
    return { physicalId: usersPhysicalId(p) };
  },

  async onDestroy(p, physicalId, ctx) {
    if (physicalId !== usersPhysicalId(p)) {
      log('warn', 'the physical ID names no association set of these properties: nothing to disassociate', { physicalId });
      return;
    }
    await change(p, p.UserIds, [], ctx);
  },
});

/** Disassociates the users of `before` not in `after`, then associates those of `after` not in `before`. */
async function change(p: Props, before: readonly string[], after: readonly string[], ctx: HandlerContext): Promise<void> {
  const removed = minus(before, after);
  const added = minus(after, before);
  if (removed.length + added.length === 0) {
    log('info', 'no user changed: nothing to call');
    return;
  }
  const client = connectIn(homeRegionOf(p.TrafficDistributionGroup)!);
  const pace = pacer(p.RequestsPerSecond ?? DEFAULT_REQUESTS_PER_SECOND);
  const counts = { associated: 0, alreadyAssociated: 0, disassociated: 0, alreadyGone: 0 };
  const ids = { TrafficDistributionGroupId: p.TrafficDistributionGroup, InstanceId: p.InstanceId };
  try {
    for (const user of removed) {
      await pace();
      try {
        await ctx.call('DisassociateTrafficDistributionGroupUser', (abortSignal) => client.send(
          new DisassociateTrafficDistributionGroupUserCommand({ ...ids, UserId: user }), { abortSignal }));
        counts.disassociated++;
      } catch (err) {
        // The user, or the group, is gone: the user is not associated any more, which is what was asked.
        if (!(err instanceof ApiError && err.code === 'ResourceNotFoundException')) throw err;
        counts.alreadyGone++;
      }
    }
    for (const user of added) {
      await pace();
      const answer = await ctx.call('AssociateTrafficDistributionGroupUser', async (abortSignal) => {
        try {
          await client.send(new AssociateTrafficDistributionGroupUserCommand({ ...ids, UserId: user }), { abortSignal });
          return 'associated' as const;
        } catch (err) {
          // Decided before the core's retries: a conflict that says the user is a member already is not worth another try.
          if (isAlreadyAssociated(err)) return 'already' as const;
          throw err;
        }
      });
      counts[answer === 'already' ? 'alreadyAssociated' : 'associated']++;
    }
  } catch (err) {
    throw withProgress(err, counts, removed.length + added.length);
  }
  log('info', 'users changed', counts);
}

/** The users of `a` that `b` lacks, comparing IDs: an ID and an ARN of one user are one user. */
function minus(a: readonly string[], b: readonly string[]): string[] {
  const keep = new Set(b.map(userIdOf));
  return a.filter((u) => !keep.has(userIdOf(u)));
}

/**
 * The API reference does not say what Associate answers for a user who is a member already: success, or a
 * conflict that says so. Both count as associated; any other conflict (an update in progress) is retried.
 */
function isAlreadyAssociated(err: unknown): boolean {
  return ['ResourceConflictException', 'InvalidRequestException'].includes(errorCodeOf(err)) && /already/i.test((err as Error)?.message ?? '');
}

/** The failure, with how far the chunk got: deploying again resumes, since associating and disassociating are idempotent here. */
function withProgress(err: unknown, counts: Record<string, number>, total: number): unknown {
  const done = Object.values(counts).reduce((a, b) => a + b, 0);
  if (done === 0) return err;
  const note = ` (${done} of ${total} changes of this chunk made; deploying again resumes)`;
  if (err instanceof ApiError) return new ApiError(err.operation, err.code, err.httpStatus, err.message + note);
  if (err instanceof HandlerError) return new HandlerError(err.message + note);
  return err;
}

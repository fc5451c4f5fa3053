/**
 * TrafficDistribution handler: Amazon Connect UpdateTrafficDistribution on Create, Update and,
 * with DESTROY, on Delete. The physical ID is the group's ARN, so a new group means replacement.
 */
import {
  ConnectClient, DescribeTrafficDistributionGroupCommand, TrafficDistributionGroup, UpdateTrafficDistributionCommand,
} from '@aws-sdk/client-connect';
import { destroyedConfigs, homeRegionOf, TRAFFIC_DISTRIBUTION, TrafficDistributionProperties } from '../../src/private/rules/traffic-distribution';
import { backoffMs, customResourceHandler, HandlerContext, HandlerError, log, sdkConfig, sleep } from '../core';

const connect = new ConnectClient(sdkConfig());

type Configs = Pick<TrafficDistributionProperties, 'TelephonyConfig' | 'AgentConfig' | 'SignInConfig'>;

export const handler = customResourceHandler(TRAFFIC_DISTRIBUTION, {
  async onCreate(p, ctx) {
    await distribute(p.TrafficDistributionGroup, configsOf(p), ctx);
    return outcome(p);
  },

  async onUpdate(p, old, physicalId, ctx) {
    // A resource deployed when the construct wrote the ARN out gets an Update to the bare ID: the same group (the
    // core gives the ARN either way, TRAFFIC_DISTRIBUTION.inStack), the same physical ID, and no call when the
    // configs did not change.
    const sameGroup = physicalId === p.TrafficDistributionGroup;
    if (sameGroup && old && JSON.stringify(configsOf(old)) === JSON.stringify(configsOf(p))) {
      log('info', 'no distribution change: nothing to call');
    } else {
      // A different group is a replacement: CloudFormation then deletes the old one under its removal policy.
      await distribute(p.TrafficDistributionGroup, configsOf(p), ctx);
    }
    return outcome(p);
  },

  async onDestroy(p, physicalId, ctx) {
    if (!homeRegionOf(physicalId)) {
      // Every physical ID this resource answers is a group ARN: any other one names no group it distributed.
      log('warn', 'the physical ID is not a traffic distribution group ARN: nothing to restore', { physicalId });
      return;
    }
    const reset = destroyedConfigs({ ...p, TrafficDistributionGroup: physicalId });
    if (!reset.TelephonyConfig && !reset.AgentConfig) {
      log('info', 'this resource distributed sign-in only, which DESTROY leaves as it is: nothing to reset');
      return;
    }
    await distribute(physicalId, reset, ctx);
  },
  // A group that no longer exists carries no traffic to restore.
  alreadyGone: { DescribeTrafficDistributionGroup: ['ResourceNotFoundException'], UpdateTrafficDistribution: ['ResourceNotFoundException'] },
});

function configsOf(p: Configs): Configs {
  return { TelephonyConfig: p.TelephonyConfig, AgentConfig: p.AgentConfig, SignInConfig: p.SignInConfig };
}

function outcome(p: TrafficDistributionProperties) {
  return { physicalId: p.TrafficDistributionGroup };
}

async function distribute(groupArn: string, configs: Configs, ctx: HandlerContext): Promise<void> {
  const group = await whenActive(groupArn, ctx);
  if (configs.SignInConfig && !group.IsDefault) {
    throw new HandlerError('signInConfig: sign-in distribution can only be changed on the default traffic distribution group '
      + `(the one Amazon Connect creates when the instance is replicated), and ${groupArn} is not the default group; remove signInConfig or target the default group`);
  }
  await ctx.call('UpdateTrafficDistribution', (abortSignal) => connect.send(new UpdateTrafficDistributionCommand({
    Id: groupArn, ...configs,
  }), { abortSignal }));
}

/**
 * Read: DescribeTrafficDistributionGroup. Why: the service refuses a new distribution while an earlier one
 * is still being applied (UPDATE_IN_PROGRESS, or 409), and only the default group accepts SignInConfig.
 */
async function whenActive(groupArn: string, ctx: HandlerContext): Promise<TrafficDistributionGroup> {
  for (let attempt = 1; ; attempt++) {
    const { TrafficDistributionGroup: group } = await ctx.call('DescribeTrafficDistributionGroup', (abortSignal) =>
      connect.send(new DescribeTrafficDistributionGroupCommand({ TrafficDistributionGroupId: groupArn }), { abortSignal }));
    const status = group?.Status;
    if (status === 'ACTIVE') return group!;
    if (status !== 'UPDATE_IN_PROGRESS' && status !== 'CREATION_IN_PROGRESS') {
      throw new HandlerError(`DescribeTrafficDistributionGroup: the group ${groupArn} is ${status ?? 'in an unknown state'}; it must be ACTIVE to take a distribution`);
    }
    const delay = backoffMs(attempt + 1);
    if (delay >= ctx.deadline.remainingMs) throw new HandlerError(`DescribeTrafficDistributionGroup: the group ${groupArn} stayed ${status} until the handler's deadline`);
    log('info', 'waiting for the group to become ACTIVE', { status, attempt, delayMs: delay });
    await sleep(delay);
  }
}

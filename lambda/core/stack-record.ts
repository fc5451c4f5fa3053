/**
 * The check that keeps a handler from being a confused deputy. Some of its permissions name a whole resource type
 * (a Delete in CloudFormation's cleanup phase runs after the role's policy has lost the instance's own ARN; see
 * docs/security.md), so before it changes anything the handler asks CloudFormation's own record of its own stack
 * whether CloudFormation is making this very request now: this logical ID, of this resource type, with this physical
 * ID, in progress for this request type. The role may read the record of its own stack only. A request that anyone
 * else sends, for a resource this stack does not hold, or at a time CloudFormation is not asking, is refused before
 * any API call.
 */
import {
  CloudFormationClient, DescribeStackEventsCommand, DescribeStackResourceCommand, DescribeStacksCommand, StackEvent, StackResourceDetail,
} from '@aws-sdk/client-cloudformation';
import { CfnEvent } from './cfn-response';
import { ApiError, HandlerError } from './errors';
import { log } from './log';
import { backoffMs, Deadline, sleep } from './retry';
import { sdkConfig } from './sdk-config';

const cloudformation = new CloudFormationClient(sdkConfig());

/** CloudFormation records the request before it invokes the handler; a read may lag a moment behind. */
const ATTEMPTS = 3;
/** The newest events hold the one CloudFormation is waiting on; older pages are history. */
const MAX_EVENT_PAGES = 20;

type Call = <T>(operation: string, send: (abortSignal: AbortSignal) => Promise<T>) => Promise<T>;
type Request = Pick<CfnEvent, 'RequestType' | 'StackId' | 'LogicalResourceId' | 'PhysicalResourceId'>;

/** Resolves when CloudFormation's record shows it making this request now; throws the refusal otherwise. */
export async function confirmWithCloudFormation(event: Request, resourceType: string, call: Call, deadline: Deadline): Promise<void> {
  const expected = `${event.RequestType.toUpperCase()}_IN_PROGRESS`;
  let seen = 'no record of the resource';
  for (let attempt = 1; ; attempt++) {
    const detail = await describeResource(event, call);
    if (detail) {
      if (detail.ResourceType !== resourceType) throw refusal(event, `a resource of type ${detail.ResourceType}`);
      const same = event.RequestType === 'Create' || detail.PhysicalResourceId === event.PhysicalResourceId;
      if (same && detail.ResourceStatus === expected) return;
      seen = `${detail.ResourceStatus}${detail.PhysicalResourceId ? ` for ${detail.PhysicalResourceId}` : ''}`;
    }
    // The Delete of a physical resource the stack no longer points to (the old side of a replacement, or what a
    // rolled-back update made): only the events name it, and the newest of its events must be this Delete's start.
    if (event.RequestType === 'Delete' && detail?.PhysicalResourceId !== event.PhysicalResourceId) {
      const latest = await latestEventOf(event, call);
      if (latest?.ResourceStatus === expected && latest.ResourceType === resourceType) return;
      if (latest) seen = `${latest.ResourceStatus} as the latest event of ${event.PhysicalResourceId}`;
    }
    const delay = backoffMs(attempt);
    if (attempt >= ATTEMPTS || delay >= deadline.remainingMs) throw refusal(event, seen);
    log('info', 'CloudFormation\'s record does not show the request yet; reading it again', { seen, delayMs: delay });
    await sleep(delay);
  }
}

async function describeResource(event: Request, call: Call): Promise<StackResourceDetail | undefined> {
  try {
    const { StackResourceDetail: detail } = await call('DescribeStackResource', (abortSignal) => cloudformation.send(new DescribeStackResourceCommand({
      StackName: event.StackId, LogicalResourceId: event.LogicalResourceId,
    }), { abortSignal }));
    return detail;
  } catch (err) {
    // "Resource ... does not exist for stack ...": nothing of that name in the stack (any more).
    if (err instanceof ApiError && err.code === 'ValidationError') return undefined;
    throw err;
  }
}

async function latestEventOf(event: Request, call: Call): Promise<StackEvent | undefined> {
  let next: string | undefined;
  for (let page = 0; page < MAX_EVENT_PAGES; page++) {
    const { StackEvents: events = [], NextToken: token } = await call('DescribeStackEvents', (abortSignal) => cloudformation.send(
      new DescribeStackEventsCommand({ StackName: event.StackId, NextToken: next }), { abortSignal }));
    const found = events.find((e) => e.LogicalResourceId === event.LogicalResourceId && e.PhysicalResourceId === event.PhysicalResourceId);
    if (found || !token) return found;
    next = token;
  }
  return undefined;
}

/**
 * When CloudFormation is rolling the stack back, the physical ID the resource had before the update being rolled
 * back: the Update is then the way back to the old properties, not a change the user asked for. Undefined when the
 * stack is not rolling back. A kind whose Update has an effect no rollback can take back (a call placed) asks, and
 * answers with that physical ID instead of acting again.
 */
export async function rollbackTarget(event: Request, call: Call): Promise<{ physicalId: string } | undefined> {
  const { Stacks: [stack] = [] } = await call('DescribeStacks', (abortSignal) => cloudformation.send(new DescribeStacksCommand({
    StackName: event.StackId,
  }), { abortSignal }));
  if (!/ROLLBACK_IN_PROGRESS$/.test(stack?.StackStatus ?? '')) return undefined;
  // Newest first: the events of this rollback, then those of the failed update. That update began (UPDATE_IN_PROGRESS)
  // with the physical ID from before it; one that differs from the current one is the resource the update replaced.
  let next: string | undefined;
  for (let page = 0; page < MAX_EVENT_PAGES; page++) {
    const { StackEvents: events = [], NextToken: token } = await call('DescribeStackEvents', (abortSignal) => cloudformation.send(
      new DescribeStackEventsCommand({ StackName: event.StackId, NextToken: next }), { abortSignal }));
    for (const e of events.filter((x) => x.LogicalResourceId === event.LogicalResourceId)) {
      if (e.ResourceStatus?.startsWith('CREATE_')) return { physicalId: event.PhysicalResourceId! };
      if (e.ResourceStatus === 'UPDATE_IN_PROGRESS' && e.PhysicalResourceId && e.PhysicalResourceId !== event.PhysicalResourceId) {
        return { physicalId: e.PhysicalResourceId };
      }
    }
    if (!token) break;
    next = token;
  }
  return { physicalId: event.PhysicalResourceId! };
}

function refusal(event: Request, seen: string): HandlerError {
  const stackName = /:stack\/([^/]+)\//.exec(event.StackId)?.[1] ?? event.StackId;
  const target = event.RequestType === 'Create' ? event.LogicalResourceId : `${event.LogicalResourceId} (${event.PhysicalResourceId})`;
  return new HandlerError(`Refused: CloudFormation's record of stack ${stackName} does not show a ${event.RequestType} of ${target} in progress `
    + `(it shows ${seen}). The handler acts only on the requests CloudFormation makes for its own stack, and changed nothing`);
}

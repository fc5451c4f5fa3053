/**
 * A stateful fake of CloudFormation's record of its stacks, behind the model-checking endpoint: the resources
 * with their status and physical ID (DescribeStackResource), and the stack events, newest first
 * (DescribeStackEvents). The CloudFormation stand-ins write it as they send each request, in the order
 * CloudFormation does: an `*_IN_PROGRESS` event before the handler runs, a `*_COMPLETE` or `*_FAILED` event after.
 */
import { randomUUID } from 'crypto';
import { OperationFake, ServiceError } from '../aws-endpoint';

export type RequestType = 'Create' | 'Update' | 'Delete';

export interface StackEvent {
  readonly StackId: string;
  readonly EventId: string;
  readonly StackName: string;
  readonly LogicalResourceId: string;
  readonly PhysicalResourceId: string;
  readonly ResourceType: string;
  readonly Timestamp: Date;
  readonly ResourceStatus: string;
  readonly ResourceStatusReason?: string;
}

export interface StackResource {
  LogicalResourceId: string;
  PhysicalResourceId?: string;
  ResourceType: string;
  ResourceStatus: string;
  LastUpdatedTimestamp: Date;
}

interface RecordedStack {
  readonly id: string;
  readonly name: string;
  /** The stack's status (DescribeStacks). A stand-in that runs no whole stack operation leaves it to `end`. */
  status: string;
  /** The resource whose failure started the rollback `status` shows. */
  failedResource?: string;
  readonly created: Date;
  readonly resources: Map<string, StackResource>;
  /** Oldest first. */
  readonly events: StackEvent[];
}

const VERB: Record<RequestType, string> = { Create: 'CREATE', Update: 'UPDATE', Delete: 'DELETE' };

export class CloudFormationStacks {
  public readonly stacks = new Map<string, RecordedStack>();
  /** Events per DescribeStackEvents page: small, so that the handlers' paging is exercised. */
  public pageSize = 25;

  public stack(stackId: string): RecordedStack {
    let stack = this.stacks.get(stackId);
    if (!stack) {
      stack = { id: stackId, name: /:stack\/([^/]+)\//.exec(stackId)?.[1] ?? stackId, resources: new Map(), events: [], status: 'CREATE_IN_PROGRESS', created: new Date() };
      this.stacks.set(stackId, stack);
    }
    return stack;
  }

  /** CloudFormation starts a request on a resource: it records the resource in progress, then invokes the handler. */
  public begin(stackId: string, logicalId: string, resourceType: string, requestType: RequestType, physicalId?: string): void {
    const stack = this.stack(stackId);
    const status = `${VERB[requestType]}_IN_PROGRESS`;
    const current = stack.resources.get(logicalId);
    // The Delete of a physical resource the stack no longer points to (the old side of a replacement, or what a
    // rolled-back update made) leaves the resource's record alone: only its event names that physical ID.
    const other = requestType === 'Delete' && current?.PhysicalResourceId !== undefined && current.PhysicalResourceId !== physicalId;
    // A request for another resource: the rollback the last failed update started is over (one request at a time).
    if (stack.failedResource !== undefined && stack.failedResource !== logicalId) {
      stack.status = 'UPDATE_ROLLBACK_COMPLETE';
      stack.failedResource = undefined;
    }
    if (!other) {
      stack.resources.set(logicalId, {
        LogicalResourceId: logicalId,
        PhysicalResourceId: requestType === 'Create' ? undefined : physicalId,
        ResourceType: resourceType,
        ResourceStatus: status,
        LastUpdatedTimestamp: new Date(),
      });
    }
    this.event(stack, logicalId, physicalId ?? '', resourceType, status);
  }

  /** The handler answered: the resource's record and the event follow the answer. */
  public end(stackId: string, logicalId: string, resourceType: string, requestType: RequestType, status: 'SUCCESS' | 'FAILED', physicalId: string, reason?: string): void {
    const stack = this.stack(stackId);
    const resourceStatus = `${VERB[requestType]}_${status === 'SUCCESS' ? 'COMPLETE' : 'FAILED'}`;
    const current = stack.resources.get(logicalId);
    const same = current && (requestType !== 'Delete' || current.PhysicalResourceId === undefined || current.PhysicalResourceId === physicalId);
    if (same && requestType === 'Delete' && status === 'SUCCESS') {
      stack.resources.delete(logicalId);
    } else if (same) {
      current.ResourceStatus = resourceStatus;
      if (requestType !== 'Delete') current.PhysicalResourceId = physicalId;
      current.LastUpdatedTimestamp = new Date();
    }
    this.event(stack, logicalId, physicalId, resourceType, resourceStatus, reason);
    // For a stand-in that sends one request at a time (a whole stack sets its status itself): a failed update
    // rolls the stack back, and the rollback is over once that resource is back.
    if (status === 'FAILED' && requestType === 'Update') {
      stack.status = 'UPDATE_ROLLBACK_IN_PROGRESS';
      stack.failedResource = logicalId;
    } else if (status === 'SUCCESS' && stack.failedResource === logicalId) {
      stack.status = 'UPDATE_ROLLBACK_COMPLETE';
      stack.failedResource = undefined;
    }
  }

  /** Sets the stack's status (DescribeStacks), as CloudFormation does when an operation starts or enters a new phase. */
  public setStatus(stackId: string, status: string): void {
    const stack = this.stack(stackId);
    stack.status = status;
    stack.failedResource = undefined;
  }

  public get fakes(): Record<string, OperationFake> {
    return {
      DescribeStackResource: (input) => {
        const stack = this.find(input.StackName);
        const r = stack.resources.get(input.LogicalResourceId);
        if (!r) throw new ServiceError('ValidationError', `Resource ${input.LogicalResourceId} does not exist for stack ${stack.name}`);
        return { StackResourceDetail: { StackId: stack.id, StackName: stack.name, ...r } };
      },
      DescribeStacks: (input) => {
        const stack = this.find(input.StackName);
        return { Stacks: [{ StackId: stack.id, StackName: stack.name, CreationTime: stack.created, StackStatus: stack.status }] };
      },
      DescribeStackEvents: (input) => {
        const newest = [...this.find(input.StackName).events].reverse();
        const start = Number(input.NextToken ?? 0);
        const page = newest.slice(start, start + this.pageSize);
        const next = start + this.pageSize < newest.length ? String(start + this.pageSize) : undefined;
        return { StackEvents: page, NextToken: next };
      },
    };
  }

  private event(stack: RecordedStack, logicalId: string, physicalId: string, resourceType: string, status: string, reason?: string): void {
    stack.events.push({
      StackId: stack.id,
      EventId: randomUUID(),
      StackName: stack.name,
      LogicalResourceId: logicalId,
      PhysicalResourceId: physicalId,
      ResourceType: resourceType,
      Timestamp: new Date(),
      ResourceStatus: status,
      ResourceStatusReason: reason,
    });
  }

  /** A stack by its ID, or the live stack of that name. */
  private find(stackName: string): RecordedStack {
    const stack = this.stacks.get(stackName) ?? [...this.stacks.values()].reverse().find((s) => s.name === stackName);
    if (!stack) throw new ServiceError('ValidationError', `Stack with id ${stackName} does not exist`);
    return stack;
  }
}

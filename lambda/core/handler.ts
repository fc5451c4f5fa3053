import type { Context } from 'aws-lambda';
import { CfnEvent, CfnResponse, sendResponse } from './cfn-response';
import { HandlerError } from './errors';
import { log, redact } from './log';
import { callWithRetries, Deadline } from './retry';
import { decode, DecodeError, Schema } from '../../src/private/rules/schema';
import { describeViolation, propPath, Violation } from '../../src/private/rules/violations';

/** The physical ID of a resource whose Create failed: its Delete must succeed without calling anything. */
export const CREATE_FAILED_MARKER = 'ccr:create-failed:';
/** Time kept back from the Lambda timeout to deliver the response even when the work runs out of time. */
export const RESPONSE_RESERVE_MS = 10_000;

export type Attributes = Record<string, string | number | boolean>;

export interface Outcome {
  readonly physicalId: string;
  readonly attributes?: Attributes;
}

/** What a handler kind gets to do its work: retried API calls under one deadline, and the event's identity. */
export interface HandlerContext {
  readonly deadline: Deadline;
  readonly event: Pick<CfnEvent, 'StackId' | 'LogicalResourceId' | 'RequestId' | 'RequestType'>;
  /** Calls one AWS operation with retries for throttling, conflicts and faults, within the deadline. */
  call<T>(operation: string, send: (abortSignal: AbortSignal) => Promise<T>): Promise<T>;
}

/** A handler kind: its contract and what to call on Create, Update and Delete. Nothing else. */
export interface ResourceKind<P> {
  readonly schema: Schema;
  validate(props: P): Violation[];
  onCreate(props: P, ctx: HandlerContext): Promise<Outcome>;
  onUpdate(props: P, old: P | undefined, physicalId: string, ctx: HandlerContext): Promise<Outcome>;
  onDelete(props: P, physicalId: string, ctx: HandlerContext): Promise<void>;
}

/** Builds the Lambda entry point that speaks the CloudFormation custom resource protocol for one kind. */
export function customResourceHandler<P>(kind: ResourceKind<P>) {
  return async (event: CfnEvent, context: Pick<Context, 'getRemainingTimeInMillis'>): Promise<void> => {
    const deadline = new Deadline(Date.now() + context.getRemainingTimeInMillis() - RESPONSE_RESERVE_MS);
    log('info', 'request', {
      requestType: event.RequestType,
      resourceType: event.ResourceType,
      logicalResourceId: event.LogicalResourceId,
      physicalResourceId: event.PhysicalResourceId,
      stackId: event.StackId,
      requestId: event.RequestId,
    });
    const response = await respondTo(kind, event, deadline);
    // One line per event with its outcome and kind: a metric filter counts FAILED results (see the README).
    log(response.Status === 'SUCCESS' ? 'info' : 'error', 'result', {
      status: response.Status,
      requestType: event.RequestType,
      resourceType: event.ResourceType,
      logicalResourceId: event.LogicalResourceId,
      reason: response.Reason,
    });
    await sendResponse(event, response);
  };
}

async function respondTo<P>(kind: ResourceKind<P>, event: CfnEvent, deadline: Deadline): Promise<CfnResponse> {
  const priorId = event.PhysicalResourceId;
  const failedId = event.RequestType === 'Create' ? `${CREATE_FAILED_MARKER}${event.RequestId}` : priorId ?? `${CREATE_FAILED_MARKER}${event.RequestId}`;
  if (event.RequestType === 'Delete' && (!priorId || priorId.startsWith(CREATE_FAILED_MARKER))) {
    // Nothing was ever created: CloudFormation cleans up after a failed Create.
    return { Status: 'SUCCESS', PhysicalResourceId: priorId ?? failedId, Reason: 'nothing to delete: the create had failed' };
  }
  try {
    const outcome = await withinDeadline(run(kind, event, deadline), deadline);
    return { Status: 'SUCCESS', PhysicalResourceId: outcome.physicalId, Data: outcome.attributes };
  } catch (err) {
    return { Status: 'FAILED', PhysicalResourceId: failedId, Reason: reasonOf(err) };
  }
}

async function run<P>(kind: ResourceKind<P>, event: CfnEvent, deadline: Deadline): Promise<Outcome> {
  const props = propertiesOf(kind, event.ResourceProperties, event.RequestType);
  const ctx: HandlerContext = {
    deadline,
    event,
    call: (operation, send) => callWithRetries(operation, send, deadline),
  };
  switch (event.RequestType) {
    case 'Create':
      return kind.onCreate(props, ctx);
    case 'Update':
      return kind.onUpdate(props, oldPropertiesOf(kind, event.OldResourceProperties), event.PhysicalResourceId!, ctx);
    case 'Delete':
      await kind.onDelete(props, event.PhysicalResourceId!, ctx);
      return { physicalId: event.PhysicalResourceId! };
    default:
      throw new HandlerError(`unknown request type ${JSON.stringify((event as CfnEvent).RequestType)}`);
  }
}

/** Decodes CloudFormation's strings into the typed contract, then runs the same rules as the construct did at synth. */
function propertiesOf<P>(kind: ResourceKind<P>, raw: Record<string, unknown> | undefined, requestType?: CfnEvent['RequestType']): P {
  // ServiceToken and ServiceTimeout belong to CloudFormation, not to the kind's contract.
  const { ServiceToken: _token, ServiceTimeout: _timeout, ...rest } = raw ?? {};
  // A resource deployed by another version of the library may carry properties this one does not know.
  // They change nothing a delete does, and refusing them would leave the stack stuck in DELETE_FAILED.
  const onUnknown = requestType === 'Delete'
    ? (path: string) => log('warn', 'ignoring a property this version does not know', { property: propPath(path) })
    : undefined;
  let props: P;
  try {
    props = decode(kind.schema, rest, '', onUnknown) as P;
  } catch (err) {
    if (err instanceof DecodeError) throw new HandlerError(`Invalid properties: ${describeViolation({ path: err.path, rule: err.rule })}`);
    throw err;
  }
  const violations = kind.validate(props);
  if (violations.length > 0) throw new HandlerError(`Invalid properties: ${violations.map(describeViolation).join('; ')}`);
  return props;
}

/** The old properties only inform the update; if they no longer decode, the kind treats the update like a fresh write. */
function oldPropertiesOf<P>(kind: ResourceKind<P>, raw: Record<string, unknown> | undefined): P | undefined {
  try {
    return raw ? propertiesOf(kind, raw) : undefined;
  } catch {
    return undefined;
  }
}

function withinDeadline<T>(work: Promise<T>, deadline: Deadline): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      const waitedFor = deadline.lastRetried ? ` (last retried: ${deadline.lastRetried})` : '';
      reject(new HandlerError(`the handler ran out of time before the work finished${waitedFor}`));
    }, Math.max(deadline.remainingMs, 0));
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

function reasonOf(err: unknown): string {
  if (err instanceof HandlerError) return err.message;
  // An unexpected bug: say what it was, without a stack trace or any property value.
  return redact(`Internal error in the handler: ${(err as Error)?.message ?? String(err)}`);
}

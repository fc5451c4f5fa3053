import type { Context } from 'aws-lambda';
import { CfnEvent, CfnResponse, sendResponse } from './cfn-response';
import { CONTINUATION_MEMBER, ContinuedEvent, Continuer, continuationOf, HANDED_OFF, isPending, Pending, waitOut } from './continuation';
import { ApiError, HandlerError, withValuesMasked } from './errors';
import { log, redact } from './log';
import { callWithRetries, Deadline } from './retry';
import { confirmWithCloudFormation, rollbackTarget } from './stack-record';
import { AttributeSource, AttributeSpecs, attributeValues, AttributesOf, Kind, PropertiesOf } from '../../src/private/rules/kind';
import { decode, DecodeError, sensitiveValues } from '../../src/private/rules/schema';
import { stackEnvOf } from '../../src/private/rules/stack-env';
import { describeViolation, propPath, RESOLVED } from '../../src/private/rules/violations';

/** The physical ID of a resource whose Create failed: its Delete must succeed without calling anything. */
export const CREATE_FAILED_MARKER = 'ccr:create-failed:';
/** Time kept back from the Lambda timeout to deliver the response even when the work runs out of time. */
export const RESPONSE_RESERVE_MS = 10_000;

export type Attributes = Record<string, string | number | boolean>;

/**
 * What a successful Create or Update answers: the physical ID, and where the attributes come from. The core
 * answers CloudFormation every attribute the kind declares and nothing else (see `attributeValues`).
 */
export interface Outcome<A extends AttributeSpecs = {}> {
  readonly physicalId: string;
  readonly attributes?: AttributeSource<A>;
}

/** What a handler kind gets to do its work: retried API calls under one deadline, and the event's identity. */
export interface HandlerContext {
  readonly deadline: Deadline;
  readonly event: Pick<CfnEvent, 'StackId' | 'LogicalResourceId' | 'RequestId' | 'RequestType' | 'PhysicalResourceId'>;
  /** Calls one AWS operation with retries for throttling, conflicts and faults, within the deadline. */
  call<T>(operation: string, send: (abortSignal: AbortSignal) => Promise<T>): Promise<T>;
  /**
   * When CloudFormation is rolling the stack back, the physical ID the resource had before the update being rolled
   * back (asks CloudFormation's record of the stack); undefined when it is not.
   */
  rollbackTarget(): Promise<{ physicalId: string } | undefined>;
}

/**
 * What a kind calls on Create, Update and Delete: nothing else. The core decodes and checks the properties
 * against the kind's declaration first, confirms with CloudFormation's record of the stack that CloudFormation is
 * making this very request (see stack-record.ts), and calls `onDestroy` only when the removal policy is DESTROY.
 */
export interface Operations<K extends Kind> {
  /**
   * The error codes, per operation, that mean what a DESTROY asked for is already true (the resource or what
   * it is attached to is gone): the Delete then succeeds.
   */
  readonly alreadyGone?: Readonly<Record<string, readonly string[]>>;
  /** Each operation may answer `pending(...)` (continuation.ts) when its work outlasts the call: `check` then follows it. */
  onCreate(props: PropertiesOf<K>, ctx: HandlerContext): Promise<Answer<K>>;
  /** `old` is undefined when the old properties no longer decode: the kind then treats the update as a fresh write. */
  onUpdate(props: PropertiesOf<K>, old: PropertiesOf<K> | undefined, physicalId: string, ctx: HandlerContext): Promise<Answer<K>>;
  /** The Delete under DESTROY. Under RETAIN the core answers SUCCESS without calling anything. */
  onDestroy(props: PropertiesOf<K>, physicalId: string, ctx: HandlerContext): Promise<void | Pending>;
  /** Long waits only: one look at pending work, in whichever invocation the wait has reached; a Delete's outcome is its physical ID. */
  check?(props: PropertiesOf<K>, waiting: Pending, ctx: HandlerContext): Promise<Answer<K>>;
}

/** What an operation answers: done, or still under way. */
export type Answer<K extends Kind> = Outcome<AttributesOf<K>> | Pending;

/** How the handler goes on when a wait outlasts one invocation (`selfInvoke()` from self-invoke.ts). */
export interface HandlerOptions {
  readonly continuer?: Continuer;
}

/** Builds the Lambda entry point that speaks the CloudFormation custom resource protocol for one kind. */
export function customResourceHandler<K extends Kind>(kind: K, operations: Operations<K>, options: HandlerOptions = {}) {
  return async (event: CfnEvent, context: Pick<Context, 'getRemainingTimeInMillis'>): Promise<void> => {
    const deadline = new Deadline(Date.now() + context.getRemainingTimeInMillis() - RESPONSE_RESERVE_MS);
    log('info', 'request', {
      requestType: event.RequestType,
      resourceType: event.ResourceType,
      logicalResourceId: event.LogicalResourceId,
      physicalResourceId: event.PhysicalResourceId,
      stackId: event.StackId,
      requestId: event.RequestId,
      // Read as it came: a malformed continuation fails inside respondTo, with a response.
      invocation: (event as Partial<ContinuedEvent>)[CONTINUATION_MEMBER]?.invocation,
    });
    const response = await respondTo(kind, operations, options, event, deadline);
    // A long wait handed to a new invocation: that one, or a later one, answers CloudFormation.
    if (!response) return;
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

async function respondTo<K extends Kind>(
  kind: K, operations: Operations<K>, options: HandlerOptions, event: CfnEvent, deadline: Deadline): Promise<CfnResponse | undefined> {
  const priorId = event.PhysicalResourceId;
  const failedId = event.RequestType === 'Create' ? `${CREATE_FAILED_MARKER}${event.RequestId}` : priorId ?? `${CREATE_FAILED_MARKER}${event.RequestId}`;
  if (event.RequestType === 'Delete' && (!priorId || priorId.startsWith(CREATE_FAILED_MARKER))) {
    // Nothing was ever created: CloudFormation cleans up after a failed Create.
    return { Status: 'SUCCESS', PhysicalResourceId: priorId ?? failedId, Reason: 'nothing to delete: the create had failed' };
  }
  // The physical ID of work under way (long waits): what a failed Create answers, so that the Delete that follows cleans up.
  const progress: { physicalId?: string } = {};
  try {
    const outcome = await withinDeadline(run(kind, operations, options, event, deadline, progress), deadline);
    if (outcome === HANDED_OFF) return undefined;
    const data = event.RequestType === 'Delete' ? undefined : attributeValues(kind.attributes, outcome.attributes ?? {});
    return { Status: 'SUCCESS', PhysicalResourceId: outcome.physicalId, Data: data && Object.keys(data).length > 0 ? data : undefined };
  } catch (err) {
    // A Create whose work had begun answers its real ID; an Update or Delete keeps its own, for CloudFormation's rollback.
    const physicalId = event.RequestType === 'Create' ? progress.physicalId ?? failedId : failedId;
    return { Status: 'FAILED', PhysicalResourceId: physicalId, Reason: reasonOf(err) };
  }
}

type Result<K extends Kind> = Outcome<AttributesOf<K>> | typeof HANDED_OFF;

async function run<K extends Kind>(
  kind: K, operations: Operations<K>, options: HandlerOptions, event: CfnEvent, deadline: Deadline, progress: { physicalId?: string },
): Promise<Result<K>> {
  const props: PropertiesOf<K> = propertiesOf(kind, event.ResourceProperties, event.StackId, event.RequestType);
  const ctx: HandlerContext = {
    deadline,
    event,
    call: (operation, send) => callWithRetries(operation, send, deadline),
    rollbackTarget: () => rollbackTarget(event, ctx.call),
  };
  // Before anything changes: CloudFormation itself is making this request, for this stack's own resource.
  const confirm = () => confirmWithCloudFormation(event, kind.resourceType, ctx.call, deadline);
  try {
    const resumed = continuationOf(event);
    // A continuation is the same request, still under way: CloudFormation's record must still show it in progress.
    if (resumed) await confirm();
    const result = resumed ?? await start(kind, operations, props, event, ctx, confirm);
    if (!resumed && !isPending(result)) return result as Outcome<AttributesOf<K>>;
    // A long wait (continuation.ts): looked at until done, in this invocation and, if need be, in later ones.
    if (!operations.check || !options.continuer) throw new HandlerError('the handler answered pending but cannot wait (no check or continuer)');
    const check = operations.check.bind(operations);
    const { continuer } = options;
    return await waitOut({ event, from: result as Pending, check: (waiting) => check(props, waiting, ctx), deadline, continuer, progress });
  } catch (err) {
    // A service message may echo what it was sent: every sensitive value of the request is masked in the reason,
    // a phone number also without its "+", in case it was echoed glued to other text.
    const values = sensitiveValues(kind.schema, props);
    throw withValuesMasked(err, [...values, ...values.map((v) => v.replace(/^\+/, ''))]);
  }
}

async function start<K extends Kind>(
  kind: K, operations: Operations<K>, props: PropertiesOf<K>, event: CfnEvent, ctx: HandlerContext, confirm: () => Promise<void>,
): Promise<Answer<K>> {
  switch (event.RequestType) {
    case 'Create':
      await confirm();
      return operations.onCreate(props, ctx);
    case 'Update':
      await confirm();
      return operations.onUpdate(props, oldPropertiesOf(kind, event.OldResourceProperties, event.StackId), event.PhysicalResourceId!, ctx);
    case 'Delete':
      return destroy(operations, props, event.PhysicalResourceId!, ctx, confirm);
    default:
      throw new HandlerError(`unknown request type ${JSON.stringify((event as CfnEvent).RequestType)}`);
  }
}

/** The removal policy, owned here for every kind: RETAIN calls nothing, and "already gone" is what DESTROY asked for. */
async function destroy<K extends Kind>(
  operations: Operations<K>, props: PropertiesOf<K>, physicalId: string, ctx: HandlerContext, confirm: () => Promise<void>,
): Promise<Outcome | Pending> {
  const done = { physicalId };
  if ((props as { RemovalPolicy: string }).RemovalPolicy !== 'destroy') {
    log('info', 'RETAIN: left as it is', { physicalResourceId: physicalId });
    return done;
  }
  await confirm();
  try {
    return (await operations.onDestroy(props, physicalId, ctx)) ?? done;
  } catch (err) {
    if (!(err instanceof ApiError && operations.alreadyGone?.[err.operation]?.includes(err.code))) throw err;
    log('info', 'already gone: nothing left to delete', { operation: err.operation, errorCode: err.code });
    return done;
  }
}

/** Decodes CloudFormation's strings into the typed contract, then runs the same rules as the construct did at synth. */
function propertiesOf<K extends Kind>(
  kind: K, raw: Record<string, unknown> | undefined, stackId: string, requestType?: CfnEvent['RequestType'],
): PropertiesOf<K> {
  // ServiceToken and ServiceTimeout belong to CloudFormation, not to the kind's contract.
  const { ServiceToken: _token, ServiceTimeout: _timeout, ...given } = raw ?? {};
  // The construct leaves the kind's default removal policy out of the template; a resource deployed by an earlier
  // version has it written out. Both decode to the same properties, so that the upgrade is no change to the kind.
  const rest = given.RemovalPolicy === undefined ? { ...given, RemovalPolicy: kind.defaultRemovalPolicy } : given;
  // A resource deployed by another version of the library may carry properties this one does not know.
  // They change nothing a delete does, and refusing them would leave the stack stuck in DELETE_FAILED.
  const onUnknown = requestType === 'Delete'
    ? (path: string) => log('warn', 'ignoring a property this version does not know', { property: propPath(path) })
    : undefined;
  let props: PropertiesOf<K>;
  try {
    props = decode(kind.schema, rest, '', onUnknown) as PropertiesOf<K>;
  } catch (err) {
    if (err instanceof DecodeError) throw new HandlerError(`Invalid properties: ${describeViolation({ path: err.path, rule: err.rule })}`);
    throw err;
  }
  // What the template left to the stack (a bare ID), filled in before the rules run: they then check the ARN.
  if (kind.inStack) props = kind.inStack(props, stackEnvOf(stackId));
  const violations = kind.validate(props, RESOLVED);
  if (violations.length > 0) throw new HandlerError(`Invalid properties: ${violations.map(describeViolation).join('; ')}`);
  return props;
}

/** The old properties only inform the update; if they no longer decode, the kind treats the update like a fresh write. */
function oldPropertiesOf<K extends Kind>(kind: K, raw: Record<string, unknown> | undefined, stackId: string): PropertiesOf<K> | undefined {
  try {
    return raw ? propertiesOf(kind, raw, stackId) : undefined;
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

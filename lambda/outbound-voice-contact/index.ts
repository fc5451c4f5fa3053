/**
 * OutboundVoiceContact handler: StartOutboundVoiceContact on Create and on an Update that changes the
 * call; with DESTROY, StopContact on Delete. The physical ID is the contact ID, so a new call means a
 * new physical ID and CloudFormation then deletes the old contact (which never places a call).
 *
 * Exactly once: the ClientToken is derived from the stack's name, the logical ID, the call's properties and, on an
 * Update, the contact it replaces, so every retry of the same request (ours, or a repeat of the event) carries the
 * same token and the service answers with the contact it already started, as long as that contact is still active;
 * a later deployment that asks for the call again gets a new token. Lambda never retries a crashed invocation
 * (the kind's asyncRetries: 0, an EventInvokeConfig).
 */
import { createHash } from 'crypto';
import {
  ConnectClient, ReferenceType, StartOutboundVoiceContactCommand, StopContactCommand, TrafficType,
} from '@aws-sdk/client-connect';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import type { Context } from 'aws-lambda';
import { callPropertiesOf, checkPhoneNumber, OUTBOUND_VOICE_CONTACT, OutboundVoiceContactProperties } from '../../src/private/rules/outbound-voice-contact';
import { Checker, describeViolation, mask, RESOLVED } from '../../src/private/rules/violations';
import { CfnEvent, customResourceHandler, HandlerContext, HandlerError, log, sdkConfig, withValuesMasked } from '../core';

type Props = OutboundVoiceContactProperties;

const connect = new ConnectClient(sdkConfig());
const ssm = new SSMClient(sdkConfig());

/** The ClientToken's limit in the API. */
const MAX_TOKEN_CHARS = 500;

/**
 * Calls this container placed, by CloudFormation request and ClientToken. The service starts a new contact for a
 * known token once the first one is disconnected; a repeat of the very same event (Lambda may deliver one twice)
 * that reaches the same warm container answers from here instead. Another event never does.
 */
const placed = new Map<string, string>();
const MAX_REMEMBERED = 1_000;

const kind = customResourceHandler(OUTBOUND_VOICE_CONTACT, {
  onCreate: (p, ctx) => place(p, ctx),

  async onUpdate(p, old, physicalId, ctx) {
    if (old && canonical(callPropertiesOf(old)) === canonical(callPropertiesOf(p))) {
      log('info', 'the call is unchanged: no new call', { contactId: physicalId });
      return { physicalId };
    }
    // Read: DescribeStacks (and the stack's events). Why: a rollback to the old call must not ring anyone again; the
    // resource goes back to the contact it had before the failed update (which cleanup had not deleted yet).
    const rollback = await ctx.rollbackTarget();
    if (rollback) {
      log('info', 'CloudFormation is rolling back: no call is placed, the resource goes back to its earlier contact', { contactId: rollback.physicalId });
      return { physicalId: rollback.physicalId };
    }
    return place(p, ctx);
  },

  async onDestroy(p, physicalId, ctx) {
    forget(physicalId);
    await ctx.call('StopContact', (abortSignal) => connect.send(new StopContactCommand({
      InstanceId: p.InstanceId, ContactId: physicalId,
    }), { abortSignal }));
    log('info', 'contact stopped', { contactId: physicalId });
  },
  // 410 ContactNotFoundException: "not active or does not exist"; ResourceNotFoundException: the instance is gone.
  // Either way there is nothing to stop.
  alreadyGone: { StopContact: ['ContactNotFoundException', 'ResourceNotFoundException'] },
});

/**
 * The Lambda entry point. The core throws only when the response could not be delivered; rethrowing
 * would make Lambda retry the whole event (an async invocation), and a retry after the contact ended
 * places a second call. Returning normally leaves CloudFormation to time out instead: no second call.
 */
export async function handler(event: CfnEvent, context: Pick<Context, 'getRemainingTimeInMillis'>): Promise<void> {
  try {
    await kind(event, context);
  } catch (err) {
    log('error', 'the response to CloudFormation could not be delivered; not retrying the event, so that no second call is placed', {
      error: (err as Error)?.message,
    });
  }
}

async function place(p: Props, ctx: HandlerContext) {
  const token = clientTokenOf(ctx.event, p);
  const request = `${ctx.event.RequestId}/${token}`;
  const known = placed.get(request);
  if (known) {
    log('info', 'this very request placed the call already: not calling again', { contactId: known });
    return { physicalId: known };
  }
  const destination = await destinationOf(p, ctx);
  let contactId: string | undefined;
  try {
    // The core masks every personal value of the call (the schema's sensitive members) in a failure's reason; a
    // number read from a parameter is not one of them, so it is masked here.
    ({ ContactId: contactId } = await ctx.call('StartOutboundVoiceContact', (abortSignal) => connect.send(
      new StartOutboundVoiceContactCommand({ ...requestOf(p, destination), ClientToken: token }), { abortSignal })));
  } catch (err) {
    throw withValuesMasked(err, [destination, destination.replace(/^\+/, '')]);
  }
  if (!contactId) throw new HandlerError('StartOutboundVoiceContact failed: the answer carried no ContactId');
  remember(request, contactId);
  log('info', 'call placed', { contactId, destination: mask(destination) });
  return { physicalId: contactId };
}

/** The number to call: the property, or the value of the parameter it lives in, read now and never passed on. */
async function destinationOf(p: Props, ctx: HandlerContext): Promise<string> {
  if (p.DestinationPhoneNumber !== undefined) return p.DestinationPhoneNumber;
  const name = p.DestinationPhoneNumberParameter!;
  // Read: GetParameter. Why: the number is kept out of every template, event and log; only the parameter has it.
  const { Parameter: parameter } = await ctx.call('GetParameter', (abortSignal) => ssm.send(new GetParameterCommand({
    Name: name, WithDecryption: true,
  }), { abortSignal }));
  const number = parameter?.Value ?? '';
  const c = new Checker(RESOLVED);
  checkPhoneNumber(c, 'DestinationPhoneNumberParameter', number);
  if (c.violations.length > 0) throw new HandlerError(`Invalid destination in the parameter ${name}: ${describeViolation(c.violations[0])}`);
  return number;
}

function requestOf(p: Props, destination: string) {
  return {
    InstanceId: p.InstanceId,
    ContactFlowId: p.ContactFlowId,
    DestinationPhoneNumber: destination,
    SourcePhoneNumber: p.SourcePhoneNumber,
    QueueId: p.QueueId,
    Attributes: p.Attributes,
    Name: p.Name,
    Description: p.Description,
    References: p.References && Object.fromEntries(Object.entries(p.References)
      .map(([k, r]) => [k, { Type: r.Type as ReferenceType, Value: r.Value }])),
    RelatedContactId: p.RelatedContactId,
    CampaignId: p.CampaignId,
    TrafficType: p.TrafficType as TrafficType | undefined,
    AnswerMachineDetectionConfig: p.AnswerMachineDetectionConfig,
    RingTimeoutInSeconds: p.RingTimeout,
  };
}

/**
 * `<stack name>/<logical ID>/<sha256 of the call's properties and the contact it replaces>`: the same for every
 * retry of one request, whatever the RequestId; the stack's name, not its ID, so that deleting a failed stack and
 * deploying it again does not call twice. CallAgainToken is one of the call's properties, RemovalPolicy is not.
 * An Update's token includes the contact it replaces (its physical ID), so that a call asked for again later (a
 * callAgainToken that goes A, B, A) is a new call, not the first one's token.
 */
export function clientTokenOf(event: Pick<CfnEvent, 'StackId' | 'LogicalResourceId' | 'RequestType' | 'PhysicalResourceId'>, p: Props): string {
  const stackName = /:stack\/([^/]+)\//.exec(event.StackId)?.[1] ?? event.StackId;
  const replaces = event.RequestType === 'Update' ? event.PhysicalResourceId : undefined;
  const digest = createHash('sha256').update(canonical({ call: callPropertiesOf(p), replaces })).digest('hex');
  const room = MAX_TOKEN_CHARS - digest.length - 2;
  return `${stackName.slice(0, 128)}/${event.LogicalResourceId}`.slice(0, room) + `/${digest}`;
}

/** JSON with sorted keys, so that the order CloudFormation sends the properties in does not matter. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function remember(request: string, contactId: string): void {
  if (placed.size >= MAX_REMEMBERED) placed.delete(placed.keys().next().value!);
  placed.set(request, contactId);
}

/** A contact the user asked to stop is forgotten: this container no longer answers with it. */
function forget(contactId: string): void {
  for (const [request, id] of placed) if (id === contactId) placed.delete(request);
}

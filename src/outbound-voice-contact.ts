import { ArnFormat, CfnParameter, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { amountOf } from './private/duration';
import { KindResource } from './private/kind-resource';
import { OUTBOUND_VOICE_CONTACT } from './private/rules/outbound-voice-contact';
import { throwIfInvalid } from './private/validate';

/** The class of traffic of an outbound call. */
export enum OutboundTrafficType {
  /** Ordinary calls: the API's default. */
  GENERAL = 'GENERAL',
  /**
   * Campaign calls. Required for answering-machine detection, and blocked by default: they need a
   * service quota increase ("Amazon Connect campaigns").
   */
  CAMPAIGN = 'CAMPAIGN',
}

/** The kinds of reference a voice contact accepts when it is created (not ATTACHMENT). */
export enum ContactReferenceType {
  URL = 'URL',
  NUMBER = 'NUMBER',
  STRING = 'STRING',
  /** An epoch time, digits only. */
  DATE = 'DATE',
  EMAIL = 'EMAIL',
}

/** A reference shown to the agent in the Contact Control Panel. */
export interface ContactReference {
  /** What kind of reference this is. */
  readonly type: ContactReferenceType;
  /**
   * The reference itself. A DATE is an epoch time (digits only). All references of a contact, keys and
   * values, fit in 4,096 UTF-8 bytes.
   */
  readonly value: string;
}

/** Answering-machine detection. It works only on campaign traffic (`trafficType: OutboundTrafficType.CAMPAIGN`). */
export interface AnsweringMachineDetection {
  /**
   * Wait for the answering machine's prompt to end before the flow goes on.
   * @default false
   */
  readonly awaitAnswerMachinePrompt?: boolean;
}

/** Properties of an {@link OutboundVoiceContact}. */
export interface OutboundVoiceContactProps {
  /** The Amazon Connect instance's ID: a lower-case UUID, the last part of the instance ARN. A token is checked at deploy. */
  readonly instanceId: string;
  /** The flow to run once the call connects: its ID, a lower-case UUID (the last part of the flow ARN). */
  readonly contactFlowId: string;
  /**
   * The number to call, in E.164 (`+` then up to 15 digits, such as `+12065550100`).
   *
   * The number is a property of the custom resource: it is in the template, in the stack's events and in the
   * request the handler gets, and a token (such as an `AWS::SSM::Parameter::Value<String>` parameter) resolves to it
   * there too (`DescribeStacks` shows a parameter's resolved value). To keep the number out of all of them, use
   * `destinationPhoneNumberParameter` instead. The handler never logs a number in full.
   * @default - none: give exactly one of `destinationPhoneNumber` and `destinationPhoneNumberParameter`
   */
  readonly destinationPhoneNumber?: string;
  /**
   * An SSM parameter that holds the number to call, in E.164: a String, or a SecureString. The handler reads it
   * (GetParameter, with decryption) when it places the call, so that the number appears in no template, stack
   * parameter, CloudFormation event, log or attribute: only the parameter's name travels. The handler may call
   * `ssm:GetParameter` on this parameter only. The call is placed again only when a property changes (the parameter's
   * name, or `callAgainToken`), not when the parameter's value does.
   *
   * Import it with `ssm.StringParameter.fromSecureStringParameterAttributes()`, or `fromStringParameterAttributes()`
   * with `forceDynamicReference: true`. `fromStringParameterName()` adds a stack parameter that resolves to the number
   * (DescribeStacks shows it): synthesis refuses it.
   * @default - none: give exactly one of `destinationPhoneNumber` and `destinationPhoneNumberParameter`
   */
  readonly destinationPhoneNumberParameter?: ssm.IParameter;
  /**
   * The customer managed key of a SecureString `destinationPhoneNumberParameter`: the handler may decrypt with it
   * through SSM only (`kms:Decrypt` on that key, with `kms:ViaService` `ssm.<region>.<URL suffix>`). Not needed for
   * a String, or a SecureString under the AWS managed key `aws/ssm`.
   * @default - no key of your own
   */
  readonly destinationPhoneNumberKey?: kms.IKey;
  /**
   * The caller ID: a number claimed by the instance, in E.164.
   * @default - the queue's number. Either `sourcePhoneNumber` or `queueId` is required.
   */
  readonly sourcePhoneNumber?: string;
  /**
   * The queue for the call (a lower-case UUID); its number is the caller ID.
   * @default - the queue set in the flow. Either `sourcePhoneNumber` or `queueId` is required.
   */
  readonly queueId?: string;
  /**
   * Contact attributes the flow can read. Keys use only letters, digits, `-` and `_`; keys and values
   * together fit in 32,768 UTF-8 bytes. Values never appear in the handler's logs or failure reasons.
   * @default - no attributes
   */
  readonly attributes?: { [key: string]: string };
  /**
   * The contact's name, shown to the agent in the Contact Control Panel. At most 1,024 characters.
   * @default - no name
   */
  readonly name?: string;
  /**
   * The contact's description, shown to the agent. At most 4,096 characters.
   * @default - no description
   */
  readonly description?: string;
  /**
   * References shown to the agent, by name. Keys and values together fit in 4,096 UTF-8 bytes.
   * @default - no references
   */
  readonly references?: { [key: string]: ContactReference };
  /**
   * A contact to relate this one to: its attributes are copied to the new contact. 1 to 256 characters.
   * @default - no related contact
   */
  readonly relatedContactId?: string;
  /**
   * The outbound campaign this call belongs to. 1 to 100 characters.
   * @default - no campaign
   */
  readonly campaignId?: string;
  /**
   * The class of traffic.
   * @default - not sent: the API's default, OutboundTrafficType.GENERAL
   */
  readonly trafficType?: OutboundTrafficType;
  /**
   * Turns on answering-machine detection. Requires `trafficType: OutboundTrafficType.CAMPAIGN`.
   * @default - no answering-machine detection
   */
  readonly answeringMachineDetection?: AnsweringMachineDetection;
  /**
   * How long the call rings before it fails: a whole number of seconds from 15 to 60.
   * @default - not sent: the API rings for 60 seconds
   */
  readonly ringTimeout?: Duration;
  /**
   * Change this value to place the call again on the next deployment without changing the call,
   * for example a build number or `Date.now().toString()` (which calls on every deployment).
   * Any string; it only takes part in the call's idempotency token and is never sent as such.
   * @default - the call is placed once, and again only when a property of the call changes
   */
  readonly callAgainToken?: string;
  /**
   * What happens to a contact still in progress when this resource is deleted, or replaced by a new
   * call. `RETAIN` leaves the call alone. `DESTROY` stops it (StopContact); a contact that has already
   * ended counts as stopped. Deleting never places a call. Other policies are rejected.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * An Amazon Connect outbound voice call (StartOutboundVoiceContact), placed once when the resource is
 * created: a smoke test of a freshly deployed flow, or a call to the on-call number when a stack goes live.
 *
 * An update places a new call only when a property of the call (or `callAgainToken`) changed. The
 * handler may call `connect:StartOutboundVoiceContact` on the instance's contacts, and `connect:StopContact` on the
 * contacts of the stack's account and Region, for a Delete under `RemovalPolicy.DESTROY` that CloudFormation's record
 * of the stack confirms.
 */
export class OutboundVoiceContact extends Construct {
  /** The ID of the contact the call started. */
  public readonly contactId: string;
  /** The ARN of the contact the call started. */
  public readonly contactArn: string;

  private readonly kindResource: KindResource<typeof OUTBOUND_VOICE_CONTACT, any>;

  constructor(scope: Construct, id: string, props: OutboundVoiceContactProps) {
    super(scope, id);
    const resource = this.kindResource = new KindResource(this, OUTBOUND_VOICE_CONTACT, props, {
      set: {
        AnswerMachineDetectionConfig: props.answeringMachineDetection && {
          EnableAnswerMachineDetection: true,
          AwaitAnswerMachinePrompt: props.answeringMachineDetection.awaitAnswerMachinePrompt,
        },
        RingTimeout: amountOf(this, 'RingTimeout', props.ringTimeout, 'seconds'),
        DestinationPhoneNumberParameter: props.destinationPhoneNumberParameter?.parameterName,
      },
      removalPolicy: props.removalPolicy,
    });
    if (props.destinationPhoneNumberParameter) {
      this.readNumberFrom(resource, props.destinationPhoneNumberParameter, props.destinationPhoneNumberKey);
    } else if (props.destinationPhoneNumberKey) {
      throwIfInvalid(this, [{ path: 'DestinationPhoneNumberKey', rule: 'is the key of destinationPhoneNumberParameter, which is not set' }]);
    }
    const stack = Stack.of(this);
    const contacts = (instance: string, contact: string) => stack.formatArn({
      service: 'connect', resource: 'instance', resourceName: `${instance}/contact/${contact}`, arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });
    // The Service Authorization Reference lists the contact resource type for both actions; the contact
    // ID is not known before the call, so the grant covers this instance's contacts.
    resource.grant({
      actions: ['connect:StartOutboundVoiceContact'],
      resourceArn: contacts(props.instanceId, '*'),
      typeWideArn: contacts('*', '*'),
      wildcardReason: 'StartOutboundVoiceContact authorizes on the contact, whose ID Amazon Connect assigns when the call starts: '
        + 'the grant covers the contacts of this one Amazon Connect instance, and only this action.',
    });
    // DESTROY stops the contact in CloudFormation's cleanup phase, after this instance may have left the policy.
    resource.grantOnType({ actions: ['connect:StopContact'], typeWideArn: contacts('*', '*') });
    this.contactId = resource.resource.ref;
    this.contactArn = contacts(props.instanceId, this.contactId);
  }

  /**
   * Sets what happens to a call still in progress on delete and replacement, as the `removalPolicy` prop does:
   * `RETAIN` or `DESTROY`; other policies are rejected. When CloudFormation's own DeletionPolicy or
   * UpdateReplacePolicy (set by `RemovalPolicies.of()` or on the L1 resource) disagrees, synthesis warns and RETAIN wins.
   */
  public applyRemovalPolicy(policy: RemovalPolicy): void {
    this.kindResource.applyRemovalPolicy(policy);
  }

  /** The handler reads the parameter (and decrypts it with the key) when it places the call: that one parameter only. */
  private readNumberFrom(resource: KindResource<typeof OUTBOUND_VOICE_CONTACT, any>, parameter: ssm.IParameter, key?: kms.IKey): void {
    const stack = Stack.of(this);
    // `fromStringParameterName()` adds a stack parameter of type AWS::SSM::Parameter::Value, whose resolved value (the
    // number) DescribeStacks shows to anyone who may describe the stack: refused, with the imports that add none.
    this.node.addValidation({
      validate: () => stack.node.findAll().filter((c): c is CfnParameter => c instanceof CfnParameter
        && /^AWS::SSM::Parameter::Value</.test(c.type) && c.default === parameter.parameterName)
        .map((p) => `${this.node.path}: destinationPhoneNumberParameter: the stack parameter ${p.node.path} resolves to the number, and DescribeStacks `
          + 'shows resolved parameter values; import the parameter with ssm.StringParameter.fromSecureStringParameterAttributes(), or with '
          + `fromStringParameterAttributes() and forceDynamicReference: true, which add none, got ${parameter.parameterName}`),
    });
    resource.grant({
      actions: ['ssm:GetParameter'],
      resourceArn: parameter.parameterArn,
      typeWideArn: stack.formatArn({ service: 'ssm', resource: 'parameter', resourceName: '*', arnFormat: ArnFormat.SLASH_RESOURCE_NAME }),
    });
    if (key) {
      // Only through SSM, as GetParameter decrypts the SecureString with the caller's permission: the role cannot
      // decrypt anything else with the key itself.
      resource.grant({
        actions: ['kms:Decrypt'],
        resourceArn: key.keyArn,
        typeWideArn: stack.formatArn({ service: 'kms', account: key.env.account, region: key.env.region, resource: 'key', resourceName: '*' }),
        conditions: { StringEquals: { 'kms:ViaService': `ssm.${stack.region}.${stack.urlSuffix}` } },
      });
    }
  }
}


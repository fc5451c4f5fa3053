import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { voiceConnectorArns } from './private/chime';
import { claim } from './private/conflicts';
import { amountOf } from './private/duration';
import { KindResource } from './private/kind-resource';
import { PROXY_SESSION_SETTINGS } from './private/rules/proxy-session-settings';

/** What a proxy session carries between its participants. */
export enum ProxyCapability {
  /** Voice calls. */
  VOICE = 'Voice',
  /** Text messages. */
  SMS = 'SMS',
}

/** Properties of a {@link ProxySessionSettings}. */
export interface ProxySessionSettingsProps {
  /**
   * The ID of the voice connector that holds the session, such as `abcdef1ghij2klmno3pqr4`, or a token that
   * resolves to one. 1 to 128 characters, not all blank.
   * It must be in this stack's account and Region. Changing it replaces the resource.
   */
  readonly voiceConnectorId: string;
  /**
   * The ID of the proxy session (created outside CloudFormation, with CreateProxySession). 1 to 128
   * characters, not all blank. The session must be open when the resource is created or updated.
   * Changing it replaces the resource.
   */
  readonly proxySessionId: string;
  /**
   * What the session carries. At least one capability, each at most once. Sent on every update
   * (the API requires them even when only the expiry changes).
   */
  readonly capabilities: ProxyCapability[];
  /**
   * How long the session lasts. A whole number of minutes, from 1 minute to 2^31-1 minutes
   * (the API documents no maximum).
   * @default - the session's expiry is left as it is
   */
  readonly expiry?: Duration;
  /**
   * What happens to the session's settings when this resource is deleted or replaced.
   * `RETAIN` leaves them as they are. `DESTROY` puts back the capabilities and expiry the session had
   * before this resource first changed them (read once, on create); a closed or deleted session is
   * left alone. The session itself is never deleted. Other policies are rejected.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * The capabilities and expiry of an Amazon Chime SDK Voice proxy session (UpdateProxySession).
 *
 * The construct does not own the session: it changes two of its settings. Every instance in a stack
 * shares one handler function. It may call `chime:UpdateProxySession`, and `chime:GetProxySession` to capture the
 * original settings on create (and to tell a closed session from a bad request), on the voice connectors of the
 * stack's account and Region: DESTROY restores a session in CloudFormation's cleanup phase, after the instance's own
 * ARN may have left the policy. The handler acts only on requests that CloudFormation's record of the stack confirms.
 */
export class ProxySessionSettings extends Construct {
  /** The ARN of the voice connector, in this stack's account and Region. */
  public readonly voiceConnectorArn: string;
  /** The session's status after the last change: `Open`, `InProgress` or `Closed`. */
  public readonly status: string;
  /** The session's expiry in minutes after the last change; 0 when the session has none. */
  public readonly expiryMinutes: number;
  /** The session's capabilities after the last change, comma-separated, such as `Voice,SMS`. */
  public readonly capabilitiesInEffect: string;
  /**
   * The proxy phone numbers of the two participants, comma-separated in participant order (E.164).
   * These are numbers of the account's own pool; the participants' own numbers are never exposed.
   */
  public readonly proxyPhoneNumbers: string;
  /** When the session was created, as an ISO 8601 timestamp. */
  public readonly createdTimestamp: string;
  /** When the session was last updated, as an ISO 8601 timestamp. */
  public readonly updatedTimestamp: string;
  /** When the session ended, as an ISO 8601 timestamp; empty while it has not. */
  public readonly endedTimestamp: string;

  private readonly kindResource: KindResource<typeof PROXY_SESSION_SETTINGS, any>;

  constructor(scope: Construct, id: string, props: ProxySessionSettingsProps) {
    super(scope, id);
    const resource = this.kindResource = new KindResource(this, PROXY_SESSION_SETTINGS, props, {
      set: { ExpiryMinutes: amountOf(this, 'Expiry', props.expiry, 'minutes') },
      removalPolicy: props.removalPolicy,
      propNames: { ExpiryMinutes: 'Expiry' },
    });
    claim(this, {
      thing: `the proxy session ${props.proxySessionId} of voice connector ${props.voiceConnectorId}`,
      prop: 'ProxySessionId',
      value: props.proxySessionId,
      identity: ['proxy session', props.voiceConnectorId, props.proxySessionId],
    });
    const { arn, typeWideArn } = voiceConnectorArns(this, props.voiceConnectorId);
    this.voiceConnectorArn = arn;
    // DESTROY restores the session with these actions in CloudFormation's cleanup phase, when this instance's own
    // ARN may have left the policy: they name the voice connectors of the account and Region, for every instance.
    resource.grantOnType({ actions: ['chime:GetProxySession', 'chime:UpdateProxySession'], typeWideArn });
    this.status = resource.attribute('Status');
    this.expiryMinutes = resource.attribute('ExpiryMinutes');
    this.capabilitiesInEffect = resource.attribute('Capabilities');
    this.proxyPhoneNumbers = resource.attribute('ProxyPhoneNumbers');
    this.createdTimestamp = resource.attribute('CreatedTimestamp');
    this.updatedTimestamp = resource.attribute('UpdatedTimestamp');
    this.endedTimestamp = resource.attribute('EndedTimestamp');
  }

  /**
   * Sets what happens to the session's settings on delete and replacement, as the `removalPolicy` prop does:
   * `RETAIN` or `DESTROY`; other policies are rejected. When CloudFormation's own DeletionPolicy or
   * UpdateReplacePolicy (set by `RemovalPolicies.of()` or on the L1 resource) disagrees, synthesis warns and RETAIN wins.
   */
  public applyRemovalPolicy(policy: RemovalPolicy): void {
    this.kindResource.applyRemovalPolicy(policy);
  }
}

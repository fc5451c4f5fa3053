import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { voiceConnectorArns } from './private/chime';
import { claim } from './private/conflicts';
import { amountOf } from './private/duration';
import { KindResource } from './private/kind-resource';
import { VOICE_CONNECTOR_PROXY } from './private/rules/voice-connector-proxy';

/** Properties of a {@link VoiceConnectorProxy}. */
export interface VoiceConnectorProxyProps {
  /**
   * The ID of the voice connector, such as `abcdef1ghij2klmno3pqr4`, or a token that resolves
   * to one. 1 to 128 characters, not all blank. It must be in this
   * stack's account and Region. Changing it replaces the resource.
   */
  readonly voiceConnectorId: string;
  /**
   * How long a proxy session lasts when it is created without an expiry of its own.
   * A whole number of minutes, from 1 minute to 2^31-1 minutes.
   */
  readonly defaultSessionExpiry: Duration;
  /**
   * The countries the proxy phone numbers are chosen from: 1 to 100 ISO 3166-1 alpha-2 codes in
   * upper case, such as `US`, each at most once.
   */
  readonly phoneNumberPoolCountries: string[];
  /**
   * The number that takes calls once a proxy session has expired, in E.164 form (`+` optional,
   * 2 to 15 digits, the first not 0). It is personal data: messages show it masked.
   * @default - no fall-back number
   */
  readonly fallBackPhoneNumber?: string;
  /**
   * Whether to stop new proxy sessions from being created on the voice connector.
   * @default false
   */
  readonly disabled?: boolean;
  /**
   * What happens to the proxy configuration when this resource is deleted or replaced.
   * `DESTROY` removes it (DeleteVoiceConnectorProxy; one that is already gone is fine). `RETAIN`
   * leaves it on the voice connector. Other policies are rejected.
   * @default RemovalPolicy.DESTROY
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * The proxy configuration of an Amazon Chime SDK Voice voice connector (PutVoiceConnectorProxy),
 * which proxy sessions need. Every instance in a stack shares one handler function: it may call
 * `chime:PutVoiceConnectorProxy` on the instance's voice connector, and `chime:DeleteVoiceConnectorProxy` on the
 * voice connectors of the stack's account and Region, for a Delete that CloudFormation's record of the stack confirms.
 */
export class VoiceConnectorProxy extends Construct {
  /** The ARN of the voice connector, in this stack's account and Region. */
  public readonly voiceConnectorArn: string;
  /** The default session expiry in minutes, as the service holds it. */
  public readonly defaultSessionExpiryMinutes: number;
  /** The pool's countries as the service holds them (its `PhoneNumberCountries`), comma-separated. */
  public readonly phoneNumberCountries: string;

  private readonly kindResource: KindResource<typeof VOICE_CONNECTOR_PROXY, any>;

  constructor(scope: Construct, id: string, props: VoiceConnectorProxyProps) {
    super(scope, id);
    const resource = this.kindResource = new KindResource(this, VOICE_CONNECTOR_PROXY, props, {
      set: {
        DefaultSessionExpiryMinutes: amountOf(this, 'DefaultSessionExpiry', props.defaultSessionExpiry, 'minutes')!,
        Disabled: props.disabled ?? false,
      },
      removalPolicy: props.removalPolicy,
      propNames: { DefaultSessionExpiryMinutes: 'DefaultSessionExpiry' },
    });
    claim(this, {
      thing: `the proxy configuration of voice connector ${props.voiceConnectorId}`,
      prop: 'VoiceConnectorId',
      value: props.voiceConnectorId,
      identity: ['voice connector proxy', props.voiceConnectorId],
    });
    const { arn, typeWideArn } = voiceConnectorArns(this, props.voiceConnectorId);
    this.voiceConnectorArn = arn;
    resource.grant({ actions: ['chime:PutVoiceConnectorProxy'], resourceArn: arn, typeWideArn });
    resource.grantOnType({ actions: ['chime:DeleteVoiceConnectorProxy'], typeWideArn });
    this.defaultSessionExpiryMinutes = resource.attribute('DefaultSessionExpiryMinutes');
    this.phoneNumberCountries = resource.attribute('PhoneNumberCountries');
  }

  /**
   * Sets what happens to the proxy configuration on delete and replacement, as the `removalPolicy` prop does:
   * `RETAIN` or `DESTROY`; other policies are rejected. When CloudFormation's own DeletionPolicy or
   * UpdateReplacePolicy (set by `RemovalPolicies.of()` or on the L1 resource) disagrees, synthesis warns and RETAIN wins.
   */
  public applyRemovalPolicy(policy: RemovalPolicy): void {
    this.kindResource.applyRemovalPolicy(policy);
  }
}

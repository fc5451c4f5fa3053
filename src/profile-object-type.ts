import { ArnFormat, Duration, ITaggable, Lazy, Reference, RemovalPolicy, Stack, TagManager, TagType, Token, Tokenization } from 'aws-cdk-lib';
import * as customerprofiles from 'aws-cdk-lib/aws-customerprofiles';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { claim } from './private/conflicts';
import { amountOf } from './private/duration';
import { ImportedProfileObjectType } from './private/imported-profile-object-type';
import { KindResource } from './private/kind-resource';
import { grantOnObjectType, objectTypeArns } from './private/object-type-grants';
import { MAX_EXPIRATION_DAYS, PROFILE_OBJECT_TYPE, validateTags } from './private/rules/profile-object-type';
import { describeViolation } from './private/rules/violations';
import { isUnresolved, throwIfInvalid } from './private/validate';
import { IProfileObjectType, ProfileObjectTypeAttributes } from './profile-object-type-ref';

/** How a field's values are compared when profiles are searched and matched. */
export enum FieldContentType {
  STRING = 'STRING',
  NUMBER = 'NUMBER',
  PHONE_NUMBER = 'PHONE_NUMBER',
  EMAIL_ADDRESS = 'EMAIL_ADDRESS',
  NAME = 'NAME',
}

/** What a key identifies, and how it is used to match objects to profiles. */
export enum StandardIdentifier {
  /** Ties the object to a standard profile. */
  PROFILE = 'PROFILE',
  ASSET = 'ASSET',
  CASE = 'CASE',
  DEVICE = 'DEVICE',
  WEB_ANALYTICS = 'WEB_ANALYTICS',
  ORDER = 'ORDER',
  COMMUNICATION_RECORD = 'COMMUNICATION_RECORD',
  AIR_PREFERENCE = 'AIR_PREFERENCE',
  HOTEL_PREFERENCE = 'HOTEL_PREFERENCE',
  AIR_BOOKING = 'AIR_BOOKING',
  AIR_SEGMENT = 'AIR_SEGMENT',
  HOTEL_RESERVATION = 'HOTEL_RESERVATION',
  HOTEL_STAY_REVENUE = 'HOTEL_STAY_REVENUE',
  LOYALTY = 'LOYALTY',
  LOYALTY_TRANSACTION = 'LOYALTY_TRANSACTION',
  LOYALTY_PROMOTION = 'LOYALTY_PROMOTION',
  /** Identifies the object itself. At most one key of an object type may have it. */
  UNIQUE = 'UNIQUE',
  /** Searched after all PROFILE keys. */
  SECONDARY = 'SECONDARY',
  /** Used to match objects, but not stored for search. */
  LOOKUP_ONLY = 'LOOKUP_ONLY',
  /** Applies only when the profile did not exist before the object was ingested. */
  NEW_ONLY = 'NEW_ONLY',
}

/** How one field of the source data maps to the object or the standard profile. */
export interface ObjectTypeField {
  /** Where the value comes from, such as `_source.email`. 1 to 1000 characters. */
  readonly source: string;
  /** Where the value goes, such as `_profile.EmailAddress` or `_order.OrderId`. 1 to 1000 characters. */
  readonly target: string;
  /**
   * How the value is compared when searching.
   * @default - the service's default (STRING)
   */
  readonly contentType?: FieldContentType;
}

/** A key that identifies objects or the profiles they belong to. */
export interface ObjectTypeKey {
  /** The fields the key is made of. Each must be a name in `fields`; at least one. */
  readonly fieldNames: string[];
  /**
   * What the key identifies. At most one key of an object type may include UNIQUE.
   * @default - none
   */
  readonly standardIdentifiers?: StandardIdentifier[];
}

/** Properties of a {@link ProfileObjectType}. Every member of PutProfileObjectType has a prop. */
export interface ProfileObjectTypeProps {
  /**
   * The Customer Profiles domain. 1 to 64 characters: letters, digits, `_` and `-`.
   * Changing it replaces the object type: a new one is created, then the old one follows its removal policy.
   */
  readonly domainName: string;
  /**
   * The name of the object type. 1 to 255 characters: letters, digits, `_` and `-`, starting with a letter or `_`.
   * An object type of that name that this resource did not create must not already exist in the domain: the
   * deployment fails rather than take it over. One it did create (its `cdk-contact-center-resources:owner` tag names
   * this stack and logical ID, as after a rolled-back first deploy) is taken back.
   * Changing it replaces the object type.
   */
  readonly objectTypeName: string;
  /** What the object type holds. 1 to 1000 characters. */
  readonly description: string;
  /**
   * A template to define the type from, such as `Salesforce-Account`. 1 to 64 characters: letters, digits, `_`, `-`.
   * The template defines the fields, keys, `allowProfileCreation` and `sourceLastUpdatedTimestampFormat`,
   * so none of those may be set with it.
   * @default - no template: fields and keys define the type
   */
  readonly templateId?: string;
  /**
   * How long objects of this type are kept. Whole days, from 1 to 1098 days.
   * @default - the domain's default expiration
   */
  readonly expiration?: Duration;
  /**
   * The customer managed key that encrypts objects of this type. The handler gets kms:GenerateDataKey and
   * kms:Decrypt on it, and the key policy lets Customer Profiles (`profile.amazonaws.com`) use it for this domain
   * (a key imported with `fromKeyArn` cannot have its policy changed: add that statement yourself).
   * @default - the domain's default encryption key
   */
  readonly encryptionKey?: kms.IKey;
  /**
   * Whether ingesting an object creates a standard profile when none matches.
   * Not allowed with `templateId`.
   * @default false
   */
  readonly allowProfileCreation?: boolean;
  /**
   * The format of `sourceLastUpdatedTimestamp` in the source data (Java SimpleDateFormat), needed when the
   * fields include it. 1 to 255 characters. Not allowed with `templateId`.
   * @default - none
   */
  readonly sourceLastUpdatedTimestampFormat?: string;
  /**
   * The most objects of this type one profile may hold. An integer of at least 1.
   * @default - no limit of its own
   */
  readonly maxProfileObjectCount?: number;
  /**
   * The priority of this source when several sources update a profile: lower wins. An integer of at least 1.
   * @default - lowest priority
   */
  readonly sourcePriority?: number;
  /**
   * The fields, by name. Names are 1 to 64 characters: letters, digits, `.`, `_` and `-`.
   * Not allowed with `templateId`. Fields removed here are removed from the object type on update.
   * @default - no fields
   */
  readonly fields?: { [name: string]: ObjectTypeField };
  /**
   * The keys, by name. Names are 1 to 64 characters: letters, digits, `_` and `-`. At most one key has UNIQUE,
   * and every key's `fieldNames` name declared fields. Not allowed with `templateId`.
   * @default - no keys
   */
  readonly keys?: { [name: string]: ObjectTypeKey[] };
  /**
   * What happens to the object type when this resource is deleted or replaced.
   * `RETAIN` keeps it with all its objects. `DESTROY` calls DeleteProfileObjectType, which deletes **every
   * profile object of this type**, disables integrations that use it and clears the standard profile fields it filled.
   * Other policies are rejected.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * A Customer Profiles object type (PutProfileObjectType): how objects of one kind, such as orders, map to profiles.
 *
 * Every instance in a stack shares one handler function. Its permissions are scoped to this object type (and its
 * domain where the action needs both): profile:PutProfileObjectType, GetProfileObjectType (to refuse taking over
 * another's type, to recognize its own, and to read the attributes on an update that changes nothing), TagResource
 * and UntagResource; DeleteProfileObjectType, which DESTROY calls in CloudFormation's cleanup phase, names the object
 * types of the stack's account and Region, for a Delete that CloudFormation's record of the stack confirms. Tags come
 * from `Tags.of()`; one of the 50 is the handler's owner tag.
 */
export class ProfileObjectType extends Construct implements ITaggable, IProfileObjectType {
  /**
   * An object type made elsewhere (another stack, the console, or CloudFormation's `AWS::CustomerProfiles::ObjectType`),
   * for the same grants as this construct's. Nothing is deployed, and nothing is checked.
   */
  public static fromObjectTypeName(scope: Construct, id: string, attrs: ProfileObjectTypeAttributes): IProfileObjectType {
    return new ImportedProfileObjectType(scope, id, attrs);
  }

  /** The object type's ARN, `arn:<partition>:profile:<region>:<account>:domains/<domain>/object-types/<name>`. */
  public readonly objectTypeArn: string;
  /** The ARN of the domain. */
  public readonly domainArn: string;
  public readonly domainName: string;
  public readonly objectTypeName: string;
  /**
   * The number of objects of this type a profile can still hold, as the service reports it. It exists only when
   * `maxProfileObjectCount` is set: using it without that prop fails synthesis, with a message that says so.
   */
  public readonly maxAvailableProfileObjectCount: number;
  /** When the object type was created, as an ISO 8601 timestamp. */
  public readonly createdAt: string;
  /** When the object type was last updated, as an ISO 8601 timestamp. */
  public readonly lastUpdatedAt: string;
  /** Tags, applied with `Tags.of()`. */
  public readonly tags: TagManager;
  private readonly encryptionKey?: kms.IKey;

  private readonly kindResource: KindResource<typeof PROFILE_OBJECT_TYPE, any>;

  constructor(scope: Construct, id: string, props: ProfileObjectTypeProps) {
    super(scope, id);
    this.domainName = props.domainName;
    this.objectTypeName = props.objectTypeName;
    this.encryptionKey = props.encryptionKey;
    this.tags = new TagManager(TagType.MAP, PROFILE_OBJECT_TYPE.resourceType);
    const stack = Stack.of(this);
    ({ domainArn: this.domainArn, objectTypeArn: this.objectTypeArn } = objectTypeArns(this, props.domainName, props.objectTypeName));

    const resource = this.kindResource = new KindResource(this, PROFILE_OBJECT_TYPE, props, {
      set: {
        ExpirationDays: expirationDays(this, props.expiration),
        EncryptionKey: props.encryptionKey?.keyArn,
        // Rendered last, after every Tags.of() aspect has run.
        Tags: Lazy.any({ produce: () => this.tags.renderTags() }) as unknown as Record<string, string>,
      },
      removalPolicy: props.removalPolicy,
    });
    claim(this, {
      thing: `the object type ${props.domainName}/${props.objectTypeName}`,
      prop: 'ObjectTypeName',
      value: props.objectTypeName,
      identity: ['object type', props.domainName, props.objectTypeName],
    });
    // Tags are known only once the aspects have run: checked when the app is synthesized.
    this.node.addValidation({
      validate: () => validateTags(this.tags.renderTags(), isUnresolved).map((v) => `${this.node.path}: ${describeViolation(v)}`),
    });

    const objectTypes = stack.formatArn({ service: 'profile', resource: 'domains', resourceName: '*/object-types/*', arnFormat: ArnFormat.SLASH_RESOURCE_NAME });
    const domains = stack.formatArn({ service: 'profile', resource: 'domains', resourceName: '*', arnFormat: ArnFormat.SLASH_RESOURCE_NAME });
    resource.grant({
      actions: ['profile:GetProfileObjectType', 'profile:PutProfileObjectType', 'profile:TagResource', 'profile:UntagResource'],
      resourceArn: this.objectTypeArn,
      typeWideArn: objectTypes,
    });
    // Put, Get and Delete authorize on the domain too (both resource types are required in the Service Authorization Reference).
    resource.grant({ actions: ['profile:GetProfileObjectType', 'profile:PutProfileObjectType'], resourceArn: this.domainArn, typeWideArn: domains });
    // DESTROY deletes in CloudFormation's cleanup phase, after this object type may have left the policy.
    resource.grantOnType({ actions: ['profile:DeleteProfileObjectType'], typeWideArn: domains });
    resource.grantOnType({ actions: ['profile:DeleteProfileObjectType'], typeWideArn: objectTypes });
    if (props.encryptionKey) this.useKey(resource, props.encryptionKey);

    this.maxAvailableProfileObjectCount = resource.attribute('MaxAvailableProfileObjectCount');
    this.createdAt = resource.attribute('CreatedAt');
    this.lastUpdatedAt = resource.attribute('LastUpdatedAt');
  }

  /**
   * Sets what happens to the object type on delete and replacement, as the `removalPolicy` prop does:
   * `RETAIN` or `DESTROY`; other policies are rejected. When CloudFormation's own DeletionPolicy or
   * UpdateReplacePolicy (set by `RemovalPolicies.of()` or on the L1 resource) disagrees, synthesis warns and RETAIN wins.
   */
  public applyRemovalPolicy(policy: RemovalPolicy): void {
    this.kindResource.applyRemovalPolicy(policy);
  }

  /** Lets `grantee` put objects of this type (profile:PutProfileObject), and use the type's key to encrypt them. */
  public grantPutProfileObject(grantee: iam.IGrantable): iam.Grant {
    return grantOnObjectType(this, this.encryptionKey, grantee, 'profile:PutProfileObject');
  }

  /** Lets `grantee` read this object type's definition (profile:GetProfileObjectType). */
  public grantRead(grantee: iam.IGrantable): iam.Grant {
    return grantOnObjectType(this, this.encryptionKey, grantee, 'profile:GetProfileObjectType');
  }

  /**
   * The handler calls PutProfileObjectType with the key: it needs kms:GenerateDataKey and kms:Decrypt on it
   * (the AWS::CustomerProfiles::ObjectType handler permissions). Customer Profiles itself needs GenerateDataKey,
   * CreateGrant and Decrypt in the key policy, limited to this account and domain (Amazon Connect Administrator Guide,
   * cross-service confused deputy prevention).
   */
  private useKey(resource: KindResource<typeof PROFILE_OBJECT_TYPE>, key: kms.IKey): void {
    const stack = Stack.of(this);
    resource.grant({
      actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
      resourceArn: key.keyArn,
      typeWideArn: stack.formatArn({ service: 'kms', account: key.env.account, region: key.env.region, resource: 'key', resourceName: '*' }),
    });
    // The condition names this domain's exact ARN, even for a domain given as a token (docs/security.md).
    const sourceDomain = stack.formatArn({
      service: 'profile', resource: 'domains', resourceName: domainNameWithoutCycle(this.domainName), arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });
    key.addToResourcePolicy(new iam.PolicyStatement({
      principals: [new iam.ServicePrincipal('profile.amazonaws.com')],
      actions: ['kms:CreateGrant', 'kms:Decrypt', 'kms:GenerateDataKey'],
      resources: ['*'],
      conditions: {
        StringEquals: { 'aws:SourceAccount': stack.account },
        ArnLike: { 'aws:SourceArn': [sourceDomain, `${sourceDomain}/*`] },
      },
    }));
  }
}

/**
 * The domain's name, for the key policy. A domain given as a token is usually the Ref of a CfnDomain that encrypts
 * with this very key: the Ref in the key policy would make the key and the domain depend on each other (a cycle
 * CloudFormation rejects). The CfnDomain's own `domainName` property names the same domain without that dependency,
 * so it stands in for the Ref. Any other token is used as it is: it makes the key depend on what it refers to, which
 * is a cycle only if that, in turn, uses the key.
 */
function domainNameWithoutCycle(domainName: string): string {
  if (!Token.isUnresolved(domainName)) return domainName;
  const fragments = Tokenization.reverseString(domainName);
  const ref = fragments.length === 1 ? fragments.firstToken : undefined;
  // A CfnDomain's Ref is its domain name.
  const domain = ref instanceof Reference && ref.displayName === 'Ref' ? ref.target : undefined;
  return domain instanceof customerprofiles.CfnDomain ? domain.domainName : domainName;
}

/** Whole days, or a synth error that names the prop. */
function expirationDays(scope: Construct, expiration: Duration | undefined): number | undefined {
  if (expiration === undefined) return undefined;
  const days = amountOf(scope, 'Expiration', expiration, 'days')!;
  if (expiration.isUnresolved()) return days;
  if (!Number.isInteger(days) || days < 1 || days > MAX_EXPIRATION_DAYS) {
    throwIfInvalid(scope, [{ path: 'Expiration', rule: `must be a whole number of days from 1 to ${MAX_EXPIRATION_DAYS}`, value: expiration.toHumanString() }]);
  }
  return days;
}


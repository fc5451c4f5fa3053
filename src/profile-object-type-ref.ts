import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { IConstruct } from 'constructs';

/** A Customer Profiles object type: one made by {@link ProfileObjectType}, or one made elsewhere and imported. */
export interface IProfileObjectType extends IConstruct {
  /** The object type's ARN, `arn:<partition>:profile:<region>:<account>:domains/<domain>/object-types/<name>`. */
  readonly objectTypeArn: string;
  /** The ARN of the domain. */
  readonly domainArn: string;
  readonly domainName: string;
  readonly objectTypeName: string;
  /** Lets `grantee` put objects of this type (profile:PutProfileObject), and use the type's key to encrypt them. */
  grantPutProfileObject(grantee: iam.IGrantable): iam.Grant;
  /** Lets `grantee` read this object type's definition (profile:GetProfileObjectType). */
  grantRead(grantee: iam.IGrantable): iam.Grant;
}

/** An object type made outside this construct: by another stack, the console, or CloudFormation's `AWS::CustomerProfiles::ObjectType`. */
export interface ProfileObjectTypeAttributes {
  /** The Customer Profiles domain, in the stack's account and Region. */
  readonly domainName: string;
  /** The name of the object type. */
  readonly objectTypeName: string;
  /**
   * The customer managed key that encrypts objects of this type: the grants let grantees use it too.
   * @default - the domain's default key, which the grants leave alone
   */
  readonly encryptionKey?: kms.IKey;
}

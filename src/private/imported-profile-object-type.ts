import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { grantOnObjectType, objectTypeArns } from './object-type-grants';
import type { IProfileObjectType, ProfileObjectTypeAttributes } from '../profile-object-type-ref';

/** An object type made elsewhere: its ARNs and the same grants as the construct's, nothing deployed. */
export class ImportedProfileObjectType extends Construct implements IProfileObjectType {
  public readonly objectTypeArn: string;
  public readonly domainArn: string;
  public readonly domainName: string;
  public readonly objectTypeName: string;
  private readonly encryptionKey?: kms.IKey;

  constructor(scope: Construct, id: string, attrs: ProfileObjectTypeAttributes) {
    super(scope, id);
    this.domainName = attrs.domainName;
    this.objectTypeName = attrs.objectTypeName;
    this.encryptionKey = attrs.encryptionKey;
    ({ domainArn: this.domainArn, objectTypeArn: this.objectTypeArn } = objectTypeArns(this, attrs.domainName, attrs.objectTypeName));
  }

  public grantPutProfileObject(grantee: iam.IGrantable): iam.Grant {
    return grantOnObjectType(this, this.encryptionKey, grantee, 'profile:PutProfileObject');
  }

  public grantRead(grantee: iam.IGrantable): iam.Grant {
    return grantOnObjectType(this, this.encryptionKey, grantee, 'profile:GetProfileObjectType');
  }
}

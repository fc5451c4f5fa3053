import { ArnFormat, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import type { IProfileObjectType } from '../profile-object-type-ref';

/** The ARNs of an object type and its domain, in the stack's account and Region. */
export function objectTypeArns(scope: Construct, domainName: string, objectTypeName: string) {
  const stack = Stack.of(scope);
  return {
    domainArn: stack.formatArn({ service: 'profile', resource: 'domains', resourceName: domainName, arnFormat: ArnFormat.SLASH_RESOURCE_NAME }),
    objectTypeArn: stack.formatArn({
      service: 'profile', resource: 'domains', resourceName: `${domainName}/object-types/${objectTypeName}`, arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    }),
  };
}

/**
 * A grant on one object type, made or imported: the action on the object type and its domain (the Service
 * Authorization Reference lists both resource types), and the type's key when it has one.
 */
export function grantOnObjectType(type: IProfileObjectType, key: kms.IKey | undefined, grantee: iam.IGrantable, action: string): iam.Grant {
  const grant = iam.Grant.addToPrincipal({ grantee, actions: [action], resourceArns: [type.objectTypeArn, type.domainArn] });
  key?.grant(grantee, 'kms:GenerateDataKey', 'kms:Decrypt');
  return grant;
}

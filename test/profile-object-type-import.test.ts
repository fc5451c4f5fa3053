import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as customerprofiles from 'aws-cdk-lib/aws-customerprofiles';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { IProfileObjectType, ProfileObjectType } from '../src';

const stack = () => new Stack(new App(), 'Stack', { env: { account: '123456789012', region: 'us-east-1' } });
const user = (s: Stack) => new iam.Role(s, 'Ingest', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
const arn = (rest: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:profile:us-east-1:123456789012:${rest}`]] });
const policyOf = (s: Stack) => (Object.values(Template.fromStack(s).findResources('AWS::IAM::Policy'))[0] as any).Properties.PolicyDocument.Statement;

/** The grants of an object type, made by the construct or imported with `fromObjectTypeName`, in a fresh stack. */
function grantsOf(make: (s: Stack, key?: kms.IKey) => IProfileObjectType, grant: 'grantPutProfileObject' | 'grantRead', withKey = false) {
  const s = stack();
  const key = withKey ? new kms.Key(s, 'Key') : undefined;
  make(s, key)[grant](user(s));
  return policyOf(s);
}
const made = (s: Stack, key?: kms.IKey) => new ProfileObjectType(s, 'Orders', { domainName: 'prod', objectTypeName: 'Orders', description: 'd', templateId: 'T', encryptionKey: key });
const imported = (s: Stack, key?: kms.IKey) => ProfileObjectType.fromObjectTypeName(s, 'Orders', { domainName: 'prod', objectTypeName: 'Orders', encryptionKey: key });

test.each<['grantPutProfileObject' | 'grantRead', boolean]>([
  ['grantPutProfileObject', false], ['grantPutProfileObject', true], ['grantRead', false], ['grantRead', true],
])('%s (with a key: %s) grants exactly what the construct\'s does', (grant, withKey) => {
  expect(grantsOf(imported, grant, withKey)).toEqual(grantsOf(made, grant, withKey));
});

test('the ARNs of the object type and its domain, in the stack\'s account and Region', () => {
  const s = stack();
  const type = imported(s);
  expect(s.resolve(type.objectTypeArn)).toEqual(arn('domains/prod/object-types/Orders'));
  expect(s.resolve(type.domainArn)).toEqual(arn('domains/prod'));
  expect(policyOf((type.grantRead(user(s)), s))).toEqual([{ Effect: 'Allow', Action: 'profile:GetProfileObjectType', Resource: [arn('domains/prod/object-types/Orders'), arn('domains/prod')] }]);
});

test('an AWS::CustomerProfiles::ObjectType of the stack: the grants name it, and nothing else is deployed', () => {
  const s = stack();
  const native = new customerprofiles.CfnObjectType(s, 'Native', { domainName: 'prod', objectTypeName: 'Orders', description: 'd', templateId: 'T' });
  ProfileObjectType.fromObjectTypeName(s, 'Orders', { domainName: native.domainName, objectTypeName: native.objectTypeName }).grantPutProfileObject(user(s));
  const types = Object.values<any>(Template.fromStack(s).toJSON().Resources).map((r) => r.Type).sort();
  expect(types).toEqual(['AWS::CustomerProfiles::ObjectType', 'AWS::IAM::Policy', 'AWS::IAM::Role']);
});

/** ProfileObjectType in the test registry. */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as cr from 'aws-cdk-lib/custom-resources';
import { ACCOUNT, literalArn, PII, plain, retainingAwsCustomResource } from './common';
import { Identity, KindEntry, Version } from './types';
import { FieldContentType, ProfileObjectType, StandardIdentifier } from '../../../src';
import { OWNER_TAG, PROFILE_OBJECT_TYPE } from '../../../src/private/rules/profile-object-type';
import { ProfileObjectTypes } from '../fakes/profile-object-types';

export const DOMAIN = 'contact-center-prod';

export const profiles = new ProfileObjectTypes();

const TYPE_NAMES = { A: 'ShopifyOrder', B: 'ShopifyRefund' };
const typeArn = (name: string) => `arn:aws:profile:us-east-1:${ACCOUNT}:domains/${DOMAIN}/object-types/${name}`;
const orderId = { Source: '_source.id', Target: '_order.OrderId', ContentType: 'STRING' };
const email = { Source: '_source.email', Target: '_profile.EmailAddress', ContentType: 'EMAIL_ADDRESS' };
const definition = (v: Version) => ({
  Description: v === 1 ? 'Orders from the web shop' : 'Orders from the web shop and the app',
  ExpirationDays: v === 1 ? 365 : 730,
  AllowProfileCreation: true,
  Fields: { orderId, email },
  Keys: {
    orderId: [{ StandardIdentifiers: ['UNIQUE', 'ORDER'], FieldNames: ['orderId'] }],
    email: [{ StandardIdentifiers: ['PROFILE'], FieldNames: ['email'] }],
  },
});
// The same tags in both versions: a tag change is a second mutating call (TagResource), by design of the API.
const typeTags = (_v: Version) => ({ team: 'cx' });
const typeName = (i: number) => `Order${i}`;
const description = (variant: 0 | 1) => (variant === 0 ? 'Orders from the web shop' : 'Orders from the web shop and the app');

export const profileObjectType: KindEntry = {
  name: 'ProfileObjectType',
  kind: PROFILE_OBJECT_TYPE,
  iamPrefix: 'profile',
  fake: { service: 'customer-profiles', fakes: profiles.fakes },
  sdkPackage: '@aws-sdk/client-customer-profiles',

  contract: {
    mutation: 'PutProfileObjectType',
    deletion: 'DeleteProfileObjectType',
    // The second Create comes from the same stack and logical ID: the owner tag says this resource made the type.
    createCreate: 'idempotent',
    updateWithoutCreate: 'puts-it-back',
    updatesInPlace: true,
    reset() {
      profiles.domains.clear();
      profiles.addDomain(DOMAIN);
    },
    props: (i, v = 1, policy = 'retain') => ({ DomainName: DOMAIN, ObjectTypeName: TYPE_NAMES[i], ...definition(v), Tags: typeTags(v), RemovalPolicy: policy }),
    state() {
      const of = (i: Identity) => {
        const t = profiles.get(DOMAIN, TYPE_NAMES[i]);
        // The owner tag names the logical ID, which changes from case to case: the handler's own tests check it.
        const { [OWNER_TAG]: _owner, ...tags } = t?.tags ?? {};
        return t && plain({ definition: t.definition, tags });
      };
      return { A: of('A'), B: of('B') };
    },
    applied: (i, v) => ({ [i]: { definition: definition(v), tags: typeTags(v) } }),
    destroyed: (i) => ({ [i]: undefined }),
    physicalId: (i) => typeArn(TYPE_NAMES[i]),
    attributes(i) {
      const t = profiles.get(DOMAIN, TYPE_NAMES[i])!;
      return { ObjectTypeArn: typeArn(TYPE_NAMES[i]), CreatedAt: t.createdAt.toISOString(), LastUpdatedAt: t.lastUpdatedAt.toISOString() };
    },
    vanish: (i) => void profiles.domains.get(DOMAIN)!.delete(TYPE_NAMES[i]),
    invalid: {
      overrides: { ExpirationDays: 5000 },
      reason: 'Invalid properties: expirationDays: must be an integer from 1 to 1098, got 5000',
    },
  },

  lifecycle: {
    reset() {
      profiles.domains.clear();
      profiles.addDomain(DOMAIN);
    },
    // With maxProfileObjectCount, so that every attribute exists.
    add: (scope, id, target, removalPolicy) => new ProfileObjectType(scope, id, {
      domainName: DOMAIN, objectTypeName: `Lifecycle${target}`, description: 'Orders', maxProfileObjectCount: 100, removalPolicy,
    }),
    state: (target) => (profiles.get(DOMAIN, `Lifecycle${target}`) ? 'object type exists' : 'no object type'),
    applied: 'object type exists',
    destroyed: 'no object type',
  },

  instance: (scope, id, i, variant) => new ProfileObjectType(scope, id, {
    domainName: DOMAIN,
    objectTypeName: typeName(i),
    description: description(variant),
    expiration: Duration.days(365),
    fields: { orderId: { source: '_source.id', target: '_order.OrderId', contentType: FieldContentType.STRING } },
    keys: { orderId: [{ standardIdentifiers: [StandardIdentifier.UNIQUE, StandardIdentifier.ORDER], fieldNames: ['orderId'] }] },
    removalPolicy: RemovalPolicy.DESTROY,
  }),
  prepare: () => profiles.addDomain(DOMAIN),
  awsCustomResource(scope, id, i, variant) {
    const put: cr.AwsSdkCall = {
      service: 'CustomerProfiles',
      action: 'PutProfileObjectType',
      parameters: {
        DomainName: DOMAIN,
        ObjectTypeName: typeName(i),
        Description: description(variant),
        ExpirationDays: 365,
        Fields: { orderId: { Source: '_source.id', Target: '_order.OrderId', ContentType: 'STRING' } },
        Keys: { orderId: [{ StandardIdentifiers: ['UNIQUE', 'ORDER'], FieldNames: ['orderId'] }] },
      },
      physicalResourceId: cr.PhysicalResourceId.of(typeArn(typeName(i))),
    };
    new cr.AwsCustomResource(scope, id, {
      onCreate: put,
      onUpdate: put,
      onDelete: { service: 'CustomerProfiles', action: 'DeleteProfileObjectType', parameters: { DomainName: DOMAIN, ObjectTypeName: typeName(i) } },
      policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: [typeArn(typeName(i)), `arn:aws:profile:us-east-1:${ACCOUNT}:domains/${DOMAIN}`] }),
      installLatestAwsSdk: false,
    });
  },

  completeSetup: 'one field, one key, an expiration, DESTROY',
  simplest: {
    setup: 'domain, name and description, no fields or keys, RETAIN',
    instance: (scope, id, i) => new ProfileObjectType(scope, id, { domainName: DOMAIN, objectTypeName: typeName(i), description: 'Orders' }),
    awsCustomResource: (scope, id, i) => retainingAwsCustomResource(scope, id, {
      service: 'CustomerProfiles',
      action: 'PutProfileObjectType',
      parameters: { DomainName: DOMAIN, ObjectTypeName: typeName(i), Description: 'Orders' },
      physicalResourceId: cr.PhysicalResourceId.of(typeName(i)),
    }, [literalArn('profile', `domains/${DOMAIN}/object-types/${typeName(i)}`), literalArn('profile', `domains/${DOMAIN}`)]),
  },

  everyConstruct(stack, param) {
    const key = new kms.Key(stack, 'ProfilesKey', { enableKeyRotation: true });
    new ProfileObjectType(stack, 'Orders', {
      domainName: DOMAIN,
      objectTypeName: 'Orders',
      description: PII.description,
      encryptionKey: key,
      expiration: Duration.days(365),
      fields: { ssn: { source: PII.fieldSource, target: '_order.Attributes.Ssn', contentType: FieldContentType.STRING } },
      keys: { ssn: [{ fieldNames: ['ssn'], standardIdentifiers: [StandardIdentifier.UNIQUE] }] },
    });
    new ProfileObjectType(stack, 'Cases', {
      domainName: param('DomainName'), objectTypeName: 'Cases', description: 'Support cases', removalPolicy: RemovalPolicy.DESTROY,
    });
  },
};

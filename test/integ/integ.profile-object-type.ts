/**
 * A Customer Profiles domain with two object types: one from a template, one with its own fields and keys,
 * encrypted with a customer managed key and tagged. Snapshot verified offline by integ-runner; it deploys as is.
 */
import { IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, Duration, RemovalPolicy, Stack, Tags } from 'aws-cdk-lib';
import * as customerprofiles from 'aws-cdk-lib/aws-customerprofiles';
import * as kms from 'aws-cdk-lib/aws-kms';
import { FieldContentType, ProfileObjectType, StandardIdentifier } from '../../src';

const app = new App();
const stack = new Stack(app, 'ProfileObjectTypeInteg', { env: { region: 'us-east-1' } });

const domain = new customerprofiles.CfnDomain(stack, 'Domain', { domainName: 'integ-contact-center', defaultExpirationDays: 30 });
const key = new kms.Key(stack, 'Key', { enableKeyRotation: true, removalPolicy: RemovalPolicy.DESTROY });

// domain.ref (the domain name) also makes both object types wait for the domain.
new ProfileObjectType(stack, 'Accounts', {
  domainName: domain.ref,
  objectTypeName: 'SalesforceAccount',
  description: 'Salesforce accounts',
  templateId: 'Salesforce-Account',
  removalPolicy: RemovalPolicy.DESTROY,
});

const orders = new ProfileObjectType(stack, 'Orders', {
  domainName: domain.ref,
  objectTypeName: 'ShopifyOrder',
  description: 'Orders from the web shop',
  expiration: Duration.days(365),
  encryptionKey: key,
  allowProfileCreation: true,
  maxProfileObjectCount: 1000,
  fields: {
    orderId: { source: '_source.id', target: '_order.OrderId', contentType: FieldContentType.STRING },
    email: { source: '_source.email', target: '_profile.EmailAddress', contentType: FieldContentType.EMAIL_ADDRESS },
  },
  keys: {
    orderId: [{ standardIdentifiers: [StandardIdentifier.UNIQUE, StandardIdentifier.ORDER], fieldNames: ['orderId'] }],
    email: [{ standardIdentifiers: [StandardIdentifier.PROFILE], fieldNames: ['email'] }],
  },
  removalPolicy: RemovalPolicy.DESTROY,
});
Tags.of(orders).add('team', 'cx');

new IntegTest(app, 'ProfileObjectTypeTest', { testCases: [stack] });

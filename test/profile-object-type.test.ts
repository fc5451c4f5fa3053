import { App, CfnOutput, CfnParameter, Duration, RemovalPolicy, Stack, Tags, Token } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as customerprofiles from 'aws-cdk-lib/aws-customerprofiles';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { FieldContentType, ProfileObjectType, ProfileObjectTypeProps, StandardIdentifier } from '../src';
import { HANDLER_RESOURCE_TYPES, handlerStatements } from './support/handler-policy';

const TYPE = 'Custom::CustomerProfilesObjectType';
const arnJoin = (rest: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:profile:us-east-1:123456789012:${rest}`]] });
const TYPE_ARN = arnJoin('domains/contact-center-prod/object-types/ShopifyOrder');
const DOMAIN_ARN = arnJoin('domains/contact-center-prod');

const fields = {
  orderId: { source: '_source.id', target: '_order.OrderId', contentType: FieldContentType.STRING },
  email: { source: '_source.email', target: '_profile.EmailAddress', contentType: FieldContentType.EMAIL_ADDRESS },
};
const keys = {
  orderId: [{ standardIdentifiers: [StandardIdentifier.UNIQUE, StandardIdentifier.ORDER], fieldNames: ['orderId'] }],
  email: [{ standardIdentifiers: [StandardIdentifier.PROFILE], fieldNames: ['email'] }],
};
const base: ProfileObjectTypeProps = { domainName: 'contact-center-prod', objectTypeName: 'ShopifyOrder', description: 'Orders from the web shop', fields, keys };

function stack() {
  return new Stack(new App(), 'Stack', { env: { account: '123456789012', region: 'us-east-1' } });
}

function synth(props: Partial<ProfileObjectTypeProps> = {}) {
  const s = stack();
  const ot = new ProfileObjectType(s, 'Orders', { ...base, ...props });
  // Synthesized on first use, so that a test can add tags and grants first.
  return { stack: s, ot, get template() { return Template.fromStack(s); } };
}

function expectInvalid(props: Partial<ProfileObjectTypeProps>, message: string) {
  expect(() => synth(props)).toThrow(message);
}

const statementsOf = (template: Template) => handlerStatements(template);

describe('resources', () => {
  test('one custom resource carries every prop, named as in PutProfileObjectType', () => {
    const { template } = synth({
      expiration: Duration.days(365),
      allowProfileCreation: true,
      sourceLastUpdatedTimestampFormat: 'yyyy-MM-dd\'T\'HH:mm:ssZ',
      maxProfileObjectCount: 1000,
      sourcePriority: 2,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    template.resourceCountIs(TYPE, 1);
    template.hasResourceProperties(TYPE, {
      DomainName: 'contact-center-prod',
      ObjectTypeName: 'ShopifyOrder',
      Description: 'Orders from the web shop',
      ExpirationDays: 365,
      AllowProfileCreation: true,
      SourceLastUpdatedTimestampFormat: 'yyyy-MM-dd\'T\'HH:mm:ssZ',
      MaxProfileObjectCount: 1000,
      SourcePriority: 2,
      Fields: {
        orderId: { Source: '_source.id', Target: '_order.OrderId', ContentType: 'STRING' },
        email: { Source: '_source.email', Target: '_profile.EmailAddress', ContentType: 'EMAIL_ADDRESS' },
      },
      Keys: {
        orderId: [{ StandardIdentifiers: ['UNIQUE', 'ORDER'], FieldNames: ['orderId'] }],
        email: [{ StandardIdentifiers: ['PROFILE'], FieldNames: ['email'] }],
      },
      RemovalPolicy: 'destroy',
    });
  });

  test('omitted props are not sent, and RETAIN is the default', () => {
    const { template } = synth({ fields: undefined, keys: undefined });
    template.hasResourceProperties(TYPE, {
      TemplateId: Match.absent(),
      ExpirationDays: Match.absent(),
      EncryptionKey: Match.absent(),
      AllowProfileCreation: Match.absent(),
      SourceLastUpdatedTimestampFormat: Match.absent(),
      MaxProfileObjectCount: Match.absent(),
      SourcePriority: Match.absent(),
      Fields: Match.absent(),
      Keys: Match.absent(),
      Tags: Match.absent(),
      RemovalPolicy: Match.absent(),
    });
  });

  test('a template-based type sends the template ID', () => {
    const { template } = synth({ fields: undefined, keys: undefined, templateId: 'Salesforce-Account' });
    template.hasResourceProperties(TYPE, { TemplateId: 'Salesforce-Account' });
  });

  test('tags from Tags.of() on the construct or any scope above it', () => {
    const { stack: s, ot } = synth();
    Tags.of(ot).add('team', 'cx');
    Tags.of(s).add('cost-center', '42');
    Template.fromStack(s).hasResourceProperties(TYPE, { Tags: { 'team': 'cx', 'cost-center': '42' } });
  });

  test('100 object types add one resource each, and share one function, one role and one log group', () => {
    const s = stack();
    for (let i = 0; i < 100; i++) new ProfileObjectType(s, `T${i}`, { ...base, objectTypeName: `Type${i}` });
    const types = Object.values(Template.fromStack(s).toJSON().Resources).map((r: any) => r.Type);
    expect(types.filter((t) => t === TYPE)).toHaveLength(100);
    expect(types.filter((t) => t !== TYPE).sort()).toEqual(HANDLER_RESOURCE_TYPES);
  });
});

describe('IAM', () => {
  test('the profile actions it calls, on the object type, and on the domain where the action needs both', () => {
    const { template } = synth();
    expect(statementsOf(template).slice(1)).toEqual([
      { Effect: 'Allow', Action: ['cloudformation:DescribeStackEvents', 'cloudformation:DescribeStackResource', 'cloudformation:DescribeStacks'], Resource: { Ref: 'AWS::StackId' } },
      {
        Effect: 'Allow',
        Action: ['profile:GetProfileObjectType', 'profile:PutProfileObjectType', 'profile:TagResource', 'profile:UntagResource'],
        Resource: [TYPE_ARN],
      },
      {
        Effect: 'Allow',
        Action: ['profile:GetProfileObjectType', 'profile:PutProfileObjectType'],
        Resource: [DOMAIN_ARN],
      },
      // DESTROY deletes in CloudFormation's cleanup phase, when the object type may have left the policy.
      { Effect: 'Allow', Action: ['profile:DeleteProfileObjectType'], Resource: [arnJoin('domains/*'), arnJoin('domains/*/object-types/*')] },
    ]);
    template.resourceCountIs('AWS::IAM::Policy', 0);
  });

  test('a key: the handler may generate data keys and decrypt with it, and Customer Profiles may use it for this domain only', () => {
    const s = stack();
    const key = new kms.Key(s, 'Key');
    new ProfileObjectType(s, 'Orders', { ...base, encryptionKey: key });
    const template = Template.fromStack(s);
    template.hasResourceProperties(TYPE, { EncryptionKey: { 'Fn::GetAtt': ['Key961B73FD', 'Arn'] } });
    expect(statementsOf(template)[4]).toEqual({
      Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: [{ 'Fn::GetAtt': ['Key961B73FD', 'Arn'] }],
    });
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([{
          Effect: 'Allow',
          Principal: { Service: 'profile.amazonaws.com' },
          Action: ['kms:CreateGrant', 'kms:Decrypt', 'kms:GenerateDataKey'],
          Resource: '*',
          Condition: {
            StringEquals: { 'aws:SourceAccount': '123456789012' },
            ArnLike: { 'aws:SourceArn': [DOMAIN_ARN, arnJoin('domains/contact-center-prod/*')] },
          },
        }]),
      },
    });
    // The key's own policy changes; no extra resource per instance.
    template.resourceCountIs('AWS::IAM::Policy', 0);
  });
});

test('a key shared with a CfnDomain of the same stack: the key policy names that exact domain, with no dependency cycle', () => {
  const s = stack();
  const key = new kms.Key(s, 'Key');
  const domain = new customerprofiles.CfnDomain(s, 'Domain', { domainName: 'contact-center-prod', defaultExpirationDays: 365, defaultEncryptionKey: key.keyArn });
  new ProfileObjectType(s, 'Orders', { ...base, domainName: domain.ref, encryptionKey: key });
  const template = Template.fromStack(s).toJSON();
  // The key policy must not refer to the domain, which already refers to the key.
  expect(JSON.stringify(template.Resources.Key961B73FD)).not.toContain('"Ref":"Domain"');
  expect(template.Resources.Key961B73FD.Properties.KeyPolicy.Statement).toContainEqual(expect.objectContaining({
    Principal: { Service: 'profile.amazonaws.com' },
    Condition: {
      StringEquals: { 'aws:SourceAccount': '123456789012' },
      ArnLike: { 'aws:SourceArn': [DOMAIN_ARN, arnJoin('domains/contact-center-prod/*')] },
    },
  }));
});

test('a domain name from any other token: the key policy names the domain that token resolves to', () => {
  const s = stack();
  const key = new kms.Key(s, 'Key');
  const name = new CfnParameter(s, 'DomainName').valueAsString;
  new ProfileObjectType(s, 'Orders', { ...base, domainName: name, encryptionKey: key });
  const exact = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':profile:us-east-1:123456789012:domains/', { Ref: 'DomainName' }]] };
  const within = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':profile:us-east-1:123456789012:domains/', { Ref: 'DomainName' }, '/*']] };
  expect(Template.fromStack(s).toJSON().Resources.Key961B73FD.Properties.KeyPolicy.Statement).toContainEqual(expect.objectContaining({
    Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' }, ArnLike: { 'aws:SourceArn': [exact, within] } },
  }));
});

describe('attributes', () => {
  test('the ARNs are built from the domain and name; the rest come from the service', () => {
    const { ot, stack: s } = synth({ maxProfileObjectCount: 10 });
    expect(s.resolve(ot.objectTypeArn)).toEqual(TYPE_ARN);
    expect(s.resolve(ot.domainArn)).toEqual(DOMAIN_ARN);
    expect(ot.domainName).toBe('contact-center-prod');
    expect(ot.objectTypeName).toBe('ShopifyOrder');
    expect(s.resolve(ot.maxAvailableProfileObjectCount)).toEqual({ 'Fn::GetAtt': ['OrdersA9B65338', 'MaxAvailableProfileObjectCount'] });
    expect(s.resolve(ot.createdAt)).toEqual({ 'Fn::GetAtt': ['OrdersA9B65338', 'CreatedAt'] });
    expect(s.resolve(ot.lastUpdatedAt)).toEqual({ 'Fn::GetAtt': ['OrdersA9B65338', 'LastUpdatedAt'] });
  });

  test('maxAvailableProfileObjectCount is rejected at synth without maxProfileObjectCount, which the service needs to report it', () => {
    const { ot, stack: s } = synth();
    new CfnOutput(s, 'Available', { value: Token.asString(ot.maxAvailableProfileObjectCount) });
    expect(() => Template.fromStack(s)).toThrow('Stack/Orders: maxAvailableProfileObjectCount: the service returns it only when maxProfileObjectCount is set');
  });

  test('without maxProfileObjectCount, the other attributes still synthesize in outputs', () => {
    const { ot, stack: s } = synth();
    new CfnOutput(s, 'Created', { value: ot.createdAt });
    expect(Template.fromStack(s).toJSON().Outputs.Created.Value).toEqual({ 'Fn::GetAtt': ['OrdersA9B65338', 'CreatedAt'] });
  });
});

describe('grants', () => {
  const user = (s: Stack) => new iam.Role(s, 'Ingest', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });

  test('grantPutProfileObject: PutProfileObject on the object type and its domain', () => {
    const { stack: s, ot } = synth();
    ot.grantPutProfileObject(user(s));
    Template.fromStack(s).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'profile:PutProfileObject', Resource: [TYPE_ARN, DOMAIN_ARN] }] },
    });
  });

  test('grantRead: GetProfileObjectType on the object type and its domain', () => {
    const { stack: s, ot } = synth();
    ot.grantRead(user(s));
    Template.fromStack(s).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'profile:GetProfileObjectType', Resource: [TYPE_ARN, DOMAIN_ARN] }] },
    });
  });

  test('with a key, the grantee may also use the key', () => {
    const s = stack();
    const key = new kms.Key(s, 'Key');
    const ot = new ProfileObjectType(s, 'Orders', { ...base, encryptionKey: key });
    ot.grantPutProfileObject(user(s));
    Template.fromStack(s).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [
          { Effect: 'Allow', Action: 'profile:PutProfileObject', Resource: [TYPE_ARN, DOMAIN_ARN] },
          { Effect: 'Allow', Action: ['kms:GenerateDataKey', 'kms:Decrypt'], Resource: { 'Fn::GetAtt': ['Key961B73FD', 'Arn'] } },
        ],
      },
    });
  });
});

describe('validation', () => {
  test.each(['a', 'contact-center_prod-1', 'x'.repeat(64)])('accepts the domain name %s', (domainName) => {
    expect(() => synth({ domainName })).not.toThrow();
  });

  test.each([
    ['', 'must be 1 to 64 characters long, got ""'],
    ['x'.repeat(65), 'must be 1 to 64 characters long'],
    ['contact.center', 'must contain only letters, digits, _ and -, got "contact.center"'],
  ])('rejects the domain name %j', (domainName, rule) => {
    expectInvalid({ domainName }, `Stack/Orders: domainName: ${rule}`);
  });

  test.each(['ShopifyOrder', '_order', 'Order-2', 'x'.repeat(255)])('accepts the object type name %s', (objectTypeName) => {
    expect(() => synth({ objectTypeName })).not.toThrow();
  });

  test.each([
    ['2Order', 'must start with a letter or _ and contain only letters, digits, _ and -, got "2Order"'],
    ['Order.Line', 'must start with a letter or _'],
    ['x'.repeat(256), 'must be 1 to 255 characters long'],
  ])('rejects the object type name %j', (objectTypeName, rule) => {
    expectInvalid({ objectTypeName }, `Stack/Orders: objectTypeName: ${rule}`);
  });

  test('the description is 1 to 1000 characters', () => {
    expect(() => synth({ description: 'x'.repeat(1000) })).not.toThrow();
    expectInvalid({ description: '' }, 'Stack/Orders: description: must be 1 to 1000 characters long, got "0 characters"');
    expectInvalid({ description: 'x'.repeat(1001) }, 'Stack/Orders: description: must be 1 to 1000 characters long');
  });

  test.each([Duration.days(1), Duration.days(1098), Duration.hours(48)])('accepts an expiration of %s', (expiration) => {
    expect(() => synth({ expiration })).not.toThrow();
  });

  test.each([
    [Duration.hours(36), '1 day 12 hours'],
    [Duration.days(1099), '1099 days'],
    [Duration.hours(12), '12 hours'],
  ])('rejects an expiration of %s', (expiration, human) => {
    expectInvalid({ expiration }, `Stack/Orders: expiration: must be a whole number of days from 1 to 1098, got "${human}"`);
  });

  test('maxProfileObjectCount and sourcePriority are integers of at least 1', () => {
    expect(() => synth({ maxProfileObjectCount: 1, sourcePriority: 1 })).not.toThrow();
    expectInvalid({ maxProfileObjectCount: 0 }, 'Stack/Orders: maxProfileObjectCount: must be an integer from 1 to 2147483647, got 0');
    expectInvalid({ maxProfileObjectCount: 1.5 }, 'Stack/Orders: maxProfileObjectCount: must be an integer from 1 to 2147483647, got 1.5');
    expectInvalid({ sourcePriority: 0 }, 'Stack/Orders: sourcePriority: must be an integer from 1 to 2147483647, got 0');
  });

  test('sourceLastUpdatedTimestampFormat is 1 to 255 characters', () => {
    expectInvalid({ sourceLastUpdatedTimestampFormat: '' }, 'Stack/Orders: sourceLastUpdatedTimestampFormat: must be 1 to 255 characters long');
  });

  test('the template ID follows its pattern', () => {
    expectInvalid({ fields: undefined, keys: undefined, templateId: 'Sales force' }, 'Stack/Orders: templateId: must contain only letters, digits, _ and -, got "Sales force"');
  });

  test.each([
    ['allowProfileCreation', { allowProfileCreation: false }],
    ['sourceLastUpdatedTimestampFormat', { sourceLastUpdatedTimestampFormat: 'yyyy' }],
    ['fields', { fields }],
    ['keys', { keys: { k: [{ fieldNames: ['x'] }] } }],
  ])('templateId excludes %s', (prop, extra) => {
    expectInvalid({ fields: undefined, keys: undefined, templateId: 'Salesforce-Account', ...extra },
      `Stack/Orders: ${prop}: must not be set together with templateId: the template defines it`);
  });

  test('at most one key with UNIQUE', () => {
    expectInvalid({ keys: { ...keys, email: [{ standardIdentifiers: [StandardIdentifier.UNIQUE], fieldNames: ['email'] }] } },
      'Stack/Orders: keys: at most one key may have the UNIQUE standard identifier, got "email, orderId"'); // in key order, as in the template
  });

  test('any number of PROFILE keys', () => {
    expect(() => synth({ keys: { ...keys, email2: [{ standardIdentifiers: [StandardIdentifier.PROFILE], fieldNames: ['email'] }] } })).not.toThrow();
  });

  test('key fields must be declared fields', () => {
    expectInvalid({ keys: { sku: [{ fieldNames: ['sku'] }] } }, 'Stack/Orders: keys.sku[0].fieldNames[0]: must name a field declared in fields, got "sku"');
    expectInvalid({ fields: undefined, keys: { sku: [{ fieldNames: ['sku'] }] } }, 'Stack/Orders: keys.sku[0].fieldNames[0]: must name a field declared in fields');
    expectInvalid({ keys: { sku: [{ fieldNames: [] }] } }, 'Stack/Orders: keys.sku[0].fieldNames: must name at least one field');
  });

  test('field and key names follow their patterns', () => {
    expect(() => synth({ fields: { 'order.id': fields.orderId }, keys: { order_id: [{ fieldNames: ['order.id'] }] } })).not.toThrow();
    expectInvalid({ fields: { 'order id': fields.orderId }, keys: undefined }, 'Stack/Orders: fields.order id: field names must contain only letters, digits, ., _ and -');
    expectInvalid({ keys: { 'order.id': [{ fieldNames: ['orderId'] }] } }, 'Stack/Orders: keys.order.id: key names must contain only letters, digits, _ and -');
  });

  test('field sources and targets are 1 to 1000 characters', () => {
    expectInvalid({ fields: { a: { source: '', target: '_profile.A' } }, keys: undefined }, 'Stack/Orders: fields.a.source: must be 1 to 1000 characters long');
    expectInvalid({ fields: { a: { source: '_source.a', target: 'x'.repeat(1001) } }, keys: undefined }, 'Stack/Orders: fields.a.target: must be 1 to 1000 characters long');
  });

  test('removal policies other than RETAIN and DESTROY are rejected', () => {
    expectInvalid({ removalPolicy: RemovalPolicy.SNAPSHOT }, 'Stack/Orders: removalPolicy: must be RemovalPolicy.RETAIN or RemovalPolicy.DESTROY, got "snapshot"');
  });

  describe('tags, checked at synth after Tags.of()', () => {
    const synthWithTags = (tags: Record<string, string>) => {
      const { stack: s, ot } = synth();
      for (const [k, v] of Object.entries(tags)) Tags.of(ot).add(k, v);
      return () => (s.node.root as App).synth();
    };

    test('49 tags of the longest key and value are accepted (the 50th is the handler\'s owner tag)', () => {
      const tags = Object.fromEntries(Array.from({ length: 49 }, (_, i) => [`${'k'.repeat(125)}${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}x`, 'v'.repeat(256)]));
      expect(synthWithTags(tags)).not.toThrow();
    });

    test('more than 49 tags are rejected', () => {
      const tags = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`key${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`, 'v']));
      expect(synthWithTags(tags)).toThrow('Stack/Orders: tags: must have at most 49 tags (the service takes 50, and the handler sets cdk-contact-center-resources:owner), got 50');
    });

    test('the owner tag\'s key is the handler\'s: a tag of that key is rejected, others are not', () => {
      expect(synthWithTags({ 'cdk-contact-center-resources:owner': 'me' })).toThrow(
        'Stack/Orders: tags.cdk-contact-center-resources:owner: is the tag the handler sets to recognize the object types it created; choose another key, got "cdk-contact-center-resources:owner"');
      expect(synthWithTags({ 'cdk-contact-center-resources:team': 'cx' })).not.toThrow();
    });

    test('a key over 128 characters, a value over 256 and a key outside the pattern are rejected', () => {
      expect(synthWithTags({ ['k'.repeat(129)]: 'v' })).toThrow(/Stack\/Orders: tags\.k+: must be 1 to 128 characters long/);
      expect(synthWithTags({ team: 'v'.repeat(257) })).toThrow('Stack/Orders: tags.team: must be 0 to 256 characters long');
      expect(synthWithTags({ 'team name': 'cx' })).toThrow('Stack/Orders: tags.team name: tag keys must not start with aws: and may contain only letters and + - = . _ : /');
    });
  });

  test('every broken rule is reported at once', () => {
    expect(() => synth({ objectTypeName: '1x', description: '' })).toThrow(
      /objectTypeName: must start with a letter or _ and contain only letters, digits, _ and -, got "1x"\nStack\/Orders: description: must be 1 to 1000 characters long/,
    );
  });

  test('tokens are left for the handler to check at deploy', () => {
    const s = stack();
    expect(() => new ProfileObjectType(s, 'Orders', {
      ...base,
      domainName: new CfnParameter(s, 'Domain').valueAsString,
      description: new CfnParameter(s, 'Description').valueAsString,
      maxProfileObjectCount: new CfnParameter(s, 'Max', { type: 'Number' }).valueAsNumber,
      expiration: Duration.days(new CfnParameter(s, 'Days', { type: 'Number' }).valueAsNumber),
    })).not.toThrow();
  });
});

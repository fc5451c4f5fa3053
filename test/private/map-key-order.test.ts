import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { ContactReferenceType, FieldContentType, OutboundVoiceContact, ProfileObjectType, StandardIdentifier } from '../../src';

// Go's jsii runtime hands maps over sorted, Java's Map.of in an order that changes per JVM run, TypeScript and Python
// in insertion order: the template must not depend on it. KindResource renders every map of the schema sorted.

function propertiesOf(s: Stack, type: string) {
  const [resource] = Object.values(Template.fromStack(s).findResources(type)) as any[];
  return resource.Properties;
}

function stack() {
  return new Stack(new App(), 'Stack', { env: { account: '123456789012', region: 'us-east-1' } });
}

test('ProfileObjectType: fields and keys in any order give the same template, keys sorted', () => {
  const orderId = { source: '_source.id', target: '_order.OrderId', contentType: FieldContentType.STRING };
  const email = { source: '_source.email', target: '_profile.EmailAddress', contentType: FieldContentType.EMAIL_ADDRESS };
  const orderKey = [{ standardIdentifiers: [StandardIdentifier.UNIQUE], fieldNames: ['orderId'] }];
  const emailKey = [{ standardIdentifiers: [StandardIdentifier.PROFILE], fieldNames: ['email'] }];
  const render = (fields: any, keys: any) => {
    const s = stack();
    new ProfileObjectType(s, 'Orders', { domainName: 'd', objectTypeName: 'ShopifyOrder', description: 'Orders', fields, keys });
    return propertiesOf(s, 'Custom::CustomerProfilesObjectType');
  };
  const insertion = render({ orderId, email }, { orderId: orderKey, email: emailKey });
  const reversed = render({ email, orderId }, { email: emailKey, orderId: orderKey });
  expect(JSON.stringify(insertion)).toBe(JSON.stringify(reversed));
  expect(Object.keys(insertion.Fields)).toEqual(['email', 'orderId']);
  expect(Object.keys(insertion.Keys)).toEqual(['email', 'orderId']);
});

test('OutboundVoiceContact: attributes and references in any order give the same template, keys sorted', () => {
  const render = (attributes: any, references: any) => {
    const s = stack();
    new OutboundVoiceContact(s, 'Call', {
      instanceId: '11111111-2222-3333-4444-555555555555',
      contactFlowId: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
      destinationPhoneNumber: '+12065550100',
      sourcePhoneNumber: '+12065550199',
      attributes,
      references,
    });
    return propertiesOf(s, 'Custom::ConnectOutboundVoiceContact');
  };
  const ticket = { type: ContactReferenceType.URL, value: 'https://example.com/t/1' };
  const build = { type: ContactReferenceType.NUMBER, value: '42' };
  const insertion = render({ purpose: 'smoke', build: '42' }, { ticket, build });
  const reversed = render({ build: '42', purpose: 'smoke' }, { build, ticket });
  expect(JSON.stringify(insertion)).toBe(JSON.stringify(reversed));
  expect(Object.keys(insertion.Attributes)).toEqual(['build', 'purpose']);
  expect(Object.keys(insertion.References)).toEqual(['build', 'ticket']);
});

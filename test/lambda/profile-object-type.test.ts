import { OWNER_TAG, PROFILE_OBJECT_TYPE } from '../../src/private/rules/profile-object-type';
import { AwsEndpoint } from '../support/aws-endpoint';
import { CloudFormation, STACK_ID } from '../support/cloudformation';
import { ProfileObjectTypes } from '../support/fakes/profile-object-types';
import { useLocalHandler } from '../support/local-handler';

const DOMAIN = 'contact-center-prod';
const arnOf = (name: string, domain = DOMAIN) => `arn:aws:profile:us-east-1:123456789012:domains/${domain}/object-types/${name}`;

let endpoint: AwsEndpoint;
let cfn: CloudFormation;
let types: ProfileObjectTypes;
let handler: any;

const orderId = { Source: '_source.id', Target: '_order.OrderId', ContentType: 'STRING' };
const email = { Source: '_source.email', Target: '_profile.EmailAddress', ContentType: 'EMAIL_ADDRESS' };
// Through JSON, as CloudFormation sends them: an override of `undefined` leaves the property out.
const props = (overrides: Record<string, unknown> = {}): Record<string, any> => JSON.parse(JSON.stringify({
  DomainName: DOMAIN,
  ObjectTypeName: 'ShopifyOrder',
  Description: 'Orders from the web shop',
  ExpirationDays: 365,
  AllowProfileCreation: true,
  Fields: { orderId, email },
  Keys: {
    orderId: [{ StandardIdentifiers: ['UNIQUE', 'ORDER'], FieldNames: ['orderId'] }],
    email: [{ StandardIdentifiers: ['PROFILE'], FieldNames: ['email'] }],
  },
  Tags: { team: 'cx' },
  RemovalPolicy: 'retain',
  ...overrides,
}));
const stored = (name = 'ShopifyOrder', domain = DOMAIN) => types.get(domain, name);
/** The tags of a type this file's resource created: the user's and the owner tag. */
const owned = (tags: Record<string, string> = {}) => ({ ...tags, [OWNER_TAG]: 'ContactCenter/Resource' });
const puts = () => endpoint.callsTo('PutProfileObjectType');
const mutations = () => endpoint.calls.filter((c) => !/^(Get|List)/.test(c.operation));

async function created(overrides: Record<string, unknown> = {}) {
  const { response } = await cfn.request(handler, { RequestType: 'Create', ResourceProperties: props(overrides) });
  expect(response.Status).toBe('SUCCESS');
  endpoint.calls.length = 0;
  return response;
}

useLocalHandler({
  service: 'customer-profiles',
  kind: 'profile-object-type',
  resourceType: PROFILE_OBJECT_TYPE.resourceType,
  fakes: () => (types = new ProfileObjectTypes()).fakes,
}, (local) => ({ endpoint, cfn, handler } = local));

beforeEach(() => {
  types.domains.clear();
  types.addDomain(DOMAIN);
  types.addDomain('contact-center-dr');
  endpoint.calls.length = 0;
});

describe('Create', () => {
  test('puts the whole definition with its tags, after checking the name is free', async () => {
    const { response } = await cfn.request(handler, { RequestType: 'Create', ResourceProperties: props({ MaxProfileObjectCount: '1000' }) });
    expect(response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: arnOf('ShopifyOrder') });
    expect(endpoint.calls.map((c) => c.operation)).toEqual(['GetProfileObjectType', 'PutProfileObjectType']);
    const { RemovalPolicy: _r, ...expected } = props({ MaxProfileObjectCount: 1000 });
    expect(puts()[0].input).toEqual({ ...expected, Tags: owned({ team: 'cx' }) });
    expect(stored()!.tags).toEqual(owned({ team: 'cx' }));
  });

  test('returns the ARN, the available count and the timestamps as attributes', async () => {
    const { response } = await cfn.request(handler, { RequestType: 'Create', ResourceProperties: props({ MaxProfileObjectCount: 1000 }) });
    const t = stored()!;
    expect(response.Data).toEqual({
      ObjectTypeArn: arnOf('ShopifyOrder'),
      MaxAvailableProfileObjectCount: 1000,
      CreatedAt: t.createdAt.toISOString(),
      LastUpdatedAt: t.lastUpdatedAt.toISOString(),
    });
    expect(response.Data!.CreatedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  test('an object type of that name that already exists is left alone, and the create fails saying so', async () => {
    types.domains.get(DOMAIN)!.set('ShopifyOrder', { definition: { Description: 'someone else\'s' }, tags: {}, createdAt: new Date(), lastUpdatedAt: new Date() });
    const { response } = await cfn.request(handler, { RequestType: 'Create', ResourceProperties: props() });
    expect(response.Status).toBe('FAILED');
    expect(response.Reason).toMatch(/^ObjectTypeName: an object type named ShopifyOrder already exists in the domain contact-center-prod; it was not created by this resource/);
    expect(response.PhysicalResourceId).toMatch(/^ccr:create-failed:/);
    expect(mutations()).toHaveLength(0);
    expect(stored()!.definition).toEqual({ Description: 'someone else\'s' });
  });

  test('a template-based type sends only the template ID, not what the template defines', async () => {
    const { response } = await cfn.request(handler, {
      RequestType: 'Create',
      ResourceProperties: { DomainName: DOMAIN, ObjectTypeName: 'Account', Description: 'Salesforce accounts', TemplateId: 'Salesforce-Account', RemovalPolicy: 'retain' },
    });
    expect(response.Status).toBe('SUCCESS');
    expect(puts()[0].input).toEqual({ DomainName: DOMAIN, ObjectTypeName: 'Account', Description: 'Salesforce accounts', TemplateId: 'Salesforce-Account', Tags: owned() });
  });

  test('templateId with fields, keys or other template-defined settings fails before any call', async () => {
    const { response } = await cfn.request(handler, { RequestType: 'Create', ResourceProperties: props({ TemplateId: 'Salesforce-Account', Tags: undefined }) });
    expect(response.Status).toBe('FAILED');
    expect(response.Reason).toBe('Invalid properties: allowProfileCreation: must not be set together with templateId: the template defines it; '
      + 'fields: must not be set together with templateId: the template defines it; keys: must not be set together with templateId: the template defines it');
    expect(endpoint.calls).toHaveLength(0);
  });

  test('the service\'s own templateId conflict comes back as the API error', async () => {
    const { response } = await cfn.request(handler, {
      RequestType: 'Create',
      ResourceProperties: { DomainName: DOMAIN, ObjectTypeName: 'Account', Description: 'x', TemplateId: 'No-Such-Template', RemovalPolicy: 'retain' },
    });
    expect(response).toMatchObject({ Status: 'FAILED', Reason: 'PutProfileObjectType failed: BadRequestException: Template No-Such-Template does not exist' });
  });

  test('repeats the synth rules at deploy: two UNIQUE keys, a key on an undeclared field', async () => {
    const { response } = await cfn.request(handler, {
      RequestType: 'Create',
      ResourceProperties: props({
        Keys: { a: [{ StandardIdentifiers: ['UNIQUE'], FieldNames: ['orderId'] }], b: [{ StandardIdentifiers: ['UNIQUE'], FieldNames: ['sku'] }] },
      }),
    });
    expect(response.Reason).toBe('Invalid properties: keys.b[0].fieldNames[0]: must name a field declared in fields, got "sku"; '
      + 'keys: at most one key may have the UNIQUE standard identifier, got "a, b"');
    expect(endpoint.calls).toHaveLength(0);
  });

  test('a missing domain fails with the API\'s reason', async () => {
    const { response } = await cfn.request(handler, { RequestType: 'Create', ResourceProperties: props({ DomainName: 'nowhere' }) });
    expect(response).toMatchObject({ Status: 'FAILED', Reason: 'PutProfileObjectType failed: ResourceNotFoundException: Domain nowhere not found' });
    expect(types.domains.has('nowhere')).toBe(false);
  });
});

describe('Update', () => {
  const update = (old: Record<string, unknown>, next: Record<string, unknown>, physicalId = arnOf('ShopifyOrder')) =>
    cfn.request(handler, { RequestType: 'Update', PhysicalResourceId: physicalId, OldResourceProperties: props(old), ResourceProperties: props(next) });

  test('adding a field, a key and a maximum count puts the complete new definition once', async () => {
    await created();
    const sku = { Source: '_source.sku', Target: '_order.Sku', ContentType: 'STRING' };
    const keys = { ...props().Keys, sku: [{ StandardIdentifiers: ['LOOKUP_ONLY'], FieldNames: ['sku'] }] };
    const { response } = await update({}, { Fields: { orderId, email, sku }, Keys: keys, MaxProfileObjectCount: 50 });
    expect(response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: arnOf('ShopifyOrder'), Data: { MaxAvailableProfileObjectCount: 50 } });
    expect(mutations().map((c) => c.operation)).toEqual(['PutProfileObjectType']);
    expect(stored()!.definition).toMatchObject({ Fields: { orderId, email, sku }, Keys: keys, MaxProfileObjectCount: 50 });
  });

  test('removed fields, keys and optional settings are really removed, not kept from the old definition', async () => {
    await created({ MaxProfileObjectCount: 50, SourcePriority: 2 });
    const { response } = await update(
      { MaxProfileObjectCount: 50, SourcePriority: 2 },
      { Fields: { orderId }, Keys: { orderId: props().Keys.orderId }, ExpirationDays: undefined, AllowProfileCreation: undefined },
    );
    expect(response.Status).toBe('SUCCESS');
    expect(stored()!.definition).toEqual({ Description: 'Orders from the web shop', Fields: { orderId }, Keys: { orderId: props().Keys.orderId } });
    expect(response.Data!.MaxAvailableProfileObjectCount).toBeUndefined();
  });

  test('tag changes: removed keys are untagged, added and changed ones tagged, the definition is not put again', async () => {
    await created({ Tags: { team: 'cx', cost: 'a', old: 'x' } });
    const { response } = await update({ Tags: { team: 'cx', cost: 'a', old: 'x' } }, { Tags: { team: 'cx', cost: 'b', owner: 'ops' } });
    expect(response.Status).toBe('SUCCESS');
    expect(mutations().map((c) => [c.operation, c.input])).toEqual([
      ['UntagResource', { resourceArn: arnOf('ShopifyOrder'), tagKeys: ['old'] }],
      ['TagResource', { resourceArn: arnOf('ShopifyOrder'), tags: { cost: 'b', owner: 'ops' } }],
    ]);
    expect(stored()!.tags).toEqual(owned({ team: 'cx', cost: 'b', owner: 'ops' }));
  });

  test('removing every tag untags them all, several keys in one call', async () => {
    await created({ Tags: { team: 'cx', cost: 'a' } });
    await update({ Tags: { team: 'cx', cost: 'a' } }, { Tags: undefined });
    expect(endpoint.callsTo('UntagResource')[0].input.tagKeys).toEqual(['team', 'cost']);
    expect(stored()!.tags).toEqual(owned());
  });

  test('a change of removal policy alone reads the attributes and changes nothing', async () => {
    await created();
    const { response } = await update({}, { RemovalPolicy: 'destroy' });
    expect(response).toMatchObject({ Status: 'SUCCESS', Data: { ObjectTypeArn: arnOf('ShopifyOrder') } });
    expect(response.Data!.CreatedAt).toEqual(expect.any(String));
    expect(endpoint.calls.map((c) => c.operation)).toEqual(['GetProfileObjectType']);
  });

  test('a failed update keeps the physical ID, and the rollback update restores the old definition', async () => {
    await created();
    endpoint.inject('PutProfileObjectType', { status: 400, code: 'BadRequestException' });
    const failed = await update({}, { Description: 'new' });
    expect(failed.response).toMatchObject({ Status: 'FAILED', PhysicalResourceId: arnOf('ShopifyOrder') });
    const rollback = await update({ Description: 'new' }, {});
    expect(rollback.response.Status).toBe('SUCCESS');
    expect(stored()!.definition.Description).toBe('Orders from the web shop');
  });
});

describe('replacement', () => {
  test('a new name creates the new type; the old one then follows its removal policy (DESTROY)', async () => {
    await created({ RemovalPolicy: 'destroy' });
    const { response } = await cfn.request(handler, {
      RequestType: 'Update',
      PhysicalResourceId: arnOf('ShopifyOrder'),
      OldResourceProperties: props({ RemovalPolicy: 'destroy' }),
      ResourceProperties: props({ ObjectTypeName: 'WebOrder' }),
    });
    expect(response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: arnOf('WebOrder') });
    expect(endpoint.calls.map((c) => c.operation)).toEqual(['GetProfileObjectType', 'PutProfileObjectType']);
    expect(stored('WebOrder')!.tags).toEqual(owned({ team: 'cx' }));

    // CloudFormation then deletes the old physical resource, with the old properties.
    const cleanup = await cfn.request(handler, { RequestType: 'Delete', PhysicalResourceId: arnOf('ShopifyOrder'), ResourceProperties: props({ RemovalPolicy: 'destroy' }) });
    expect(cleanup.response.Status).toBe('SUCCESS');
    expect(stored('ShopifyOrder')).toBeUndefined();
    expect(stored('WebOrder')).toBeDefined();
  });

  test('a new domain under RETAIN keeps the old type', async () => {
    await created();
    const { response } = await cfn.request(handler, {
      RequestType: 'Update', PhysicalResourceId: arnOf('ShopifyOrder'), OldResourceProperties: props(), ResourceProperties: props({ DomainName: 'contact-center-dr' }),
    });
    expect(response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: arnOf('ShopifyOrder', 'contact-center-dr') });
    const cleanup = await cfn.request(handler, { RequestType: 'Delete', PhysicalResourceId: arnOf('ShopifyOrder'), ResourceProperties: props() });
    expect(cleanup.response.Status).toBe('SUCCESS');
    expect(stored('ShopifyOrder')).toBeDefined();
    expect(stored('ShopifyOrder', 'contact-center-dr')).toBeDefined();
  });

  test('a replacement onto a name that is taken fails and leaves both types as they were', async () => {
    await created();
    await cfn.request(handler, { RequestType: 'Create', LogicalResourceId: 'SomeoneElse', ResourceProperties: props({ ObjectTypeName: 'Taken', Description: 'someone else' }) });
    endpoint.calls.length = 0;
    const { response } = await cfn.request(handler, {
      RequestType: 'Update', PhysicalResourceId: arnOf('ShopifyOrder'), OldResourceProperties: props(), ResourceProperties: props({ ObjectTypeName: 'Taken' }),
    });
    expect(response).toMatchObject({ Status: 'FAILED', PhysicalResourceId: arnOf('ShopifyOrder') });
    expect(response.Reason).toMatch(/already exists/);
    expect(stored('Taken')!.definition.Description).toBe('someone else');
    expect(mutations()).toHaveLength(0);
  });
});

describe('Delete', () => {
  test('DESTROY deletes the type named by the physical ID, with one call', async () => {
    await created();
    const { response } = await cfn.request(handler, { RequestType: 'Delete', PhysicalResourceId: arnOf('ShopifyOrder'), ResourceProperties: props({ RemovalPolicy: 'destroy' }) });
    expect(response.Status).toBe('SUCCESS');
    expect(mutations().map((c) => [c.operation, c.input])).toEqual([['DeleteProfileObjectType', { DomainName: DOMAIN, ObjectTypeName: 'ShopifyOrder' }]]);
    expect(stored()).toBeUndefined();
  });

  test('DESTROY of a type that is already gone succeeds', async () => {
    const { response } = await cfn.request(handler, { RequestType: 'Delete', PhysicalResourceId: arnOf('ShopifyOrder'), ResourceProperties: props({ RemovalPolicy: 'destroy' }) });
    expect(response.Status).toBe('SUCCESS');
    expect(endpoint.callsTo('DeleteProfileObjectType')).toHaveLength(1);
  });

  test('DESTROY that the API refuses fails with its reason', async () => {
    await created();
    endpoint.inject('DeleteProfileObjectType', { status: 403, code: 'AccessDeniedException' });
    const { response } = await cfn.request(handler, { RequestType: 'Delete', PhysicalResourceId: arnOf('ShopifyOrder'), ResourceProperties: props({ RemovalPolicy: 'destroy' }) });
    expect(response).toMatchObject({ Status: 'FAILED', Reason: 'DeleteProfileObjectType failed: AccessDeniedException: injected fault' });
    expect(stored()).toBeDefined();
  });

  test('a delete after a create that failed on an existing name succeeds and leaves that type alone', async () => {
    types.domains.get(DOMAIN)!.set('ShopifyOrder', { definition: { Description: 'theirs' }, tags: {}, createdAt: new Date(), lastUpdatedAt: new Date() });
    const create = await cfn.request(handler, { RequestType: 'Create', ResourceProperties: props({ RemovalPolicy: 'destroy' }) });
    expect(create.response.Status).toBe('FAILED');
    endpoint.calls.length = 0;
    const del = await cfn.request(handler, { RequestType: 'Delete', PhysicalResourceId: create.response.PhysicalResourceId, ResourceProperties: props({ RemovalPolicy: 'destroy' }) });
    expect(del.response.Status).toBe('SUCCESS');
    expect(endpoint.calls).toHaveLength(0);
    expect(stored()!.definition).toEqual({ Description: 'theirs' });
  });
});


describe('ownership: the owner tag names the stack and logical ID that created the object type', () => {
  const redeployed = STACK_ID.replace(/[0-9a-f-]{36}$/, '00000000-1111-2222-3333-444444444444');

  test('a Create that finds the type this resource made before (a redeploy after a rollback kept it) takes it back as asked', async () => {
    await cfn.request(handler, { RequestType: 'Create', LogicalResourceId: 'Orders', ResourceProperties: props() });
    endpoint.calls.length = 0;
    // The stack was rolled back and deleted; the new stack of the same name has a new ID.
    const { response } = await cfn.request(handler, {
      RequestType: 'Create', LogicalResourceId: 'Orders', StackId: redeployed, ResourceProperties: props({ Description: 'Orders, v2', Tags: { team: 'ops' } }),
    });
    expect(response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: arnOf('ShopifyOrder') });
    expect(stored()!.definition.Description).toBe('Orders, v2');
    expect(stored()!.tags).toEqual({ team: 'ops', [OWNER_TAG]: 'ContactCenter/Orders' });
    expect(mutations().map((c) => c.operation)).toEqual(['PutProfileObjectType', 'TagResource']);
  });

  test.each([
    ['another logical ID of the same stack', { LogicalResourceId: 'Refunds' }, 'its cdk-contact-center-resources:owner tag names ContactCenter/Refunds'],
    ['another stack', { StackId: STACK_ID.replace('ContactCenter', 'Billing') }, 'its cdk-contact-center-resources:owner tag names Billing/Orders'],
  ])('a type made by %s is refused and left as it is', async (_who, maker, owner) => {
    await cfn.request(handler, { RequestType: 'Create', LogicalResourceId: 'Orders', ...maker, ResourceProperties: props({ Description: 'theirs' }) });
    endpoint.calls.length = 0;
    const { response } = await cfn.request(handler, { RequestType: 'Create', LogicalResourceId: 'Orders', ResourceProperties: props() });
    expect(response.Status).toBe('FAILED');
    expect(response.Reason).toBe('ObjectTypeName: an object type named ShopifyOrder already exists in the domain contact-center-prod; it was not created by this resource '
      + `(${owner}) and was left as it is. Choose another objectTypeName, or delete the existing object type first`);
    expect(mutations()).toEqual([]);
    expect(stored()!.definition.Description).toBe('theirs');
  });

  test('a type with no owner tag (made by hand, or by another tool) is refused', async () => {
    types.domains.get(DOMAIN)!.set('ShopifyOrder', { definition: { Description: 'by hand' }, tags: { team: 'cx' }, createdAt: new Date(), lastUpdatedAt: new Date() });
    const { response } = await cfn.request(handler, { RequestType: 'Create', ResourceProperties: props() });
    expect(response.Reason).toMatch(/it was not created by this resource \(it has no cdk-contact-center-resources:owner tag\)/);
    expect(stored()!.definition.Description).toBe('by hand');
  });

  test('the rollback of a replacement takes back the old type, which cleanup had not deleted yet', async () => {
    await cfn.request(handler, { RequestType: 'Create', ResourceProperties: props() });
    const replaced = await cfn.request(handler, {
      RequestType: 'Update', PhysicalResourceId: arnOf('ShopifyOrder'), OldResourceProperties: props(), ResourceProperties: props({ ObjectTypeName: 'ShopifyRefund' }),
    });
    expect(replaced.response.PhysicalResourceId).toBe(arnOf('ShopifyRefund'));
    // Another resource failed: CloudFormation sends the rollback update back to the old properties.
    const rollback = await cfn.request(handler, {
      RequestType: 'Update', PhysicalResourceId: arnOf('ShopifyRefund'), OldResourceProperties: props({ ObjectTypeName: 'ShopifyRefund' }), ResourceProperties: props(),
    });
    expect(rollback.response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: arnOf('ShopifyOrder') });
  });
});

/**
 * ProfileObjectType: its declaration and rules, after PutProfileObjectType in the Customer Profiles API model
 * (botocore customer-profiles 2020-08-15) and its documentation.
 */
import { attribute, declareKind, PropertiesOf } from './kind';
import { bool, int, list, map, sensitive, str, struct } from './schema';
import { Checker, IsUnresolved, Violation } from './violations';

export const FIELD_CONTENT_TYPES = ['STRING', 'NUMBER', 'PHONE_NUMBER', 'EMAIL_ADDRESS', 'NAME'];
export const STANDARD_IDENTIFIERS = [
  'PROFILE', 'ASSET', 'CASE', 'DEVICE', 'WEB_ANALYTICS', 'ORDER', 'COMMUNICATION_RECORD', 'AIR_PREFERENCE', 'HOTEL_PREFERENCE',
  'AIR_BOOKING', 'AIR_SEGMENT', 'HOTEL_RESERVATION', 'HOTEL_STAY_REVENUE', 'LOYALTY', 'LOYALTY_TRANSACTION', 'LOYALTY_PROMOTION',
  'UNIQUE', 'SECONDARY', 'LOOKUP_ONLY', 'NEW_ONLY',
];

/** Shape `name` in the model (domain, template, key and key field names). */
export const NAME = /^[a-zA-Z0-9_-]+$/;
/** Shape `typeName`: starts with a letter or `_`. */
export const TYPE_NAME = /^[a-zA-Z_][a-zA-Z_0-9-]*$/;
/** Shape `fieldName`: like `name`, and dots too. */
const FIELD_NAME = /^[a-zA-Z0-9_.-]+$/;
/** Shape `TagKey`, as written in the model (its `+-=` range also admits `,`, digits, `;` and `<`). */
const TAG_KEY = /^(?!aws:)[a-zA-Z+-=._:/]+$/;
/** ExpirationDays: expirationDaysInteger in the model. */
export const MAX_EXPIRATION_DAYS = 1098;
/** minSize1 integers have no upper bound in the model; the service stores them as 32-bit integers. */
const MAX_INT = 2_147_483_647;
/** The service's limit is 50 tags per object type; one of them is the owner tag the handler sets. */
const MAX_TAGS = 49;

/**
 * The tag the handler puts on every object type it creates, naming the resource that created it:
 * `<stack name>/<logical ID>`. The stack's name, not its ID, so that a redeploy after a failed first deploy (a new
 * stack of the same name) recognizes the object type its rollback retained; another resource's object type is
 * never taken over.
 */
export const OWNER_TAG = 'cdk-contact-center-resources:owner';
const MAX_TAG_VALUE = 256;

/** The value of OWNER_TAG for the resource of this stack and logical ID. */
export function ownerOf(stackId: string, logicalId: string): string {
  const stackName = /:stack\/([^/]+)\//.exec(stackId)?.[1] ?? stackId;
  return `${stackName}/${logicalId}`.slice(0, MAX_TAG_VALUE);
}

/** The members a template defines: sending any of them with TemplateId may give BadRequestException. */
const TEMPLATE_DEFINED = ['AllowProfileCreation', 'SourceLastUpdatedTimestampFormat', 'Fields', 'Keys'] as const;

export const PROFILE_OBJECT_TYPE = declareKind({
  handler: 'profile-object-type',
  description: 'Customer Profiles object types',
  resourceType: 'Custom::CustomerProfilesObjectType',
  defaultRemovalPolicy: 'retain',
  // Named as in PutProfileObjectType; EncryptionKey is the key's ARN. Description and Fields are sensitive in the model.
  schema: struct({
    DomainName: str,
    ObjectTypeName: str,
    Description: sensitive,
    TemplateId: str,
    ExpirationDays: int,
    EncryptionKey: str,
    AllowProfileCreation: bool,
    SourceLastUpdatedTimestampFormat: str,
    MaxProfileObjectCount: int,
    SourcePriority: int,
    Fields: map(struct({ Source: sensitive, Target: sensitive, ContentType: str }, ['Source', 'Target'])),
    Keys: map(list(struct({ FieldNames: list(str), StandardIdentifiers: list(str) }, ['FieldNames']))),
    Tags: map(str),
  }, ['DomainName', 'ObjectTypeName', 'Description']),
  // Small on purpose: CloudFormation rejects a response over 4 KB.
  attributes: {
    ObjectTypeArn: attribute.string,
    MaxAvailableProfileObjectCount: attribute.onlyWith(attribute.number, 'MaxProfileObjectCount'),
    CreatedAt: attribute.string,
    LastUpdatedAt: attribute.string,
  },
  validate(p, c) {
    c.length('DomainName', p.DomainName, 1, 64);
    c.pattern('DomainName', p.DomainName, NAME, 'must contain only letters, digits, _ and -');
    c.length('ObjectTypeName', p.ObjectTypeName, 1, 255);
    c.pattern('ObjectTypeName', p.ObjectTypeName, TYPE_NAME, 'must start with a letter or _ and contain only letters, digits, _ and -');
    c.sensitiveLength('Description', p.Description, 1, 1000);
    c.length('TemplateId', p.TemplateId, 1, 64);
    c.pattern('TemplateId', p.TemplateId, NAME, 'must contain only letters, digits, _ and -');
    c.integer('ExpirationDays', p.ExpirationDays, 1, MAX_EXPIRATION_DAYS);
    c.length('EncryptionKey', p.EncryptionKey, 0, 255);
    c.length('SourceLastUpdatedTimestampFormat', p.SourceLastUpdatedTimestampFormat, 1, 255);
    c.integer('MaxProfileObjectCount', p.MaxProfileObjectCount, 1, MAX_INT);
    c.integer('SourcePriority', p.SourcePriority, 1, MAX_INT);
    if (c.known(p.TemplateId)) {
      for (const member of TEMPLATE_DEFINED) {
        if (p[member] !== undefined) c.fail(member, 'must not be set together with templateId: the template defines it');
      }
    }
    checkFields(c, p.Fields);
    checkKeys(c, p.Keys, p.Fields);
    c.violations.push(...validateTags(p.Tags, c.isUnresolved));
  },
});

export type ProfileObjectTypeProperties = PropertiesOf<typeof PROFILE_OBJECT_TYPE>;
type FieldProperties = NonNullable<ProfileObjectTypeProperties['Fields']>[string];
type KeyProperties = NonNullable<ProfileObjectTypeProperties['Keys']>[string][number];

/**
 * Description and Fields are flagged sensitive in the model: a message gives the length, never the text,
 * because the handler repeats the message in its logs and in the reason CloudFormation shows.
 */
function checkFields(c: Checker, fields: Record<string, FieldProperties> | undefined): void {
  if (!c.known(fields)) return;
  for (const [name, f] of Object.entries(fields)) {
    const path = `Fields.${name}`;
    c.length(path, name, 1, 64);
    c.pattern(path, name, FIELD_NAME, 'field names must contain only letters, digits, ., _ and -');
    c.sensitiveLength(`${path}.Source`, f.Source, 1, 1000);
    c.sensitiveLength(`${path}.Target`, f.Target, 1, 1000);
    if (c.known(f.ContentType) && !FIELD_CONTENT_TYPES.includes(f.ContentType)) {
      c.fail(`${path}.ContentType`, `must be one of ${FIELD_CONTENT_TYPES.join(', ')}`, f.ContentType);
    }
  }
}

function checkKeys(c: Checker, keys: Record<string, KeyProperties[]> | undefined, fields: Record<string, FieldProperties> | undefined): void {
  if (!c.known(keys)) return;
  // No fields at all means no key can refer to one; fields that are not known yet are checked at deploy.
  const declared = fields === undefined ? new Set<string>() : c.known(fields) ? new Set(Object.keys(fields)) : undefined;
  const unique: string[] = [];
  for (const [name, entries] of Object.entries(keys)) {
    const path = `Keys.${name}`;
    c.length(path, name, 1, 64);
    c.pattern(path, name, NAME, 'key names must contain only letters, digits, _ and -');
    entries.forEach((key, i) => {
      const at = `${path}[${i}]`;
      (key.StandardIdentifiers ?? []).forEach((id, j) => {
        if (c.known(id) && !STANDARD_IDENTIFIERS.includes(id)) c.fail(`${at}.StandardIdentifiers[${j}]`, 'must be a standard identifier such as PROFILE or UNIQUE', id);
      });
      if (key.StandardIdentifiers?.includes('UNIQUE')) unique.push(name);
      if (c.known(key.FieldNames) && key.FieldNames.length === 0) c.fail(`${at}.FieldNames`, 'must name at least one field');
      (key.FieldNames ?? []).forEach((field, j) => {
        if (!c.known(field)) return;
        if (!FIELD_NAME.test(field)) c.fail(`${at}.FieldNames[${j}]`, 'must contain only letters, digits, ., _ and -', field);
        else if (declared && !declared.has(field)) c.fail(`${at}.FieldNames[${j}]`, 'must name a field declared in fields', field);
      });
    });
  }
  if (unique.length > 1) c.fail('Keys', 'at most one key may have the UNIQUE standard identifier', unique.join(', '));
}

/** Checked at synth after every `Tags.of()` has been applied, and again by the handler. */
export function validateTags(tags: Record<string, string> | undefined, isUnresolved: IsUnresolved): Violation[] {
  const c = new Checker(isUnresolved);
  if (!c.known(tags)) return [];
  const entries = Object.entries(tags);
  if (entries.length > MAX_TAGS) c.fail('Tags', `must have at most ${MAX_TAGS} tags (the service takes 50, and the handler sets ${OWNER_TAG})`, entries.length);
  for (const [key, value] of entries) {
    if (key === OWNER_TAG) c.fail(`Tags.${key}`, 'is the tag the handler sets to recognize the object types it created; choose another key', key);
    c.length(`Tags.${key}`, key, 1, 128);
    c.pattern(`Tags.${key}`, key, TAG_KEY, 'tag keys must not start with aws: and may contain only letters and + - = . _ : /');
    c.length(`Tags.${key}`, value, 0, 256);
  }
  return c.violations;
}

/** `arn:<partition>:profile:<region>:<account>:domains/<domain>/object-types/<name>` (Service Authorization Reference). */
export function objectTypeArn(partition: string, region: string, account: string, domain: string, name: string): string {
  return `arn:${partition}:profile:${region}:${account}:domains/${domain}/object-types/${name}`;
}

const OBJECT_TYPE_ARN = /^arn:([a-z-]+):profile:([a-z0-9-]+):(\d+):domains\/([a-zA-Z0-9_-]+)\/object-types\/([a-zA-Z_][a-zA-Z_0-9-]*)$/;

export function parseObjectTypeArn(arn: string): { domain: string; name: string } | undefined {
  const m = OBJECT_TYPE_ARN.exec(arn);
  return m ? { domain: m[4], name: m[5] } : undefined;
}

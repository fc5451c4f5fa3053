/**
 * A stateful fake of Customer Profiles object types, behind the model-checking endpoint. It keeps each
 * domain's object types, tags and timestamps, and refuses what the service documents it refuses.
 */
import { OperationFake, ServiceError } from '../aws-endpoint';

export interface StoredObjectType {
  definition: Record<string, any>;
  tags: Record<string, string>;
  createdAt: Date;
  lastUpdatedAt: Date;
}

/** Templates the fake knows, with what they define (GetProfileObjectTypeTemplate). */
export const TEMPLATES: Record<string, Record<string, any>> = {
  'Salesforce-Account': {
    SourceName: 'Salesforce',
    SourceObject: 'Account',
    AllowProfileCreation: true,
    Fields: { Id: { Source: '_source.Id', Target: '_profile.Attributes.SalesforceAccountId', ContentType: 'STRING' } },
    Keys: { _salesforceAccountId: [{ StandardIdentifiers: ['PROFILE', 'UNIQUE'], FieldNames: ['Id'] }] },
  },
};

const TEMPLATE_DEFINED = ['AllowProfileCreation', 'SourceLastUpdatedTimestampFormat', 'Fields', 'Keys'];

export class ProfileObjectTypes {
  /** domain name → object type name → object type. A domain must exist before it holds object types. */
  public readonly domains = new Map<string, Map<string, StoredObjectType>>();

  public addDomain(name: string): void {
    this.domains.set(name, new Map());
  }

  public get(domain: string, name: string): StoredObjectType | undefined {
    return this.domains.get(domain)?.get(name);
  }

  public get fakes(): Record<string, OperationFake> {
    return {
      PutProfileObjectType: (input) => {
        const types = this.domain(input.DomainName);
        const { DomainName: _d, ObjectTypeName: name, Tags, ...definition } = input;
        if (definition.TemplateId) {
          if (!TEMPLATES[definition.TemplateId]) throw new ServiceError('BadRequestException', `Template ${definition.TemplateId} does not exist`);
          const clash = TEMPLATE_DEFINED.filter((m) => definition[m] !== undefined);
          if (clash.length > 0) throw new ServiceError('BadRequestException', `${clash.join(', ')} cannot be set together with TemplateId`);
        }
        const unique = Object.values<any[]>(definition.Keys ?? {}).flat().filter((k) => k.StandardIdentifiers?.includes('UNIQUE'));
        if (unique.length > 1) throw new ServiceError('BadRequestException', 'Only one UNIQUE key is allowed per object type');
        const now = new Date();
        const existing = types.get(name);
        // Put replaces the whole definition; tags of an existing type are changed only by TagResource/UntagResource.
        const stored: StoredObjectType = existing
          ? { ...existing, definition, lastUpdatedAt: now }
          : { definition, tags: { ...(Tags ?? {}) }, createdAt: now, lastUpdatedAt: now };
        types.set(name, stored);
        return this.describe(name, stored);
      },
      GetProfileObjectType: (input) => this.describe(input.ObjectTypeName, this.find(input.DomainName, input.ObjectTypeName)),
      DeleteProfileObjectType: (input) => {
        this.find(input.DomainName, input.ObjectTypeName);
        this.domain(input.DomainName).delete(input.ObjectTypeName);
        return { Message: `${input.ObjectTypeName} and all of its objects were deleted` };
      },
      ListProfileObjectTypes: (input) => ({
        Items: [...this.domain(input.DomainName).entries()].map(([name, t]) => ({
          ObjectTypeName: name, Description: t.definition.Description, CreatedAt: t.createdAt, LastUpdatedAt: t.lastUpdatedAt,
        })),
      }),
      GetProfileObjectTypeTemplate: (input) => {
        const template = TEMPLATES[input.TemplateId];
        if (!template) throw new ServiceError('ResourceNotFoundException', `Template ${input.TemplateId} not found`);
        return { TemplateId: input.TemplateId, ...template };
      },
      TagResource: (input) => {
        const t = this.byArn(input.resourceArn);
        Object.assign(t.tags, input.tags);
        return {};
      },
      UntagResource: (input) => {
        const t = this.byArn(input.resourceArn);
        for (const key of input.tagKeys as string[]) delete t.tags[key];
        return {};
      },
      ListTagsForResource: (input) => {
        const t = this.byArn(input.resourceArn);
        return Object.keys(t.tags).length > 0 ? { tags: t.tags } : {};
      },
    };
  }

  private describe(name: string, t: StoredObjectType): Record<string, unknown> {
    const template = t.definition.TemplateId ? TEMPLATES[t.definition.TemplateId] : undefined;
    const max = t.definition.MaxProfileObjectCount;
    return {
      ObjectTypeName: name,
      ...t.definition,
      // A template's mappings apply to the type; the response reports them as the type's own.
      ...(template && { AllowProfileCreation: template.AllowProfileCreation, Fields: template.Fields, Keys: template.Keys }),
      ...(max !== undefined && { MaxAvailableProfileObjectCount: max }),
      CreatedAt: t.createdAt,
      LastUpdatedAt: t.lastUpdatedAt,
      ...(Object.keys(t.tags).length > 0 && { Tags: t.tags }),
    };
  }

  private domain(name: string): Map<string, StoredObjectType> {
    const d = this.domains.get(name);
    if (!d) throw new ServiceError('ResourceNotFoundException', `Domain ${name} not found`);
    return d;
  }

  private find(domain: string, name: string): StoredObjectType {
    const t = this.domain(domain).get(name);
    if (!t) throw new ServiceError('ResourceNotFoundException', `Object type ${name} not found in domain ${domain}`);
    return t;
  }

  private byArn(arn: string): StoredObjectType {
    const m = /:domains\/([^/]+)\/object-types\/([^/]+)$/.exec(arn);
    if (!m) throw new ServiceError('BadRequestException', `${arn} is not an object type ARN`);
    return this.find(m[1], m[2]);
  }
}

/**
 * ProfileObjectType handler: Customer Profiles PutProfileObjectType on Create and Update, tag changes with
 * TagResource/UntagResource, and DeleteProfileObjectType on Delete only with DESTROY. The physical ID is the
 * object type's ARN, so a new domain or name means replacement: CloudFormation then deletes the old one.
 * Every object type it creates carries OWNER_TAG, so that it recognizes its own (kept by RETAIN through a rollback)
 * and never takes over anyone else's.
 */
import {
  CustomerProfilesClient, DeleteProfileObjectTypeCommand, GetProfileObjectTypeCommand, GetProfileObjectTypeResponse,
  PutProfileObjectTypeCommand, PutProfileObjectTypeRequest, TagResourceCommand, UntagResourceCommand,
} from '@aws-sdk/client-customer-profiles';
import {
  objectTypeArn, OWNER_TAG, ownerOf, parseObjectTypeArn, PROFILE_OBJECT_TYPE, ProfileObjectTypeProperties,
} from '../../src/private/rules/profile-object-type';
import { ApiError, customResourceHandler, HandlerContext, HandlerError, log, sdkConfig } from '../core';

const profiles = new CustomerProfilesClient(sdkConfig());

type Props = ProfileObjectTypeProperties;

export const handler = customResourceHandler(PROFILE_OBJECT_TYPE, {
  onCreate: (p, ctx) => create(p, ctx),

  async onUpdate(p, old, physicalId, ctx) {
    const arn = arnOf(p, ctx);
    // A new domain or name is a replacement: a new object type, created under the same rules as on Create.
    if (physicalId !== arn) return create(p, ctx);
    let output: ObjectTypeOutput;
    if (old && sameDefinition(old, p)) {
      // Read: GetProfileObjectType. Why: nothing to put, but CloudFormation still needs the attributes.
      log('info', 'no definition change: nothing to put');
      output = await get(p, ctx);
    } else {
      // Put is a full overwrite: the complete new definition, so removed fields, keys and settings are really gone.
      // Its tags change nothing on an existing type (retag does that), but tag a type that was deleted behind the
      // stack's back and that this Put therefore creates again.
      output = await put({ ...definitionOf(p), Tags: tagsOf(p, ctx) }, ctx);
    }
    await retag(arn, old?.Tags ?? {}, p.Tags ?? {}, ctx);
    return outcome(arn, output);
  },

  async onDestroy(_p, physicalId, ctx) {
    const target = parseObjectTypeArn(physicalId);
    if (!target) {
      // Every physical ID this resource answers is an object type ARN: any other one names nothing it created.
      log('warn', 'the physical ID is not an object type ARN: nothing to delete', { physicalId });
      return;
    }
    await ctx.call('DeleteProfileObjectType', (abortSignal) => profiles.send(new DeleteProfileObjectTypeCommand({
      DomainName: target.domain, ObjectTypeName: target.name,
    }), { abortSignal }));
  },
  // An object type that is already gone has nothing left to delete.
  alreadyGone: { DeleteProfileObjectType: ['ResourceNotFoundException'] },
});

type ObjectTypeOutput = Pick<GetProfileObjectTypeResponse, 'MaxAvailableProfileObjectCount' | 'CreatedAt' | 'LastUpdatedAt' | 'Tags'>;

async function create(p: Props, ctx: HandlerContext) {
  const arn = arnOf(p, ctx);
  // Read: GetProfileObjectType. Why: Put would silently overwrite an object type that someone else made.
  const existing = await getIfExists(p, ctx);
  if (!existing) return outcome(arn, await put({ ...definitionOf(p), Tags: tagsOf(p, ctx) }, ctx));
  const owner = existing.Tags?.[OWNER_TAG];
  if (owner !== ownerOf(ctx.event.StackId, ctx.event.LogicalResourceId)) {
    throw new HandlerError(`ObjectTypeName: an object type named ${p.ObjectTypeName} already exists in the domain ${p.DomainName}; `
      + `it was not created by this resource (${owner ? `its ${OWNER_TAG} tag names ${owner}` : `it has no ${OWNER_TAG} tag`}) and was left as it is. `
      + 'Choose another objectTypeName, or delete the existing object type first');
  }
  // This resource made it in an earlier deployment that rolled back (RETAIN kept it), or in a first try of this
  // very Create: it takes it back, with the definition and tags asked for now.
  log('info', 'the object type was created by this resource before: adopting it', { objectTypeName: p.ObjectTypeName });
  const output = await put(definitionOf(p), ctx);
  const { [OWNER_TAG]: _owner, ...tags } = existing.Tags ?? {};
  await retag(arn, tags, p.Tags ?? {}, ctx);
  return outcome(arn, output);
}

/** The tags a Put that may create the object type sends: the user's, and the owner tag. */
function tagsOf(p: Props, ctx: HandlerContext): Record<string, string> {
  return { ...p.Tags, [OWNER_TAG]: ownerOf(ctx.event.StackId, ctx.event.LogicalResourceId) };
}

/** Everything PutProfileObjectType defines, and nothing from any earlier definition. Tags go separately on update. */
function definitionOf(p: Props): PutProfileObjectTypeRequest {
  return {
    DomainName: p.DomainName,
    ObjectTypeName: p.ObjectTypeName,
    Description: p.Description,
    TemplateId: p.TemplateId,
    ExpirationDays: p.ExpirationDays,
    EncryptionKey: p.EncryptionKey,
    AllowProfileCreation: p.AllowProfileCreation,
    SourceLastUpdatedTimestampFormat: p.SourceLastUpdatedTimestampFormat,
    MaxProfileObjectCount: p.MaxProfileObjectCount,
    SourcePriority: p.SourcePriority,
    // The rules checked ContentType and StandardIdentifiers against the API's enums; the SDK types them as such.
    Fields: p.Fields as PutProfileObjectTypeRequest['Fields'],
    Keys: p.Keys as PutProfileObjectTypeRequest['Keys'],
  };
}

function sameDefinition(a: Props, b: Props): boolean {
  return JSON.stringify(definitionOf(a)) === JSON.stringify(definitionOf(b));
}

async function put(request: PutProfileObjectTypeRequest, ctx: HandlerContext): Promise<ObjectTypeOutput> {
  return ctx.call('PutProfileObjectType', (abortSignal) => profiles.send(new PutProfileObjectTypeCommand(request), { abortSignal }));
}

async function get(p: Props, ctx: HandlerContext): Promise<ObjectTypeOutput> {
  return ctx.call('GetProfileObjectType', (abortSignal) => profiles.send(new GetProfileObjectTypeCommand({
    DomainName: p.DomainName, ObjectTypeName: p.ObjectTypeName,
  }), { abortSignal }));
}

async function getIfExists(p: Props, ctx: HandlerContext): Promise<ObjectTypeOutput | undefined> {
  try {
    return await get(p, ctx);
  } catch (err) {
    if (err instanceof ApiError && err.code === 'ResourceNotFoundException') return undefined;
    throw err;
  }
}

/** Put does not change the tags of an existing object type: TagResource and UntagResource do, only for what changed. */
async function retag(arn: string, before: Record<string, string>, after: Record<string, string>, ctx: HandlerContext): Promise<void> {
  const removed = Object.keys(before).filter((k) => !(k in after));
  const changed = Object.fromEntries(Object.entries(after).filter(([k, v]) => before[k] !== v));
  if (removed.length > 0) {
    await ctx.call('UntagResource', (abortSignal) => profiles.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: removed }), { abortSignal }));
  }
  if (Object.keys(changed).length > 0) {
    await ctx.call('TagResource', (abortSignal) => profiles.send(new TagResourceCommand({ resourceArn: arn, tags: changed }), { abortSignal }));
  }
}

/** The object type's ARN, in the stack's partition, Region and account (the custom resource runs there). */
function arnOf(p: Props, ctx: HandlerContext): string {
  const [, partition, , region, account] = ctx.event.StackId.split(':');
  return objectTypeArn(partition, region, account, p.DomainName, p.ObjectTypeName);
}

/** The core passes on only the declared attributes: the definition itself never goes back to CloudFormation. */
function outcome(arn: string, output: ObjectTypeOutput) {
  const { Tags: _tags, ...attributes } = output;
  return { physicalId: arn, attributes: { ...attributes, ObjectTypeArn: arn } };
}

/**
 * InstanceReplica: its declaration and rules, after ReplicateInstance and DescribeInstance in the Connect API model
 * (botocore connect 2017-08-08) and the Administrator Guide ("Create a replica of your existing Amazon Connect
 * instance"). Also the physical ID's codec, which the handler and the tests share.
 */
import { createHash } from 'crypto';
import { checkRegion, CONNECT_ID, UUID } from './connect-names';
import { attribute, declareKind, PropertiesOf } from './kind';
import { sensitive, str, struct } from './schema';
import { arnInStack, StackEnv } from './stack-env';
import { Checker, mask } from './violations';

/** An instance ID: the lower-case UUID that ends the instance's ARN. */
export const INSTANCE_ID = CONNECT_ID;
/** An instance ARN, with its partition, Region, account and ID as groups (the model's InstanceIdOrArn, ARN form). */
export const INSTANCE_ARN = new RegExp(`^arn:(aws|aws-us-gov):connect:([a-z]{2}-[a-z]+-[0-9]):([0-9]{1,20}):instance/(${UUID})$`);
export const INSTANCE_RULE = 'must be an instance ID (a UUID) or an instance ARN (arn:<partition>:connect:<region>:<account>:instance/<uuid>)';
/** DirectoryAlias in the model (1 to 45 characters). */
export const ALIAS = /^(?!d-)([\da-zA-Z]+)([-]*[\da-zA-Z])*$/;

/**
 * The (source, replica) Regions the Administrator Guide documents for Global Resiliency ("Set up Amazon Connect
 * Global Resiliency"): US East (N. Virginia) and US West (Oregon) either way round, Europe (Frankfurt) and Europe
 * (London) either way round, and Asia Pacific (Tokyo) to Asia Pacific (Osaka) only. AWS adds pairs, so another
 * pair is a warning at synth and in the handler's log, not an error.
 */
export const DOCUMENTED_PAIRS: ReadonlyArray<readonly [source: string, replica: string]> = [
  ['us-east-1', 'us-west-2'], ['us-west-2', 'us-east-1'],
  ['eu-central-1', 'eu-west-2'], ['eu-west-2', 'eu-central-1'],
  ['ap-northeast-1', 'ap-northeast-3'],
];

export const INSTANCE_REPLICA = declareKind({
  handler: 'instance-replica',
  description: 'Amazon Connect instance replica',
  resourceType: 'Custom::ConnectInstanceReplica',
  defaultRemovalPolicy: 'retain',
  longWait: true,
  // Named as in ReplicateInstance, except Instance (its InstanceId, named after the construct's prop): the source
  // instance as the user gave it in the template, its ARN or a bare ID, which names an instance in the stack's
  // account and Region. The handler sees the ARN (`inStack`), so its rules check the Regions of a bare ID too. The
  // model marks the alias sensitive: it is masked in every message.
  schema: struct({ Instance: str, ReplicaRegion: str, ReplicaAlias: sensitive }, ['Instance', 'ReplicaRegion', 'ReplicaAlias']),
  attributes: {
    ReplicaInstanceArn: attribute.string,
    DefaultTrafficDistributionGroupArn: attribute.string,
    GlobalSignInEndpoint: attribute.string,
  },
  inStack: (p, stack) => ({ Instance: instanceArnInStack(p.Instance, stack) }),
  validate(p, c) {
    if (c.known(p.Instance) && !INSTANCE_ID.test(p.Instance)) {
      c.pattern('Instance', p.Instance, INSTANCE_ARN, INSTANCE_RULE);
    }
    checkRegion(c, 'ReplicaRegion', p.ReplicaRegion, 'us-west-2');
    checkAlias(c, p.ReplicaAlias);
    checkDistinctRegions(c, c.known(p.Instance) ? sourceRegionOf(p.Instance) : undefined, p.ReplicaRegion);
  },
});

/** An instance's ARN: an ARN as it is, a bare ID in the stack's partition, account and Region. */
function instanceArnInStack(idOrArn: string, stack: StackEnv): string {
  return INSTANCE_ID.test(idOrArn) ? arnInStack(stack, 'connect', `instance/${idOrArn}`) : idOrArn;
}

/** The replica Region must differ from the source's (the construct also checks it when an ID names the source). */
export function checkDistinctRegions(c: Checker, sourceRegion: string | undefined, replicaRegion: string | undefined): void {
  if (c.known(sourceRegion) && c.known(replicaRegion) && sourceRegion === replicaRegion) {
    c.fail('ReplicaRegion', 'must differ from the Region of the source instance', replicaRegion);
  }
}

export type InstanceReplicaProperties = PropertiesOf<typeof INSTANCE_REPLICA>;

function checkAlias(c: Checker, alias: string | undefined): void {
  c.sensitiveLength('ReplicaAlias', alias, 1, 45);
  if (c.known(alias) && alias.length <= 45 && !ALIAS.test(alias)) {
    c.fail('ReplicaAlias', 'must be letters, digits and hyphens, begin and end with a letter or digit, and not begin with "d-"', mask(alias));
  }
}

/** The parts of an instance ARN. */
export function parseInstanceArn(arn: string): { partition: string; region: string; account: string; id: string } | undefined {
  const m = INSTANCE_ARN.exec(arn);
  return m ? { partition: m[1], region: m[2], account: m[3], id: m[4] } : undefined;
}

export function sourceRegionOf(instanceArn: string): string | undefined {
  return parseInstanceArn(instanceArn)?.region;
}

/** The replica has the source's instance ID: its ARN is the source's, in the replica Region. */
export function replicaArnOf(instanceArn: string, replicaRegion: string): string {
  const a = parseInstanceArn(instanceArn);
  if (!a) throw new Error(`instance: not an instance ARN: ${instanceArn}`);
  return `arn:${a.partition}:connect:${replicaRegion}:${a.account}:instance/${a.id}`;
}

/** The documented pairs, for the warning, when (source, replica) is none of them; undefined when it is one. */
export function undocumentedPairWarning(source: string, replica: string): string | undefined {
  if (DOCUMENTED_PAIRS.some(([a, b]) => a === source && b === replica)) return undefined;
  const pairs = DOCUMENTED_PAIRS.map(([a, b]) => `${a} to ${b}`).join(', ');
  return `${source} to ${replica} is not a Region pair the Amazon Connect Administrator Guide documents for Global Resiliency `
    + `(documented: ${pairs}); ReplicateInstance fails unless AWS has added it`;
}

/**
 * The alias is sensitive in the model: the physical ID carries a short digest of it, enough to tell the replica this
 * resource created from one made since with another alias.
 */
export function aliasDigest(alias: string): string {
  return createHash('sha256').update(alias).digest('hex').slice(0, 12);
}

/**
 * What the physical ID holds: the replica's ARN, its alias's digest, and what the handler learned when the replica
 * was complete (the default group's ID, the global sign-in endpoint). A change of the removal policy alone then
 * answers every attribute without calling anything. Shape: `<replica ARN>|alias:<digest>|group:<id>|signin:<url>`.
 */
export interface ReplicaRecord {
  readonly replicaArn: string;
  readonly aliasDigest: string;
  readonly groupId?: string;
  readonly signInEndpoint?: string;
}

export function replicaPhysicalId(r: ReplicaRecord): string {
  const parts = [r.replicaArn, `alias:${r.aliasDigest}`];
  if (r.groupId) parts.push(`group:${r.groupId}`);
  if (r.signInEndpoint) parts.push(`signin:${encodeURIComponent(r.signInEndpoint)}`);
  return parts.join('|');
}

/** The record in a physical ID this kind answered; undefined for any other string. */
export function parseReplicaPhysicalId(physicalId: string): ReplicaRecord | undefined {
  const [replicaArn, ...rest] = physicalId.split('|');
  if (!parseInstanceArn(replicaArn)) return undefined;
  const field = (name: string) => rest.find((p) => p.startsWith(`${name}:`))?.slice(name.length + 1);
  const digest = field('alias');
  if (!digest) return undefined;
  const signIn = field('signin');
  return { replicaArn, aliasDigest: digest, groupId: field('group'), signInEndpoint: signIn === undefined ? undefined : decodeURIComponent(signIn) };
}

/** The traffic distribution group's ARN: groups live in the source instance's Region and account. */
export function groupArnOf(instanceArn: string, groupId: string): string {
  const a = parseInstanceArn(instanceArn)!;
  return `arn:${a.partition}:connect:${a.region}:${a.account}:traffic-distribution-group/${groupId}`;
}

/**
 * TrafficDistributionGroupUsers: its declaration and rules, after AssociateTrafficDistributionGroupUser and
 * DisassociateTrafficDistributionGroupUser in the Connect API model (botocore connect 2017-08-08). Also the chunking
 * rule, which the construct applies and the tests check.
 *
 * One custom resource holds one chunk of the users. A user's chunk is fixed by a digest of the user's ID, never by
 * the user's place in the list or by how many users there are: adding or removing users touches only their own
 * chunks, and no user ever moves from one chunk to another. (If users moved, the old chunk's update or delete could
 * disassociate a user that the new chunk had just associated.)
 */
import { createHash } from 'crypto';
import { CONNECT_ID, UUID } from './connect-names';
import { declareKind, PropertiesOf } from './kind';
import { int, list, str, struct } from './schema';
import { GROUP_ID_OR_ARN, groupArnInStack } from './traffic-distribution';
import { Checker } from './violations';

/** A user's ARN: `arn:<partition>:connect:<region>:<account>:instance/<instance ID>/agent/<user ID>`. */
export const USER_ARN = new RegExp(`^arn:(aws|aws-us-gov):connect:[a-z]{2}-[a-z]+-[0-9]:[0-9]{1,20}:instance/(${UUID})/agent/(${UUID})$`);

/**
 * How many chunks a set of users is spread over, at most. With 64 chunks, 10,000 users are about 156 per chunk.
 * Fixed on purpose: changing it would move users between chunks.
 */
export const CHUNKS = 64;
/**
 * Users per chunk, at most. Connect's default rate for these operations is 2 requests per second, account-wide per
 * Region (Administrator Guide, "Amazon Connect API throttling quotas"): 250 associations take about 125 seconds,
 * and an update that replaces all 250 about 250, within the handler's 5-minute invocation.
 */
export const MAX_USERS_PER_CHUNK = 250;
/** Connect's documented default rate for these operations ("all other operations": 2 requests per second, burst 5). */
export const DEFAULT_REQUESTS_PER_SECOND = 2;

export const TRAFFIC_DISTRIBUTION_GROUP_USERS = declareKind({
  handler: 'traffic-distribution-group-users',
  description: 'Amazon Connect traffic distribution group users',
  resourceType: 'Custom::ConnectTrafficDistributionGroupUsers',
  // The resource owns the association only, never the users: removing it disassociates them.
  defaultRemovalPolicy: 'destroy',
  // TrafficDistributionGroup, InstanceId and UserIds are the API's (UserIds holding each call's UserId); Chunk and
  // RequestsPerSecond are the construct's own: which chunk of the set this resource holds, and how fast its handler
  // may call (left out at the documented default rate). The template carries the group as the user gave it, its
  // ARN or a bare ID in the stack's account and Region; the handler sees the ARN (`inStack`).
  schema: struct({
    TrafficDistributionGroup: str,
    InstanceId: str,
    UserIds: list(str),
    Chunk: int,
    RequestsPerSecond: int,
  }, ['TrafficDistributionGroup', 'InstanceId', 'UserIds', 'Chunk']),
  attributes: {},
  inStack: (p, stack) => ({ TrafficDistributionGroup: groupArnInStack(p.TrafficDistributionGroup, stack) }),
  validate(p, c) {
    c.pattern('TrafficDistributionGroup', p.TrafficDistributionGroup, GROUP_ID_OR_ARN,
      'must resolve to a traffic distribution group ID (a UUID) or ARN (arn:<partition>:connect:<region>:<account>:traffic-distribution-group/<uuid>)');
    checkInstanceId(c, p.InstanceId);
    checkUsers(c, p.UserIds, c.known(p.InstanceId) ? p.InstanceId : undefined);
    if (c.known(p.UserIds) && p.UserIds.length === 0) c.fail('UserIds', 'must name at least one user (a chunk is never empty)');
    if (c.known(p.UserIds) && p.UserIds.length > MAX_USERS_PER_CHUNK) c.fail('UserIds', `must hold at most ${MAX_USERS_PER_CHUNK} users in one chunk`, p.UserIds.length);
    c.integer('Chunk', p.Chunk, 0, CHUNKS - 1);
    c.integer('RequestsPerSecond', p.RequestsPerSecond, 1, 1000);
  },
});

export type TrafficDistributionGroupUsersProperties = PropertiesOf<typeof TRAFFIC_DISTRIBUTION_GROUP_USERS>;

/** The instance of the users, by its ID (the construct also reduces an instance ARN to it). */
export function checkInstanceId(c: Checker, instanceId: string | undefined): void {
  c.pattern('InstanceId', instanceId, CONNECT_ID, 'must be an instance ID: a lower-case UUID, the last part of its ARN');
}

/** Each user is an ID or an ARN of a user of the instance, once (the whole set at synth, a chunk at deploy). */
export function checkUsers(c: Checker, users: readonly string[] | undefined, instanceId: string | undefined, path = 'UserIds'): void {
  if (!c.known(users)) return;
  users.forEach((u, i) => {
    if (!c.known(u)) return;
    const arn = USER_ARN.exec(u);
    if (!CONNECT_ID.test(u) && !arn) c.fail(`${path}[${i}]`, 'must be a user ID (a UUID) or the ARN of a user of the instance', u);
    else if (arn && instanceId && arn[2] !== instanceId) c.fail(`${path}[${i}]`, `must be a user of instance ${instanceId}`, u);
  });
  c.unique(path, users.map((u) => (c.known(u) ? userIdOf(u) : u)), 'users');
}

/** The user's ID, from an ID or a user ARN: two spellings of one user are one user. */
export function userIdOf(user: string): string {
  return USER_ARN.exec(user)?.[3] ?? user;
}

/** The chunk a user belongs to, from a digest of its key (its ID, or the template form of a token): never its position. */
export function chunkOf(key: string): number {
  return createHash('sha256').update(key).digest().readUInt32BE(0) % CHUNKS;
}

/** The group, the instance and the chunk: a new group or instance is a new set of associations (a replacement). */
export function usersPhysicalId(p: Pick<TrafficDistributionGroupUsersProperties, 'TrafficDistributionGroup' | 'InstanceId' | 'Chunk'>): string {
  return `${p.TrafficDistributionGroup}|instance:${p.InstanceId}|chunk:${p.Chunk}`;
}

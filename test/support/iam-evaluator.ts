/**
 * An IAM evaluator for the local endpoint: it decides each request by the identity-based policies the caller's role
 * holds at that moment, the way IAM does for one account. Explicit Deny wins, then Allow, else the request is
 * implicitly denied. Actions match case-insensitively with `*` and `?`; resources case-sensitively; an operation
 * that authorizes on several resources (Customer Profiles: the domain and the object type) needs every one of them
 * allowed. Conditions: the String*, Arn* and Bool operators, with `IfExists`.
 *
 * What each operation needs is `PERMISSIONS` below: the action (the service prefix and the operation's name, as
 * the Service Authorization Reference lists them) and the ARNs of the resource types it authorizes on, built from
 * the request.
 */
import { randomUUID } from 'crypto';
import { AuthorizationRequest, Authorizer } from './aws-endpoint';

export interface Statement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Action?: string | string[];
  readonly NotAction?: string | string[];
  readonly Resource?: string | string[];
  readonly NotResource?: string | string[];
  readonly Condition?: Record<string, Record<string, string | string[] | boolean>>;
}

export interface PolicyDocument {
  readonly Version?: string;
  readonly Statement: Statement | Statement[];
}

export type Decision = 'allow' | 'explicit-deny' | 'implicit-deny';
export type ConditionContext = Readonly<Record<string, string | string[] | undefined>>;

const list = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** `*` any run of characters, `?` one character; nothing else is special. */
function glob(pattern: string, value: string, ignoreCase: boolean): boolean {
  const source = pattern.split('').map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.+^${}()|[\]\\/-]/g, '\\$&'))).join('');
  return new RegExp(`^${source}$`, ignoreCase ? 'is' : 's').test(value);
}

const matchesAction = (patterns: string[], action: string) => patterns.some((p) => glob(p, action, true));
const matchesResource = (patterns: string[], resource: string) => patterns.some((p) => glob(p, resource, false));

type Operator = (values: string[], given: string[]) => boolean;
const any = (test: (value: string, given: string) => boolean): Operator => (values, given) => given.some((g) => values.some((v) => test(v, g)));
const none = (test: (value: string, given: string) => boolean): Operator => (values, given) => !any(test)(values, given);
const OPERATORS: Record<string, Operator> = {
  StringEquals: any((v, g) => v === g),
  StringNotEquals: none((v, g) => v === g),
  StringEqualsIgnoreCase: any((v, g) => v.toLowerCase() === g.toLowerCase()),
  StringLike: any((v, g) => glob(v, g, false)),
  StringNotLike: none((v, g) => glob(v, g, false)),
  ArnEquals: any((v, g) => v === g),
  ArnLike: any((v, g) => glob(v, g, false)),
  ArnNotEquals: none((v, g) => v === g),
  ArnNotLike: none((v, g) => glob(v, g, false)),
  Bool: any((v, g) => v.toLowerCase() === g.toLowerCase()),
};

function conditionsHold(condition: Statement['Condition'], context: ConditionContext): boolean {
  for (const [name, entries] of Object.entries(condition ?? {})) {
    const ifExists = name.endsWith('IfExists');
    const operator = OPERATORS[ifExists ? name.slice(0, -'IfExists'.length) : name];
    if (!operator) throw new Error(`the IAM evaluator does not know the condition operator ${name}`);
    for (const [key, expected] of Object.entries(entries)) {
      const found = Object.entries(context).find(([k]) => k.toLowerCase() === key.toLowerCase())?.[1];
      if (found === undefined) {
        // A missing key satisfies only the negated operators and IfExists.
        if (ifExists || name.startsWith('StringNot') || name.startsWith('ArnNot')) continue;
        return false;
      }
      if (!operator(list(expected).map(String), list(found))) return false;
    }
  }
  return true;
}

function applies(s: Statement, action: string, resource: string, context: ConditionContext): boolean {
  const actionOk = s.Action !== undefined ? matchesAction(list(s.Action), action) : !matchesAction(list(s.NotAction), action);
  const resourceOk = s.Resource !== undefined ? matchesResource(list(s.Resource), resource) : !matchesResource(list(s.NotResource), resource);
  return actionOk && resourceOk && conditionsHold(s.Condition, context);
}

/** IAM's decision for one action on one resource under these identity-based policies. */
export function decide(policies: readonly PolicyDocument[], action: string, resource: string, context: ConditionContext = {}): Decision {
  const statements = policies.flatMap((p) => list(p.Statement));
  if (statements.some((s) => s.Effect === 'Deny' && applies(s, action, resource, context))) return 'explicit-deny';
  return statements.some((s) => s.Effect === 'Allow' && applies(s, action, resource, context)) ? 'allow' : 'implicit-deny';
}

/** What one operation needs: an action on each of these resources. */
export interface Permission {
  readonly action: string;
  readonly resources: string[];
  readonly context?: ConditionContext;
}

/** The account and Region the local services stand for, and CloudFormation's stack IDs by name. */
export interface Environment {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
  stackArnOf(stackName: string): string;
}

type PermissionsOf = (input: Record<string, any>, env: Environment) => Permission[];

const arnIn = (env: Environment, service: string, resource: string) => `arn:${env.partition}:${service}:${env.region}:${env.account}:${resource}`;
const groupArn = (env: Environment, idOrArn: string) => (idOrArn.startsWith('arn:') ? idOrArn : arnIn(env, 'connect', `traffic-distribution-group/${idOrArn}`));
const one = (action: string, resource: (input: Record<string, any>, env: Environment) => string): PermissionsOf =>
  (input, env) => [{ action, resources: [resource(input, env)] }];
const objectType = (action: string): PermissionsOf => (input, env) => [{
  action,
  resources: [arnIn(env, 'profile', `domains/${input.DomainName}`), arnIn(env, 'profile', `domains/${input.DomainName}/object-types/${input.ObjectTypeName}`)],
}];
const voiceConnector = (action: string) => one(action, (i, env) => arnIn(env, 'chime', `vc/${i.VoiceConnectorId}`));
const stack = (action: string) => one(action, (i, env) => (i.StackName.startsWith('arn:') ? i.StackName : env.stackArnOf(i.StackName)));
const instanceArn = (env: Environment, idOrArn: string) => (String(idOrArn).startsWith('arn:') ? String(idOrArn) : arnIn(env, 'connect', `instance/${idOrArn}`));
const idOf = (idOrArn: string) => String(idOrArn).split('/').pop()!;
/** A directory Amazon Connect makes or deletes for an instance, on the caller's behalf: its ID is the service's. */
const directoryIn = (env: Environment, region: string) => `arn:${env.partition}:ds:${region}:${env.account}:directory/d-${randomUUID().slice(0, 10)}`;
const connectServiceRole = (env: Environment) => `arn:${env.partition}:iam::${env.account}:role/aws-service-role/connect.amazonaws.com/AWSServiceRoleForAmazonConnect_${randomUUID().slice(0, 8)}`;
/** TrafficDistributionGroupUsers' calls authorize on the group, the instance and the user (in the group's Region). */
const groupUser = (action: string): PermissionsOf => (input, env) => [{
  action,
  resources: [
    groupArn(env, input.TrafficDistributionGroupId),
    instanceArn(env, input.InstanceId),
    `${instanceArn(env, input.InstanceId)}/agent/${idOf(input.UserId)}`,
  ],
}];

/** Service Authorization Reference: the action and the resource types each operation the handlers send authorizes on. */
export const PERMISSIONS: Record<string, Record<string, PermissionsOf>> = {
  'connect': {
    UpdateTrafficDistribution: one('connect:UpdateTrafficDistribution', (i, env) => groupArn(env, i.Id)),
    GetTrafficDistribution: one('connect:GetTrafficDistribution', (i, env) => groupArn(env, i.Id)),
    DescribeTrafficDistributionGroup: one('connect:DescribeTrafficDistributionGroup', (i, env) => groupArn(env, i.TrafficDistributionGroupId)),
    // The contact the call starts: its ID is assigned by the call.
    StartOutboundVoiceContact: one('connect:StartOutboundVoiceContact', (i, env) => arnIn(env, 'connect', `instance/${i.InstanceId}/contact/${randomUUID()}`)),
    StopContact: one('connect:StopContact', (i, env) => arnIn(env, 'connect', `instance/${i.InstanceId}/contact/${i.ContactId}`)),
    DescribeContact: one('connect:DescribeContact', (i, env) => arnIn(env, 'connect', `instance/${i.InstanceId}/contact/${i.ContactId}`)),
    // The source instance, and the dependent actions the service takes with the caller's permissions: the replica's
    // directory (and the alias check, which takes no resource type) and Amazon Connect's service-linked role.
    ReplicateInstance: (i, env) => [
      { action: 'connect:ReplicateInstance', resources: [instanceArn(env, i.InstanceId)] },
      ...['ds:CheckAlias', 'ds:CreateDirectory', 'ds:CreateIdentityPoolDirectory', 'ds:DescribeDirectories'].map((action) => ({ action, resources: ['*'] })),
      ...['ds:AuthorizeApplication', 'ds:CreateAlias'].map((action) => ({ action, resources: [directoryIn(env, i.ReplicaRegion)] })),
      ...['iam:AttachRolePolicy', 'iam:CreateServiceLinkedRole', 'iam:PutRolePolicy'].map((action) => ({ action, resources: [connectServiceRole(env)] })),
    ],
    DescribeInstance: one('connect:DescribeInstance', (i, env) => instanceArn(env, i.InstanceId)),
    // The replica, and its directory, which the service deletes with the caller's permissions.
    DeleteInstance: (i, env) => [
      { action: 'connect:DeleteInstance', resources: [instanceArn(env, i.InstanceId)] },
      ...['ds:DeleteDirectory', 'ds:UnauthorizeApplication'].map((action) => ({ action, resources: [directoryIn(env, env.region)] })),
    ],
    ListTrafficDistributionGroups: one('connect:ListTrafficDistributionGroups', (_i, env) => arnIn(env, 'connect', 'traffic-distribution-group/*')),
    // DescribeUser and SearchUsers: the dependent actions of an association (Service Authorization Reference).
    AssociateTrafficDistributionGroupUser: (i, env) => [
      ...groupUser('connect:AssociateTrafficDistributionGroupUser')(i, env),
      { action: 'connect:DescribeUser', resources: [`${instanceArn(env, i.InstanceId)}/agent/${idOf(i.UserId)}`] },
      { action: 'connect:SearchUsers', resources: [instanceArn(env, i.InstanceId)] },
    ],
    DisassociateTrafficDistributionGroupUser: groupUser('connect:DisassociateTrafficDistributionGroupUser'),
  },
  'customer-profiles': {
    PutProfileObjectType: objectType('profile:PutProfileObjectType'),
    GetProfileObjectType: objectType('profile:GetProfileObjectType'),
    DeleteProfileObjectType: objectType('profile:DeleteProfileObjectType'),
    ListProfileObjectTypes: one('profile:ListProfileObjectTypes', (i, env) => arnIn(env, 'profile', `domains/${i.DomainName}`)),
    GetProfileObjectTypeTemplate: one('profile:GetProfileObjectTypeTemplate', () => '*'),
    TagResource: one('profile:TagResource', (i) => i.resourceArn),
    UntagResource: one('profile:UntagResource', (i) => i.resourceArn),
    ListTagsForResource: one('profile:ListTagsForResource', (i) => i.resourceArn),
  },
  'chime-sdk-voice': {
    PutVoiceConnectorProxy: voiceConnector('chime:PutVoiceConnectorProxy'),
    GetVoiceConnectorProxy: voiceConnector('chime:GetVoiceConnectorProxy'),
    DeleteVoiceConnectorProxy: voiceConnector('chime:DeleteVoiceConnectorProxy'),
    CreateProxySession: voiceConnector('chime:CreateProxySession'),
    UpdateProxySession: voiceConnector('chime:UpdateProxySession'),
    GetProxySession: voiceConnector('chime:GetProxySession'),
    DeleteProxySession: voiceConnector('chime:DeleteProxySession'),
  },
  'cloudformation': {
    DescribeStackResource: stack('cloudformation:DescribeStackResource'),
    DescribeStackEvents: stack('cloudformation:DescribeStackEvents'),
    DescribeStacks: stack('cloudformation:DescribeStacks'),
  },
  'lambda': {
    // A long wait's continuation: the function invokes itself (allowed by its resource-based policy).
    Invoke: one('lambda:InvokeFunction', (i, env) => (String(i.FunctionName).startsWith('arn:')
      ? String(i.FunctionName) : `arn:${env.partition}:lambda:${env.region}:${env.account}:function:${i.FunctionName}`)),
  },
  'ssm': {
    GetParameter: one('ssm:GetParameter', (i, env) => (i.Name.startsWith('arn:') ? i.Name : arnIn(env, 'ssm', `parameter/${i.Name.replace(/^\//, '')}`))),
  },
};

/** One principal: a role whose policies (read at each request, so that they follow the stack's updates) decide. */
export interface Principal {
  readonly roleName: string;
  policies(): readonly PolicyDocument[];
}

/**
 * A resource-based policy statement that allows one principal (an ARN) an action on one resource: what an
 * AWS::Lambda::Permission adds to a function's policy.
 */
export interface ResourceGrant {
  readonly principalArn: string;
  readonly action: string;
  readonly resource: string;
}

export type ResourceGrants = () => readonly ResourceGrant[];

/** The local endpoint's IAM: each access key ID stands for one role. */
export class IamAuthorizer implements Authorizer {
  public readonly principals = new Map<string, Principal>();
  /**
   * The resource-based policies (read at each request). Within one account IAM allows a request that either the
   * caller's identity-based policies or the resource's policy allows, unless one of them denies it explicitly.
   */
  public resourceGrants: ResourceGrants;

  constructor(private readonly env: Environment) {
    this.resourceGrants = () => [];
  }

  public authorize(request: AuthorizationRequest): string | undefined {
    const permissionsOf = PERMISSIONS[request.service]?.[request.operation];
    if (!permissionsOf) throw new Error(`the IAM evaluator does not know what ${request.service} ${request.operation} authorizes on`);
    const env = { ...this.env, region: request.region || this.env.region, stackArnOf: (name: string) => this.env.stackArnOf(name) };
    for (const permission of permissionsOf(request.input, env)) {
      const denial = this.authorizeAction(request.accessKeyId, permission.action, permission.resources, permission.context);
      if (denial) return denial;
    }
    return undefined;
  }

  public authorizeAction(accessKeyId: string, action: string, resources: string[], context: ConditionContext = {}): string | undefined {
    const principal = this.principals.get(accessKeyId);
    if (!principal) return `The security token included in the request is invalid (access key ${accessKeyId} belongs to no role)`;
    const user = `arn:${this.env.partition}:sts::${this.env.account}:assumed-role/${principal.roleName}/handler`;
    const roleArn = `arn:${this.env.partition}:iam::${this.env.account}:role/${principal.roleName}`;
    for (const resource of resources) {
      const decision = decide(principal.policies(), action, resource, context);
      if (decision === 'allow') continue;
      const byResource = this.resourceGrants().some((g) => [roleArn, user].includes(g.principalArn)
        && glob(g.action, action, true) && glob(g.resource, resource, false));
      if (decision === 'implicit-deny' && byResource) continue;
      const why = decision === 'explicit-deny' ? 'with an explicit deny in an identity-based policy' : `because no identity-based policy allows the ${action} action`;
      return `User: ${user} is not authorized to perform: ${action} on resource: ${resource} ${why}`;
    }
    return undefined;
  }
}

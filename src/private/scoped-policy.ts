import { Stack, Token } from 'aws-cdk-lib';

/** One instance's permission: these actions on this resource. */
export interface ScopedGrant {
  readonly actions: string[];
  readonly resourceArn: string;
  /**
   * The same resource type, any name, in the same account and Region: what the grant widens to when
   * the stack holds too many instances for one policy. Never broader than account, Region and type.
   */
  readonly typeWideArn: string;
  /**
   * Why `resourceArn` itself holds a wildcard, when it does (for example a resource whose ID the service
   * assigns during the call). It becomes the reason of the library's cdk-nag suppression for that ARN;
   * a wildcard without a reason fails synthesis.
   * @default - `resourceArn` names one resource, with no wildcard
   */
  readonly wildcardReason?: string;
  /**
   * IAM conditions the grant holds only under (for example a key used only through one service). Grants merge
   * only with grants of the same actions and the same conditions.
   * @default - none
   */
  readonly conditions?: Record<string, Record<string, unknown>>;
}

/**
 * Actions a request must still be allowed after the role's policy has lost the instance's own ARN: a Delete in
 * CloudFormation's cleanup phase (the old side of a replacement, a removed instance) runs after the role was
 * updated to the new template, and the Delete in a rollback's cleanup (what the failed update made) after the role
 * went back to the old one. They name the resource type in one account and Region, never more; the handler uses
 * them only for a request that CloudFormation's record of its own stack shows in progress (lambda/core/stack-record.ts).
 */
export interface TypeWideGrant {
  readonly actions: string[];
  /** The resource type in one account and Region, such as `arn:aws:chime:us-east-1:123456789012:vc/*`. */
  readonly typeWideArn: string;
}

/**
 * IAM caps a customer managed policy at 6,144 characters, whitespace excluded (IAM and AWS STS quotas:
 * "Managed policy size"). The budget keeps room for the logging statement, the action lists and the
 * policy's own JSON; what the handler settings add (a VPC's network interfaces, a key) is taken off it.
 */
export const MANAGED_POLICY_LIMIT = 6_144;
export const SCOPED_RESOURCE_BUDGET = 5_000;
/** A resolved ARN can be longer than its token's text (GetAtt, Fn::Join): count the longest plausible ARN. */
const TOKEN_ARN_ESTIMATE = 160;

interface Group {
  readonly actions: string[];
  readonly conditions?: Record<string, Record<string, unknown>>;
  readonly resources: Map<string, string>;
  readonly typeWide: Map<string, string>;
}

/**
 * The permissions of one shared handler role. Grants with the same actions merge into one statement
 * that lists every instance's ARN. When the listed ARNs outgrow the budget, the largest statements
 * fall back to their type-wide ARNs, so that 1 or 450 instances give a valid, bounded policy.
 */
export class ScopedPolicy {
  private readonly groups = new Map<string, Group>();

  constructor(private readonly stack: Stack) {}

  public add(grant: ScopedGrant): void {
    const actions = [...new Set(grant.actions)].sort();
    const key = JSON.stringify([actions, grant.conditions ? this.stack.resolve(grant.conditions) : null]);
    let group = this.groups.get(key);
    if (!group) {
      group = { actions, conditions: grant.conditions, resources: new Map(), typeWide: new Map() };
      this.groups.set(key, group);
    }
    group.resources.set(this.keyOf(grant.resourceArn), grant.resourceArn);
    group.typeWide.set(this.keyOf(grant.typeWideArn), grant.typeWideArn);
  }

  /** IAM statements, in the JSON form of a policy document, leaving `reservedChars` of the budget to other statements. */
  public statements(reservedChars = 0): Array<{ Effect: 'Allow'; Action: string[]; Resource: string[]; Condition?: unknown }> {
    const groups = [...this.groups.values()];
    const widened = new Set<Group>();
    const size = (g: Group) => this.estimate(widened.has(g) ? g.typeWide : g.resources);
    let total = groups.reduce((sum, g) => sum + size(g), 0);
    for (const g of [...groups].sort((a, b) => size(b) - size(a))) {
      if (total <= SCOPED_RESOURCE_BUDGET - reservedChars) break;
      total -= size(g);
      widened.add(g);
      total += size(g);
    }
    return groups.map((g) => ({
      Effect: 'Allow' as const,
      Action: g.actions,
      Resource: [...(widened.has(g) ? g.typeWide : g.resources).values()],
      ...(g.conditions && { Condition: g.conditions }),
    }));
  }

  private keyOf(arn: string): string {
    return Token.isUnresolved(arn) ? JSON.stringify(this.stack.resolve(arn)) : arn;
  }

  private estimate(resources: Map<string, string>): number {
    let chars = 0;
    for (const arn of resources.values()) chars += (Token.isUnresolved(arn) ? TOKEN_ARN_ESTIMATE : arn.length) + 3;
    return chars;
  }
}

import { CfnResource } from 'aws-cdk-lib';

/**
 * The library's own cdk-nag acknowledgments, written for both majors without depending on either package:
 *
 * - cdk-nag 2 reads CloudFormation metadata `cdk_nag: { rules_to_suppress: [{ id, reason, applies_to? }] }`;
 * - cdk-nag 3 and aws-cdk-lib's `Validations` framework read construct metadata of type
 *   `aws:cdk:acknowledged-rules`, a map from the rule's pack-prefixed ID (`<pack>::<rule>[<finding>]`) to the
 *   reason. That is what `Validations.of(x).acknowledge()` writes (aws-cdk-lib 2.257 and later); writing it
 *   directly keeps the library's floor at 2.245. The report then lists the finding as acknowledged, with the reason.
 *
 * Both are computed when they are read, so that they match the final resource (a merged, sized policy, or
 * settings applied after the constructs).
 */

/** The packs whose rules the library acknowledges, by the name cdk-nag gives them (the prefix of their rule IDs). */
export const NagPack = {
  AWS_SOLUTIONS: 'AwsSolutions',
  HIPAA: 'HIPAA.Security',
  NIST_800_53_R5: 'NIST.800.53.R5',
  PCI_DSS_321: 'PCI.DSS.321',
  SERVERLESS: 'Serverless',
} as const;

/** One finding the library accepts on purpose, and why. */
export interface NagAcknowledgment {
  /** e.g. `AwsSolutions` */
  readonly pack: string;
  /** The rule's name within its pack, e.g. `IAM5` or `LambdaDLQ`. */
  readonly rule: string;
  /** The one finding of the rule, in cdk-nag's notation (e.g. `Resource::arn:<AWS::Partition>:...`); every finding when absent. */
  readonly finding?: string;
  readonly reason: string;
}

/** One entry of cdk-nag 2's `rules_to_suppress` metadata. */
export interface NagSuppression {
  readonly id: string;
  readonly reason: string;
  readonly applies_to?: string[];
}

/** The construct metadata type that aws-cdk-lib's `Validations.acknowledge()` writes and cdk-nag 3 reads. */
export const ACKNOWLEDGED_RULES_METADATA = 'aws:cdk:acknowledged-rules';

/** Records `produce()`'s acknowledgments on `resource` for cdk-nag 2 and 3, computed each time they are read. */
export function acknowledge(resource: CfnResource, produce: () => NagAcknowledgment[]): void {
  resource.addMetadata('cdk_nag', {
    get rules_to_suppress() {
      return rulesToSuppress(produce());
    },
  });
  resource.node.addMetadata(ACKNOWLEDGED_RULES_METADATA, lazyRecord(() => acknowledgedRules(produce())));
}

/** cdk-nag 2: one suppression per rule and reason, `applies_to` its findings. */
export function rulesToSuppress(acks: readonly NagAcknowledgment[]): NagSuppression[] {
  const grouped = new Map<string, { id: string; reason: string; findings?: string[] }>();
  for (const a of acks) {
    const id = `${a.pack}-${a.rule}`;
    const key = JSON.stringify([id, a.reason, a.finding === undefined]);
    const entry = grouped.get(key) ?? { id, reason: a.reason, findings: a.finding === undefined ? undefined : [] };
    if (a.finding !== undefined) entry.findings!.push(a.finding);
    grouped.set(key, entry);
  }
  return [...grouped.values()].map((e) => (e.findings ? { id: e.id, reason: e.reason, applies_to: e.findings } : { id: e.id, reason: e.reason }));
}

/** cdk-nag 3: `<pack>::<pack>-<rule>[<finding>]` → reason. Two reasons for one finding are joined. */
export function acknowledgedRules(acks: readonly NagAcknowledgment[]): Record<string, string> {
  const rules: Record<string, string> = {};
  for (const a of acks) {
    const id = `${a.pack}::${a.pack}-${a.rule}${a.finding === undefined ? '' : `[${a.finding}]`}`;
    rules[id] = rules[id] ? `${rules[id]} ${a.reason}` : a.reason;
  }
  return rules;
}

/**
 * cdk-nag's notation for a resolved CloudFormation value (its `flattenCfnReference`), so that an acknowledgment
 * names exactly the finding it covers: `Ref` and `Fn::GetAtt` become `<...>`, `Fn::Join` is joined, `${x}` becomes `<x>`.
 */
export function flattenCfnReference(node: unknown): string {
  if (node === undefined) return '';
  if (typeof node === 'string') return node.replace(/\$\{/g, '<').replace(/}/g, '>');
  const n = node as Record<string, any>;
  if (n['Fn::Join']) return (n['Fn::Join'][1] as unknown[]).map(flattenCfnReference).join(n['Fn::Join'][0]);
  if (n['Fn::Sub']) return flattenCfnReference(n['Fn::Sub']);
  if (n['Fn::GetAtt']) return `<${flattenCfnReference(n['Fn::GetAtt'][0])}.${flattenCfnReference(n['Fn::GetAtt'][1])}>`;
  if (n['Fn::ImportValue']) return flattenCfnReference(n['Fn::ImportValue']);
  if (n.Ref) return `<${flattenCfnReference(n.Ref)}>`;
  return JSON.stringify(node);
}

/** A read-only record whose entries are `produce()`'s at the moment they are read (keys, entries, JSON). */
function lazyRecord(produce: () => Record<string, string>): Record<string, string> {
  return new Proxy({} as Record<string, string>, {
    ownKeys: () => Reflect.ownKeys(produce()),
    has: (_t, key) => key in produce(),
    get: (_t, key) => produce()[key as string],
    getOwnPropertyDescriptor: (_t, key) => {
      const value = produce()[key as string];
      return value === undefined ? undefined : { value, enumerable: true, configurable: true, writable: false };
    },
  });
}

/**
 * Checks values against a node of an official AWS API model extract (test/support/models/*.json):
 * required members, types, lengths, ranges, patterns, enums and unknown members.
 */

export interface ModelNode {
  readonly type: string;
  readonly required?: boolean;
  readonly location?: string;
  readonly locationName?: string;
  readonly min?: number;
  readonly max?: number;
  readonly pattern?: string;
  readonly enum?: string[];
  readonly timestampFormat?: string;
  readonly idempotencyToken?: boolean;
  readonly members?: Record<string, ModelNode>;
  readonly member?: ModelNode;
  readonly key?: ModelNode;
  readonly value?: ModelNode;
  readonly recursive?: boolean;
  /** The member that is the whole body of the message (a blob), when there is one. */
  readonly payload?: string;
}

/**
 * Model patterns that the service cannot be applying as written. Connect's PhoneNumber pattern is
 * over-escaped (literal backslashes) and would reject every valid number; the documented rule is E.164.
 */
const PATTERN_FIXES: Record<string, string> = {
  '\\\\+[1-9]\\\\d{1,14}$': '^\\+[1-9]\\d{1,14}$',
};

const regexCache = new Map<string, RegExp>();
function regexOf(pattern: string): RegExp {
  let re = regexCache.get(pattern);
  if (!re) {
    // Model patterns are Java regexes and not implicitly anchored; `u` makes \p{L} and friends work.
    re = new RegExp(PATTERN_FIXES[pattern] ?? pattern, 'u');
    regexCache.set(pattern, re);
  }
  return re;
}

/** Returns every problem found, as `path: problem`. */
export function check(node: ModelNode, value: unknown, path: string, problems: string[] = []): string[] {
  if (value === undefined || value === null) return problems;
  const fail = (problem: string) => problems.push(`${path || '(input)'}: ${problem}`);
  switch (node.type) {
    case 'string':
      if (typeof value !== 'string') return fail(`expected a string, got ${typeof value}`), problems;
      if (node.min !== undefined && value.length < node.min) fail(`length ${value.length} is below the minimum ${node.min}`);
      if (node.max !== undefined && value.length > node.max) fail(`length ${value.length} is above the maximum ${node.max}`);
      if (node.pattern !== undefined && !regexOf(node.pattern).test(value)) fail(`does not match the pattern ${node.pattern}`);
      if (node.enum && !node.enum.includes(value)) fail(`${JSON.stringify(value)} is not one of ${node.enum.join(', ')}`);
      break;
    case 'integer':
    case 'long':
      if (typeof value !== 'number' || !Number.isInteger(value)) return fail(`expected an integer, got ${JSON.stringify(value)}`), problems;
      if (node.min !== undefined && value < node.min) fail(`${value} is below the minimum ${node.min}`);
      if (node.max !== undefined && value > node.max) fail(`${value} is above the maximum ${node.max}`);
      break;
    case 'double':
    case 'float':
      if (typeof value !== 'number') fail(`expected a number, got ${typeof value}`);
      break;
    case 'boolean':
      if (typeof value !== 'boolean') fail(`expected a boolean, got ${typeof value}`);
      break;
    case 'timestamp':
      if (typeof value !== 'number' && typeof value !== 'string' && !(value instanceof Date)) fail('expected a timestamp');
      break;
    case 'list':
      if (!Array.isArray(value)) return fail('expected a list'), problems;
      if (node.min !== undefined && value.length < node.min) fail(`has ${value.length} items, fewer than ${node.min}`);
      if (node.max !== undefined && value.length > node.max) fail(`has ${value.length} items, more than ${node.max}`);
      value.forEach((item, i) => check(node.member!, item, `${path}[${i}]`, problems));
      break;
    case 'map': {
      if (typeof value !== 'object' || Array.isArray(value)) return fail('expected a map'), problems;
      const entries = Object.entries(value as object);
      if (node.min !== undefined && entries.length < node.min) fail(`has ${entries.length} entries, fewer than ${node.min}`);
      if (node.max !== undefined && entries.length > node.max) fail(`has ${entries.length} entries, more than ${node.max}`);
      for (const [k, v] of entries) {
        check(node.key!, k, `${path}{key ${k}}`, problems);
        check(node.value!, v, `${path}.${k}`, problems);
      }
      break;
    }
    case 'structure':
      checkStructure(node, value, path, problems, () => true);
      break;
    default:
      break;
  }
  return problems;
}

/** Checks a structure's members; `inBody` picks which members travel in this part of the message. */
export function checkStructure(node: ModelNode, value: unknown, path: string, problems: string[], inBody: (member: ModelNode) => boolean): string[] {
  if (node.recursive) return problems;
  const join = (k: string) => (path ? `${path}.${k}` : k);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push(`${path || '(input)'}: expected a structure`);
    return problems;
  }
  const members = node.members ?? {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const member = members[k];
    if (!member || !inBody(member)) problems.push(`${join(k)}: is not a member of the model`);
    else check(member, v, join(k), problems);
  }
  for (const [k, member] of Object.entries(members)) {
    if (member.required && inBody(member) && (value as Record<string, unknown>)[k] === undefined) problems.push(`${join(k)}: is required`);
  }
  return problems;
}

/**
 * CloudFormation's intrinsic functions, for a template the tests deploy locally: what a value resolves to once the
 * resources it refers to exist, and which resources a resource depends on (the order CloudFormation follows).
 * Ref, Fn::GetAtt, Fn::Join, Fn::Sub, Fn::Select, Fn::Split and the pseudo parameters; anything else is an error.
 */

export interface Resolver {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
  readonly stackId: string;
  readonly stackName: string;
  /** A resource's physical ID, or a parameter's value. */
  ref(logicalId: string): string;
  getAtt(logicalId: string, attribute: string): unknown;
}

/** A property CloudFormation leaves out (`Ref: AWS::NoValue`). */
const NO_VALUE = Symbol('AWS::NoValue');

const pseudo = (r: Resolver, name: string): string | typeof NO_VALUE | undefined => ({
  'AWS::Partition': r.partition,
  'AWS::Region': r.region,
  'AWS::AccountId': r.account,
  'AWS::StackId': r.stackId,
  'AWS::StackName': r.stackName,
  'AWS::URLSuffix': 'amazonaws.com',
  'AWS::NoValue': NO_VALUE,
} as Record<string, string | typeof NO_VALUE>)[name];

export function resolve(value: unknown, r: Resolver): any {
  const out = resolveNode(value, r);
  return out === NO_VALUE ? undefined : out;
}

function resolveNode(value: unknown, r: Resolver): unknown {
  if (Array.isArray(value)) return value.map((v) => resolveNode(v, r)).filter((v) => v !== NO_VALUE);
  if (!value || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 1) {
    const [fn, arg] = entries[0];
    switch (fn) {
      case 'Ref': return pseudo(r, arg as string) ?? r.ref(arg as string);
      case 'Fn::GetAtt': {
        const [id, attribute] = Array.isArray(arg) ? arg : String(arg).split(/\.(.+)/);
        return r.getAtt(id, resolveNode(attribute, r) as string);
      }
      case 'Fn::Join': {
        const [delimiter, items] = arg as [string, unknown];
        return (resolveNode(items, r) as unknown[]).join(delimiter);
      }
      case 'Fn::Select': {
        const [index, items] = arg as [unknown, unknown];
        return (resolveNode(items, r) as unknown[])[Number(resolveNode(index, r))];
      }
      case 'Fn::Split': {
        const [delimiter, text] = arg as [string, unknown];
        return String(resolveNode(text, r)).split(delimiter);
      }
      case 'Fn::Sub': {
        const [template, variables] = (Array.isArray(arg) ? arg : [arg, {}]) as [string, Record<string, unknown>];
        const vars = Object.fromEntries(Object.entries(variables).map(([k, v]) => [k, resolveNode(v, r)]));
        return template.replace(/\$\{(!?)([^}]+)\}/g, (_m, literal: string, name: string) => {
          if (literal) return `\${${name}}`;
          if (name in vars) return String(vars[name]);
          const [id, attribute] = name.split(/\.(.+)/);
          return String(attribute ? r.getAtt(id, attribute) : pseudo(r, id) ?? r.ref(id));
        });
      }
      default:
        if (fn.startsWith('Fn::') || fn === 'Condition') throw new Error(`the local CloudFormation does not support ${fn}`);
    }
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of entries) {
    const resolved = resolveNode(v, r);
    if (resolved !== NO_VALUE) out[k] = resolved;
  }
  return out;
}

/** The logical IDs a value refers to through Ref, Fn::GetAtt and Fn::Sub (pseudo parameters and parameters included). */
export function referencesOf(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {value.forEach((v) => referencesOf(v, found));} else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (k === 'Ref' && typeof v === 'string') {found.add(v);} else if (k === 'Fn::GetAtt') {found.add(Array.isArray(v) ? v[0] : String(v).split('.')[0]);} else if (k === 'Fn::Sub') {
        const [template, variables] = Array.isArray(v) ? v : [v, {}];
        for (const m of String(template).matchAll(/\$\{([^!}][^}.]*)(\.[^}]+)?\}/g)) if (!(m[1] in variables)) found.add(m[1]);
        referencesOf(variables, found);
      } else {referencesOf(v, found);}
    }
  }
  return found;
}

export interface TemplateResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly DependsOn?: string | string[];
  readonly DeletionPolicy?: string;
  readonly UpdateReplacePolicy?: string;
  readonly Metadata?: Record<string, unknown>;
  readonly Condition?: string;
}

/** The resources in an order CloudFormation may create them in: each after every resource it depends on. */
export function creationOrder(resources: Record<string, TemplateResource>): string[] {
  const ids = Object.keys(resources);
  const dependsOn = (id: string) => {
    const r = resources[id];
    return [...new Set([...referencesOf(r.Properties ?? {}), ...[r.DependsOn ?? []].flat()])].filter((d) => d in resources);
  };
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string, path: string[]) => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting') throw new Error(`Circular dependency between resources: [${[...path.slice(path.indexOf(id)), id].join(', ')}]`);
    state.set(id, 'visiting');
    for (const d of dependsOn(id)) visit(d, [...path, id]);
    state.set(id, 'done');
    order.push(id);
  };
  for (const id of ids) visit(id, []);
  return order;
}

/** Reads the permissions of a handler role from a synthesized template: its one managed policy. */

/** The statements of the managed policy attached to `roleLogicalId`, or to the template's only handler role. */
export function handlerStatements(template: { Resources: Record<string, any> } | { toJSON(): any }, roleLogicalId?: string): any[] {
  const resources: Record<string, any> = ('toJSON' in template ? template.toJSON() : template).Resources;
  const roles = Object.keys(resources).filter((id) => resources[id].Type === 'AWS::IAM::Role' && (!roleLogicalId || id === roleLogicalId));
  if (roles.length !== 1) throw new Error(`expected one handler role, found ${roles.length}`);
  expect(resources[roles[0]].Properties.Policies).toBeUndefined();
  const policies = Object.values(resources).filter((r) => r.Type === 'AWS::IAM::ManagedPolicy' && JSON.stringify(r.Properties.Roles) === JSON.stringify([{ Ref: roles[0] }]));
  expect(policies).toHaveLength(1);
  return policies[0].Properties.PolicyDocument.Statement;
}

/** The resource types a stack adds for one handler kind, besides its instances. */
export const HANDLER_RESOURCE_TYPES = ['AWS::IAM::ManagedPolicy', 'AWS::IAM::Role', 'AWS::Lambda::Function', 'AWS::Logs::LogGroup'];

/**
 * The statements with each compacted `Resource` (src/private/compact-arns.ts: one `Fn::Split` of one `Fn::Sub`) back
 * as the list of `Fn::Join` ARNs CloudFormation resolves it to, so that a test can name each ARN.
 */
export function expandedStatements(statements: any[]): any[] {
  return statements.map((s) => ({ ...s, Resource: expandResource(s.Resource) }));
}

function expandResource(resource: any): any {
  const split = resource?.['Fn::Split'];
  if (!split) return resource;
  const sub = split[1]['Fn::Sub'];
  const [text, vars] = typeof sub === 'string' ? [sub, {}] : sub;
  return (text as string).split(split[0]).map((arn) => {
    const parts: unknown[] = [];
    const push = (p: unknown) => (typeof p === 'string' && typeof parts[parts.length - 1] === 'string' ? parts.push(parts.pop() + p) : parts.push(p));
    for (const [, literal, name] of arn.matchAll(/([^$]*)(?:\$\{([^}]+)\})?/g)) {
      if (literal) push(literal);
      if (!name) continue;
      const value = (vars as Record<string, any>)[name];
      if (value === undefined) push({ Ref: name });
      else if (typeof value === 'string') push(value);
      else for (const p of value['Fn::Join'][1]) push(p);
    }
    return parts.length === 1 && typeof parts[0] === 'string' ? parts[0] : { 'Fn::Join': ['', parts] };
  });
}

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

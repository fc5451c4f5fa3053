/**
 * The stack's partition, account and Region, as the handler reads them from CloudFormation's `StackId`, which comes
 * with every request. A kind fills in with them what its template leaves to the stack (`KindSpec.inStack`): the
 * construct writes a bare ID as the user gave it, and the handler turns it into the ARN the construct would have
 * written, the one the handler's policy names.
 */
export interface StackEnv {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
}

/** CloudFormation's stack ID: `arn:<partition>:cloudformation:<region>:<account>:stack/<name>/<uuid>`. */
const STACK_ID = /^arn:([^:]+):cloudformation:([^:]+):([0-9]{12}):stack\//;

export function stackEnvOf(stackId: string): StackEnv {
  const m = STACK_ID.exec(stackId);
  if (!m) throw new Error(`cannot tell the stack's partition, account and Region from its ID ${stackId}`);
  return { partition: m[1], region: m[2], account: m[3] };
}

/** `arn:<partition>:<service>:<region>:<account>:<resource>` in the stack's account and Region. */
export function arnInStack(stack: StackEnv, service: string, resource: string): string {
  return `arn:${stack.partition}:${service}:${stack.region}:${stack.account}:${resource}`;
}

import { Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';

/**
 * CloudFormation's limit for a custom resource's ServiceTimeout (3,600 seconds): a kind declared `longWait` gets all
 * of it, and the engine's own budget (55 minutes, lambda/core/continuation.ts) answers before it.
 */
export const LONG_WAIT_SERVICE_TIMEOUT = Duration.hours(1);

/**
 * What the long-wait engine (lambda/core/self-invoke.ts) needs of a handler function, at two fixed resources per
 * stack whatever the number of instances:
 * - an AWS::Lambda::Permission that lets the function's own role, and nothing else, invoke it: a resource-based
 *   policy, because an identity policy naming the function would make the role depend on the function, which
 *   depends on the role;
 * - an AWS::Lambda::EventInvokeConfig that never retries an asynchronous invocation (CloudFormation's, or a
 *   continuation): a crashed invocation cannot repeat work, and the ServiceTimeout still ends the wait.
 */
export function enableLongWait(fn: lambda.Function, role: iam.IRole): void {
  fn.addPermission('Continue', { principal: new iam.ArnPrincipal(role.roleArn), action: 'lambda:InvokeFunction' });
  fn.configureAsyncInvoke({ retryAttempts: 0, maxEventAge: Duration.minutes(10) });
}

import { Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { acknowledgeNoRetryConfig } from './inherent-findings';

/**
 * What the long-wait engine (lambda/core/self-invoke.ts) needs of a handler function, at two fixed resources per
 * stack whatever the number of instances:
 * - an AWS::Lambda::Permission that lets the function's own role, and nothing else, invoke it: a resource-based
 *   policy, because an identity policy naming the function would make the role depend on the function, which
 *   depends on the role;
 * - an AWS::Lambda::EventInvokeConfig that never retries an asynchronous invocation (CloudFormation's, or a
 *   continuation): a crashed invocation cannot repeat work, and the ServiceTimeout still ends the wait.
 *
 * The instances carry no ServiceTimeout (HandlerProvider leaves it out): CloudFormation's default, 3,600 seconds, is
 * also its limit, and the engine's own budget (55 minutes, lambda/core/continuation.ts) answers before it.
 */
export function enableLongWait(fn: lambda.Function, role: iam.IRole): lambda.EventInvokeConfig {
  fn.addPermission('Continue', { principal: new iam.ArnPrincipal(role.roleArn), action: 'lambda:InvokeFunction' });
  fn.configureAsyncInvoke({ retryAttempts: 0, maxEventAge: Duration.minutes(10) });
  const config = fn.node.findChild('EventInvokeConfig') as lambda.EventInvokeConfig;
  acknowledgeNoRetryConfig(config.node.defaultChild as lambda.CfnEventInvokeConfig, ASYNC_FAILURE_DESTINATION_REASON);
  return config;
}

/** The services the engine's code calls outside the role's policy, by IAM prefix: Lambda (the continuation). */
export const LONG_WAIT_CALLS: readonly string[] = ['lambda'];

/**
 * Why the engine's asynchronous invocations have no failure destination (cdk-nag Serverless-LambdaAsyncFailureDestination),
 * for the same reason the handlers need no dead-letter queue (inherent-findings.ts).
 */
export const ASYNC_FAILURE_DESTINATION_REASON = 'Every asynchronous invocation of this handler (CloudFormation\'s event, and the continuations '
  + 'of a long wait) answers CloudFormation itself, failures included, or hands the wait to the next one: none ends in a failure a '
  + 'destination could act on. A crashed invocation is not retried, so that no work repeats, and CloudFormation\'s service timeout then '
  + 'fails the resource. A destination would only hold copies of events, with their properties, that nothing reads.';

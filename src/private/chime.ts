import { ArnFormat, Duration, Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { HandlerProvider } from './handler-provider';
import { Violation } from './rules/violations';
import { throwIfInvalid } from './validate';

/**
 * The voice connector's ARN, `arn:<partition>:chime:<region>:<account>:vc/<id>` (Service Authorization
 * Reference, Amazon Chime, resource type voice-connector), in the stack's account and Region, and the
 * same type with any ID for the policy budget's fallback.
 */
export function grantOnVoiceConnector(scope: Construct, provider: HandlerProvider, voiceConnectorId: string, actions: string[]): string {
  const stack = Stack.of(scope);
  const arn = (resourceName: string) => stack.formatArn({ service: 'chime', resource: 'vc', resourceName, arnFormat: ArnFormat.SLASH_RESOURCE_NAME });
  const resourceArn = arn(voiceConnectorId);
  provider.grant({ actions, resourceArn, typeWideArn: arn('*') });
  return resourceArn;
}

/** A Duration in minutes for the API; fractions are left to the rules, which report them with the rest. */
export function minutesOf(scope: Construct, prop: string, duration: Duration | undefined): number | undefined {
  if (duration === undefined) return undefined;
  try {
    return duration.toMinutes({ integral: false });
  } catch {
    throwIfInvalid(scope, [{ path: prop, rule: 'must be given with Duration.minutes() when its amount is a token' }]);
    return undefined;
  }
}

/** The API's member names for what the construct takes as a Duration: messages name the construct's prop. */
export function renamePaths(violations: Violation[], names: Record<string, string>): Violation[] {
  return violations.map((v) => (names[v.path] ? { ...v, path: names[v.path] } : v));
}

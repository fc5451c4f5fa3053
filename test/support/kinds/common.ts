/** Values the registry's entries share. */
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';

/** A lower-case UUID per instance number, such as Amazon Connect gives its resources. */
export const uuid = (i: number) => `${String(i).padStart(8, '0')}-2222-3333-4444-555555555555`;

/** A deep copy, so that a state snapshot does not change with the fake. */
export const plain = <T>(value: T): T => (value === undefined ? value : JSON.parse(JSON.stringify(value)));

/** Personal data the stack with every construct carries: none of it may reach logs, failure reasons or outputs. */
export const PII = {
  destination: '+12065550142',
  source: '+12065550177',
  fallBack: '+14255550123',
  attributeValue: 'customer-jane.doe@example.com',
  fieldSource: '_source.customerSocialSecurityNumber',
  description: 'Orders with the customers home address',
};

/**
 * An ARN in the account and Region of the registry's stacks, as a literal string: the fewest bytes an ARN can take
 * in the bench's AwsCustomResource policies (`Stack.formatArn` would add the partition as a `Fn::Join`).
 */
export const literalArn = (service: string, resource: string) => `arn:aws:${service}:${REGION}:${ACCOUNT}:${resource}`;

/** An AwsCustomResource that makes `call` on Create and Update and nothing on Delete (a RETAIN job). */
export function retainingAwsCustomResource(scope: Construct, id: string, call: cr.AwsSdkCall, resources: string[]): void {
  new cr.AwsCustomResource(scope, id, {
    onCreate: call, onUpdate: call, policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources }), installLatestAwsSdk: false,
  });
}

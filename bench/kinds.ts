/**
 * The construct kinds the bench compares: the test registry's kinds (test/support/kinds), each next to its
 * equivalent built from aws-cdk-lib's AwsCustomResource doing the same job, with the fake service state its
 * handler events need. `variant` 0 is the deployed configuration and 1 the updated one, so that Create, Update
 * and Delete events can be taken from the synthesized templates of both apps.
 */
import { Stack } from 'aws-cdk-lib';
import { AwsEndpoint, loadModel } from '../test/support/aws-endpoint';
import { KINDS as REGISTRY } from '../test/support/kinds';

export interface Kind {
  readonly name: string;
  /** Folder of the handler asset under assets/lambda. */
  readonly asset: string;
  /** The custom resource type: the handler checks CloudFormation's record of the stack against it. */
  readonly resourceType: string;
  /** The SDK v3 client that AwsCustomResource's handler loads from the Lambda runtime. */
  readonly sdkPackage: string;
  ours(stack: Stack, i: number, variant: 0 | 1): void;
  theirs(stack: Stack, i: number, variant: 0 | 1): void;
  /** A fresh local endpoint holding the state that instance 0's events act on. */
  endpoint(): Promise<AwsEndpoint>;
}

export const KINDS: Kind[] = REGISTRY.map((entry) => ({
  name: entry.name,
  asset: entry.kind.handler,
  resourceType: entry.kind.resourceType,
  sdkPackage: entry.sdkPackage,
  ours: (stack, i, variant) => void entry.instance(stack, `T${i}`, i, variant),
  theirs: (stack, i, variant) => entry.awsCustomResource(stack, `T${i}`, i, variant),
  async endpoint() {
    entry.contract.reset();
    entry.prepare(0);
    // Other services too (Lambda, where a long wait would continue in a new invocation).
    const services = [entry.fake, ...entry.moreFakes ?? []].map(({ service, fakes }) => ({ model: loadModel(service), fakes }));
    return AwsEndpoint.start(...services);
  },
}));

/**
 * The construct kinds the bench compares. Each has an equivalent built from aws-cdk-lib's
 * AwsCustomResource doing the same job, and the fake service state its handler events need.
 * `variant` 0 is the deployed configuration and 1 the updated one, so that Create, Update and
 * Delete events can be taken from the synthesized templates of both apps.
 */
import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cr from 'aws-cdk-lib/custom-resources';
import { TrafficDistribution } from '../src';
import { AwsEndpoint, loadModel } from '../test/support/aws-endpoint';
import { TrafficDistributionGroups } from '../test/support/fakes/traffic-distribution-groups';

export interface Kind {
  readonly name: string;
  /** Folder of the handler asset under assets/lambda. */
  readonly asset: string;
  /** The SDK v3 client that AwsCustomResource's handler loads from the Lambda runtime. */
  readonly sdkPackage: string;
  ours(stack: Stack, i: number, variant: 0 | 1): void;
  theirs(stack: Stack, i: number, variant: 0 | 1): void;
  /** A fresh local endpoint holding the state that instance 0's events act on. */
  endpoint(): Promise<AwsEndpoint>;
}

const uuid = (i: number) => `${String(i).padStart(8, '0')}-2222-3333-4444-555555555555`;
const tdgArn = (i: number) => `arn:aws:connect:us-east-1:123456789012:traffic-distribution-group/${uuid(i)}`;

export const trafficDistribution: Kind = {
  name: 'TrafficDistribution',
  asset: 'traffic-distribution',
  sdkPackage: '@aws-sdk/client-connect',
  ours(stack, i, variant) {
    new TrafficDistribution(stack, `T${i}`, {
      trafficDistributionGroup: tdgArn(i),
      telephonyConfig: { distributions: [{ region: 'us-east-1', percentage: 90 - 10 * variant }, { region: 'us-west-2', percentage: 10 + 10 * variant }] },
      agentConfig: { distributions: [{ region: 'us-east-1', percentage: 100 }, { region: 'us-west-2', percentage: 0 }] },
      removalPolicy: RemovalPolicy.DESTROY,
    });
  },
  theirs(stack, i, variant) {
    const call = (home: number): cr.AwsSdkCall => ({
      service: 'Connect',
      action: 'UpdateTrafficDistribution',
      parameters: {
        Id: tdgArn(i),
        TelephonyConfig: { Distributions: [{ Region: 'us-east-1', Percentage: home }, { Region: 'us-west-2', Percentage: 100 - home }] },
        AgentConfig: { Distributions: [{ Region: 'us-east-1', Percentage: 100 }, { Region: 'us-west-2', Percentage: 0 }] },
      },
      physicalResourceId: cr.PhysicalResourceId.of(tdgArn(i)),
    });
    new cr.AwsCustomResource(stack, `T${i}`, {
      onCreate: call(90 - 10 * variant),
      onUpdate: call(90 - 10 * variant),
      onDelete: call(100), // what DESTROY does
      policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: [tdgArn(i)] }),
      installLatestAwsSdk: false,
    });
  },
  async endpoint() {
    const groups = new TrafficDistributionGroups();
    groups.add(uuid(0));
    return AwsEndpoint.start({ model: loadModel('connect'), fakes: groups.fakes });
  },
};

export const KINDS: Kind[] = [trafficDistribution];

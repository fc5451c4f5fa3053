/**
 * Amazon Connect Global Resiliency as two stacks, one per Region:
 * - the source-Region stack (us-east-1) replicates the instance to us-west-2 and associates the agents with the
 *   default traffic distribution group that Amazon Connect creates with the replica;
 * - the replica-Region stack (us-west-2) holds the distribution of calls, agents and sign-in. It lives in the
 *   replica Region on purpose: failing over must not depend on the Region that is failing.
 *
 * The replica-Region stack takes the default group's ARN as a parameter (the source stack's output), not as a
 * cross-Region reference: a reference would make it depend on the source-Region stack, and `cdk deploy` of the
 * replica-Region stack would then deploy the source-Region one first, in the Region that is failing.
 *
 * Fail over in one deploy: `npx cdk deploy ContactCenterWest -c failover=true`; fail back with `-c failover=false`.
 * README.md, "Fail over in one deploy", says what happens to calls, agents and sign-in.
 * example/python, example/java and example/go declare the same two stacks (the bindings' comparison).
 */
import { App, ArnFormat, CfnOutput, CfnParameter, RemovalPolicy, Stack, StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { InstanceReplica, TrafficDistribution, TrafficDistributionGroupUsers } from '../src';

export const SOURCE_REGION = 'us-east-1';
export const REPLICA_REGION = 'us-west-2';

/** The agents who fail over with the contact center (an export of the instance's users, say). */
const AGENTS = [
  'a1b2c3d4-0001-4000-8000-000000000001',
  'a1b2c3d4-0002-4000-8000-000000000002',
  'a1b2c3d4-0003-4000-8000-000000000003',
];

/** The source-Region stack: the replica and the agents' association with its default group. */
export class SourceRegionStack extends Stack {
  public readonly replica: InstanceReplica;

  constructor(scope: Construct, id: string, props: StackProps) {
    super(scope, id, props);
    const instanceArn = new CfnParameter(this, 'InstanceArn', { description: `ARN of the Amazon Connect instance in ${SOURCE_REGION}` }).valueAsString;

    // Replication takes minutes; the handler waits (up to 55 minutes) and answers CloudFormation once.
    this.replica = new InstanceReplica(this, 'Replica', {
      instance: instanceArn,
      replicaRegion: REPLICA_REGION,
      replicaAlias: 'acme-west',
      removalPolicy: RemovalPolicy.RETAIN, // the replica outlives this stack unless you choose DESTROY
    });

    // Only agents associated with the group follow its agent distribution. The API is called in the group's Region.
    new TrafficDistributionGroupUsers(this, 'Agents', {
      trafficDistributionGroup: this.replica.defaultTrafficDistributionGroupArn,
      instanceId: this.splitArn(instanceArn, ArnFormat.SLASH_RESOURCE_NAME).resourceName!,
      userIds: AGENTS,
    });

    // What the replica-Region stack needs: deploy it with `--parameters DefaultTrafficDistributionGroupArn=<this output>`.
    new CfnOutput(this, 'DefaultTrafficDistributionGroupArn', {
      value: this.replica.defaultTrafficDistributionGroupArn,
      description: 'The default traffic distribution group: the DefaultTrafficDistributionGroupArn parameter of ContactCenterWest',
    });
  }
}

export interface ReplicaRegionStackProps extends StackProps {
  /** true: calls, agents and sign-in in the replica Region. false: normal operation, in the source Region. */
  readonly failover: boolean;
}

/** The replica-Region stack: where calls, agents and sign-in go. */
export class ReplicaRegionStack extends Stack {
  constructor(scope: Construct, id: string, props: ReplicaRegionStackProps) {
    super(scope, id, props);
    const home = props.failover ? REPLICA_REGION : SOURCE_REGION;
    const all = { distributions: [SOURCE_REGION, REPLICA_REGION].map((region) => ({ region, percentage: region === home ? 100 : 0 })) };
    // CloudFormation keeps a parameter's value from one deployment to the next: a failover needs only the context flag.
    const groupArn = new CfnParameter(this, 'DefaultTrafficDistributionGroupArn', {
      description: 'ARN of the default traffic distribution group (the output of ContactCenterEast of the same name)',
    }).valueAsString;

    new TrafficDistribution(this, 'Distribution', {
      // The group's ARN, not its ID: from the replica Region, UpdateTrafficDistribution needs the ARN.
      trafficDistributionGroup: groupArn,
      telephonyConfig: all,
      agentConfig: all, // shift agents with the calls, or calls reach a Region with nobody to answer them
      signInConfig: {
        distributions: [
          // Both Regions during normal operation, as the Administrator Guide advises; only the replica's in a failover.
          { region: SOURCE_REGION, enabled: !props.failover },
          { region: REPLICA_REGION, enabled: true },
        ],
      },
      // RETAIN: deleting this stack during an outage must not move traffic back to the Region that failed.
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}

/** Both stacks, independent of each other, with the failover switch from the CDK context (`-c failover=true`). */
export function addGlobalResiliency(app: App, account = '123456789012'): void {
  new SourceRegionStack(app, 'ContactCenterEast', { env: { account, region: SOURCE_REGION } });
  new ReplicaRegionStack(app, 'ContactCenterWest', {
    env: { account, region: REPLICA_REGION },
    failover: String(app.node.tryGetContext('failover')) === 'true',
  });
}

import { Annotations, ArnFormat, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { connectReference, INSTANCE_REFERENCE } from './private/connect-reference';
import { KindResource } from './private/kind-resource';
import {
  checkDistinctRegions, INSTANCE_REPLICA, undocumentedPairWarning,
} from './private/rules/instance-replica';
import { Checker } from './private/rules/violations';
import { isUnresolved, throwIfInvalid } from './private/validate';

/** Properties of an {@link InstanceReplica}. */
export interface InstanceReplicaProps {
  /**
   * The Amazon Connect instance to replicate: its ID (a UUID), its ARN, or a token that resolves to its ARN, such
   * as `CfnInstance.attrArn`. A bare ID names an instance in this stack's account and Region. The handler calls
   * ReplicateInstance in the instance's own Region, whatever the stack's Region.
   *
   * Changing it replaces the replica: the new instance gets a replica, then CloudFormation deletes the old replica
   * under its removal policy.
   */
  readonly instance: string;
  /**
   * The Region of the replica, such as `us-west-2`: a Region name (8 to 31 characters) other than the instance's.
   * The Administrator Guide documents the pairs us-east-1 and us-west-2, and eu-central-1 and eu-west-2 (either
   * way round); another pair gets a synth warning, not an error, since AWS adds pairs.
   *
   * Changing it replaces the replica (see `replicaAlias` for what Amazon Connect allows).
   */
  readonly replicaRegion: string;
  /**
   * The alias of the replica: 1 to 45 letters, digits and hyphens, beginning and ending with a letter or digit,
   * not beginning with `d-`, and unique (the model marks it sensitive: messages show it masked).
   *
   * Changing it replaces the replica. Amazon Connect keeps one replica per Region and cannot rename one, so a
   * new alias in the same Region takes two deployments: one without this construct (under `RemovalPolicy.DESTROY`),
   * then one with the new alias. The handler refuses, before changing anything, a replica that is in the way.
   */
  readonly replicaAlias: string;
  /**
   * What happens to the replica when this resource is deleted or replaced. `RETAIN` leaves it in place. `DESTROY`
   * deletes it (DeleteInstance in the replica Region) and waits until it is gone; one that is already gone counts
   * as deleted. Other policies are rejected.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/** Why a grant names every directory of Directory Service in a Region (cdk-nag AwsSolutions-IAM5). */
const DIRECTORY_REASON = 'ReplicateInstance and DeleteInstance use Directory Service on the caller\'s behalf (dependent actions in the Service '
  + 'Authorization Reference); the replica\'s directory gets its ID during the call, so the grant names the directories of the account in the '
  + 'two Regions of the replica, for the directory actions these calls need only.';
/** Why a grant names every resource (cdk-nag AwsSolutions-IAM5). */
const NO_RESOURCE_TYPE_REASON = 'ds:CheckAlias, ds:CreateDirectory, ds:CreateIdentityPoolDirectory and ds:DescribeDirectories are dependent actions of '
  + 'ReplicateInstance, DescribeInstance and DeleteInstance in the Service Authorization Reference, and support no resource type: IAM accepts them on "*" only.';
/** Why a grant names Amazon Connect's service-linked roles (cdk-nag AwsSolutions-IAM5). */
const SERVICE_ROLE_REASON = 'ReplicateInstance creates or updates Amazon Connect\'s service-linked role for the replica (dependent actions in the Service '
  + 'Authorization Reference); Amazon Connect names that role with a suffix of its own, so the grant covers Connect\'s service-linked roles only.';
/** Why a grant names every traffic distribution group of the source Region (cdk-nag AwsSolutions-IAM5). */
const GROUPS_REASON = 'ListTrafficDistributionGroups authorizes on traffic-distribution-group, and the default group\'s ID is assigned by Amazon '
  + 'Connect during replication: the grant is read-only, in the source instance\'s account and Region.';

/**
 * A replica of an Amazon Connect instance in another Region (Global Resiliency): ReplicateInstance, then a wait
 * until the replica is complete and its default traffic distribution group exists. The wait can outlast one Lambda
 * invocation: the handler continues through Lambda's own asynchronous invoke, within 55 minutes of the first
 * invocation, and answers CloudFormation once.
 *
 * The handler may call, on the instance's ARNs in both Regions only: `connect:ReplicateInstance` and
 * `connect:DescribeInstance`; what a DESTROY Delete calls (`connect:DeleteInstance`, `connect:DescribeInstance`) on
 * the instances of the replica Region, never of the source's; `connect:ListTrafficDistributionGroups`; and the
 * dependent actions the Service Authorization Reference lists for these calls (Directory Service, and Amazon
 * Connect's service-linked role).
 */
export class InstanceReplica extends Construct {
  private readonly kindResource: KindResource<typeof INSTANCE_REPLICA, any>;
  /** The ARN of the source instance. */
  public readonly instanceArn: string;
  /** The Region of the source instance: where ReplicateInstance is called, and where the traffic distribution groups live. */
  public readonly sourceRegion: string;
  /** The ARN of the replica: the source's instance ID in the replica Region. Reading it waits for the replica to be complete. */
  public readonly replicaInstanceArn: string;
  /**
   * The ARN of the default traffic distribution group, which Amazon Connect creates with the replica: the only group
   * whose sign-in distribution can be set (`TrafficDistribution.signInConfig`).
   */
  public readonly defaultTrafficDistributionGroupArn: string;
  /** The URL agents sign in through, in whichever Region the sign-in distribution sends them to. */
  public readonly globalSignInEndpoint: string;

  constructor(scope: Construct, id: string, props: InstanceReplicaProps) {
    super(scope, id);
    const stack = Stack.of(this);
    // A literal ARN names its own account and Region; an ID, the stack's; a token, those it resolves to.
    const source = connectReference(this, props.instance, INSTANCE_REFERENCE);
    this.instanceArn = source.arn;
    this.sourceRegion = source.region;

    // A bare ID names the stack's Region, which the rule cannot see at synth: the same rule, here. (The handler
    // sees the ARN, and runs the rule itself.)
    const c = new Checker(isUnresolved);
    if (source.isId) checkDistinctRegions(c, source.region, props.replicaRegion);
    throwIfInvalid(this, c.violations);
    // The template carries the instance as given: a bare ID is ~90 bytes fewer than its ARN (INSTANCE_REPLICA.inStack).
    const resource = this.kindResource = new KindResource(this, INSTANCE_REPLICA, props, {
      removalPolicy: props.removalPolicy,
    });
    const warning = !Token.isUnresolved(source.region) && !Token.isUnresolved(props.replicaRegion)
      ? undocumentedPairWarning(source.region, props.replicaRegion) : undefined;
    if (warning) Annotations.of(this).addWarningV2('cdk-contact-center-resources:replicaRegion', `replicaRegion: ${warning}`);

    const arn = (service: string, region: string, type: string, resourceName: string) => stack.formatArn({
      service, region, account: source.account, resource: type, resourceName, arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });
    const regions = [source.region, props.replicaRegion];
    for (const region of regions) {
      resource.grant({
        actions: ['connect:ReplicateInstance', 'connect:DescribeInstance'],
        resourceArn: arn('connect', region, 'instance', source.id),
        typeWideArn: arn('connect', region, 'instance', '*'),
      });
      resource.grant({
        actions: ['ds:AuthorizeApplication', 'ds:CreateAlias', 'ds:DeleteDirectory', 'ds:UnauthorizeApplication'],
        resourceArn: arn('ds', region, 'directory', '*'),
        typeWideArn: arn('ds', region, 'directory', '*'),
        wildcardReason: DIRECTORY_REASON,
      });
    }
    // What a DESTROY Delete calls, on the type in the replica Region (never the source Region): CloudFormation runs
    // it in its cleanup phase, after this instance's ARNs left the policy, and the core acts only on a request its
    // stack's record confirms (lambda/core/stack-record.ts). DescribeInstance follows the deletion to its end.
    resource.grantOnType({ actions: ['connect:DeleteInstance', 'connect:DescribeInstance'], typeWideArn: arn('connect', props.replicaRegion, 'instance', '*') });
    resource.grantOnType({ actions: ['ds:DeleteDirectory', 'ds:UnauthorizeApplication'], typeWideArn: arn('ds', props.replicaRegion, 'directory', '*') });
    resource.grant({
      actions: ['connect:ListTrafficDistributionGroups'],
      resourceArn: arn('connect', source.region, 'traffic-distribution-group', '*'),
      typeWideArn: arn('connect', source.region, 'traffic-distribution-group', '*'),
      wildcardReason: GROUPS_REASON,
    });
    resource.grant({
      actions: ['ds:CheckAlias', 'ds:CreateDirectory', 'ds:CreateIdentityPoolDirectory', 'ds:DescribeDirectories'],
      resourceArn: '*',
      typeWideArn: '*',
      wildcardReason: NO_RESOURCE_TYPE_REASON,
    });
    const serviceRoles = stack.formatArn({
      service: 'iam',
      region: '',
      account: source.account,
      resource: 'role',
      resourceName: 'aws-service-role/connect.amazonaws.com/AWSServiceRoleForAmazonConnect*',
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });
    resource.grant({
      actions: ['iam:AttachRolePolicy', 'iam:CreateServiceLinkedRole', 'iam:PutRolePolicy'],
      resourceArn: serviceRoles,
      typeWideArn: serviceRoles,
      wildcardReason: SERVICE_ROLE_REASON,
    });

    this.replicaInstanceArn = resource.attribute('ReplicaInstanceArn');
    this.defaultTrafficDistributionGroupArn = resource.attribute('DefaultTrafficDistributionGroupArn');
    this.globalSignInEndpoint = resource.attribute('GlobalSignInEndpoint');
  }

  /**
   * Sets what happens to the replica on delete and replacement, as the `removalPolicy` prop does: `RETAIN` or
   * `DESTROY`; other policies are rejected. When CloudFormation's own DeletionPolicy or UpdateReplacePolicy (set by
   * `RemovalPolicies.of()` or on the L1 resource) disagrees, synthesis warns and RETAIN wins.
   */
  public applyRemovalPolicy(policy: RemovalPolicy): void {
    this.kindResource.applyRemovalPolicy(policy);
  }
}

import { ArnFormat, CfnResource, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { HandlerBinding } from './stack-handlers';
import type { HandlerSettingsProps } from '../../handler-settings';
import type { SettingStatement } from '../handler-policy';
import { flattenCfnReference } from '../nag';
import { describeViolation, Violation } from '../rules/violations';

/**
 * The VPC endpoint (`com.amazonaws.<region>.<name>`) of each service a handler calls, by the IAM prefix of its
 * actions. `null`: the handler's code never calls that service itself. A prefix that is missing here fails the
 * check of isolated subnets, so that a new kind cannot slip through it.
 */
export const ENDPOINT_SERVICES: Record<string, string | null> = {
  connect: 'connect',
  profile: 'profile',
  chime: 'voice-chime',
  // The long-wait engine continues a wait through Lambda's asynchronous invoke of the function itself.
  lambda: 'lambda',
  // Dependent actions (InstanceReplica): Amazon Connect calls Directory Service and IAM with the caller's permissions;
  // the code never calls them itself.
  ds: null,
  iam: null,
  // The core checks each request against CloudFormation's record of its own stack.
  cloudformation: 'cloudformation',
  // OutboundVoiceContact reads its destination number from a parameter.
  ssm: 'ssm',
  // Lambda delivers the function's logs itself, outside the function's network.
  logs: null,
  // Lambda manages the function's network interfaces with the role; the code never calls EC2.
  ec2: null,
  // Customer Profiles uses the object type's key with the handler's permissions (forward access); Lambda decrypts the environment.
  kms: null,
  // Segments go to the X-Ray daemon that Lambda runs; see the README on isolated subnets.
  xray: null,
};
/** A literal Region name, as in an ARN or an endpoint's service name. */
const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;
/** The handlers answer CloudFormation with a PUT to a pre-signed S3 URL in the stack's Region. */
const RESPONSE_ENDPOINT = 's3';

/** Lambda's limits for a function's VPC configuration. */
const MAX_SUBNETS = 16;
const MAX_SECURITY_GROUPS = 5;

const DESCRIBE_REASON = 'ec2:DescribeNetworkInterfaces and ec2:DescribeSubnets do not support resource-level permissions (Lambda Developer Guide: '
  + '"This action only works if it\'s allowed on all resources"); Lambda calls them with the role to manage the function\'s network interfaces.';
const ENI_REASON = 'EC2 assigns the IDs of the network interfaces that Lambda creates for the function; the wildcard covers only network '
  + 'interfaces in this account and Region, and CreateNetworkInterface is also limited to the function\'s subnets and security groups.';

/** The part of the handler settings that puts the functions in a VPC: subnets, security groups, permissions and checks. */
export class HandlerNetwork {
  private defaultGroup?: ec2.SecurityGroup;

  constructor(
    private readonly stack: Stack,
    private readonly settings: () => HandlerSettingsProps,
    private readonly bindings: () => HandlerBinding[],
  ) {}

  /** After each apply(): one outbound-HTTPS security group per stack, unless the user gives theirs. */
  public update(): void {
    const { vpc, securityGroups } = this.settings();
    if (vpc && !securityGroups && !this.defaultGroup) {
      this.defaultGroup = new ec2.SecurityGroup(this.stack, 'CcrHandlerSecurityGroup', {
        vpc,
        description: 'cdk-contact-center-resources handlers: outbound HTTPS only (AWS APIs and the CloudFormation response URL)',
        allowAllOutbound: false,
      });
      this.defaultGroup.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'HTTPS to AWS APIs and the CloudFormation response URL');
    }
    if (securityGroups && this.defaultGroup) {
      this.stack.node.tryRemoveChild(this.defaultGroup.node.id);
      this.defaultGroup = undefined;
    }
  }

  public vpcConfig(): { subnetIds: string[]; securityGroupIds: string[] } | undefined {
    const subnets = this.subnets();
    return subnets && { subnetIds: subnets.subnetIds, securityGroupIds: this.securityGroups().map((g) => g.securityGroupId) };
  }

  /**
   * What Lambda needs to manage the functions' network interfaces (Lambda Developer Guide, "Giving Lambda functions
   * access to resources in an Amazon VPC"), as narrow as EC2 allows.
   */
  public statements(): SettingStatement[] {
    const subnets = this.subnets();
    if (!subnets) return [];
    const ec2Arn = (resource: string, name: string) => this.stack.formatArn({ service: 'ec2', resource, resourceName: name, arnFormat: ArnFormat.SLASH_RESOURCE_NAME });
    const interfaces = ec2Arn('network-interface', '*');
    return [
      { actions: ['ec2:DescribeNetworkInterfaces', 'ec2:DescribeSubnets'], resources: ['*'], wildcardReason: DESCRIBE_REASON },
      {
        actions: ['ec2:CreateNetworkInterface'],
        resources: [interfaces, ...subnets.subnetIds.map((id) => ec2Arn('subnet', id)), ...this.securityGroups().map((g) => ec2Arn('security-group', g.securityGroupId))],
        wildcardReason: ENI_REASON,
      },
      { actions: ['ec2:AssignPrivateIpAddresses', 'ec2:DeleteNetworkInterface', 'ec2:UnassignPrivateIpAddresses'], resources: [interfaces], wildcardReason: ENI_REASON },
    ];
  }

  /** Checked at synth, once the app is complete. */
  public violations(): string[] {
    const s = this.settings();
    const found: Violation[] = [];
    if (!s.vpc) {
      for (const prop of ['vpcSubnets', 'securityGroups', 'vpcEndpointsManagedElsewhere'] as const) {
        if (s[prop] !== undefined) found.push({ path: prop, rule: 'needs vpc', value: '(no vpc)' });
      }
      return found.map(describeViolation);
    }
    const subnets = this.subnets()!;
    const ids = subnets.subnetIds;
    if (ids.length === 0) found.push({ path: 'vpcSubnets', rule: 'must select at least one subnet of the vpc', value: [] });
    if (ids.length > MAX_SUBNETS) found.push({ path: 'vpcSubnets', rule: `must select at most ${MAX_SUBNETS} subnets (a Lambda limit)`, value: ids.length });
    const groups = this.securityGroups();
    if (groups.length < 1 || groups.length > MAX_SECURITY_GROUPS) {
      found.push({ path: 'securityGroups', rule: `must hold 1 to ${MAX_SECURITY_GROUPS} security groups (a Lambda limit)`, value: groups.length });
    }
    const idsOf = (list: ec2.ISubnet[]) => new Set(list.map((x) => x.subnetId));
    const publicIds = idsOf(s.vpc.publicSubnets);
    const isPublic = ids.filter((id) => publicIds.has(id));
    if (isPublic.length > 0) {
      found.push({
        path: 'vpcSubnets',
        rule: 'must not be public subnets: a Lambda function gets no public IP address, so it has no egress there; use PRIVATE_WITH_EGRESS subnets, '
          + 'or PRIVATE_ISOLATED subnets with VPC endpoints',
        value: this.describe(isPublic),
      });
    }
    const isolatedIds = idsOf(s.vpc.isolatedSubnets);
    const isolated = ids.filter((id) => isolatedIds.has(id));
    if (isolated.length > 0 && !s.vpcEndpointsManagedElsewhere) {
      const endpoints = this.endpoints().filter((e) => e.usable);
      const missing = this.requiredEndpoints().filter((name) => !endpoints.some((e) => e.name === name));
      // A handler that calls another Region (a replica's, a group's home Region) needs that Region's endpoint there.
      const elsewhere = this.otherRegionEndpoints().filter((r) => !endpoints.some((e) => e.name === r.name && e.region === r.region));
      const unknown = this.unknownPrefixes();
      if (unknown.length > 0) {
        found.push({ path: 'vpcSubnets', rule: `isolated subnets need VPC endpoints, but the library knows no endpoint for the IAM prefixes ${unknown.join(', ')}`, value: this.describe(isolated) });
      }
      if (missing.length > 0 || elsewhere.length > 0) {
        const names = [...missing.map((m) => `com.amazonaws.<region>.${m}`), ...elsewhere.map((r) => `com.amazonaws.${r.region}.${r.name} (${r.why})`)];
        found.push({
          path: 'vpcSubnets',
          rule: `isolated subnets need VPC endpoints in the vpc for ${names.join(', ')} `
            + '(interface endpoints with private DNS; S3 may be a gateway endpoint): the handlers call these services and answer CloudFormation through S3; '
            + 'add them, or set vpcEndpointsManagedElsewhere if they are made outside this app',
          value: this.describe(isolated),
        });
      }
    }
    return found.map(describeViolation);
  }

  /**
   * The functions wait for the VPC's routes to the internet (a NAT gateway, when the subnets have one) and for the
   * VPC's endpoints: a custom resource must not be invoked before its handler can reach the service and answer.
   */
  public addDependencies(): void {
    const subnets = this.subnets();
    if (!subnets) return;
    const endpoints = this.endpoints().filter((e) => e.usable).map((e) => e.resource);
    for (const b of this.bindings()) {
      b.fn.node.addDependency(subnets.internetConnectivityEstablished);
      for (const e of endpoints) b.fn.node.addDependency(e);
    }
  }

  /** Every endpoint service the isolated subnets need, for the kinds in the stack. */
  public requiredEndpoints(): string[] {
    const names = new Set<string>([RESPONSE_ENDPOINT]);
    for (const prefix of this.prefixes()) {
      const name = ENDPOINT_SERVICES[prefix];
      if (name) names.add(name);
    }
    return [...names].sort();
  }

  /**
   * The endpoints of other Regions than the stack's that the handlers call: the literal Regions of the ARNs their
   * policies name for a service with an endpoint. (A Region that is a token is not known at synth.)
   */
  public otherRegionEndpoints(): Array<{ region: string; name: string; why: string }> {
    const own = flattenCfnReference(this.stack.resolve(this.stack.region));
    const found = new Map<string, { region: string; name: string; why: string }>();
    for (const b of this.bindings()) {
      for (const statement of b.policy.statements()) {
        const names = new Set(statement.Action.map((a) => ENDPOINT_SERVICES[a.split(':')[0]]).filter((n): n is string => !!n));
        for (const resource of [statement.Resource].flat()) {
          // arn:<partition>:<service>:<region>:..., the partition often a reference (`<AWS::Partition>`).
          const region = /^arn:(?:<AWS::Partition>|[\w-]+):[\w-]+:([^:]*):/.exec(flattenCfnReference(this.stack.resolve(resource)))?.[1] ?? '';
          if (!REGION.test(region) || region === own) continue;
          for (const name of names) found.set(`${region}.${name}`, { region, name, why: `the ${b.kind} handler calls it in ${region}` });
        }
      }
    }
    return [...found.values()].sort((a, b) => (a.region + a.name < b.region + b.name ? -1 : 1));
  }

  private unknownPrefixes(): string[] {
    return this.prefixes().filter((p) => !(p in ENDPOINT_SERVICES));
  }

  /** The IAM prefixes of what the handlers call: their policies' actions, and what a binding calls outside its policy. */
  private prefixes(): string[] {
    return [...new Set(this.bindings().flatMap((b) => [...b.policy.actions().map((a) => a.split(':')[0]), ...b.alsoCalls ?? []]))].sort();
  }

  private subnets(): ec2.SelectedSubnets | undefined {
    const { vpc, vpcSubnets } = this.settings();
    return vpc?.selectSubnets(vpcSubnets);
  }

  private securityGroups(): ec2.ISecurityGroup[] {
    return this.settings().securityGroups ?? (this.defaultGroup ? [this.defaultGroup] : []);
  }

  /** The VPC endpoints of the vpc anywhere in the app, by service name; usable when the handlers' default DNS names reach them. */
  private endpoints(): Array<{ name: string; region?: string; usable: boolean; resource: CfnResource }> {
    const vpc = this.settings().vpc!;
    const vpcId = JSON.stringify(Stack.of(vpc).resolve(vpc.vpcId));
    return this.stack.node.root.node.findAll()
      .filter((c): c is ec2.CfnVPCEndpoint => c instanceof ec2.CfnVPCEndpoint)
      .filter((e) => JSON.stringify(Stack.of(e).resolve(e.vpcId)) === vpcId)
      .map((e) => {
        const resolve = (v: unknown) => Stack.of(e).resolve(v);
        const parts = flattenCfnReference(resolve(e.serviceName)).split('.');
        const name = parts.pop() ?? '';
        // com.amazonaws.<region>.<name>: a literal Region, or a token (the stack's own).
        const region = REGION.test(parts[parts.length - 1] ?? '') ? parts[parts.length - 1] : undefined;
        const type = resolve(e.vpcEndpointType) ?? 'Gateway';
        const usable = type === 'Gateway' ? name === RESPONSE_ENDPOINT : type === 'Interface' && resolve(e.privateDnsEnabled) === true;
        return { name, region, usable, resource: e };
      });
  }

  private describe(ids: string[]): string {
    const vpcStack = Stack.of(this.settings().vpc!);
    return ids.map((id) => flattenCfnReference(vpcStack.resolve(id))).join(', ');
  }
}

import { App, CfnParameter, Duration, NestedStack, PermissionsBoundary, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import { HandlerSettings, HandlerSettingsProps, InstanceReplica, ProfileObjectType, TrafficDistribution, TrafficDistributionGroupUsers, VoiceConnectorProxy } from '../src';
import { handlerStatements } from './support/handler-policy';
import { HandlerProvider } from '../src/private/handler-provider';
import { TRAFFIC_DISTRIBUTION } from '../src/private/rules/traffic-distribution';

const ACCOUNT = '123456789012';
const stackOf = (props: { region?: string } = {}) => new Stack(new App(), 'Cc', { env: { account: ACCOUNT, region: props.region ?? 'us-east-1' } });
const arn = (...parts: unknown[]) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ...parts]] });

/** One construct of each of three kinds (three handler functions). */
function addConstructs(stack: Stack) {
  new TrafficDistribution(stack, 'Td', {
    trafficDistributionGroup: '11111111-2222-3333-4444-555555555555',
    telephonyConfig: { distributions: [{ region: 'us-east-1', percentage: 100 }, { region: 'us-west-2', percentage: 0 }] },
  });
  new ProfileObjectType(stack, 'Pot', { domainName: 'd', objectTypeName: 'Orders', description: 'orders', templateId: 'Shopify-Order' });
  new VoiceConnectorProxy(stack, 'Vcp', { voiceConnectorId: 'vc1', defaultSessionExpiry: Duration.hours(1), phoneNumberPoolCountries: ['US'] });
}

const template = (stack: Stack) => Template.fromStack(stack);
const functions = (stack: Stack) => Object.values<any>(template(stack).findResources('AWS::Lambda::Function'));
const logGroups = (stack: Stack) => Object.values<any>(template(stack).findResources('AWS::Logs::LogGroup'));
const roleIds = (stack: Stack) => Object.keys(template(stack).findResources('AWS::IAM::Role'));
const statementsOfEvery = (stack: Stack) => roleIds(stack).map((id) => handlerStatements(template(stack), id));

/** A VPC with public, private (with a NAT gateway) and isolated subnets. */
const vpcOf = (stack: Stack) => new ec2.Vpc(stack, 'Vpc', {
  maxAzs: 2,
  natGateways: 1,
  subnetConfiguration: [
    { name: 'Public', subnetType: ec2.SubnetType.PUBLIC },
    { name: 'Private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
    { name: 'Isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
  ],
});

describe('order: settings reach every handler, applied before or after the constructs', () => {
  const settings = (stack: Stack): HandlerSettingsProps => ({
    vpc: vpcOf(stack),
    logGroupEncryptionKey: new kms.Key(stack, 'Key', { enableKeyRotation: true }),
    logRetention: logs.RetentionDays.ONE_YEAR,
    reservedConcurrentExecutions: 5,
    tracing: lambda.Tracing.ACTIVE,
    rolePath: '/contact-center/',
    alarms: {},
  });

  test('the same template either way, with every setting on all three functions', () => {
    const before = stackOf();
    HandlerSettings.of(before).apply(settings(before));
    addConstructs(before);
    const after = stackOf();
    addConstructs(after);
    HandlerSettings.of(after).apply(settings(after));
    expect(template(before).toJSON()).toEqual(template(after).toJSON());
    expect(functions(after)).toHaveLength(3);
    for (const fn of functions(after)) {
      expect(fn.Properties).toMatchObject({ ReservedConcurrentExecutions: 5, TracingConfig: { Mode: 'Active' }, VpcConfig: { SubnetIds: expect.any(Array) } });
    }
    template(after).resourceCountIs('AWS::CloudWatch::Alarm', 3);
  });

  test('half before, half after: settings applied separately are merged', () => {
    const stack = stackOf();
    HandlerSettings.of(stack).apply({ reservedConcurrentExecutions: 2 });
    new TrafficDistribution(stack, 'Td', { trafficDistributionGroup: '11111111-2222-3333-4444-555555555555', telephonyConfig: { distributions: [{ region: 'us-east-1', percentage: 100 }] } });
    HandlerSettings.of(stack).apply({ tracing: lambda.Tracing.ACTIVE });
    new VoiceConnectorProxy(stack, 'Vcp', { voiceConnectorId: 'vc1', defaultSessionExpiry: Duration.hours(1), phoneNumberPoolCountries: ['US'] });
    for (const fn of functions(stack)) expect(fn.Properties).toMatchObject({ ReservedConcurrentExecutions: 2, TracingConfig: { Mode: 'Active' } });
    expect(HandlerSettings.of(stack).settings).toEqual({ reservedConcurrentExecutions: 2, tracing: lambda.Tracing.ACTIVE });
  });

  test('without settings (or with none given) nothing is written: no VPC, key, concurrency, tracing or path', () => {
    const plain = stackOf();
    addConstructs(plain);
    const empty = stackOf();
    addConstructs(empty);
    HandlerSettings.of(empty).apply({});
    expect(template(empty).toJSON()).toEqual(template(plain).toJSON());
    for (const fn of functions(plain)) {
      expect(Object.keys(fn.Properties)).not.toEqual(expect.arrayContaining(['VpcConfig']));
      expect(fn.Properties.ReservedConcurrentExecutions ?? fn.Properties.TracingConfig ?? fn.Properties.KmsKeyArn).toBeUndefined();
    }
    expect(logGroups(plain).map((g) => g.Properties)).toEqual([{ RetentionInDays: 90 }, { RetentionInDays: 90 }, { RetentionInDays: 90 }]);
  });

  test('a setting given again with the same value is fine; with another value it is an error', () => {
    const stack = stackOf();
    HandlerSettings.of(stack).apply({ reservedConcurrentExecutions: 5 });
    HandlerSettings.of(stack).apply({ reservedConcurrentExecutions: 5 });
    expect(() => HandlerSettings.of(stack).apply({ reservedConcurrentExecutions: 6 }))
      .toThrow('Cc/HandlerSettings: reservedConcurrentExecutions: is already set for this stack; a stack has one value per setting, got 6');
  });
});

describe('vpc', () => {
  test('private subnets with egress by default, and one security group per stack that allows only outbound HTTPS', () => {
    const stack = stackOf();
    const vpc = vpcOf(stack);
    addConstructs(stack);
    HandlerSettings.of(stack).apply({ vpc });
    const sgId = stack.getLogicalId(stack.node.findChild('CcrHandlerSecurityGroup').node.defaultChild as ec2.CfnSecurityGroup);
    const privateIds = vpc.privateSubnets.map((s) => stack.resolve(s.subnetId));
    for (const fn of functions(stack)) {
      expect(fn.Properties.VpcConfig).toEqual({ SubnetIds: privateIds, SecurityGroupIds: [{ 'Fn::GetAtt': [sgId, 'GroupId'] }] });
      // The function waits for its policy (Lambda creates the network interfaces with the role) and for the NAT routes.
      expect(fn.DependsOn).toEqual(expect.arrayContaining([expect.stringMatching(/Policy/), expect.stringMatching(/VpcPrivateSubnet1DefaultRoute/)]));
    }
    template(stack).hasResourceProperties('AWS::EC2::SecurityGroup', {
      SecurityGroupEgress: [{ CidrIp: '0.0.0.0/0', IpProtocol: 'tcp', FromPort: 443, ToPort: 443, Description: Match.anyValue() }],
      SecurityGroupIngress: Match.absent(),
    });
  });

  test('the role may manage the network interfaces: Describe on "*", the rest scoped to the subnets, security groups and interfaces', () => {
    const stack = stackOf();
    const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', {
      vpcId: 'vpc-1', availabilityZones: ['us-east-1a'], privateSubnetIds: ['subnet-1'], privateSubnetRouteTableIds: ['rtb-1'],
    });
    const sg = ec2.SecurityGroup.fromSecurityGroupId(stack, 'Sg', 'sg-1');
    HandlerSettings.of(stack).apply({ vpc, securityGroups: [sg] });
    addConstructs(stack);
    const interfaces = arn(`:ec2:us-east-1:${ACCOUNT}:network-interface/*`);
    for (const statements of statementsOfEvery(stack)) {
      expect(statements.slice(-3)).toEqual([
        { Effect: 'Allow', Action: ['ec2:DescribeNetworkInterfaces', 'ec2:DescribeSubnets'], Resource: ['*'] },
        {
          Effect: 'Allow',
          Action: ['ec2:CreateNetworkInterface'],
          Resource: [interfaces, arn(`:ec2:us-east-1:${ACCOUNT}:subnet/subnet-1`), arn(`:ec2:us-east-1:${ACCOUNT}:security-group/sg-1`)],
        },
        { Effect: 'Allow', Action: ['ec2:AssignPrivateIpAddresses', 'ec2:DeleteNetworkInterface', 'ec2:UnassignPrivateIpAddresses'], Resource: [interfaces] },
      ]);
    }
    // The user's security groups replace the library's.
    template(stack).resourceCountIs('AWS::EC2::SecurityGroup', 0);
    template(stack).resourceCountIs('AWS::IAM::Policy', 0);
    for (const id of roleIds(stack)) expect(template(stack).toJSON().Resources[id].Properties.ManagedPolicyArns).toBeUndefined();
  });

  test('security groups given after the vpc replace the default security group', () => {
    const stack = stackOf();
    const vpc = vpcOf(stack);
    HandlerSettings.of(stack).apply({ vpc });
    HandlerSettings.of(stack).apply({ securityGroups: [new ec2.SecurityGroup(stack, 'Mine', { vpc })] });
    addConstructs(stack);
    template(stack).resourceCountIs('AWS::EC2::SecurityGroup', 1);
    expect(stack.node.tryFindChild('CcrHandlerSecurityGroup')).toBeUndefined();
  });

  test('public subnets are rejected: no public IP, no egress', () => {
    const stack = stackOf();
    addConstructs(stack);
    HandlerSettings.of(stack).apply({ vpc: vpcOf(stack), vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC } });
    expect(() => template(stack)).toThrow(/Cc\/HandlerSettings: vpcSubnets: must not be public subnets: a Lambda function gets no public IP address/);
  });

  describe('isolated subnets', () => {
    function isolated(endpoints: (vpc: ec2.Vpc) => void, extra: HandlerSettingsProps = {}) {
      const stack = stackOf();
      const vpc = vpcOf(stack);
      addConstructs(stack);
      HandlerSettings.of(stack).apply({ vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED }, ...extra });
      endpoints(vpc);
      return stack;
    }
    const interfaceEndpoint = (vpc: ec2.Vpc, name: string, privateDnsEnabled = true) => vpc.addInterfaceEndpoint(name, {
      service: new ec2.InterfaceVpcEndpointService(`com.amazonaws.us-east-1.${name}`, 443), privateDnsEnabled,
    });

    test('without endpoints: the error names every endpoint the kinds in the stack need, S3 for the response included', () => {
      const stack = isolated(() => undefined);
      expect(() => template(stack)).toThrow(new RegExp('Cc/HandlerSettings: vpcSubnets: isolated subnets need VPC endpoints in the vpc for '
        + 'com\\.amazonaws\\.<region>\\.cloudformation, com\\.amazonaws\\.<region>\\.connect, com\\.amazonaws\\.<region>\\.profile, com\\.amazonaws\\.<region>\\.s3, com\\.amazonaws\\.<region>\\.voice-chime '));
    });

    test('with interface endpoints (private DNS) for the services and an S3 gateway endpoint, they are valid, and the functions wait for them', () => {
      const stack = isolated((vpc) => {
        vpc.addInterfaceEndpoint('Profile', { service: ec2.InterfaceVpcEndpointAwsService.CONNECT_PROFILE });
        interfaceEndpoint(vpc, 'cloudformation');
        interfaceEndpoint(vpc, 'connect');
        interfaceEndpoint(vpc, 'voice-chime');
        vpc.addGatewayEndpoint('S3', { service: ec2.GatewayVpcEndpointAwsService.S3 });
      });
      const endpoints = Object.keys(template(stack).findResources('AWS::EC2::VPCEndpoint'));
      expect(endpoints).toHaveLength(5);
      for (const fn of functions(stack)) expect(fn.DependsOn).toEqual(expect.arrayContaining(endpoints));
    });

    test('an interface endpoint without private DNS does not count: the SDK calls the default host names', () => {
      const stack = isolated((vpc) => {
        vpc.addInterfaceEndpoint('Profile', { service: ec2.InterfaceVpcEndpointAwsService.CONNECT_PROFILE });
        interfaceEndpoint(vpc, 'cloudformation');
        interfaceEndpoint(vpc, 'connect', false);
        interfaceEndpoint(vpc, 'voice-chime');
        vpc.addGatewayEndpoint('S3', { service: ec2.GatewayVpcEndpointAwsService.S3 });
      });
      expect(() => template(stack)).toThrow(/need VPC endpoints in the vpc for com\.amazonaws\.<region>\.connect \(/);
    });

    test('a kind whose handler calls a service of unknown endpoint fails the check, rather than slip through it', () => {
      const stack = isolated(() => undefined, { vpcEndpointsManagedElsewhere: false });
      HandlerProvider.of(stack, TRAFFIC_DISTRIBUTION).grant({
        actions: ['sqs:SendMessage'], resourceArn: `arn:aws:sqs:us-east-1:${ACCOUNT}:q`, typeWideArn: `arn:aws:sqs:us-east-1:${ACCOUNT}:*`,
      });
      expect(() => template(stack)).toThrow(/vpcSubnets: isolated subnets need VPC endpoints, but the library knows no endpoint for the IAM prefixes sqs/);
    });

    describe('a handler that calls another Region, or continues a long wait', () => {
      /** An instance replica in us-west-2 and agents of a group in eu-west-2, from a us-east-1 stack in isolated subnets. */
      function globalResiliency(endpoints: (vpc: ec2.Vpc) => void) {
        const stack = stackOf();
        const vpc = vpcOf(stack);
        new InstanceReplica(stack, 'Replica', { instance: '11111111-2222-3333-4444-555555555555', replicaRegion: 'us-west-2', replicaAlias: 'acme-west' });
        new TrafficDistributionGroupUsers(stack, 'Agents', {
          trafficDistributionGroup: `arn:aws:connect:eu-west-2:${ACCOUNT}:traffic-distribution-group/aaaaaaaa-2222-3333-4444-555555555555`,
          instanceId: '11111111-2222-3333-4444-555555555555',
          userIds: ['a1b2c3d4-0001-4000-8000-000000000001'],
        });
        HandlerSettings.of(stack).apply({ vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED } });
        endpoints(vpc);
        return stack;
      }
      const endpointIn = (vpc: ec2.Vpc, region: string, name: string) => vpc.addInterfaceEndpoint(`${name}-${region}`, {
        service: new ec2.InterfaceVpcEndpointService(`com.amazonaws.${region}.${name}`, 443), privateDnsEnabled: true,
      });

      test('needs CloudFormation\'s (the stack record) and Lambda\'s endpoint (the continuation), and Amazon Connect\'s in each other Region it calls; Directory Service and IAM are Connect\'s to call', () => {
        expect(() => template(globalResiliency(() => undefined))).toThrow(new RegExp('Cc/HandlerSettings: vpcSubnets: isolated subnets need VPC endpoints in the vpc for '
          + 'com\\.amazonaws\\.<region>\\.cloudformation, com\\.amazonaws\\.<region>\\.connect, com\\.amazonaws\\.<region>\\.lambda, com\\.amazonaws\\.<region>\\.s3, '
          + 'com\\.amazonaws\\.eu-west-2\\.connect \\(the traffic-distribution-group-users handler calls it in eu-west-2\\), '
          + 'com\\.amazonaws\\.us-west-2\\.connect \\(the instance-replica handler calls it in us-west-2\\) '));
      });

      test('an endpoint of the stack\'s Region does not stand in for another Region\'s', () => {
        const stack = globalResiliency((vpc) => {
          for (const name of ['cloudformation', 'connect', 'lambda']) endpointIn(vpc, 'us-east-1', name);
          vpc.addGatewayEndpoint('S3', { service: ec2.GatewayVpcEndpointAwsService.S3 });
          endpointIn(vpc, 'us-west-2', 'connect');
        });
        expect(() => template(stack)).toThrow(/need VPC endpoints in the vpc for com\.amazonaws\.eu-west-2\.connect \(the traffic-distribution-group-users handler calls it in eu-west-2\) \(/);
      });

      test('with the endpoints of every Region it calls, it is valid', () => {
        const stack = globalResiliency((vpc) => {
          for (const name of ['cloudformation', 'connect', 'lambda']) endpointIn(vpc, 'us-east-1', name);
          vpc.addGatewayEndpoint('S3', { service: ec2.GatewayVpcEndpointAwsService.S3 });
          endpointIn(vpc, 'us-west-2', 'connect');
          endpointIn(vpc, 'eu-west-2', 'connect');
        });
        expect(() => template(stack)).not.toThrow();
      });
    });

    test('vpcEndpointsManagedElsewhere: endpoints made outside the app are trusted', () => {
      expect(() => template(isolated(() => undefined, { vpcEndpointsManagedElsewhere: true }))).not.toThrow();
    });
  });

  test.each<[string, (stack: Stack) => HandlerSettingsProps, RegExp]>([
    ['vpcSubnets without a vpc', () => ({ vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED } }), /vpcSubnets: needs vpc/],
    ['securityGroups without a vpc', (s) => ({ securityGroups: [ec2.SecurityGroup.fromSecurityGroupId(s, 'Sg', 'sg-1')] }), /securityGroups: needs vpc/],
    ['six security groups', (s) => ({ vpc: vpcOf(s), securityGroups: [1, 2, 3, 4, 5, 6].map((i) => ec2.SecurityGroup.fromSecurityGroupId(s, `Sg${i}`, `sg-${i}`)) }),
      /securityGroups: must hold 1 to 5 security groups \(a Lambda limit\), got 6/],
    ['17 subnets', (s) => ({
      vpc: ec2.Vpc.fromVpcAttributes(s, 'Big', {
        vpcId: 'vpc-1',
        availabilityZones: ['us-east-1a'],
        privateSubnetIds: [...Array(17).keys()].map((i) => `subnet-${i}`),
        privateSubnetRouteTableIds: [...Array(17).keys()].map((i) => `rtb-${i}`),
      }),
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, onePerAz: false },
    }), /vpcSubnets: must select at most 16 subnets \(a Lambda limit\), got 17/],
  ])('rejected at synth: %s', (_name, settings, message) => {
    const stack = stackOf();
    addConstructs(stack);
    HandlerSettings.of(stack).apply(settings(stack));
    expect(() => template(stack)).toThrow(message);
  });
});

describe('logGroupEncryptionKey', () => {
  function withKey(key: (stack: Stack) => kms.IKey) {
    const stack = stackOf();
    addConstructs(stack);
    HandlerSettings.of(stack).apply({ logGroupEncryptionKey: key(stack) });
    return stack;
  }
  const uuid = { 'Fn::Select': [2, { 'Fn::Split': ['/', { Ref: 'AWS::StackId' }] }] };

  test('encrypts the log groups (named so that the key policy can name them) and the functions\' environment', () => {
    const stack = withKey((s) => new kms.Key(s, 'Key'));
    const keyArn = { 'Fn::GetAtt': [stack.getLogicalId(stack.node.findChild('Key').node.defaultChild as kms.CfnKey), 'Arn'] };
    expect(logGroups(stack).map((g) => g.Properties).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))).toEqual(
      ['profile-object-type', 'traffic-distribution', 'voice-connector-proxy'].map((kind) => ({
        KmsKeyId: keyArn, RetentionInDays: 90, LogGroupName: { 'Fn::Join': ['', ['/cdk-contact-center-resources/Cc/', uuid, `/${kind}`]] },
      })));
    for (const fn of functions(stack)) expect(fn.Properties.KmsKeyArn).toEqual(keyArn);
    // Lambda decrypts the environment with the role's permissions: through Lambda only.
    for (const statements of statementsOfEvery(stack)) {
      expect(statements.at(-1)).toEqual({
        Effect: 'Allow', Action: ['kms:Decrypt'], Resource: [keyArn], Condition: { StringEquals: { 'kms:ViaService': 'lambda.us-east-1.amazonaws.com' } },
      });
    }
  });

  test('the key policy lets CloudWatch Logs use it for this stack\'s handler log groups only', () => {
    const stack = withKey((s) => new kms.Key(s, 'Key'));
    template(stack).hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([{
          Effect: 'Allow',
          Principal: { Service: 'logs.us-east-1.amazonaws.com' },
          Action: ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:GenerateDataKeyWithoutPlaintext', 'kms:ReEncryptFrom', 'kms:ReEncryptTo'],
          Resource: '*',
          Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': arn(`:logs:us-east-1:${ACCOUNT}:log-group:/cdk-contact-center-resources/Cc/`, uuid, '/*') } },
        }]),
      },
    });
  });

  test('a key of another stack names this stack\'s log groups by the stack\'s name (its ID would be a cycle between the stacks)', () => {
    const app = new App();
    const keys = new Stack(app, 'Keys', { env: { account: ACCOUNT, region: 'us-east-1' } });
    const key = new kms.Key(keys, 'Key');
    const stack = new Stack(app, 'Cc', { env: { account: ACCOUNT, region: 'us-east-1' } });
    addConstructs(stack);
    HandlerSettings.of(stack).apply({ logGroupEncryptionKey: key });
    expect(() => app.synth()).not.toThrow();
    Template.fromStack(keys).hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: { Statement: Match.arrayWith([Match.objectLike({ Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': arn(`:logs:us-east-1:${ACCOUNT}:log-group:/cdk-contact-center-resources/Cc/*`) } } })]) },
    });
  });

  test('an imported key keeps its policy: synthesis warns with the statement to add', () => {
    const stack = withKey((s) => kms.Key.fromKeyArn(s, 'Key', `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`));
    Annotations.fromStack(stack).hasWarning('/Cc', Match.stringLikeRegexp('logGroupEncryptionKey Cc/Key is imported, so its key policy cannot be changed'));
  });

  test('a key of another stack needs a literal stack name (a nested stack\'s is a token)', () => {
    const parent = stackOf();
    const key = new kms.Key(parent, 'Key');
    const nested = new NestedStack(parent, 'Handlers');
    expect(() => HandlerSettings.of(nested).apply({ logGroupEncryptionKey: key })).toThrow(
      'Cc/Handlers/HandlerSettings: logGroupEncryptionKey: of another stack needs this stack\'s name as a literal to name its log groups in the key policy, got "a token"');
  });

  test('a key in another Region is rejected: CloudWatch Logs uses keys of its own Region', () => {
    const stack = stackOf();
    const key = kms.Key.fromKeyArn(stack, 'Key', `arn:aws:kms:eu-west-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`);
    expect(() => HandlerSettings.of(stack).apply({ logGroupEncryptionKey: key }))
      .toThrow('Cc/HandlerSettings: logGroupEncryptionKey: must be in the stack\'s Region (us-east-1): CloudWatch Logs uses keys of its own Region only, got "eu-west-1"');
  });
});

describe('retention, concurrency, tracing, role path', () => {
  const applied = (settings: HandlerSettingsProps) => {
    const stack = stackOf();
    addConstructs(stack);
    HandlerSettings.of(stack).apply(settings);
    return stack;
  };

  test('logRetention: the given days; INFINITE: none', () => {
    expect(logGroups(applied({ logRetention: logs.RetentionDays.ONE_YEAR })).map((g) => g.Properties.RetentionInDays)).toEqual([365, 365, 365]);
    const forever = logGroups(applied({ logRetention: logs.RetentionDays.INFINITE }));
    expect(forever.map((g) => g.Properties?.RetentionInDays)).toEqual([undefined, undefined, undefined]);
  });

  test('logRetention and tracing must be values of their enums', () => {
    expect(() => applied({ logRetention: 42 as logs.RetentionDays })).toThrow('Cc/HandlerSettings: logRetention: must be a logs.RetentionDays value, got 42');
    expect(() => applied({ tracing: 'On' as lambda.Tracing })).toThrow('Cc/HandlerSettings: tracing: must be a lambda.Tracing value, got "On"');
  });

  test('reservedConcurrentExecutions: an integer of at least 1, or a token', () => {
    expect(functions(applied({ reservedConcurrentExecutions: 1 })).map((f) => f.Properties.ReservedConcurrentExecutions)).toEqual([1, 1, 1]);
    const stack = stackOf();
    HandlerSettings.of(stack).apply({ reservedConcurrentExecutions: new CfnParameter(stack, 'C', { type: 'Number' }).valueAsNumber });
    addConstructs(stack);
    expect(functions(stack).map((f) => f.Properties.ReservedConcurrentExecutions)).toEqual([{ Ref: 'C' }, { Ref: 'C' }, { Ref: 'C' }]);
    for (const bad of [0, 1.5, -1]) {
      expect(() => applied({ reservedConcurrentExecutions: bad })).toThrow(`Cc/HandlerSettings: reservedConcurrentExecutions: must be an integer of at least 1 (0 would throttle every event until CloudFormation gives up), got ${bad}`);
    }
  });

  test('tracing: ACTIVE traces and lets the role send segments; DISABLED adds nothing', () => {
    const on = applied({ tracing: lambda.Tracing.ACTIVE });
    for (const fn of functions(on)) expect(fn.Properties.TracingConfig).toEqual({ Mode: 'Active' });
    for (const statements of statementsOfEvery(on)) {
      expect(statements.at(-1)).toEqual({ Effect: 'Allow', Action: ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'], Resource: ['*'] });
    }
    const off = applied({ tracing: lambda.Tracing.DISABLED });
    for (const fn of functions(off)) expect(fn.Properties.TracingConfig).toBeUndefined();
    expect(JSON.stringify(statementsOfEvery(off))).not.toContain('xray');
  });

  test('rolePath reaches every handler role; a path that does not start and end with "/" is rejected', () => {
    const stack = applied({ rolePath: '/contact-center/' });
    for (const id of roleIds(stack)) expect(template(stack).toJSON().Resources[id].Properties.Path).toBe('/contact-center/');
    for (const bad of ['contact-center', '/a b/', `/${'a'.repeat(511)}/`]) {
      expect(() => applied({ rolePath: bad })).toThrow(/Cc\/HandlerSettings: rolePath: must be 1 to 512 printable ASCII characters that start and end with "\/"/);
    }
  });

  test('PermissionsBoundary.of(stack) and a stack\'s permissionsBoundary reach every handler role', () => {
    const boundary = (roles: Record<string, any>) => Object.values(roles).map((r) => r.Properties.PermissionsBoundary);
    const stack = stackOf();
    addConstructs(stack);
    iam.PermissionsBoundary.of(stack).apply(iam.ManagedPolicy.fromManagedPolicyName(stack, 'Boundary', 'contact-center-boundary'));
    expect(boundary(template(stack).findResources('AWS::IAM::Role'))).toEqual(Array(3).fill(arn(`:iam::${ACCOUNT}:policy/contact-center-boundary`)));

    const bounded = new Stack(new App(), 'Bounded', { env: { account: ACCOUNT, region: 'us-east-1' }, permissionsBoundary: PermissionsBoundary.fromName('cc-boundary') });
    addConstructs(bounded);
    expect(boundary(Template.fromStack(bounded).findResources('AWS::IAM::Role'))).toEqual(Array(3).fill(arn(`:iam::${ACCOUNT}:policy/cc-boundary`)));
  });
});

describe('monitoring', () => {
  test('functions and handlerFunctions: every handler of the stack, with its kind, role and log group', () => {
    const stack = stackOf();
    addConstructs(stack);
    const settings = HandlerSettings.of(stack);
    expect(settings.functions).toHaveLength(3);
    expect(settings.handlerFunctions.map((h) => h.kind)).toEqual(['traffic-distribution', 'profile-object-type', 'voice-connector-proxy']);
    const td = stack.node.findChild('CcrTrafficDistribution') as HandlerProvider;
    expect(settings.handlerFunctions[0]).toEqual({ kind: 'traffic-distribution', lambdaFunction: td.function, role: td.role, logGroup: td.node.findChild('Logs') });
  });

  test('alarms: one per handler (kinds made later included) on errors plus throttles, with the given actions', () => {
    const stack = stackOf();
    const topic = new sns.Topic(stack, 'OnCall');
    new TrafficDistribution(stack, 'Td', { trafficDistributionGroup: '11111111-2222-3333-4444-555555555555', telephonyConfig: { distributions: [{ region: 'us-east-1', percentage: 100 }] } });
    const action = { bind: () => ({ alarmActionArn: topic.topicArn }) };
    HandlerSettings.of(stack).apply({ alarms: { actions: [action], threshold: 2, period: Duration.minutes(1) } });
    new VoiceConnectorProxy(stack, 'Vcp', { voiceConnectorId: 'vc1', defaultSessionExpiry: Duration.hours(1), phoneNumberPoolCountries: ['US'] });
    expect(HandlerSettings.of(stack).alarms).toHaveLength(2);
    const alarms = Object.values<any>(template(stack).findResources('AWS::CloudWatch::Alarm'));
    expect(alarms).toHaveLength(2);
    for (const alarm of alarms) {
      expect(alarm.Properties).toMatchObject({
        AlarmActions: [{ Ref: stack.getLogicalId(topic.node.defaultChild as sns.CfnTopic) }],
        Threshold: 2,
        EvaluationPeriods: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'notBreaching',
      });
      expect(alarm.Properties.Metrics.map((m: any) => m.MetricStat?.Metric.MetricName ?? m.Expression)).toEqual(['FILL(errors, 0) + FILL(throttles, 0)', 'Errors', 'Throttles']);
      expect(alarm.Properties.Metrics[1].MetricStat).toMatchObject({ Period: 60, Stat: 'Sum' });
    }
  });

  test.each<[string, HandlerSettingsProps['alarms'], string]>([
    ['threshold 0', { threshold: 0 }, 'alarms.threshold: must be an integer of at least 1, got 0'],
    ['a period of 90 seconds', { period: Duration.seconds(90) }, 'alarms.period: must be a whole number of minutes, at least 1, got "1 minute 30 seconds"'],
  ])('alarms rejected: %s', (_name, alarms, message) => {
    expect(() => HandlerSettings.of(stackOf()).apply({ alarms })).toThrow(`Cc/HandlerSettings: ${message}`);
  });

  test('the alarms fit cdk-monitoring-constructs\' expectations: one alarm per function, plain IAlarm', () => {
    const stack = stackOf();
    addConstructs(stack);
    HandlerSettings.of(stack).apply({ alarms: {} });
    for (const alarm of HandlerSettings.of(stack).alarms) expect(alarm).toBeInstanceOf(cloudwatch.Alarm);
  });
});

test('a policy that outgrows IAM\'s 6,144 characters fails synthesis with the reason', () => {
  const stack = stackOf();
  const provider = HandlerProvider.of(stack, TRAFFIC_DISTRIBUTION);
  provider.grant({
    actions: [...Array(400).keys()].map((i) => `connect:SomeVeryLongActionNameNumber${i}`),
    resourceArn: `arn:aws:connect:us-east-1:${ACCOUNT}:traffic-distribution-group/1`,
    typeWideArn: `arn:aws:connect:us-east-1:${ACCOUNT}:traffic-distribution-group/*`,
  });
  expect(() => template(stack)).toThrow(/Cc\/CcrTrafficDistribution\/Policy: the handler policy needs \d+ characters, more than IAM's 6144 for a managed policy/);
});

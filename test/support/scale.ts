/**
 * 450 instances of each construct kind, each with its own resource (so that the shared role's policy
 * grows as much as it can): used by the scale test and by CI, which runs cfn-lint on the templates.
 */
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import {
  FieldContentType, OutboundVoiceContact, ProfileObjectType, ProxyCapability, ProxySessionSettings, StandardIdentifier,
  TrafficDistribution, VoiceConnectorProxy,
} from '../../src';

export const SCALE_INSTANCES = 450;

const uuid = (i: number) => `${String(i).padStart(8, '0')}-2222-3333-4444-555555555555`;
const vc = (i: number) => `vc${String(i).padStart(20, '0')}`;

export const KINDS: Record<string, (scope: Construct, i: number) => void> = {
  TrafficDistribution: (scope, i) => new TrafficDistribution(scope, `I${i}`, {
    trafficDistributionGroup: `arn:aws:connect:us-east-1:123456789012:traffic-distribution-group/${uuid(i)}`,
    telephonyConfig: { distributions: [{ region: 'us-east-1', percentage: 90 }, { region: 'us-west-2', percentage: 10 }] },
  }),
  ProfileObjectType: (scope, i) => new ProfileObjectType(scope, `I${i}`, {
    domainName: `domain-${i % 7}`,
    objectTypeName: `Order${i}`,
    description: 'Orders',
    fields: { orderId: { source: '_source.id', target: '_order.OrderId', contentType: FieldContentType.STRING } },
    keys: { orderId: [{ standardIdentifiers: [StandardIdentifier.UNIQUE], fieldNames: ['orderId'] }] },
  }),
  ProxySessionSettings: (scope, i) => new ProxySessionSettings(scope, `I${i}`, {
    voiceConnectorId: vc(i), proxySessionId: `session-${i}`, capabilities: [ProxyCapability.VOICE], expiry: Duration.minutes(30),
  }),
  VoiceConnectorProxy: (scope, i) => new VoiceConnectorProxy(scope, `I${i}`, {
    voiceConnectorId: vc(i), defaultSessionExpiry: Duration.minutes(60), phoneNumberPoolCountries: ['US'],
  }),
  OutboundVoiceContact: (scope, i) => new OutboundVoiceContact(scope, `I${i}`, {
    instanceId: uuid(i), contactFlowId: uuid(i + 1), destinationPhoneNumber: '+12065550100', queueId: uuid(i + 2),
  }),
};

/** One stack per kind, each with `SCALE_INSTANCES` instances. */
export function scaleApp(outdir?: string): App {
  const app = new App({ outdir });
  for (const [name, add] of Object.entries(KINDS)) {
    const stack = new Stack(app, name, { env: { account: '123456789012', region: 'us-east-1' } });
    for (let i = 0; i < SCALE_INSTANCES; i++) add(stack, i);
  }
  return app;
}

// `ts-node test/support/scale.ts <outdir>` writes the templates for cfn-lint.
if (require.main === module) scaleApp(process.argv[2]).synth();

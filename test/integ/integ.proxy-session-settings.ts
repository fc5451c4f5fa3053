/**
 * A voice connector's proxy configuration, and the settings of one proxy session on it. Snapshot
 * verified offline by integ-runner; deploying it needs a voice connector with phone numbers and an
 * open proxy session (CloudFormation cannot create sessions): pass their IDs as parameters.
 */
import { IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, CfnOutput, CfnParameter, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { ProxyCapability, ProxySessionSettings, VoiceConnectorProxy } from '../../src';

const app = new App();
const stack = new Stack(app, 'ProxySessionSettingsInteg', { env: { region: 'us-east-1' } });
const voiceConnectorId = new CfnParameter(stack, 'VoiceConnectorId', { description: 'ID of a Chime SDK Voice voice connector with phone numbers' });
const proxySessionId = new CfnParameter(stack, 'ProxySessionId', { description: 'ID of an open proxy session on that voice connector' });

const proxy = new VoiceConnectorProxy(stack, 'Proxy', {
  voiceConnectorId: voiceConnectorId.valueAsString,
  defaultSessionExpiry: Duration.hours(1),
  phoneNumberPoolCountries: ['US'],
});

const settings = new ProxySessionSettings(stack, 'MaskedCalls', {
  voiceConnectorId: voiceConnectorId.valueAsString,
  proxySessionId: proxySessionId.valueAsString,
  capabilities: [ProxyCapability.VOICE, ProxyCapability.SMS],
  expiry: Duration.minutes(90),
  removalPolicy: RemovalPolicy.DESTROY,
});
// The session lives on the proxy configuration: change the session only once the proxy is in place.
settings.node.addDependency(proxy);

new CfnOutput(stack, 'SessionStatus', { value: settings.status });
new CfnOutput(stack, 'SessionExpiryMinutes', { value: String(settings.expiryMinutes) });

new IntegTest(app, 'ProxySessionSettingsTest', { testCases: [stack] });

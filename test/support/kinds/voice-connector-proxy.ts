/** VoiceConnectorProxy in the test registry. */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cr from 'aws-cdk-lib/custom-resources';
import { chime, OTHER_VOICE_CONNECTOR_ID, vcArn, vcId, VOICE_CONNECTOR_ID } from './chime-voice';
import { literalArn, PII, plain, retainingAwsCustomResource } from './common';
import { Identity, KindEntry, Version } from './types';
import { VoiceConnectorProxy } from '../../../src';
import { VOICE_CONNECTOR_PROXY } from '../../../src/private/rules/voice-connector-proxy';

const VC = { A: VOICE_CONNECTOR_ID, B: OTHER_VOICE_CONNECTOR_ID };
const proxyConfig = (v: Version) => ({
  defaultSessionExpiryMinutes: v === 1 ? 60 : 90, countries: v === 1 ? ['US', 'CA'] : ['US'], disabled: false,
});

export const voiceConnectorProxy: KindEntry = {
  name: 'VoiceConnectorProxy',
  kind: VOICE_CONNECTOR_PROXY,
  iamPrefix: 'chime',
  fake: { service: 'chime-sdk-voice', fakes: chime.fakes },
  sdkPackage: '@aws-sdk/client-chime-sdk-voice',

  contract: {
    mutation: 'PutVoiceConnectorProxy',
    deletion: 'DeleteVoiceConnectorProxy',
    createCreate: 'idempotent',
    updateWithoutCreate: 'puts-it-back',
    updatesInPlace: true,
    reset() {
      chime.reset();
      chime.voiceConnectors.add(VC.A);
      chime.voiceConnectors.add(VC.B);
    },
    props: (i, v = 1, policy = 'retain') => ({
      VoiceConnectorId: VC[i],
      DefaultSessionExpiryMinutes: proxyConfig(v).defaultSessionExpiryMinutes,
      PhoneNumberPoolCountries: proxyConfig(v).countries,
      Disabled: false,
      RemovalPolicy: policy,
    }),
    state() {
      const of = (i: Identity) => plain(chime.proxies.get(VC[i]));
      return { A: of('A'), B: of('B') };
    },
    applied: (i, v) => ({ [i]: proxyConfig(v) }),
    destroyed: (i) => ({ [i]: undefined }),
    physicalId: (i) => VC[i],
    attributes(i) {
      const c = chime.proxies.get(VC[i])!;
      return { DefaultSessionExpiryMinutes: c.defaultSessionExpiryMinutes, PhoneNumberCountries: c.countries.join(','), Disabled: c.disabled };
    },
    vanish: (i) => void chime.proxies.delete(VC[i]),
    invalid: { overrides: { PhoneNumberPoolCountries: ['us'] }, reason: 'Invalid properties: phoneNumberPoolCountries[0]: must be an ISO 3166-1 alpha-2 country code in upper case, such as US, got "us"' },
    bloat: {
      operation: 'PutVoiceConnectorProxy',
      // A proxy that reports every country there is, many times over: the joined list passes 4 KB.
      edit: (out) => ({ Proxy: { ...out.Proxy, PhoneNumberCountries: Array.from({ length: 1500 }, () => 'US') } }),
    },
  },

  lifecycle: {
    reset() {
      chime.reset();
      for (const t of [0, 1, 2]) chime.voiceConnectors.add(vcId(100 + t));
    },
    add: (scope, id, target, removalPolicy) => new VoiceConnectorProxy(scope, id, {
      voiceConnectorId: vcId(100 + target), defaultSessionExpiry: Duration.minutes(60), phoneNumberPoolCountries: ['US'], removalPolicy,
    }),
    state: (target) => (chime.proxies.has(vcId(100 + target)) ? 'proxy configured' : 'no proxy'),
    applied: 'proxy configured',
    destroyed: 'no proxy',
  },

  instance: (scope, id, i, variant) => new VoiceConnectorProxy(scope, id, {
    voiceConnectorId: vcId(i),
    defaultSessionExpiry: Duration.minutes(60 + 60 * variant),
    phoneNumberPoolCountries: ['US'],
  }),
  prepare: (i) => chime.voiceConnectors.add(vcId(i)),
  awsCustomResource(scope, id, i, variant) {
    const put: cr.AwsSdkCall = {
      service: 'ChimeSDKVoice',
      action: 'PutVoiceConnectorProxy',
      parameters: { VoiceConnectorId: vcId(i), DefaultSessionExpiryMinutes: 60 + 60 * variant, PhoneNumberPoolCountries: ['US'], Disabled: false },
      physicalResourceId: cr.PhysicalResourceId.of(vcId(i)),
    };
    new cr.AwsCustomResource(scope, id, {
      onCreate: put,
      onUpdate: put,
      onDelete: { service: 'ChimeSDKVoice', action: 'DeleteVoiceConnectorProxy', parameters: { VoiceConnectorId: vcId(i) } },
      policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: [vcArn(i)] }),
      installLatestAwsSdk: false,
    });
  },

  completeSetup: 'voice connector, expiry and one country, DESTROY (the default)',
  simplest: {
    setup: 'voice connector, expiry and one country, RETAIN',
    instance: (scope, id, i) => new VoiceConnectorProxy(scope, id, {
      voiceConnectorId: vcId(i), defaultSessionExpiry: Duration.minutes(60), phoneNumberPoolCountries: ['US'], removalPolicy: RemovalPolicy.RETAIN,
    }),
    awsCustomResource: (scope, id, i) => retainingAwsCustomResource(scope, id, {
      service: 'ChimeSDKVoice',
      action: 'PutVoiceConnectorProxy',
      parameters: { VoiceConnectorId: vcId(i), DefaultSessionExpiryMinutes: 60, PhoneNumberPoolCountries: ['US'] },
      physicalResourceId: cr.PhysicalResourceId.of(vcId(i)),
    }, [literalArn('chime', `vc/${vcId(i)}`)]),
  },

  everyConstruct(stack, param) {
    new VoiceConnectorProxy(stack, 'Proxy', {
      voiceConnectorId: VOICE_CONNECTOR_ID, defaultSessionExpiry: Duration.hours(1), phoneNumberPoolCountries: ['US'], fallBackPhoneNumber: PII.fallBack,
    });
    new VoiceConnectorProxy(stack, 'ProxyByToken', {
      voiceConnectorId: param('VoiceConnectorId'),
      defaultSessionExpiry: Duration.minutes(30),
      phoneNumberPoolCountries: ['US', 'CA'],
      removalPolicy: RemovalPolicy.RETAIN,
    });
  },
};

/** ProxySessionSettings in the test registry. */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cr from 'aws-cdk-lib/custom-resources';
import { chime, OTHER_VOICE_CONNECTOR_ID, vcArn, vcId, VOICE_CONNECTOR_ID } from './chime-voice';
import { literalArn, plain, retainingAwsCustomResource } from './common';
import { Identity, KindEntry, Version } from './types';
import { ProxyCapability, ProxySessionSettings } from '../../../src';
import { PROXY_SESSION_SETTINGS } from '../../../src/private/rules/proxy-session-settings';

const VC = { A: VOICE_CONNECTOR_ID, B: OTHER_VOICE_CONNECTOR_ID };
const SESSION = '123a4bc5-67d8-901e-2f3g-h4ghjk56789l';
/** What each session holds before the stack touches it: what DESTROY must restore. */
const ORIGINAL = { capabilities: ['Voice'], expiryMinutes: 30 };
const sessionSettings = (v: Version) => ({ capabilities: v === 1 ? ['Voice', 'SMS'] : ['SMS'], expiryMinutes: v === 1 ? 60 : 120 });
const originalsBlob = Buffer.from(JSON.stringify({ c: ORIGINAL.capabilities, e: ORIGINAL.expiryMinutes })).toString('base64url');
const BENCH_SESSION = 'session0001';
const capabilities = (variant: 0 | 1) => (variant === 0 ? ['Voice', 'SMS'] : ['Voice']);

export const proxySessionSettings: KindEntry = {
  name: 'ProxySessionSettings',
  kind: PROXY_SESSION_SETTINGS,
  iamPrefix: 'chime',
  fake: { service: 'chime-sdk-voice', fakes: chime.fakes },
  sdkPackage: '@aws-sdk/client-chime-sdk-voice',

  contract: {
    mutation: 'UpdateProxySession',
    deletion: 'UpdateProxySession',
    // A second Create re-reads the session: it keeps the settings the first one applied as the originals (see lifecycle-contract.md).
    createCreate: 'adopts-again',
    updateWithoutCreate: 'fails',
    updatesInPlace: true,
    reset() {
      chime.reset();
      for (const i of ['A', 'B'] as const) chime.addSession(VC[i], SESSION, plain(ORIGINAL));
    },
    props: (i, v = 1, policy = 'retain') => ({
      VoiceConnectorId: VC[i],
      ProxySessionId: SESSION,
      Capabilities: sessionSettings(v).capabilities,
      ExpiryMinutes: sessionSettings(v).expiryMinutes,
      RemovalPolicy: policy,
    }),
    state() {
      const of = (i: Identity) => {
        const s = chime.sessions.get(`${VC[i]}/${SESSION}`);
        return s && plain({ capabilities: s.capabilities, expiryMinutes: s.expiryMinutes });
      };
      return { A: of('A'), B: of('B') };
    },
    applied: (i, v) => ({ [i]: sessionSettings(v) }),
    destroyed: (i) => ({ [i]: ORIGINAL }),
    physicalId: (i) => `${VC[i]}/${SESSION}/${originalsBlob}`,
    attributes(i) {
      const s = chime.sessions.get(`${VC[i]}/${SESSION}`)!;
      return {
        Status: s.status,
        ExpiryMinutes: s.expiryMinutes,
        Capabilities: s.capabilities.join(','),
        ProxyPhoneNumbers: s.participants.map((p) => p.ProxyPhoneNumber).join(','),
        CreatedTimestamp: s.created.toISOString(),
        UpdatedTimestamp: s.updated.toISOString(),
        EndedTimestamp: '',
      };
    },
    vanish: (i) => void chime.sessions.delete(`${VC[i]}/${SESSION}`),
    invalid: { overrides: { Capabilities: ['Video'] }, reason: 'Invalid properties: capabilities[0]: must be one of Voice, SMS, got "Video"' },
    bloat: {
      operation: 'UpdateProxySession',
      // A session with hundreds of participants: their proxy numbers alone pass 4 KB.
      edit: (out) => ({
        ProxySession: {
          ...out.ProxySession,
          Participants: Array.from({ length: 400 }, (_, n) => ({ PhoneNumber: '+12065550100', ProxyPhoneNumber: `+1206555${String(n).padStart(4, '0')}` })),
        },
      }),
    },
  },

  lifecycle: {
    reset() {
      chime.reset();
      for (const t of [0, 1, 2]) chime.addSession(vcId(100 + t), SESSION, plain(ORIGINAL));
    },
    add: (scope, id, target, removalPolicy) => new ProxySessionSettings(scope, id, {
      voiceConnectorId: vcId(100 + target),
      proxySessionId: SESSION,
      capabilities: [ProxyCapability.VOICE, ProxyCapability.SMS],
      expiry: Duration.minutes(60),
      removalPolicy,
    }),
    state(target) {
      const s = chime.sessions.get(`${vcId(100 + target)}/${SESSION}`)!;
      return `${s.capabilities.join('+')} for ${s.expiryMinutes} minutes`;
    },
    applied: 'Voice+SMS for 60 minutes',
    destroyed: 'Voice for 30 minutes',
  },

  instance: (scope, id, i, variant) => new ProxySessionSettings(scope, id, {
    voiceConnectorId: vcId(i),
    proxySessionId: BENCH_SESSION,
    capabilities: capabilities(variant) as ProxyCapability[],
    expiry: Duration.minutes(60),
    removalPolicy: RemovalPolicy.DESTROY,
  }),
  prepare: (i) => chime.addSession(vcId(i), BENCH_SESSION),
  awsCustomResource(scope, id, i, variant) {
    const update = (caps: string[], expiryMinutes: number): cr.AwsSdkCall => ({
      service: 'ChimeSDKVoice',
      action: 'UpdateProxySession',
      parameters: { VoiceConnectorId: vcId(i), ProxySessionId: BENCH_SESSION, Capabilities: caps, ExpiryMinutes: expiryMinutes },
      physicalResourceId: cr.PhysicalResourceId.of(`${vcId(i)}/${BENCH_SESSION}`),
    });
    new cr.AwsCustomResource(scope, id, {
      onCreate: update(capabilities(variant), 60),
      onUpdate: update(capabilities(variant), 60),
      // What DESTROY does: fixed original settings, since AwsCustomResource cannot read them first.
      onDelete: update(['Voice'], 30),
      policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: [vcArn(i)] }),
      installLatestAwsSdk: false,
    });
  },

  completeSetup: 'two capabilities and an expiry, DESTROY (theirs puts fixed original settings back on delete)',
  simplest: {
    setup: 'voice connector, session and one capability, RETAIN',
    instance: (scope, id, i) => new ProxySessionSettings(scope, id, {
      voiceConnectorId: vcId(i), proxySessionId: BENCH_SESSION, capabilities: [ProxyCapability.VOICE],
    }),
    awsCustomResource: (scope, id, i) => retainingAwsCustomResource(scope, id, {
      service: 'ChimeSDKVoice',
      action: 'UpdateProxySession',
      parameters: { VoiceConnectorId: vcId(i), ProxySessionId: BENCH_SESSION, Capabilities: ['Voice'] },
      physicalResourceId: cr.PhysicalResourceId.of(`${vcId(i)}/${BENCH_SESSION}`),
    }, [literalArn('chime', `vc/${vcId(i)}`)]),
  },

  everyConstruct(stack, param) {
    new ProxySessionSettings(stack, 'Session', {
      voiceConnectorId: OTHER_VOICE_CONNECTOR_ID, proxySessionId: 'session-1', capabilities: [ProxyCapability.VOICE], expiry: Duration.hours(2),
    });
    new ProxySessionSettings(stack, 'SessionByToken', {
      voiceConnectorId: param('SessionVoiceConnectorId'),
      proxySessionId: param('ProxySessionId'),
      capabilities: [ProxyCapability.VOICE, ProxyCapability.SMS],
      removalPolicy: RemovalPolicy.DESTROY,
    });
  },
};

/**
 * One row per handler kind for the lifecycle contract suite (lifecycle.test.ts). A row says how to build
 * the kind's properties, what part of its fake's state the resource owns, and what each lifecycle step
 * must leave there. The suite runs every case over every row; the differences between kinds live here.
 *
 * Each row has two identities, A and B (a change between them is a replacement), and two versions of
 * its settings, 1 and 2 (a change between them is an in-place update, except for OutboundVoiceContact,
 * where every change of the call is a new call).
 */
import { OUTBOUND_VOICE_CONTACT } from '../../src/private/rules/outbound-voice-contact';
import { PROFILE_OBJECT_TYPE } from '../../src/private/rules/profile-object-type';
import { PROXY_SESSION_SETTINGS } from '../../src/private/rules/proxy-session-settings';
import { Schema } from '../../src/private/rules/schema';
import { TRAFFIC_DISTRIBUTION } from '../../src/private/rules/traffic-distribution';
import { VOICE_CONNECTOR_PROXY } from '../../src/private/rules/voice-connector-proxy';
import { OperationFake } from '../support/aws-endpoint';
import { ChimeVoice } from '../support/fakes/chime-voice';
import { OutboundContacts } from '../support/fakes/outbound-contacts';
import { ProfileObjectTypes } from '../support/fakes/profile-object-types';
import { TrafficDistributionGroups } from '../support/fakes/traffic-distribution-groups';

export type Identity = 'A' | 'B';
export type Version = 1 | 2;
export type Policy = 'retain' | 'destroy';
export type Props = Record<string, any>;
export type State = Record<string, unknown>;

export interface KindUnderTest {
  readonly name: string;
  readonly resourceType: string;
  /** The kind's property schema: the suite derives the malformed inputs from it. */
  readonly schema: Schema;
  /** The handler module, required only after the local endpoint is configured (its client is built on load). */
  readonly module: string;
  /** The one mutating operation of a Create or an Update. */
  readonly mutation: string;
  /** The one mutating operation of a DESTROY delete. */
  readonly deletion: string;
  /** What a second Create of the same identity does (create_create). */
  readonly createCreate: 'idempotent' | 'refuses' | 'same-call' | 'adopts-again';
  /** What an Update does when the resource was removed behind the stack's back (update_without_create). */
  readonly updateWithoutCreate: 'fails' | 'puts-it-back' | 'not-applicable';
  /** Whether a change of version keeps the physical ID (false: every change is a new physical resource). */
  readonly updatesInPlace: boolean;
  /** An override that breaks a deploy-time rule, with the reason it must give. */
  readonly invalid: { readonly overrides: Props; readonly reason: string };
  /** An operation whose answer feeds the attributes, and how to make that answer too big for CloudFormation. */
  readonly bloat?: { readonly operation: string; edit(output: any): any };
  /** Resets the fake to the world before any deployment: what the resources attach to exists. */
  reset(): void;
  props(identity: Identity, version?: Version, policy?: Policy): Props;
  /** The state the resources of this kind own in the fake, keyed by identity (OutboundVoiceContact: by call). */
  state(): State;
  /** The keys of `state()` that Create or Update with (identity, version) sets, with their values. */
  applied(identity: Identity, version: Version): State;
  /** The keys of `state()` after Create, DESTROY delete and Create again of (identity, 1); default: `applied`. */
  recreated?(identity: Identity): State;
  /** The keys of `state()` that a DESTROY delete of (identity, version) sets. */
  destroyed(identity: Identity, version: Version): State;
  /** The physical ID that (identity, version) must be answered with. */
  physicalId(identity: Identity, version: Version): string;
  /** The attributes (Data) CloudFormation must get for (identity, version), read from the fake; undefined: none. */
  attributes(identity: Identity, version: Version): Record<string, unknown> | undefined;
  /** Removes identity's resource behind the stack's back (or what it is attached to). */
  vanish(identity: Identity): void;
}

/** Every fake of every kind, behind one endpoint: the suite's world. */
export const world = {
  groups: new TrafficDistributionGroups(),
  profiles: new ProfileObjectTypes(),
  chime: new ChimeVoice(),
  contacts: new OutboundContacts(),
};

export function fakesOf(service: 'connect' | 'customer-profiles' | 'chime-sdk-voice'): Record<string, OperationFake> {
  switch (service) {
    case 'connect': return { ...world.groups.fakes, ...world.contacts.fakes };
    case 'customer-profiles': return world.profiles.fakes;
    case 'chime-sdk-voice': return world.chime.fakes;
  }
}

const ACCOUNT = '123456789012';
const plain = <T>(value: T): T => (value === undefined ? value : JSON.parse(JSON.stringify(value)));

// ---------------------------------------------------------------- TrafficDistribution
const GROUPS = { A: '11111111-2222-3333-4444-555555555555', B: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee' };
const groupArn = (i: Identity) => `arn:aws:connect:us-east-1:${ACCOUNT}:traffic-distribution-group/${GROUPS[i]}`;
const split = (home: number) => [{ Region: 'us-east-1', Percentage: home }, { Region: 'us-west-2', Percentage: 100 - home }];

const trafficDistribution: KindUnderTest = {
  name: 'TrafficDistribution',
  resourceType: TRAFFIC_DISTRIBUTION.resourceType,
  schema: TRAFFIC_DISTRIBUTION.schema,
  module: '../../lambda/traffic-distribution',
  mutation: 'UpdateTrafficDistribution',
  deletion: 'UpdateTrafficDistribution',
  createCreate: 'idempotent',
  updateWithoutCreate: 'fails',
  updatesInPlace: true,
  reset() {
    world.groups.groups.clear();
    world.groups.settleAfterDescribes = 0;
    world.groups.add(GROUPS.A);
    world.groups.add(GROUPS.B);
  },
  props: (i, v = 1, policy = 'retain') => ({
    TrafficDistributionGroup: groupArn(i),
    TelephonyConfig: { Distributions: split(v === 1 ? 90 : 50) },
    AgentConfig: { Distributions: split(100) },
    RemovalPolicy: policy,
  }),
  state() {
    const of = (id: string) => {
      const g = world.groups.groups.get(id);
      return g && plain({ telephony: g.telephony, agent: g.agent, signIn: g.signIn });
    };
    return { A: of(GROUPS.A), B: of(GROUPS.B) };
  },
  applied: (i, v) => ({ [i]: { telephony: split(v === 1 ? 90 : 50), agent: split(100) } }),
  // DESTROY puts telephony and agents back in the home Region.
  destroyed: (i) => ({ [i]: { telephony: split(100), agent: split(100) } }),
  physicalId: (i) => groupArn(i),
  attributes: () => undefined,
  vanish: (i) => void world.groups.groups.delete(GROUPS[i]),
  invalid: {
    overrides: { TelephonyConfig: { Distributions: [{ Region: 'us-east-1', Percentage: 50 }, { Region: 'us-west-2', Percentage: 40 }] } },
    reason: 'Invalid properties: telephonyConfig.distributions: percentages must add up to 100, got 90',
  },
};

// ---------------------------------------------------------------- ProfileObjectType
const DOMAIN = 'contact-center-prod';
const TYPE_NAMES = { A: 'ShopifyOrder', B: 'ShopifyRefund' };
const typeArn = (i: Identity) => `arn:aws:profile:us-east-1:${ACCOUNT}:domains/${DOMAIN}/object-types/${TYPE_NAMES[i]}`;
const orderId = { Source: '_source.id', Target: '_order.OrderId', ContentType: 'STRING' };
const email = { Source: '_source.email', Target: '_profile.EmailAddress', ContentType: 'EMAIL_ADDRESS' };
const definition = (v: Version) => ({
  Description: v === 1 ? 'Orders from the web shop' : 'Orders from the web shop and the app',
  ExpirationDays: v === 1 ? 365 : 730,
  AllowProfileCreation: true,
  Fields: { orderId, email },
  Keys: {
    orderId: [{ StandardIdentifiers: ['UNIQUE', 'ORDER'], FieldNames: ['orderId'] }],
    email: [{ StandardIdentifiers: ['PROFILE'], FieldNames: ['email'] }],
  },
});
// The same tags in both versions: a tag change is a second mutating call (TagResource), by design of the API.
const typeTags = (_v: Version) => ({ team: 'cx' });

const profileObjectType: KindUnderTest = {
  name: 'ProfileObjectType',
  resourceType: PROFILE_OBJECT_TYPE.resourceType,
  schema: PROFILE_OBJECT_TYPE.schema,
  module: '../../lambda/profile-object-type',
  mutation: 'PutProfileObjectType',
  deletion: 'DeleteProfileObjectType',
  createCreate: 'refuses',
  updateWithoutCreate: 'puts-it-back',
  updatesInPlace: true,
  reset() {
    world.profiles.domains.clear();
    world.profiles.addDomain(DOMAIN);
  },
  props: (i, v = 1, policy = 'retain') => ({ DomainName: DOMAIN, ObjectTypeName: TYPE_NAMES[i], ...definition(v), Tags: typeTags(v), RemovalPolicy: policy }),
  state() {
    const of = (i: Identity) => {
      const t = world.profiles.get(DOMAIN, TYPE_NAMES[i]);
      return t && plain({ definition: t.definition, tags: t.tags });
    };
    return { A: of('A'), B: of('B') };
  },
  applied: (i, v) => ({ [i]: { definition: definition(v), tags: typeTags(v) } }),
  destroyed: (i) => ({ [i]: undefined }),
  physicalId: (i) => typeArn(i),
  attributes(i) {
    const t = world.profiles.get(DOMAIN, TYPE_NAMES[i])!;
    return { ObjectTypeArn: typeArn(i), CreatedAt: t.createdAt.toISOString(), LastUpdatedAt: t.lastUpdatedAt.toISOString() };
  },
  vanish: (i) => void world.profiles.domains.get(DOMAIN)!.delete(TYPE_NAMES[i]),
  invalid: {
    overrides: { ExpirationDays: 5000 },
    reason: 'Invalid properties: expirationDays: must be an integer from 1 to 1098, got 5000',
  },
};

// ---------------------------------------------------------------- ProxySessionSettings and VoiceConnectorProxy
const VC = { A: 'abcdef1ghij2klmno3pqr4', B: 'zyxwvu9tsrq8ponml7kji6' };
const SESSION = '123a4bc5-67d8-901e-2f3g-h4ghjk56789l';
/** What each session holds before the stack touches it: what DESTROY must restore. */
const ORIGINAL = { capabilities: ['Voice'], expiryMinutes: 30 };
const sessionSettings = (v: Version) => ({ capabilities: v === 1 ? ['Voice', 'SMS'] : ['SMS'], expiryMinutes: v === 1 ? 60 : 120 });
const originalsBlob = Buffer.from(JSON.stringify({ c: ORIGINAL.capabilities, e: ORIGINAL.expiryMinutes })).toString('base64url');

const proxySessionSettings: KindUnderTest = {
  name: 'ProxySessionSettings',
  resourceType: PROXY_SESSION_SETTINGS.resourceType,
  schema: PROXY_SESSION_SETTINGS.schema,
  module: '../../lambda/proxy-session-settings',
  mutation: 'UpdateProxySession',
  deletion: 'UpdateProxySession',
  // A second Create re-reads the session: it keeps the settings the first one applied as the originals (see lifecycle-contract.md).
  createCreate: 'adopts-again',
  updateWithoutCreate: 'fails',
  updatesInPlace: true,
  reset() {
    world.chime.reset();
    for (const i of ['A', 'B'] as const) world.chime.addSession(VC[i], SESSION, plain(ORIGINAL));
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
      const s = world.chime.sessions.get(`${VC[i]}/${SESSION}`);
      return s && plain({ capabilities: s.capabilities, expiryMinutes: s.expiryMinutes });
    };
    return { A: of('A'), B: of('B') };
  },
  applied: (i, v) => ({ [i]: sessionSettings(v) }),
  destroyed: (i) => ({ [i]: ORIGINAL }),
  physicalId: (i) => `${VC[i]}/${SESSION}/${originalsBlob}`,
  attributes(i) {
    const s = world.chime.sessions.get(`${VC[i]}/${SESSION}`)!;
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
  vanish: (i) => void world.chime.sessions.delete(`${VC[i]}/${SESSION}`),
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
};

const proxyConfig = (v: Version) => ({
  defaultSessionExpiryMinutes: v === 1 ? 60 : 90, countries: v === 1 ? ['US', 'CA'] : ['US'], disabled: false,
});

const voiceConnectorProxy: KindUnderTest = {
  name: 'VoiceConnectorProxy',
  resourceType: VOICE_CONNECTOR_PROXY.resourceType,
  schema: VOICE_CONNECTOR_PROXY.schema,
  module: '../../lambda/voice-connector-proxy',
  mutation: 'PutVoiceConnectorProxy',
  deletion: 'DeleteVoiceConnectorProxy',
  createCreate: 'idempotent',
  updateWithoutCreate: 'puts-it-back',
  updatesInPlace: true,
  reset() {
    world.chime.reset();
    world.chime.voiceConnectors.add(VC.A);
    world.chime.voiceConnectors.add(VC.B);
  },
  props: (i, v = 1, policy = 'retain') => ({
    VoiceConnectorId: VC[i],
    DefaultSessionExpiryMinutes: proxyConfig(v).defaultSessionExpiryMinutes,
    PhoneNumberPoolCountries: proxyConfig(v).countries,
    Disabled: false,
    RemovalPolicy: policy,
  }),
  state() {
    const of = (i: Identity) => plain(world.chime.proxies.get(VC[i]));
    return { A: of('A'), B: of('B') };
  },
  applied: (i, v) => ({ [i]: proxyConfig(v) }),
  destroyed: (i) => ({ [i]: undefined }),
  physicalId: (i) => VC[i],
  attributes(i) {
    const c = world.chime.proxies.get(VC[i])!;
    return { DefaultSessionExpiryMinutes: c.defaultSessionExpiryMinutes, PhoneNumberCountries: c.countries.join(','), Disabled: c.disabled };
  },
  vanish: (i) => void world.chime.proxies.delete(VC[i]),
  invalid: { overrides: { PhoneNumberPoolCountries: ['us'] }, reason: 'Invalid properties: phoneNumberPoolCountries[0]: must be an ISO 3166-1 alpha-2 country code in upper case, such as US, got "us"' },
  bloat: {
    operation: 'PutVoiceConnectorProxy',
    // A proxy that reports every country there is, many times over: the joined list passes 4 KB.
    edit: (out) => ({ Proxy: { ...out.Proxy, PhoneNumberCountries: Array.from({ length: 1500 }, () => 'US') } }),
  },
};

// ---------------------------------------------------------------- OutboundVoiceContact
const INSTANCE = '11111111-2222-3333-4444-555555555555';
const FLOW = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
/** A call is told apart by its greeting attribute: the identity and the version, e.g. "A1". */
const callOf = (i: Identity, v: Version) => `${i}${v}`;

const outboundVoiceContact: KindUnderTest = {
  name: 'OutboundVoiceContact',
  resourceType: OUTBOUND_VOICE_CONTACT.resourceType,
  schema: OUTBOUND_VOICE_CONTACT.schema,
  module: '../../lambda/outbound-voice-contact',
  mutation: 'StartOutboundVoiceContact',
  deletion: 'StopContact',
  createCreate: 'same-call',
  // A changed call is a new call (a new physical ID); an unchanged one calls nothing: nothing is updated in place.
  updateWithoutCreate: 'not-applicable',
  updatesInPlace: false,
  reset() {
    world.contacts.reset();
    world.contacts.instances.add(INSTANCE);
  },
  props: (i, v = 1, policy = 'retain') => ({
    InstanceId: INSTANCE,
    ContactFlowId: FLOW,
    DestinationPhoneNumber: i === 'A' ? '+12065550100' : '+12065550101',
    SourcePhoneNumber: '+12065550199',
    Attributes: { greeting: callOf(i, v) },
    RingTimeout: 30,
    RemovalPolicy: policy,
  }),
  state() {
    const calls: State = {};
    for (const c of world.contacts.contacts) {
      const key = c.input.Attributes.greeting;
      const s = (calls[key] ?? { placed: 0, inProgress: 0, stopped: 0 }) as Record<string, number>;
      calls[key] = { placed: s.placed + 1, inProgress: s.inProgress + (c.state === 'active' ? 1 : 0), stopped: s.stopped + (c.stoppedByApi ? 1 : 0) };
    }
    return calls;
  },
  applied: (i, v) => ({ [callOf(i, v)]: { placed: 1, inProgress: 1, stopped: 0 } }),
  destroyed: (i, v) => ({ [callOf(i, v)]: { placed: 1, inProgress: 0, stopped: 1 } }),
  // The stopped call stays in the record; the new deployment places the call once more.
  recreated: (i) => ({ [callOf(i, 1)]: { placed: 2, inProgress: 1, stopped: 1 } }),
  // The newest contact of that call.
  physicalId: (i, v) => world.contacts.contacts.filter((c) => c.input.Attributes.greeting === callOf(i, v)).pop()?.id ?? '(no call placed)',
  attributes: () => undefined,
  vanish: (i) => world.contacts.contacts.filter((c) => c.input.Attributes.greeting.startsWith(i)).forEach((c) => world.contacts.hangUp(c.id)),
  invalid: { overrides: { RingTimeout: 90 }, reason: 'Invalid properties: ringTimeout: must be a whole number of seconds from 15 to 60, got 90' },
};

export const KINDS: KindUnderTest[] = [trafficDistribution, profileObjectType, proxySessionSettings, voiceConnectorProxy, outboundVoiceContact];

/** Every operation a handler calls: the suite injects faults into all of them at once. */
export const OPERATIONS = [
  'DescribeTrafficDistributionGroup', 'UpdateTrafficDistribution', 'StartOutboundVoiceContact', 'StopContact',
  'GetProfileObjectType', 'PutProfileObjectType', 'DeleteProfileObjectType', 'TagResource', 'UntagResource',
  'GetProxySession', 'UpdateProxySession', 'PutVoiceConnectorProxy', 'DeleteVoiceConnectorProxy',
];

/** The properties the way CloudFormation really sends them: every number and boolean as a string. */
export function asCloudFormationSends(value: unknown): any {
  if (Array.isArray(value)) return value.map(asCloudFormationSends);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asCloudFormationSends(v)]));
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
}

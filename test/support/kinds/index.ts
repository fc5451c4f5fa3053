/**
 * The test registry: every construct kind of the library, once. Every cross-kind suite (the lifecycle contract,
 * faults and bad input, least privilege, cdk-nag, personal data, scale, bench) reads this list; a new kind is one
 * entry file beside this one and one line here.
 */
import { instanceReplica } from './instance-replica';
import { outboundVoiceContact } from './outbound-voice-contact';
import { profileObjectType } from './profile-object-type';
import { proxySessionSettings } from './proxy-session-settings';
import { trafficDistribution } from './traffic-distribution';
import { trafficDistributionGroupUsers } from './traffic-distribution-group-users';
import { KindEntry, Service } from './types';
import { voiceConnectorProxy } from './voice-connector-proxy';
import { OperationFake } from '../aws-endpoint';

export const KINDS: readonly KindEntry[] = [
  trafficDistribution, profileObjectType, proxySessionSettings, voiceConnectorProxy, outboundVoiceContact, instanceReplica,
  trafficDistributionGroupUsers,
];

/** The services the kinds call, each with the operations of every fake that serves it. */
export function servicesOf(kinds: readonly KindEntry[] = KINDS): Array<{ service: Service; fakes: Record<string, OperationFake> }> {
  const byService = new Map<Service, Record<string, OperationFake>>();
  for (const fake of kinds.flatMap((k) => [k.fake, ...k.moreFakes ?? []])) {
    byService.set(fake.service, { ...byService.get(fake.service), ...fake.fakes });
  }
  return [...byService].map(([service, fakes]) => ({ service, fakes }));
}

/** Every operation a handler calls (the fakes' operations): a suite can inject faults into all of them at once. */
export const OPERATIONS = [...new Set(KINDS.flatMap((k) => Object.keys(k.fake.fakes)))];

export * from './types';

/** CloudFormation resources per stack besides the instances' own: the handler's function, role, managed policy and log group, and what the kind adds. */
export const fixedResourcesOf = (entry: KindEntry): number => entry.fixedResources ?? (entry.kind.asyncRetries === undefined ? 4 : 5);

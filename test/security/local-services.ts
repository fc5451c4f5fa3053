/**
 * Every handler of the library against one local model-checking endpoint that serves Connect, Customer Profiles
 * and Chime SDK Voice with their stateful fakes. `echo` makes the next call to an operation fail with a service
 * error built from its input, the way a real service message may repeat what it was sent.
 */
import { AwsEndpoint, loadModel, OperationFake, ServiceError } from '../support/aws-endpoint';
import { CloudFormation, useLocalAws } from '../support/cloudformation';
import { ChimeVoice } from '../support/fakes/chime-voice';
import { OutboundContacts } from '../support/fakes/outbound-contacts';
import { ProfileObjectTypes } from '../support/fakes/profile-object-types';
import { TrafficDistributionGroups } from '../support/fakes/traffic-distribution-groups';

export type Kind = 'traffic-distribution' | 'profile-object-type' | 'voice-connector-proxy' | 'proxy-session-settings' | 'outbound-voice-contact';
export const KINDS: Kind[] = ['traffic-distribution', 'profile-object-type', 'voice-connector-proxy', 'proxy-session-settings', 'outbound-voice-contact'];

export interface LocalServices {
  readonly endpoint: AwsEndpoint;
  readonly cfn: CloudFormation;
  readonly handlers: Record<Kind, any>;
  readonly groups: TrafficDistributionGroups;
  readonly types: ProfileObjectTypes;
  readonly chime: ChimeVoice;
  readonly contacts: OutboundContacts;
  echo(operation: string, error: (input: Record<string, any>) => ServiceError): void;
  close(): Promise<void>;
}

export async function startLocalServices(): Promise<LocalServices> {
  const groups = new TrafficDistributionGroups();
  const types = new ProfileObjectTypes();
  const chime = new ChimeVoice();
  const contacts = new OutboundContacts();
  const echoes = new Map<string, (input: Record<string, any>) => ServiceError>();
  const echoing = (fakes: Record<string, OperationFake>) => Object.fromEntries(Object.entries(fakes).map(([operation, fake]) => [
    operation,
    (input: Record<string, any>) => {
      const error = echoes.get(operation);
      echoes.delete(operation);
      if (error) throw error(input);
      return fake(input);
    },
  ]));
  const endpoint = await AwsEndpoint.start(
    { model: loadModel('connect'), fakes: echoing({ ...groups.fakes, ...contacts.fakes }) },
    { model: loadModel('customer-profiles'), fakes: echoing(types.fakes) },
    { model: loadModel('chime-sdk-voice'), fakes: echoing(chime.fakes) },
  );
  useLocalAws(endpoint.url);
  // The resource type only labels the events; one stand-in serves every kind.
  const cfn = await CloudFormation.start('Custom::Any');
  // Loaded after the endpoint is set, so that each module's client is built for it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const handlers = Object.fromEntries(KINDS.map((kind) => [kind, require(`../../lambda/${kind}`).handler])) as Record<Kind, any>;
  return {
    endpoint,
    cfn,
    handlers,
    groups,
    types,
    chime,
    contacts,
    echo: (operation, error) => echoes.set(operation, error),
    close: async () => {
      await endpoint.close();
      await cfn.close();
    },
  };
}

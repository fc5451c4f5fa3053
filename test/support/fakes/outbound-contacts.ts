/**
 * A stateful fake of Amazon Connect outbound voice contacts, behind the model-checking endpoint.
 * It keeps every contact it started and honours the ClientToken the way the service documents it:
 * a repeat of a token returns the contact it started while that contact is active, and starts a new
 * contact once it is disconnected ("If the contact is disconnected, a new contact is started").
 */
import { randomUUID } from 'crypto';
import { OperationFake, ServiceError } from '../aws-endpoint';

export interface Contact {
  readonly id: string;
  readonly instanceId: string;
  readonly clientToken?: string;
  readonly input: Record<string, any>;
  state: 'active' | 'disconnected';
  stoppedByApi: boolean;
}

export class OutboundContacts {
  /** Every contact started, in order: the number of calls actually placed. */
  public readonly contacts: Contact[] = [];
  public readonly instances = new Set<string>();
  /** Destinations the instance may not call (DestinationNotAllowedException). */
  public readonly blockedDestinations = new Set<string>();
  /** Fails the next StartOutboundVoiceContact with this error, built from its input (one shot). */
  public failNextStart?: (input: Record<string, any>) => ServiceError;

  public reset(): void {
    this.contacts.length = 0;
    this.instances.clear();
    this.blockedDestinations.clear();
    this.failNextStart = undefined;
  }

  public find(id: string): Contact | undefined {
    return this.contacts.find((c) => c.id === id);
  }

  /** The callee hangs up, or the call is never answered: the contact ends. */
  public hangUp(id: string): void {
    this.find(id)!.state = 'disconnected';
  }

  public get fakes(): Record<string, OperationFake> {
    return {
      StartOutboundVoiceContact: (input) => {
        const failure = this.failNextStart?.(input);
        this.failNextStart = undefined;
        if (failure) throw failure;
        if (!this.instances.has(input.InstanceId)) throw new ServiceError('ResourceNotFoundException', `Instance ${input.InstanceId} not found`);
        if (!input.SourcePhoneNumber && !input.QueueId) throw new ServiceError('InvalidRequestException', 'Either SourcePhoneNumber or QueueId is required');
        if (input.AnswerMachineDetectionConfig?.EnableAnswerMachineDetection && input.TrafficType !== 'CAMPAIGN') {
          throw new ServiceError('InvalidRequestException', 'Answer machine detection requires TrafficType CAMPAIGN');
        }
        if (this.blockedDestinations.has(input.DestinationPhoneNumber)) {
          throw new ServiceError('DestinationNotAllowedException', `Outbound calls to ${input.DestinationPhoneNumber} are not allowed`);
        }
        const same = input.ClientToken && this.contacts.filter((c) => c.clientToken === input.ClientToken).pop();
        if (same && same.state === 'active') return { ContactId: same.id };
        const contact: Contact = {
          id: randomUUID(), instanceId: input.InstanceId, clientToken: input.ClientToken, input, state: 'active', stoppedByApi: false,
        };
        this.contacts.push(contact);
        return { ContactId: contact.id };
      },
      StopContact: (input) => {
        const contact = this.find(input.ContactId);
        if (!this.instances.has(input.InstanceId)) throw new ServiceError('ResourceNotFoundException', `Instance ${input.InstanceId} not found`);
        if (!contact || contact.instanceId !== input.InstanceId || contact.state !== 'active') {
          throw new ServiceError('ContactNotFoundException', 'The contact with the specified ID is not active or does not exist');
        }
        contact.state = 'disconnected';
        contact.stoppedByApi = true;
        return {};
      },
    };
  }
}

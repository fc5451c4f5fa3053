/**
 * A stateful fake of Chime SDK Voice proxy sessions and voice connector proxy configurations,
 * behind the model-checking endpoint. Tests read back the state a lifecycle produced.
 */
import { OperationFake, ServiceError } from '../aws-endpoint';

export interface Session {
  readonly voiceConnectorId: string;
  readonly id: string;
  status: 'Open' | 'InProgress' | 'Closed';
  capabilities: string[];
  expiryMinutes?: number;
  readonly participants: Array<{ PhoneNumber: string; ProxyPhoneNumber: string }>;
  readonly created: Date;
  updated: Date;
  ended?: Date;
}

export interface ProxyConfig {
  defaultSessionExpiryMinutes: number;
  countries: string[];
  fallBackPhoneNumber?: string;
  disabled: boolean;
}

export class ChimeVoice {
  public readonly voiceConnectors = new Set<string>();
  public readonly sessions = new Map<string, Session>();
  public readonly proxies = new Map<string, ProxyConfig>();

  public reset(): void {
    this.voiceConnectors.clear();
    this.sessions.clear();
    this.proxies.clear();
  }

  public addSession(voiceConnectorId: string, id: string, options: Partial<Pick<Session, 'status' | 'capabilities' | 'expiryMinutes'>> = {}): Session {
    this.voiceConnectors.add(voiceConnectorId);
    const created = new Date('2024-05-01T10:00:00.000Z');
    const session: Session = {
      voiceConnectorId,
      id,
      status: options.status ?? 'Open',
      capabilities: options.capabilities ?? ['Voice'],
      expiryMinutes: 'expiryMinutes' in options ? options.expiryMinutes : 30,
      participants: [
        { PhoneNumber: '+12065550100', ProxyPhoneNumber: '+12065550199' },
        { PhoneNumber: '+12065550101', ProxyPhoneNumber: '+12065550198' },
      ],
      created,
      updated: created,
      ended: options.status === 'Closed' ? new Date('2024-05-01T11:00:00.000Z') : undefined,
    };
    this.sessions.set(`${voiceConnectorId}/${id}`, session);
    return session;
  }

  public get fakes(): Record<string, OperationFake> {
    return {
      GetProxySession: (input) => ({ ProxySession: this.render(this.session(input)) }),
      UpdateProxySession: (input) => {
        const s = this.session(input);
        if (s.status === 'Closed') throw new ServiceError('BadRequestException', `Proxy session ${s.id} is closed`);
        s.capabilities = input.Capabilities;
        if (input.ExpiryMinutes !== undefined) s.expiryMinutes = input.ExpiryMinutes;
        s.updated = new Date();
        return { ProxySession: this.render(s) };
      },
      PutVoiceConnectorProxy: (input) => {
        this.connector(input.VoiceConnectorId);
        const config: ProxyConfig = {
          defaultSessionExpiryMinutes: input.DefaultSessionExpiryMinutes,
          countries: input.PhoneNumberPoolCountries,
          fallBackPhoneNumber: input.FallBackPhoneNumber,
          disabled: input.Disabled ?? false,
        };
        this.proxies.set(input.VoiceConnectorId, config);
        return { Proxy: renderProxy(config) };
      },
      GetVoiceConnectorProxy: (input) => {
        const config = this.proxies.get(this.connector(input.VoiceConnectorId));
        if (!config) throw new ServiceError('NotFoundException', `No proxy configuration on voice connector ${input.VoiceConnectorId}`);
        return { Proxy: renderProxy(config) };
      },
      DeleteVoiceConnectorProxy: (input) => {
        const id = this.connector(input.VoiceConnectorId);
        if (!this.proxies.delete(id)) throw new ServiceError('NotFoundException', `No proxy configuration on voice connector ${id}`);
        return {};
      },
    };
  }

  private connector(id: string): string {
    if (!this.voiceConnectors.has(id)) throw new ServiceError('NotFoundException', `Voice connector ${id} not found`);
    return id;
  }

  private session(input: Record<string, any>): Session {
    this.connector(input.VoiceConnectorId);
    const s = this.sessions.get(`${input.VoiceConnectorId}/${input.ProxySessionId}`);
    if (!s) throw new ServiceError('NotFoundException', `Proxy session ${input.ProxySessionId} not found`);
    return s;
  }

  private render(s: Session) {
    return {
      VoiceConnectorId: s.voiceConnectorId,
      ProxySessionId: s.id,
      Name: 'masked calls',
      Status: s.status,
      ExpiryMinutes: s.expiryMinutes,
      Capabilities: s.capabilities,
      CreatedTimestamp: s.created,
      UpdatedTimestamp: s.updated,
      EndedTimestamp: s.ended,
      Participants: s.participants,
      NumberSelectionBehavior: 'PreferSticky',
    };
  }
}

/** The response names the list PhoneNumberCountries (the request: PhoneNumberPoolCountries). */
function renderProxy(c: ProxyConfig) {
  return {
    DefaultSessionExpiryMinutes: c.defaultSessionExpiryMinutes,
    PhoneNumberCountries: c.countries,
    FallBackPhoneNumber: c.fallBackPhoneNumber,
    Disabled: c.disabled,
  };
}

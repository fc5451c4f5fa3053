/**
 * ProxySessionSettings: its declaration and rules, after UpdateProxySession in the chime-sdk-voice
 * 2022-08-03 model (botocore).
 */
import { checkId, checkMinutes } from './chime-voice';
import { attribute, declareKind, PropertiesOf } from './kind';
import { int, list, str, struct } from './schema';

/** Capability in the model. */
export const CAPABILITIES = ['Voice', 'SMS'];

export const PROXY_SESSION_SETTINGS = declareKind({
  handler: 'proxy-session-settings',
  description: 'Amazon Chime SDK Voice proxy session settings',
  resourceType: 'Custom::ChimeProxySessionSettings',
  defaultRemovalPolicy: 'retain',
  // Named as in the UpdateProxySession request.
  schema: struct({
    VoiceConnectorId: str,
    ProxySessionId: str,
    Capabilities: list(str),
    ExpiryMinutes: int,
  }, ['VoiceConnectorId', 'ProxySessionId', 'Capabilities']),
  // The session after the last change. The participants' own numbers are personal data and never leave the
  // handler; their proxy numbers (from the account's pool) are returned, comma-separated in participant order.
  attributes: {
    Status: attribute.string,
    ExpiryMinutes: attribute.number,
    Capabilities: attribute.string,
    ProxyPhoneNumbers: attribute.string,
    CreatedTimestamp: attribute.string,
    UpdatedTimestamp: attribute.string,
    EndedTimestamp: attribute.string,
  },
  validate(p, c) {
    checkId(c, 'VoiceConnectorId', p.VoiceConnectorId);
    checkId(c, 'ProxySessionId', p.ProxySessionId);
    if (c.known(p.Capabilities)) {
      // The API requires Capabilities on every update; an empty list would switch the session off.
      if (p.Capabilities.length === 0) c.fail('Capabilities', 'must list at least one capability');
      p.Capabilities.forEach((cap, i) => {
        if (c.known(cap) && !CAPABILITIES.includes(cap)) c.fail(`Capabilities[${i}]`, `must be one of ${CAPABILITIES.join(', ')}`, cap);
      });
      c.unique('Capabilities', p.Capabilities, 'capabilities');
    }
    checkMinutes(c, 'ExpiryMinutes', p.ExpiryMinutes);
  },
});

export type ProxySessionSettingsProperties = PropertiesOf<typeof PROXY_SESSION_SETTINGS>;

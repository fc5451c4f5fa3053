/**
 * ProxySessionSettings: the contract between the construct and the handler, and the rules both run.
 * Rules follow UpdateProxySession in the chime-sdk-voice 2022-08-03 model (botocore).
 * This module must not import aws-cdk-lib: it is bundled into the handler asset.
 */
import { checkId, checkMinutes } from './chime-voice';
import { int, list, str, struct } from './schema';
import { Checker, IsUnresolved, Violation } from './violations';

export const PROXY_SESSION_SETTINGS_RESOURCE_TYPE = 'Custom::ChimeProxySessionSettings';

export type RemovalBehavior = 'retain' | 'destroy';

/** Capability in the model. */
export const CAPABILITIES = ['Voice', 'SMS'];

/** The custom resource's properties, named as in UpdateProxySession. */
export interface ProxySessionSettingsProperties {
  readonly VoiceConnectorId: string;
  readonly ProxySessionId: string;
  readonly Capabilities: string[];
  readonly ExpiryMinutes?: number;
  readonly RemovalPolicy: RemovalBehavior;
}

export const PROXY_SESSION_SETTINGS_SCHEMA = struct({
  VoiceConnectorId: str,
  ProxySessionId: str,
  Capabilities: list(str),
  ExpiryMinutes: int,
  RemovalPolicy: str,
}, ['VoiceConnectorId', 'ProxySessionId', 'Capabilities', 'RemovalPolicy']);

export function validateProxySessionSettings(p: ProxySessionSettingsProperties, isUnresolved: IsUnresolved): Violation[] {
  const c = new Checker(isUnresolved);
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
  c.removalPolicy(p.RemovalPolicy);
  return c.violations;
}

/**
 * VoiceConnectorProxy: the contract between the construct and the handler, and the rules both run.
 * Rules follow PutVoiceConnectorProxy in the chime-sdk-voice 2022-08-03 model (botocore).
 * This module must not import aws-cdk-lib: it is bundled into the handler asset.
 */
import { checkId, checkMinutes } from './chime-voice';
import { bool, int, list, str, struct } from './schema';
import { Checker, IsUnresolved, mask, Violation } from './violations';

export const VOICE_CONNECTOR_PROXY_RESOURCE_TYPE = 'Custom::ChimeVoiceConnectorProxy';

export type RemovalBehavior = 'retain' | 'destroy';

/** The custom resource's properties, named as in PutVoiceConnectorProxy (the request's names). */
export interface VoiceConnectorProxyProperties {
  readonly VoiceConnectorId: string;
  readonly DefaultSessionExpiryMinutes: number;
  readonly PhoneNumberPoolCountries: string[];
  readonly FallBackPhoneNumber?: string;
  readonly Disabled: boolean;
  readonly RemovalPolicy: RemovalBehavior;
}

export const VOICE_CONNECTOR_PROXY_SCHEMA = struct({
  VoiceConnectorId: str,
  DefaultSessionExpiryMinutes: int,
  PhoneNumberPoolCountries: list(str),
  FallBackPhoneNumber: str,
  Disabled: bool,
  RemovalPolicy: str,
}, ['VoiceConnectorId', 'DefaultSessionExpiryMinutes', 'PhoneNumberPoolCountries', 'Disabled', 'RemovalPolicy']);

/** E164PhoneNumber in the model: the "+" is optional. */
const E164 = /^\+?[1-9]\d{1,14}$/;
/**
 * Country in the model is `^$|^[A-Z]{2,2}$`; the empty string names no country, so it is refused here.
 */
const COUNTRY = /^[A-Z]{2}$/;

export function validateVoiceConnectorProxy(p: VoiceConnectorProxyProperties, isUnresolved: IsUnresolved): Violation[] {
  const c = new Checker(isUnresolved);
  checkId(c, 'VoiceConnectorId', p.VoiceConnectorId);
  checkMinutes(c, 'DefaultSessionExpiryMinutes', p.DefaultSessionExpiryMinutes);
  const countries = p.PhoneNumberPoolCountries;
  if (c.known(countries)) {
    if (countries.length < 1 || countries.length > 100) c.fail('PhoneNumberPoolCountries', 'must list 1 to 100 countries', countries.length);
    countries.forEach((country, i) => c.pattern(`PhoneNumberPoolCountries[${i}]`, country, COUNTRY,
      'must be an ISO 3166-1 alpha-2 country code in upper case, such as US'));
    c.unique('PhoneNumberPoolCountries', countries, 'countries');
  }
  // A phone number is personal data: the message shows it masked.
  const fallBack = p.FallBackPhoneNumber;
  if (c.known(fallBack) && !E164.test(fallBack!)) {
    c.fail('FallBackPhoneNumber', 'must be an E.164 phone number: an optional + and 2 to 15 digits, the first not 0', mask(fallBack!));
  }
  c.removalPolicy(p.RemovalPolicy);
  return c.violations;
}

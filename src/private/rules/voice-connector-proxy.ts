/**
 * VoiceConnectorProxy: its declaration and rules, after PutVoiceConnectorProxy in the chime-sdk-voice
 * 2022-08-03 model (botocore).
 */
import { checkId, checkMinutes } from './chime-voice';
import { attribute, declareKind, PropertiesOf } from './kind';
import { bool, int, list, sensitive, str, struct } from './schema';
import { mask } from './violations';

/** E164PhoneNumber in the model: the "+" is optional. */
const E164 = /^\+?[1-9]\d{1,14}$/;
/** Country in the model is `^$|^[A-Z]{2,2}$`; the empty string names no country, so it is refused here. */
const COUNTRY = /^[A-Z]{2}$/;

export const VOICE_CONNECTOR_PROXY = declareKind({
  handler: 'voice-connector-proxy',
  description: 'Amazon Chime SDK Voice voice connector proxy',
  resourceType: 'Custom::ChimeVoiceConnectorProxy',
  defaultRemovalPolicy: 'destroy',
  // Named as in the PutVoiceConnectorProxy request.
  schema: struct({
    VoiceConnectorId: str,
    DefaultSessionExpiryMinutes: int,
    PhoneNumberPoolCountries: list(str),
    FallBackPhoneNumber: sensitive,
    Disabled: bool,
  }, ['VoiceConnectorId', 'DefaultSessionExpiryMinutes', 'PhoneNumberPoolCountries', 'Disabled']),
  // What the service holds, read back from its answer; never the fall-back number, which is personal data.
  attributes: {
    DefaultSessionExpiryMinutes: attribute.number,
    PhoneNumberCountries: attribute.string,
    Disabled: attribute.boolean,
  },
  validate(p, c) {
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
    if (c.known(fallBack) && !E164.test(fallBack)) {
      c.fail('FallBackPhoneNumber', 'must be an E.164 phone number: an optional + and 2 to 15 digits, the first not 0', mask(fallBack));
    }
  },
});

export type VoiceConnectorProxyProperties = PropertiesOf<typeof VOICE_CONNECTOR_PROXY>;

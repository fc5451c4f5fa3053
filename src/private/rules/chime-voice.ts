/**
 * Rules shared by the Chime SDK Voice kinds (ProxySessionSettings, VoiceConnectorProxy).
 * Patterns follow the chime-sdk-voice 2022-08-03 model (botocore) and its documentation.
 */
import { Checker } from './violations';

/** NonEmptyString128 in the model: 1 to 128 characters, at least one of them not blank. */
const NON_EMPTY = /\S/;
/**
 * PositiveInteger in the model: at least 1, with no documented maximum other than the wire type's,
 * a signed 32-bit integer (2^31-1).
 */
const MAX_MINUTES = 2 ** 31 - 1;

/** A number of minutes within the API's range. */
export function checkMinutes(c: Checker, path: string, value: number | undefined): void {
  if (!c.known(value)) return;
  if (!Number.isInteger(value) || value < 1 || value > MAX_MINUTES) c.fail(path, 'must be a whole number of minutes from 1 to 2^31-1', value);
}

/** VoiceConnectorId and ProxySessionId: the model's NonEmptyString128. */
export function checkId(c: Checker, path: string, value: string | undefined): void {
  c.length(path, value, 1, 128);
  // An empty ID already broke the length rule: one message is enough.
  if (value !== '') c.pattern(path, value, NON_EMPTY, 'must contain a character that is not blank');
}

/** The Chime SDK Voice error codes that say the voice connector or the session is not there. */
export const NOT_FOUND = 'NotFoundException';

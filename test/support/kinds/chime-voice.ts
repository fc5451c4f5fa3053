/** The Chime SDK Voice state both Chime kinds act on: one fake, so that their operations share it. */
import { ChimeVoice } from '../fakes/chime-voice';

export const chime = new ChimeVoice();

export const VOICE_CONNECTOR_ID = 'abcdef1ghij2klmno3pqr4';
export const OTHER_VOICE_CONNECTOR_ID = 'zyxwvu9tsrq8ponml7kji6';
/** The voice connector of instance `i`. */
export const vcId = (i: number) => `abcdef1ghij2klmno${String(i).padStart(5, '0')}`;
export const vcArn = (i: number) => `arn:aws:chime:us-east-1:123456789012:vc/${vcId(i)}`;

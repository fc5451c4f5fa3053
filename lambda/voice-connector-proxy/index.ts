/**
 * VoiceConnectorProxy handler: Chime SDK Voice PutVoiceConnectorProxy on Create and Update, and
 * DeleteVoiceConnectorProxy on Delete (unless RETAIN). The physical ID is the voice connector's ID,
 * so another voice connector means replacement.
 */
import {
  ChimeSDKVoiceClient, DeleteVoiceConnectorProxyCommand, Proxy, PutVoiceConnectorProxyCommand,
} from '@aws-sdk/client-chime-sdk-voice';
import { NOT_FOUND } from '../../src/private/rules/chime-voice';
import { RESOLVED } from '../../src/private/rules/violations';
import {
  VOICE_CONNECTOR_PROXY_SCHEMA, VoiceConnectorProxyProperties, validateVoiceConnectorProxy,
} from '../../src/private/rules/voice-connector-proxy';
import { ApiError, Attributes, customResourceHandler, HandlerContext, Outcome, sdkConfig, withValuesMasked } from '../core';

const chime = new ChimeSDKVoiceClient(sdkConfig());

export const handler = customResourceHandler<VoiceConnectorProxyProperties>({
  schema: VOICE_CONNECTOR_PROXY_SCHEMA,
  validate: (p) => validateVoiceConnectorProxy(p, RESOLVED),

  onCreate: (p, ctx) => put(p, ctx),

  // Every update puts the whole configuration: PutVoiceConnectorProxy replaces it, and its answer
  // gives the attributes (a removal-policy change alone re-puts the same values, which is harmless).
  onUpdate: (p, _old, _physicalId, ctx) => put(p, ctx),

  async onDelete(p, physicalId, ctx) {
    if (p.RemovalPolicy !== 'destroy') return;
    try {
      await ctx.call('DeleteVoiceConnectorProxy', (abortSignal) => chime.send(new DeleteVoiceConnectorProxyCommand({
        VoiceConnectorId: physicalId,
      }), { abortSignal }));
    } catch (err) {
      // No proxy configuration (or no voice connector) left: what Delete asked for is already true.
      if (err instanceof ApiError && err.code === NOT_FOUND) return;
      throw err;
    }
  },
});

async function put(p: VoiceConnectorProxyProperties, ctx: HandlerContext): Promise<Outcome> {
  let proxy: Proxy | undefined;
  try {
    ({ Proxy: proxy } = await ctx.call('PutVoiceConnectorProxy', (abortSignal) => chime.send(new PutVoiceConnectorProxyCommand({
      VoiceConnectorId: p.VoiceConnectorId,
      DefaultSessionExpiryMinutes: p.DefaultSessionExpiryMinutes,
      // The request calls the list PhoneNumberPoolCountries; the response calls it PhoneNumberCountries.
      PhoneNumberPoolCountries: p.PhoneNumberPoolCountries,
      FallBackPhoneNumber: p.FallBackPhoneNumber,
      Disabled: p.Disabled,
    }), { abortSignal })));
  } catch (err) {
    // The core masks phone numbers in free text; this also catches the fall-back number glued to other text, with or without "+".
    throw withValuesMasked(err, [p.FallBackPhoneNumber, p.FallBackPhoneNumber?.replace(/^\+/, '')]);
  }
  return { physicalId: p.VoiceConnectorId, attributes: attributesOf(proxy ?? {}) };
}

/** What the service answered, so that a stack can read back what it holds. The fall-back number is not returned: it is personal data. */
function attributesOf(proxy: Proxy): Attributes {
  return {
    DefaultSessionExpiryMinutes: proxy.DefaultSessionExpiryMinutes ?? 0,
    PhoneNumberCountries: (proxy.PhoneNumberCountries ?? []).join(','),
    Disabled: proxy.Disabled ?? false,
  };
}

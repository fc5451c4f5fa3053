/**
 * VoiceConnectorProxy handler: Chime SDK Voice PutVoiceConnectorProxy on Create and Update, and
 * DeleteVoiceConnectorProxy under DESTROY. The physical ID is the voice connector's ID, so another
 * voice connector means replacement.
 */
import { ChimeSDKVoiceClient, DeleteVoiceConnectorProxyCommand, PutVoiceConnectorProxyCommand } from '@aws-sdk/client-chime-sdk-voice';
import { NOT_FOUND } from '../../src/private/rules/chime-voice';
import { VOICE_CONNECTOR_PROXY, VoiceConnectorProxyProperties } from '../../src/private/rules/voice-connector-proxy';
import { customResourceHandler, HandlerContext, sdkConfig } from '../core';

const chime = new ChimeSDKVoiceClient(sdkConfig());

export const handler = customResourceHandler(VOICE_CONNECTOR_PROXY, {
  onCreate: (p, ctx) => put(p, ctx),

  // Every update puts the whole configuration: PutVoiceConnectorProxy replaces it, and its answer
  // gives the attributes (a removal-policy change alone re-puts the same values, which is harmless).
  onUpdate: (p, _old, _physicalId, ctx) => put(p, ctx),

  onDestroy: async (_p, physicalId, ctx) => {
    await ctx.call('DeleteVoiceConnectorProxy', (abortSignal) => chime.send(new DeleteVoiceConnectorProxyCommand({
      VoiceConnectorId: physicalId,
    }), { abortSignal }));
  },
  // No proxy configuration (or no voice connector) left: what Delete asked for is already true.
  alreadyGone: { DeleteVoiceConnectorProxy: [NOT_FOUND] },
});

async function put(p: VoiceConnectorProxyProperties, ctx: HandlerContext) {
  const { Proxy: proxy } = await ctx.call('PutVoiceConnectorProxy', (abortSignal) => chime.send(new PutVoiceConnectorProxyCommand({
    VoiceConnectorId: p.VoiceConnectorId,
    DefaultSessionExpiryMinutes: p.DefaultSessionExpiryMinutes,
    // The request calls the list PhoneNumberPoolCountries; the response calls it PhoneNumberCountries.
    PhoneNumberPoolCountries: p.PhoneNumberPoolCountries,
    FallBackPhoneNumber: p.FallBackPhoneNumber,
    Disabled: p.Disabled,
  }), { abortSignal }));
  // What the service holds; the core passes on only the declared attributes, never the fall-back number.
  return { physicalId: p.VoiceConnectorId, attributes: proxy ?? {} };
}

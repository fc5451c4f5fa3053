/**
 * ProxySessionSettings handler: Chime SDK Voice UpdateProxySession on Create and Update and, with
 * DESTROY, on Delete, where it puts back the settings the session had before the resource first
 * changed them. Those settings are read once, on Create, and travel in the physical ID.
 */
import {
  ChimeSDKVoiceClient, GetProxySessionCommand, ProxySession, UpdateProxySessionCommand,
} from '@aws-sdk/client-chime-sdk-voice';
import { NOT_FOUND } from '../../src/private/rules/chime-voice';
import { PROXY_SESSION_SETTINGS, ProxySessionSettingsProperties } from '../../src/private/rules/proxy-session-settings';
import { ApiError, customResourceHandler, HandlerContext, HandlerError, log, sdkConfig } from '../core';

const chime = new ChimeSDKVoiceClient(sdkConfig());

type Target = Pick<ProxySessionSettingsProperties, 'VoiceConnectorId' | 'ProxySessionId'>;
type Settings = Pick<ProxySessionSettingsProperties, 'Capabilities' | 'ExpiryMinutes'>;

export const handler = customResourceHandler(PROXY_SESSION_SETTINGS, {
  onCreate: (p, ctx) => adopt(p, ctx),

  async onUpdate(p, old, physicalId, ctx) {
    if (!originalsOf(physicalId, p)) {
      // Read: DescribeStacks (and the stack's events). Why: the rollback of a replacement goes back to the session the
      // resource had, whose physical ID holds its true originals; a read of it now would find this resource's settings.
      const rollback = await ctx.rollbackTarget();
      if (rollback && originalsOf(rollback.physicalId, p)) {
        return { physicalId: rollback.physicalId, attributes: attributesOf(await update(p, settingsOf(p), ctx)) };
      }
      // Another voice connector or session is a replacement: a new physical ID with that session's originals.
      return adopt(p, ctx);
    }
    if (old && sameSettings(old, p)) {
      log('info', 'no settings change: reading the session for its attributes only');
      // Read: GetProxySession. Why: nothing changes, but CloudFormation takes the attributes from this response.
      return { physicalId, attributes: attributesOf(await read(p, ctx)) };
    }
    return { physicalId, attributes: attributesOf(await update(p, settingsOf(p), ctx)) };
  },

  async onDestroy(p, physicalId, ctx) {
    const originals = originalsOf(physicalId, p);
    if (!originals) {
      log('warn', 'the physical ID carries no original settings: nothing to restore');
      return;
    }
    try {
      await send(p, originals, ctx);
    } catch (err) {
      // A closed session has nothing left to restore either, but only a read tells it from a bad request.
      if (!(err instanceof ApiError && err.code === 'BadRequestException' && await isGoneOrClosed(err, p, ctx))) throw err;
      log('info', 'the proxy session is closed: nothing to restore');
    }
  },
  // A session that is gone has nothing left to restore: the delete succeeds.
  alreadyGone: { UpdateProxySession: [NOT_FOUND] },
});

/** Create, or a replacement: remember the session's settings, then apply the new ones. */
async function adopt(p: ProxySessionSettingsProperties, ctx: HandlerContext) {
  // Read: GetProxySession. Why: DESTROY restores the settings from before the first change, and only this
  // read can capture them; it also turns a closed session into a clear failure before anything changes.
  const session = await read(p, ctx);
  if (session.Status === 'Closed') throw closed(p);
  const originals = { Capabilities: session.Capabilities ?? [], ExpiryMinutes: session.ExpiryMinutes };
  return { physicalId: physicalIdOf(p, originals), attributes: attributesOf(await update(p, settingsOf(p), ctx)) };
}

async function update(target: Target, settings: Settings, ctx: HandlerContext): Promise<ProxySession> {
  try {
    return await send(target, settings, ctx);
  } catch (err) {
    if (err instanceof ApiError && err.code === 'BadRequestException' && await isGoneOrClosed(err, target, ctx)) throw closed(target);
    throw explained(err, target);
  }
}

async function send(target: Target, settings: Settings, ctx: HandlerContext): Promise<ProxySession> {
  const { ProxySession: session } = await ctx.call('UpdateProxySession', (abortSignal) => chime.send(new UpdateProxySessionCommand({
    VoiceConnectorId: target.VoiceConnectorId,
    ProxySessionId: target.ProxySessionId,
    // Required on every update, even when only the expiry changes.
    Capabilities: settings.Capabilities as ('Voice' | 'SMS')[],
    ExpiryMinutes: settings.ExpiryMinutes,
  }), { abortSignal }));
  return session ?? {};
}

async function read(target: Target, ctx: HandlerContext): Promise<ProxySession> {
  try {
    const { ProxySession: session } = await ctx.call('GetProxySession', (abortSignal) => chime.send(new GetProxySessionCommand({
      VoiceConnectorId: target.VoiceConnectorId, ProxySessionId: target.ProxySessionId,
    }), { abortSignal }));
    return session ?? {};
  } catch (err) {
    throw explained(err, target);
  }
}

/**
 * Whether a failed update met a session that no longer exists or is closed.
 * Read (only after a 400): GetProxySession. Why: a 400 alone does not tell a closed session from a bad request.
 */
async function isGoneOrClosed(err: unknown, target: Target, ctx: HandlerContext): Promise<boolean> {
  if (!(err instanceof ApiError)) return false;
  if (err.code === NOT_FOUND) return true;
  if (err.code !== 'BadRequestException') return false;
  try {
    return (await read(target, ctx)).Status === 'Closed';
  } catch (readErr) {
    return readErr instanceof ApiError && readErr.code === NOT_FOUND;
  }
}

function closed(t: Target): HandlerError {
  return new HandlerError(`the proxy session ${t.ProxySessionId} on voice connector ${t.VoiceConnectorId} is Closed: `
    + 'the settings of a closed session cannot be changed; point the resource at an open session');
}

function explained(err: unknown, t: Target): unknown {
  if (err instanceof ApiError && err.code === NOT_FOUND) {
    return new ApiError(err.operation, err.code, err.httpStatus,
      `${err.message} (no proxy session ${t.ProxySessionId} on voice connector ${t.VoiceConnectorId})`);
  }
  return err;
}

function settingsOf(p: Settings): Settings {
  return { Capabilities: p.Capabilities, ExpiryMinutes: p.ExpiryMinutes };
}

function sameSettings(a: Settings, b: Settings): boolean {
  return JSON.stringify(settingsOf(a)) === JSON.stringify(settingsOf(b));
}

/** The attributes from the session: the core passes on only the declared ones, so the participants' own numbers never leave. */
function attributesOf(s: ProxySession) {
  return { ...s, ProxyPhoneNumbers: (s.Participants ?? []).map((x) => x.ProxyPhoneNumber ?? '') };
}

/**
 * The physical ID: `<voice connector>/<session>/<base64url of the original settings>`. CloudFormation
 * sends Delete only the current properties, so the settings to restore travel in the physical ID,
 * which stays the same for as long as the resource targets the same session.
 */
export function physicalIdOf(t: Target, originals: Settings): string {
  const blob = Buffer.from(JSON.stringify({ c: originals.Capabilities, e: originals.ExpiryMinutes })).toString('base64url');
  return `${t.VoiceConnectorId}/${t.ProxySessionId}/${blob}`;
}

/** The original settings in a physical ID of this very session; undefined for any other session. */
export function originalsOf(physicalId: string, t: Target): Settings | undefined {
  const prefix = `${t.VoiceConnectorId}/${t.ProxySessionId}/`;
  if (!physicalId.startsWith(prefix)) return undefined;
  try {
    const { c, e } = JSON.parse(Buffer.from(physicalId.slice(prefix.length), 'base64url').toString('utf-8'));
    if (!Array.isArray(c) || !c.every((x) => typeof x === 'string') || (e !== undefined && !Number.isSafeInteger(e))) return undefined;
    return { Capabilities: c, ExpiryMinutes: e };
  } catch {
    return undefined;
  }
}

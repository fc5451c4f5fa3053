/**
 * None of the operations the handlers call streams events, yet the SDK's protocol code imports the whole
 * event-stream codec for the operations that do (about 20 KB of every bundle, parsed at each cold start).
 * esbuild aliases `@smithy/core/event-streams` to this module (see build-tools/bundle.js): an operation
 * with an event stream would fail with this message instead of being sent.
 */
function notBundled(): never {
  throw new Error('event streams are not bundled into this handler (build-tools/bundle.js aliases @smithy/core/event-streams)');
}

export const eventStreamSerdeProvider = (): never => notBundled();

/**
 * A client with event-stream operations (Lambda's, for InvokeWithResponseStream, used by the long-wait engine's
 * self-invoke) resolves its marshaller when it is built: it gets one that fails only if an event stream is ever sent.
 */
export const resolveEventStreamSerdeConfig = <T extends object>(input: T): T & { eventStreamMarshaller: object } =>
  Object.assign(input, { eventStreamMarshaller: { serialize: notBundled, deserialize: notBundled } });

export class EventStreamSerde {
  constructor() {
    notBundled();
  }
}

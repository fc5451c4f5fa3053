/**
 * The continuer of the long-wait engine in production: Lambda's own asynchronous invoke of this very function
 * (the name Lambda gives it in AWS_LAMBDA_FUNCTION_NAME), with the original event and its continuation. Only a
 * handler that waits imports this module, so the other bundles do not carry the Lambda client.
 *
 * What makes it safe (HandlerProvider sets it up for a kind declared `longWait`):
 * - the function's resource-based policy lets only its own role invoke it (no identity policy names the function,
 *   which would make the role depend on the function that depends on the role);
 * - its asynchronous invocations are never retried (EventInvokeConfig MaximumRetryAttempts 0): a crashed
 *   continuation cannot repeat work, and CloudFormation's ServiceTimeout (one hour) still ends the wait;
 * - the budget (continuation.ts) bounds the chain: 55 minutes of 5-minute invocations is at most 13 invocations, below the
 *   16 after which Lambda's recursive loop detection would stop a chain.
 */
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { Continuer, ContinuedEvent } from './continuation';
import { HandlerError } from './errors';
import { callWithRetries, Deadline } from './retry';
import { sdkConfig } from './sdk-config';

/** Lambda's limit for the payload of an asynchronous invocation. */
export const MAX_ASYNC_PAYLOAD_BYTES = 256 * 1024;

let lambda: LambdaClient | undefined;

export function selfInvoke(): Continuer {
  return {
    async continueWith(event: ContinuedEvent, deadline: Deadline): Promise<void> {
      const functionName = process.env.AWS_LAMBDA_FUNCTION_NAME;
      if (!functionName) throw new HandlerError('Invoke failed: AWS_LAMBDA_FUNCTION_NAME is not set, so the handler cannot continue its wait');
      const payload = new TextEncoder().encode(JSON.stringify(event));
      if (payload.byteLength > MAX_ASYNC_PAYLOAD_BYTES) {
        throw new HandlerError(`Invoke failed: the continuation event is ${payload.byteLength} bytes, over Lambda's ${MAX_ASYNC_PAYLOAD_BYTES}-byte limit for an asynchronous invocation`);
      }
      lambda ??= new LambdaClient(sdkConfig());
      await callWithRetries('Invoke', (abortSignal) => lambda!.send(new InvokeCommand({
        FunctionName: functionName, InvocationType: 'Event', Payload: payload,
      }), { abortSignal }), deadline);
    },
  };
}

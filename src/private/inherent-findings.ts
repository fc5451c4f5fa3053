import * as lambda from 'aws-cdk-lib/aws-lambda';
import { acknowledge, NagPack } from './nag';

/**
 * Why a handler needs no dead-letter queue (HIPAA.Security, NIST.800.53.R5 and Serverless LambdaDLQ). CloudFormation
 * invokes the function asynchronously, and the handler answers every event itself through the response URL, failures
 * included, and then returns normally: Lambda never sees a failed invocation to dead-letter. If the function itself
 * crashes or times out, CloudFormation fails the resource after its service timeout. A queue would only hold copies
 * of events, with their properties (phone numbers among them), that nothing reads.
 */
export const DLQ_REASON = 'CloudFormation invokes this handler asynchronously and the handler answers every event itself, failures included, through '
  + 'the response URL, then returns normally: no failed invocation ever reaches a dead-letter queue. A crash fails the resource at its service timeout.';

/** The findings of the compliance packs that every custom-resource handler has by its nature, acknowledged with their reasons. */
export function acknowledgeInherentFindings(fn: lambda.CfnFunction): void {
  acknowledge(fn, () => [NagPack.HIPAA, NagPack.NIST_800_53_R5, NagPack.SERVERLESS].map((pack) => ({ pack, rule: 'LambdaDLQ', reason: DLQ_REASON })));
}

/**
 * Why a handler whose asynchronous retries are off needs no failure destination (Serverless
 * LambdaAsyncFailureDestination, on its `AWS::Lambda::EventInvokeConfig`). The config exists only to set retries to
 * zero, so that a crash can never run the event a second time (a second phone call). The handler answers every event
 * itself; a crash fails the resource at its service timeout. A destination would only receive copies of the events,
 * with their properties (phone numbers among them), that nothing reads.
 */
export const NO_RETRY_REASON = 'This config only turns Lambda\'s asynchronous retries off, so that a crash never runs a CloudFormation event twice; '
  + 'the handler answers every event itself through the response URL, and a crash fails the resource at its service timeout. '
  + 'A failure destination would only hold copies of events, with their properties, that nothing reads.';

/**
 * The finding of an EventInvokeConfig that exists to turn retries off, acknowledged with its reason: NO_RETRY_REASON,
 * or the long-wait engine's own (long-wait.ts).
 */
export function acknowledgeNoRetryConfig(config: lambda.CfnEventInvokeConfig, reason = NO_RETRY_REASON): void {
  acknowledge(config, () => [{ pack: NagPack.SERVERLESS, rule: 'LambdaAsyncFailureDestination', reason }]);
}

import { redact } from './log';
import { mask } from '../../src/private/rules/violations';

/** A failure whose reason is already fit for CloudFormation: no retry, no further wrapping. */
export class HandlerError extends Error {
  constructor(reason: string) {
    super(redact(reason));
    this.name = 'HandlerError';
  }
}

/** An AWS API call that failed for good; the kind may still look at the code (e.g. "already gone" on delete). */
export class ApiError extends HandlerError {
  public static from(operation: string, err: unknown, suffix = ''): ApiError {
    return new ApiError(operation, errorCodeOf(err), httpStatusOf(err), describeApiError(operation, err) + suffix);
  }

  constructor(public readonly operation: string, public readonly code: string, public readonly httpStatus: number | undefined, reason: string) {
    super(reason);
    this.name = 'ApiError';
  }
}

interface SdkErrorLike {
  readonly name?: string;
  readonly code?: string;
  readonly message?: string;
  readonly $fault?: 'client' | 'server';
  readonly $metadata?: { readonly httpStatusCode?: number };
}

/** Errors whose names mean "slow down" or "busy right now", whatever HTTP status carried them. */
const TRANSIENT_NAMES = new Set([
  'ThrottlingException', 'Throttling', 'ThrottledClientException', 'TooManyRequestsException', 'LimitExceededException',
  'ResourceConflictException', 'ConflictException', 'ServiceUnavailableException', 'InternalServiceException',
  'InternalServerException', 'ServiceFailureException', 'RequestTimeout', 'RequestTimeoutException', 'TimeoutError',
]);
/** Transport failures: the request may not have reached the service at all. */
const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND', 'ECONNABORTED', 'UND_ERR_SOCKET']);

export function httpStatusOf(err: unknown): number | undefined {
  return (err as SdkErrorLike)?.$metadata?.httpStatusCode;
}

/**
 * The SDK wraps a thrown value it does not recognise as an Error (one from another realm, such as a socket error
 * under a test runner's sandbox) as `AWS SDK error wrapper for <Name>: <message>`: the name is still in the text.
 */
const WRAPPED = /^AWS SDK error wrapper for (\w+)/;

export function errorCodeOf(err: unknown): string {
  const e = err as SdkErrorLike;
  if (e?.name && e.name !== 'Error') return e.name;
  return e?.code ?? WRAPPED.exec(e?.message ?? '')?.[1] ?? 'Error';
}

/**
 * Throttling (429), conflicts (409), server faults (5xx) and transport failures are worth another try.
 * Every other 4xx means the request itself is wrong: retrying cannot help, so it fails at once.
 */
export function isRetryable(err: unknown): boolean {
  const e = err as SdkErrorLike;
  const status = httpStatusOf(err);
  if (status === 429 || status === 409 || (status !== undefined && status >= 500)) return true;
  if (TRANSIENT_NAMES.has(errorCodeOf(err)) || NETWORK_CODES.has(e?.code ?? '')) return true;
  // A response the SDK could not parse (empty or malformed body from a struggling endpoint).
  if (status === undefined && /deserializ|unexpected end|JSON/i.test(e?.message ?? '')) return true;
  return e?.$fault === 'server';
}

/** `<Operation> failed: <ErrorCode>: <message>`, the one shape of every deploy-time API failure. */
export function describeApiError(operation: string, err: unknown): string {
  const message = ((err as SdkErrorLike)?.message ?? '').replace(/\s+/g, ' ').trim();
  return redact(`${operation} failed: ${errorCodeOf(err)}${message ? `: ${message}` : ''}`);
}

/**
 * A service message may echo what it was sent. Returns the error with each of these personal values masked in
 * its reason, wherever it appears; values under 4 characters are left, since masking them would garble ordinary words.
 */
export function withValuesMasked(err: unknown, values: ReadonlyArray<string | undefined>): unknown {
  if (!(err instanceof ApiError)) return err;
  const secrets = values.filter((s): s is string => typeof s === 'string' && s.length >= 4).sort((a, b) => b.length - a.length);
  let reason = err.message;
  for (const secret of secrets) reason = reason.split(secret).join(mask(secret));
  return new ApiError(err.operation, err.code, err.httpStatus, reason);
}

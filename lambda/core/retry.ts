import { ApiError, describeApiError, errorCodeOf, HandlerError, httpStatusOf, isRetryable } from './errors';
import { log } from './log';

export interface RetryPolicy {
  /** First backoff step; each retry doubles it up to `maxDelayMs`. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

/** Backoff base for tests: a handler test may shrink the delays, never the rules. */
export function defaultRetryPolicy(): RetryPolicy {
  const base = Number(process.env.CCR_RETRY_BASE_MS ?? 250);
  return { baseDelayMs: base, maxDelayMs: base * 40 };
}

/** A point in time after which no new attempt starts, so that the response always goes out in time. */
export class Deadline {
  /** The last transient error retried before the deadline, so that running out of time can say what it waited for. */
  public lastRetried?: string;

  constructor(public readonly at: number) {}

  public get remainingMs(): number {
    return this.at - Date.now();
  }
}

/** One AWS API call, retried with exponential backoff and full jitter while the error is transient. */
export async function callWithRetries<T>(
  operation: string,
  send: (abortSignal: AbortSignal) => Promise<T>,
  deadline: Deadline,
  policy: RetryPolicy = defaultRetryPolicy(),
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    // Work that outlives the response (a loop of calls after the deadline fired) must not reach the service.
    if (deadline.remainingMs <= 0) throw new HandlerError(`${operation} failed: the handler's deadline passed before the call`);
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), Math.max(deadline.remainingMs, 0));
    try {
      return await send(abort.signal);
    } catch (err) {
      if (abort.signal.aborted) throw new HandlerError(`${operation} failed: the handler's deadline passed while waiting for the API`);
      if (!isRetryable(err)) throw ApiError.from(operation, err);
      const giveUp = () => ApiError.from(operation, err, ` (gave up after ${attempt} attempts: the handler's deadline is near)`);
      const delay = Math.round(Math.random() * backoffMs(attempt, policy));
      if (delay >= deadline.remainingMs) throw giveUp();
      deadline.lastRetried = describeApiError(operation, err);
      log('warn', 'retrying', { operation, attempt, errorCode: errorCodeOf(err), httpStatus: httpStatusOf(err), delayMs: delay });
      await sleep(delay);
      // A timer can fire late (a loaded machine) and the sleep end past the deadline: give up the same way, naming the
      // error that was being retried, rather than as if the deadline had passed before any call.
      if (deadline.remainingMs <= 0) throw giveUp();
    } finally {
      clearTimeout(timer);
    }
  }
}

/** The exponential step for an attempt (1-based), capped; callers add jitter where many clients compete. */
export function backoffMs(attempt: number, policy: RetryPolicy = defaultRetryPolicy()): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

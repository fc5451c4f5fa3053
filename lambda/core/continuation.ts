/**
 * The long-wait engine: a Create, Update or DESTROY delete whose work outlasts one Lambda invocation (an instance
 * replica takes minutes to tens of minutes) goes on in new invocations of the same function, each started by the
 * one before it through Lambda's own asynchronous invoke (`self-invoke.ts`), until the work is done, fails, or the
 * total budget from the first invocation is spent. CloudFormation gets exactly one answer, from whichever
 * invocation ends the wait: every invocation before it hands off instead of answering.
 *
 * Why this engine and not aws-cdk-lib's `custom_resources.Provider` with `isCompleteHandler`: see
 * docs/long-waits.md (fixed resources per stack, measured).
 *
 * The kind's side is small: `onCreate` (or `onUpdate`, `onDestroy`) starts the work and returns `pending(...)`;
 * `check` looks once and returns the outcome or `pending(...)` again. This module owns the rest: the poll interval,
 * the hand-off before the invocation's deadline, the budget, and the continuation carried in the event.
 */
import type { CfnEvent } from './cfn-response';
import { HandlerError } from './errors';
import { log } from './log';
import { Deadline, sleep } from './retry';

/** The member of the event that carries a continuation; CloudFormation's own events never have it. */
export const CONTINUATION_MEMBER = 'CcrContinuation';

/** What a kind answers while its work is still under way. */
export interface Pending<S = unknown> {
  readonly pending: true;
  /** The resource's physical ID by now: a failure answers it, so that the Delete that follows can clean up. */
  readonly physicalId: string;
  /** What is being waited for, in words: logged, and named in the reason when the budget runs out. */
  readonly status: string;
  /** What the next check needs. It travels in the continuation event: keep it small. */
  readonly state: S;
}

export function pending<S>(physicalId: string, status: string, state: S): Pending<S> {
  return { pending: true, physicalId, status, state };
}

export function isPending(value: unknown): value is Pending {
  return typeof value === 'object' && value !== null && (value as Pending).pending === true;
}

/** What one invocation hands the next: where the wait stands, and when it began. */
export interface Continuation {
  /** 2 for the first continuation, 3 for the next... */
  readonly invocation: number;
  /** When the first invocation began the wait (epoch milliseconds): the budget counts from here. */
  readonly startedAt: number;
  readonly physicalId: string;
  readonly status: string;
  readonly state: unknown;
}

export type ContinuedEvent = CfnEvent & { readonly [CONTINUATION_MEMBER]: Continuation };

/** How a wait goes on in a new invocation: `selfInvoke()` in production, the local Lambda in tests. */
export interface Continuer {
  continueWith(event: ContinuedEvent, deadline: Deadline): Promise<void>;
}

export interface WaitPolicy {
  /** Time between two checks. */
  readonly pollMs: number;
  /** The whole wait, from the first invocation, across every continuation. */
  readonly budgetMs: number;
  /** Time kept, before the invocation's deadline, to hand the wait off. */
  readonly handOffReserveMs: number;
}

/**
 * 55 minutes: CloudFormation waits at most one hour for a custom resource (its ServiceTimeout cannot exceed 3,600
 * seconds), and the answer must reach it before that. Polling every 15 seconds stays far below Connect's
 * account-wide rate of 2 requests per second. Tests shrink all three through the environment, never the rules.
 */
export function defaultWaitPolicy(): WaitPolicy {
  const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
  return {
    pollMs: env('CCR_POLL_MS', 15_000),
    budgetMs: env('CCR_WAIT_BUDGET_MS', 55 * 60_000),
    handOffReserveMs: env('CCR_HANDOFF_RESERVE_MS', 20_000),
  };
}

/** Returned instead of an outcome when a new invocation took the wait over: this one must not answer. */
export const HANDED_OFF = Symbol('handed off');

/** The continuation an event carries, if it is one (the second and later invocations of a wait). */
export function continuationOf(event: CfnEvent): Continuation | undefined {
  const c = (event as Partial<ContinuedEvent>)[CONTINUATION_MEMBER];
  if (c === undefined) return undefined;
  const valid = typeof c === 'object' && c !== null && Number.isSafeInteger(c.invocation) && Number.isFinite(c.startedAt)
    && typeof c.physicalId === 'string' && typeof c.status === 'string';
  if (!valid) throw new HandlerError(`the event's ${CONTINUATION_MEMBER} is malformed: it was not written by this handler`);
  return c;
}

export interface WaitOptions<R> {
  readonly event: CfnEvent;
  /** What the kind's operation answered, or the continuation this invocation resumes. */
  readonly from: Pending | Continuation;
  readonly deadline: Deadline;
  readonly continuer: Continuer;
  readonly policy?: WaitPolicy;
  /** Kept up to date with the physical ID of the work, so that a failure answers it (the Delete that follows then cleans up). */
  readonly progress: { physicalId?: string };
  /** One look at the work: the outcome, or pending again. */
  check(waiting: Pending): Promise<R | Pending>;
}

/**
 * Waits within this invocation, checking every `pollMs`; hands off to a new invocation when this one's deadline is
 * near; fails with the status it was waiting for once the budget is spent. Never answers twice, never hangs.
 */
export async function waitOut<R>(options: WaitOptions<R>): Promise<R | typeof HANDED_OFF> {
  const { event, deadline, continuer, progress, policy = defaultWaitPolicy() } = options;
  const resumed = isPending(options.from) ? undefined : options.from;
  const startedAt = resumed?.startedAt ?? Date.now();
  const invocation = resumed?.invocation ?? 1;
  let waiting: Pending = resumed ? pending(resumed.physicalId, resumed.status, resumed.state) : options.from as Pending;
  // Work that was just started gets one look at once (it may be done already); a continuation waits first.
  let lookNow = !resumed;
  for (;;) {
    progress.physicalId = waiting.physicalId;
    const spent = Date.now() - startedAt;
    if (spent >= policy.budgetMs) {
      throw new HandlerError(`still ${waiting.status} after ${minutes(spent)}, across ${invocation} invocations: gave up at the `
        + `${minutes(policy.budgetMs)} budget, before CloudFormation's one-hour limit for a custom resource`);
    }
    if (!lookNow) {
      const pause = Math.min(policy.pollMs, policy.budgetMs - spent);
      if (deadline.remainingMs < pause + policy.handOffReserveMs) {
        const { physicalId, status, state } = waiting;
        const continuation: Continuation = { invocation: invocation + 1, startedAt, physicalId, status, state };
        await continuer.continueWith({ ...event, [CONTINUATION_MEMBER]: continuation }, deadline);
        log('info', 'continuing in a new invocation', { invocation: continuation.invocation, status: waiting.status, waitedMs: spent });
        return HANDED_OFF;
      }
      await sleep(pause);
    }
    lookNow = false;
    const next = await options.check(waiting);
    if (!isPending(next)) return next;
    if (next.status !== waiting.status) log('info', 'waiting', { status: next.status });
    waiting = next;
  }
}

function minutes(ms: number): string {
  const m = ms / 60_000;
  return m >= 1 ? `${Math.round(m)} minutes` : `${Math.round(ms / 1000)} seconds`;
}

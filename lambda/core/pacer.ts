import { sleep } from './retry';

/**
 * Spaces a handler's calls to at most `perSecond`. Amazon Connect's rates are account-wide per Region, shared with
 * every other caller: a handler that makes hundreds of calls keeps to the documented rate instead of bursting into
 * throttling and backing off (the core still retries a 429 that other traffic causes).
 */
export function pacer(perSecond: number): () => Promise<void> {
  const interval = 1000 / perSecond;
  let next = Date.now();
  return async () => {
    const now = Date.now();
    const wait = next - now;
    next = Math.max(now, next) + interval;
    if (wait > 0) await sleep(wait);
  };
}

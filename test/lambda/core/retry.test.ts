import { ApiError, backoffMs, callWithRetries, Deadline } from '../../../lambda/core';
import { captureStdout } from '../../support/cloudformation';

const policy = { baseDelayMs: 1, maxDelayMs: 8 };
const throttled = () => Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $metadata: { httpStatusCode: 429 } });
const invalid = () => Object.assign(new Error('bad'), { name: 'InvalidRequestException', $metadata: { httpStatusCode: 400 } });

test('retries transient errors until the call succeeds', async () => {
  let attempts = 0;
  const result = await captureStdout(async () => {
    expect(await callWithRetries('Op', async () => { if (++attempts < 4) throw throttled(); return 'ok'; }, new Deadline(Date.now() + 5_000), policy)).toBe('ok');
  });
  expect(attempts).toBe(4);
  expect(result.trim().split('\n')).toHaveLength(3);
});

test('does not retry a validation error', async () => {
  let attempts = 0;
  await expect(callWithRetries('Op', async () => { attempts++; throw invalid(); }, new Deadline(Date.now() + 5_000), policy))
    .rejects.toThrow(new ApiError('Op', 'InvalidRequestException', 400, 'Op failed: InvalidRequestException: bad'));
  expect(attempts).toBe(1);
});

test('stops retrying before the deadline and says so', async () => {
  const started = Date.now();
  await captureStdout(async () => {
    await expect(callWithRetries('Op', async () => { throw throttled(); }, new Deadline(Date.now() + 200), { baseDelayMs: 20, maxDelayMs: 100 }))
      .rejects.toThrow(/^Op failed: ThrottlingException: Rate exceeded \(gave up after \d+ attempts: the handler's deadline is near\)$/);
  });
  expect(Date.now() - started).toBeLessThan(400);
});

test('a backoff that sleeps past the deadline (a late timer) gives up naming the error it retried, not as if no call was made', async () => {
  // The deadline passes while the backoff sleeps, as when a loaded machine fires the timer late.
  class LateTimer extends Deadline {
    public expired = false;
    public get remainingMs(): number { return this.expired ? -1 : 1_000; }
  }
  const deadline = new LateTimer(0);
  jest.spyOn(Math, 'random').mockReturnValue(1);
  let attempts = 0;
  try {
    await captureStdout(async () => {
      await expect(callWithRetries('Op', async () => {
        attempts++;
        setImmediate(() => { deadline.expired = true; });
        throw throttled();
      }, deadline, { baseDelayMs: 5, maxDelayMs: 5 })).rejects.toThrow(/^Op failed: ThrottlingException: Rate exceeded \(gave up after 1 attempts: the handler's deadline is near\)$/);
    });
  } finally {
    jest.restoreAllMocks();
  }
  expect(attempts).toBe(1);
});

test('aborts a call still running at the deadline', async () => {
  const hang = (signal: AbortSignal) => new Promise((_r, reject) => signal.addEventListener('abort', () => reject(new Error('aborted'))));
  await expect(callWithRetries('Op', hang, new Deadline(Date.now() + 50), policy)).rejects.toThrow("Op failed: the handler's deadline passed while waiting for the API");
});

test('backoff doubles from the base up to the cap', () => {
  expect([1, 2, 3, 4, 5].map((a) => backoffMs(a, policy))).toEqual([1, 2, 4, 8, 8]);
});

test('remembers the last transient error, so that running out of time can name it', async () => {
  const deadline = new Deadline(Date.now() + 5_000);
  let attempts = 0;
  await captureStdout(() => callWithRetries('Op', async () => { if (++attempts < 2) throw throttled(); return 'ok'; }, deadline, policy));
  expect(deadline.lastRetried).toBe('Op failed: ThrottlingException: Rate exceeded');
});

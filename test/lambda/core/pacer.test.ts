import { pacer } from '../../../lambda/core';

afterEach(() => jest.useRealTimers());

test('spaces calls to the given rate: the first goes at once, each next one an interval later', async () => {
  jest.useFakeTimers({ now: 0 });
  const pace = pacer(4);
  const at: number[] = [];
  const run = (async () => {
    for (let i = 0; i < 4; i++) {
      await pace();
      at.push(Date.now());
    }
  })();
  await jest.advanceTimersByTimeAsync(2_000);
  await run;
  expect(at).toEqual([0, 250, 500, 750]);
});

test('time spent elsewhere counts: a caller slower than the rate never waits', async () => {
  jest.useFakeTimers({ now: 0 });
  const pace = pacer(2);
  await pace();
  jest.setSystemTime(1_000);
  const before = Date.now();
  await pace();
  expect(Date.now()).toBe(before);
});

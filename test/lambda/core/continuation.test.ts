import {
  CONTINUATION_MEMBER, ContinuedEvent, continuationOf, Deadline, HANDED_OFF, HandlerError, pending, perRegion, waitOut, WaitPolicy,
} from '../../../lambda/core';

const event = {
  RequestType: 'Create' as const,
  ResponseURL: 'http://localhost/x',
  StackId: 'stack',
  RequestId: 'r1',
  ResourceType: 'Custom::X',
  LogicalResourceId: 'X',
  ResourceProperties: {},
};
const policy: WaitPolicy = { pollMs: 10, budgetMs: 5_000, handOffReserveMs: 50 };

/** A continuer that records what it was handed. */
function recorder() {
  const handed: ContinuedEvent[] = [];
  return { handed, continuer: { continueWith: async (e: ContinuedEvent) => void handed.push(e) } };
}

test('fresh work gets one look at once: done at once means no wait and no hand-off', async () => {
  const { handed, continuer } = recorder();
  let looks = 0;
  const result = await waitOut({
    event,
    from: pending('id-1', 'starting', {}),
    check: async () => ({ physicalId: `id-${++looks}` }),
    deadline: new Deadline(Date.now() + 10_000),
    continuer,
    policy,
    progress: {},
  });
  expect(result).toEqual({ physicalId: 'id-1' });
  expect(handed).toEqual([]);
});

test('near the deadline the wait is handed off with the event, the state and the time it began; nothing is answered', async () => {
  const { handed, continuer } = recorder();
  const progress: { physicalId?: string } = {};
  const started = Date.now();
  const result = await waitOut({
    event,
    from: pending('id-1', 'IN_PROGRESS', { n: 0 }),
    check: async (w) => pending('id-2', 'STILL', { n: (w.state as any).n + 1 }),
    deadline: new Deadline(Date.now() + 200),
    continuer,
    policy,
    progress,
  });
  expect(result).toBe(HANDED_OFF);
  expect(handed).toHaveLength(1);
  const c = handed[0][CONTINUATION_MEMBER];
  expect(c).toMatchObject({ invocation: 2, physicalId: 'id-2', status: 'STILL' });
  expect((c.state as any).n).toBeGreaterThan(1);
  expect(c.startedAt).toBeGreaterThanOrEqual(started);
  expect(handed[0]).toMatchObject(event);
  expect(progress.physicalId).toBe('id-2');
});

test('a continuation waits first, then looks, and counts its invocations on', async () => {
  const { handed, continuer } = recorder();
  const looked: number[] = [];
  const resumed = { invocation: 3, startedAt: Date.now(), physicalId: 'id', status: 'S', state: {} };
  const result = await waitOut({
    event,
    from: resumed,
    check: async () => { looked.push(Date.now()); return looked.length < 3 ? pending('id', 'S', {}) : { physicalId: 'id' }; },
    deadline: new Deadline(Date.now() + 10_000),
    continuer,
    policy,
    progress: {},
  });
  expect(result).toEqual({ physicalId: 'id' });
  expect(looked[0] - resumed.startedAt).toBeGreaterThanOrEqual(9);
  expect(handed).toEqual([]);
});

test('the budget counts from the first invocation: a continuation past it fails with what it waited for', async () => {
  const { continuer } = recorder();
  const resumed = { invocation: 7, startedAt: Date.now() - 6_000, physicalId: 'id', status: 'INSTANCE_REPLICATION_IN_PROGRESS', state: {} };
  await expect(waitOut({
    event, from: resumed, check: async () => pending('id', 'x', {}), deadline: new Deadline(Date.now() + 10_000), continuer, policy, progress: {},
  })).rejects.toThrow(/^still INSTANCE_REPLICATION_IN_PROGRESS after 6 seconds, across 7 invocations: gave up at the 5 seconds budget/);
});

test('a failed look ends the wait with its own error', async () => {
  const { continuer } = recorder();
  await expect(waitOut({
    event,
    from: pending('id', 's', {}),
    check: async () => { throw new HandlerError('boom'); },
    deadline: new Deadline(Date.now() + 10_000),
    continuer,
    policy,
    progress: {},
  })).rejects.toThrow('boom');
});

test.each([
  [{ invocation: 'two' }],
  [{ invocation: 2, startedAt: 'now', physicalId: 'x', status: 's' }],
  [{ invocation: 2, startedAt: 1, status: 's' }],
  [null],
])('a continuation this handler did not write is refused: %j', (c) => {
  expect(() => continuationOf({ ...event, [CONTINUATION_MEMBER]: c } as any)).toThrow(/is malformed: it was not written by this handler/);
});

test('CloudFormation\'s own events carry no continuation', () => {
  expect(continuationOf(event)).toBeUndefined();
});

test('perRegion builds one client per Region, once', () => {
  const made: string[] = [];
  const clientIn = perRegion((config) => { made.push(config.region); return { region: config.region, attempts: config.maxAttempts }; });
  expect(clientIn('us-west-2')).toEqual({ region: 'us-west-2', attempts: 1 });
  expect(clientIn('us-west-2')).toBe(clientIn('us-west-2'));
  clientIn('us-east-1');
  expect(made).toEqual(['us-west-2', 'us-east-1']);
});

/**
 * The template-bytes target of issue #15: per kind and job, the bytes one added instance costs, at 10 added instances
 * (every instance's ARN in the shared policy) and at 100 (the policy gone type-wide), measured as the bench does
 * (test/support/template-bytes.ts), must stay within the committed budget below and within one third of what an
 * AwsCustomResource doing the same job costs, computed here from its synthesized template. Bytes are deterministic:
 * a change that adds one byte to an instance fails here; one that saves bytes lowers the budget in the same commit.
 */
import { KINDS } from './support/kinds';
import { ADDED, bytesPerAddedInstance, jobOf, JobName, JOBS } from './support/template-bytes';

/** Ours ÷ the AwsCustomResource's, per added instance: the target. */
const TARGET_RATIO = 0.33;

/** Bytes per added instance, as measured by `npm run bench` (docs/benchmarks.md): `[at 10, at 100]`. */
const BUDGET: Record<string, Record<JobName, [number, number]>> = {
  TrafficDistribution: { simplest: [357.1, 357.92], complete: [561.1, 561.92] },
  ProfileObjectType: { simplest: [267.8, 262.39], complete: [515.8, 510.39] },
  ProxySessionSettings: { simplest: [275.1, 275.92], complete: [326.1, 326.92] },
  VoiceConnectorProxy: { simplest: [337.6, 330.27], complete: [312.6, 305.27] },
  OutboundVoiceContact: { simplest: [414.1, 414.92], complete: [491.1, 491.92] },
  InstanceReplica: { simplest: [402.3, 318.7], complete: [476.3, 392.7] },
  TrafficDistributionGroupUsers: { simplest: [446.4, 411.28], complete: [487.4, 452.73] },
};

const cases = KINDS.flatMap((entry) => JOBS.flatMap((job) => ADDED.map((added, at) => ({
  entry, name: entry.name, job, added, budget: BUDGET[entry.name][job][at],
}))));

test('every kind of the registry has a budget for both jobs', () => {
  expect(Object.keys(BUDGET).sort()).toEqual(KINDS.map((k) => k.name).sort());
});

describe.each(cases)('$name, $job job, $added added instances', ({ entry, job, added, budget }) => {
  const ours = bytesPerAddedInstance(jobOf(entry, job, 'ours'), added);
  const theirs = bytesPerAddedInstance(jobOf(entry, job, 'theirs'), added);

  test(`bytes per added instance within the committed budget (${budget})`, () => {
    expect(ours).toBeLessThanOrEqual(budget);
  });

  test(`at most ${TARGET_RATIO}× the AwsCustomResource doing the same job`, () => {
    expect(ours / theirs).toBeLessThanOrEqual(TARGET_RATIO);
  });
});

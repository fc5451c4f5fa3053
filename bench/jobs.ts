/**
 * The two jobs whose template bytes the bench compares for every kind of the test registry, ours against an
 * AwsCustomResource doing the same job with the same guarantees (IAM on each instance's ARN, in the stack's
 * account and Region):
 *
 * - **simplest**: the construct's required props only, RETAIN where the kind has a removal policy, against an
 *   AwsCustomResource with onCreate and onUpdate (a RETAIN resource calls nothing on delete);
 * - **complete**: DESTROY, so onCreate, onUpdate and onDelete, and the kind's fuller configuration.
 */
import { Stack } from 'aws-cdk-lib';
import { Kind } from './kinds';
import { KINDS as REGISTRY } from '../test/support/kinds';

export interface Job {
  /** What the job is, in a few words, for the docs. */
  readonly setup: string;
  ours(stack: Stack, i: number): void;
  theirs(stack: Stack, i: number): void;
}

export interface KindJobs {
  readonly simplest: Job;
  readonly complete: Job;
}

/** The jobs of each kind, by name; the complete job is the kind's bench configuration (`kinds`). */
export function jobsOf(kinds: Kind[]): Record<string, KindJobs> {
  return Object.fromEntries(REGISTRY.map((entry) => {
    const kind = kinds.find((k) => k.name === entry.name)!;
    return [entry.name, {
      simplest: {
        setup: entry.simplest.setup,
        ours: (stack: Stack, i: number) => entry.simplest.instance(stack, `T${i}`, i),
        theirs: (stack: Stack, i: number) => entry.simplest.awsCustomResource(stack, `T${i}`, i),
      },
      complete: {
        setup: entry.completeSetup,
        ours: (stack: Stack, i: number) => kind.ours(stack, i, 0),
        theirs: (stack: Stack, i: number) => kind.theirs(stack, i, 0),
      },
    }];
  }));
}

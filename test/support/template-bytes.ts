/**
 * Template bytes per added instance, as the bench measures them (bench/run.ts): the compact JSON of a synthesized
 * template with `n + 1` instances of a job, less that of 1 instance, divided by `n`. At 100 added instances the
 * shared policy has gone type-wide; at 10 every instance's ARN is in it. Bytes are deterministic: no timing here.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { KindEntry } from './kinds';

export type JobName = 'simplest' | 'complete';
export type Side = 'ours' | 'theirs';
export const JOBS: readonly JobName[] = ['simplest', 'complete'];
/** The two stack sizes the bench reports: a small stack (every ARN in the policy) and a large one. */
export const ADDED: readonly number[] = [10, 100];

/** Instance `i` of a job: the construct (ours) or the AwsCustomResource doing the same (theirs). */
export function jobOf(entry: KindEntry, job: JobName, side: Side): (stack: Stack, i: number) => void {
  if (job === 'simplest') {
    return side === 'ours' ? (stack, i) => entry.simplest.instance(stack, `T${i}`, i) : (stack, i) => entry.simplest.awsCustomResource(stack, `T${i}`, i);
  }
  return side === 'ours' ? (stack, i) => void entry.instance(stack, `T${i}`, i, 0) : (stack, i) => entry.awsCustomResource(stack, `T${i}`, i, 0);
}

/** The compact JSON bytes of the template of a stack with `n` instances, in the bench's account and Region. */
export function templateBytes(add: (stack: Stack, i: number) => void, n: number): number {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bytes-'));
  try {
    // The 500-resource check is lifted so that AwsCustomResource can be measured past its ceiling, as in the bench.
    const app = new App({ outdir, context: { '@aws-cdk/core:stackResourceLimit': 0 } });
    const stack = new Stack(app, 'Bench', { env: { account: '123456789012', region: 'us-east-1' } });
    for (let i = 0; i < n; i++) add(stack, i);
    return JSON.stringify(app.synth().getStackByName('Bench').template).length;
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/** Template bytes per added instance: (`added` + 1 instances − 1 instance) ÷ `added`. */
export function bytesPerAddedInstance(add: (stack: Stack, i: number) => void, added: number): number {
  return (templateBytes(add, added + 1) - templateBytes(add, 1)) / added;
}

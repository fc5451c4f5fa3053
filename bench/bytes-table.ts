/**
 * Template bytes per added instance only, per kind, job and stack size, ours and the AwsCustomResource's, as
 * tab-separated lines: the figures `test/byte-budget.test.ts` guards, in seconds rather than the bench's minutes.
 * `TS_NODE_TRANSPILE_ONLY=true npx ts-node --project bench/tsconfig.json bench/bytes-table.ts`
 */
import { KINDS } from '../test/support/kinds';
import { ADDED, bytesPerAddedInstance, jobOf, JOBS } from '../test/support/template-bytes';

for (const entry of KINDS) {
  for (const job of JOBS) {
    for (const added of ADDED) {
      const ours = bytesPerAddedInstance(jobOf(entry, job, 'ours'), added);
      const theirs = bytesPerAddedInstance(jobOf(entry, job, 'theirs'), added);
      console.log([entry.name, job, added, ours, theirs, `${(ours / theirs).toFixed(4)}×`].join('\t'));
    }
  }
}

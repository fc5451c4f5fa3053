/**
 * 450 instances of each construct kind of the registry, each with its own resource (so that the shared role's
 * policy grows as much as it can): used by the scale test and by CI, which runs cfn-lint on the templates.
 */
import { App, Stack } from 'aws-cdk-lib';
import { KINDS } from './kinds';

export const SCALE_INSTANCES = 450;

/** One stack per kind, each with `SCALE_INSTANCES` instances. */
export function scaleApp(outdir?: string): App {
  const app = new App({ outdir });
  for (const entry of KINDS) {
    const stack = new Stack(app, entry.name, { env: { account: '123456789012', region: 'us-east-1' } });
    for (let i = 0; i < SCALE_INSTANCES; i++) entry.instance(stack, `I${i}`, i, 0);
  }
  return app;
}

// `ts-node test/support/scale.ts <outdir>` writes the templates for cfn-lint.
if (require.main === module) scaleApp(process.argv[2]).synth();

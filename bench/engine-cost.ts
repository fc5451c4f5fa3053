/**
 * `npm run bench:engine`: the fixed resources of the long-wait engine, measured by synthesis. Ours (an
 * InstanceReplica's handler: function, role, log group, plus the engine's Lambda permission and event invoke
 * configuration) next to aws-cdk-lib's `custom_resources.Provider` with an `isCompleteHandler` doing the same wait
 * (55-minute total timeout, 15-second polls), with the two user functions it needs. Prints a Markdown table.
 */
import { App, CustomResource, Duration, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as cr from 'aws-cdk-lib/custom-resources';
import { InstanceReplica } from '../src';

const ID = '11111111-2222-3333-4444-555555555555';

function resourcesOf(build: (stack: Stack, i: number) => void, n: number): Record<string, number> {
  const app = new App();
  const stack = new Stack(app, 'Engine', { env: { account: '123456789012', region: 'us-east-1' } });
  for (let i = 0; i < n; i++) build(stack, i);
  const counts: Record<string, number> = {};
  for (const r of Object.values<any>(app.synth().getStackByName('Engine').template.Resources)) counts[r.Type] = (counts[r.Type] ?? 0) + 1;
  return counts;
}

const ours = (stack: Stack, i: number) => void new InstanceReplica(stack, `R${i}`, {
  instance: `${ID.slice(0, -2)}${String(i).padStart(2, '0')}`, replicaRegion: 'us-west-2', replicaAlias: `acme-${i}`,
});

let provider: cr.Provider | undefined;
const theirs = (stack: Stack, i: number) => {
  if (i === 0) {
    const fn = (id: string) => new lambda.Function(stack, id, {
      runtime: lambda.Runtime.NODEJS_24_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => ({ IsComplete: true });'),
    });
    provider = new cr.Provider(stack, 'Provider', {
      onEventHandler: fn('OnEvent'), isCompleteHandler: fn('IsComplete'), queryInterval: Duration.seconds(15), totalTimeout: Duration.minutes(55),
    });
  }
  new CustomResource(stack, `R${i}`, { serviceToken: provider!.serviceToken, resourceType: 'Custom::Replica' });
};

function main() {
  const table = (name: string, build: (stack: Stack, i: number) => void) => {
    const one = resourcesOf(build, 1);
    const total = Object.values(one).reduce((a, b) => a + b, 0) - 1;
    const types = Object.entries(one).filter(([t]) => !t.startsWith('Custom::')).map(([t, n]) => `${n} × ${t}`).join(', ');
    return { name, total, types };
  };
  const rows = [table('ours: self-invoke continuation', ours), table('custom_resources.Provider with isCompleteHandler', theirs)];
  console.log('| Engine | fixed resources per stack | what they are |');
  console.log('|---|---:|---|');
  for (const r of rows) console.log(`| ${r.name} | ${r.total} | ${r.types} |`);
}

main();

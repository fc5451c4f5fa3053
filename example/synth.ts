/**
 * `npm run example`: synthesizes the example app to CloudFormation and says where the template is
 * and what it contains.
 */
import * as fs from 'fs';
import * as path from 'path';
import { buildApp } from './app';

const outdir = path.join(__dirname, 'cdk.out');
fs.rmSync(outdir, { recursive: true, force: true });
const assembly = buildApp(outdir).synth();

for (const stack of assembly.stacks) {
  const file = path.join(outdir, stack.templateFile);
  const resources = Object.entries<any>(stack.template.Resources ?? {});
  const byType = new Map<string, number>();
  for (const [, r] of resources) byType.set(r.Type, (byType.get(r.Type) ?? 0) + 1);

  console.log(`Stack ${stack.stackName} (${stack.environment.account}/${stack.environment.region})`);
  console.log(`  template: ${path.relative(process.cwd(), file)} (${fs.statSync(file).size} bytes)`);
  console.log(`  ${resources.length} resources:`);
  for (const [type, count] of [...byType].sort()) console.log(`    ${String(count).padStart(3)} × ${type}`);
  for (const [id, r] of resources.filter(([, res]) => res.Type.startsWith('Custom::'))) {
    const { ServiceToken: _token, ...props } = r.Properties;
    console.log(`  ${id} (${r.Type}):`);
    console.log(`    ${JSON.stringify(props)}`);
  }
  for (const [, fn] of resources.filter(([, r]) => r.Type === 'AWS::Lambda::Function')) {
    const p = fn.Properties;
    console.log(`  handler "${p.Description}": ${p.Runtime} on ${p.Architectures}, ${p.MemorySize} MB, ${p.Timeout} s timeout`);
  }
  const assets = fs.readdirSync(outdir).filter((f) => f.startsWith('asset.'));
  console.log(`  handler assets: ${assets.map((a) => path.relative(process.cwd(), path.join(outdir, a))).join(', ')}`);
}

/**
 * `npm run bench`: every figure side by side with an equivalent app built from AwsCustomResource,
 * printed as ours, theirs and the ratio, and written to docs/benchmarks.md with a chart.
 * Not a test: nothing here passes or fails on a timing.
 */
import { execFile, execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { renderChart, SeriesPoint } from './chart';
import { Kind, KINDS } from './kinds';
import { CloudFormation } from '../test/support/cloudformation';

const ROOT = path.join(__dirname, '..');
const CDK_LIB = path.dirname(require.resolve('aws-cdk-lib/package.json'));
// Not exported by aws-cdk-lib's package.json: the file that AwsCustomResource's Lambda function runs.
const THEIR_HANDLER = path.join(CDK_LIB, 'custom-resource-handlers', 'dist', 'custom-resources', 'aws-custom-resource-handler', 'index.js');
const SYNTH_COUNTS = [1, 10, 100, 400];
const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 15);
const LIFECYCLE_RUNS = Number(process.env.BENCH_LIFECYCLE_RUNS ?? 5);
type Side = 'ours' | 'theirs';
const SIDES: Side[] = ['ours', 'theirs'];

interface Synth { resources: number; bytes: number; ms: number; template: any }

function synth(kind: Kind, side: Side, n: number, variant: 0 | 1 = 0): Synth {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-'));
  // The 500-resource check is lifted so that AwsCustomResource can be measured past its ceiling.
  const app = new App({ outdir, context: { '@aws-cdk/core:stackResourceLimit': 0 } });
  const started = performance.now();
  const stack = new Stack(app, 'Bench', { env: { account: '123456789012', region: 'us-east-1' } });
  for (let i = 0; i < n; i++) kind[side](stack, i, variant);
  const template = app.synth().getStackByName('Bench').template;
  const ms = performance.now() - started;
  fs.rmSync(outdir, { recursive: true, force: true });
  return { resources: Object.keys(template.Resources).length, bytes: JSON.stringify(template).length, ms, template };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ratio = (ours: number, theirs: number) => (theirs === 0 ? 'n/a' : `${(ours / theirs).toFixed(2)}×`);
const fmt = (x: number, digits = 0) => x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function wallMs(args: string[]): number {
  const started = performance.now();
  const r = spawnSync(process.execPath, args, { env: { ...process.env, NODE_NO_WARNINGS: '1', AWS_REGION: 'us-east-1' }, stdio: 'ignore' });
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} failed`);
  return performance.now() - started;
}

/** From a new process to the handler being ready: the handler module loaded, with its SDK client. */
function coldStart(kind: Kind) {
  const ours = path.join(ROOT, 'assets', 'lambda', kind.asset, 'index', 'index.js');
  const runs: Record<Side | 'node', number[]> = { ours: [], theirs: [], node: [] };
  for (let i = 0; i < COLD_RUNS; i++) {
    runs.node.push(wallMs(['-e', '']));
    runs.ours.push(wallMs(['-e', `require(${JSON.stringify(ours)})`]));
    // AwsCustomResource's handler loads the client from the Lambda runtime's node_modules at its first event.
    runs.theirs.push(wallMs(['-e', `require(${JSON.stringify(THEIR_HANDLER)}); require(${JSON.stringify(kind.sdkPackage)})`]));
  }
  return {
    node: median(runs.node),
    ours: median(runs.ours),
    theirs: median(runs.theirs),
    ourBytes: fs.statSync(ours).size,
    theirBytes: fs.statSync(THEIR_HANDLER).size,
  };
}

interface EventFigures { calls: number; mutating: number; handlerMs: number }

/** Drives Create, Update and Delete through each side's handler against the local model-checking endpoint. */
async function lifecycle(kind: Kind, side: Side): Promise<Record<string, EventFigures>> {
  const propsOf = (variant: 0 | 1) => {
    const resources = Object.values<any>(synth(kind, side, 1, variant).template.Resources);
    const { ServiceToken: _token, ...props } = resources.find((r) => r.Type.startsWith('Custom::')).Properties;
    return props;
  };
  const [before, after] = [propsOf(0), propsOf(1)];
  const samples: Record<string, EventFigures[]> = { Create: [], Update: [], Delete: [] };
  for (let run = 0; run < LIFECYCLE_RUNS; run++) {
    const endpoint = await kind.endpoint();
    const cfn = await CloudFormation.start(kind.resourceType);
    let handlerMs = 0;
    // The child must run asynchronously: the endpoint and the CloudFormation stand-in answer it from this process.
    const handler = (event: unknown) => new Promise<void>((resolve, reject) => {
      execFile(process.execPath, [path.join(__dirname, 'child.js')], {
        env: {
          ...process.env,
          NODE_NO_WARNINGS: '1',
          AWS_ENDPOINT_URL: endpoint.url,
          AWS_REGION: 'us-east-1',
          AWS_ACCESS_KEY_ID: 'AKIDBENCH',
          AWS_SECRET_ACCESS_KEY: 'bench',
          BENCH_EVENT: JSON.stringify(event),
          BENCH_HANDLER: side === 'ours' ? path.join(ROOT, 'assets', 'lambda', kind.asset, 'index', 'index.js') : THEIR_HANDLER,
          BENCH_HTTPS_TO: side === 'theirs' ? new URL((event as any).ResponseURL).port : '',
        },
      }, (err, stdout, stderr) => {
        const line = stdout.split('\n').find((l) => l.startsWith('BENCH '));
        if (err || !line) return reject(new Error(`${side} handler failed: ${stderr || err?.message}`));
        handlerMs = JSON.parse(line.slice(6)).handlerMs;
        resolve();
      });
    });
    const events = [
      { RequestType: 'Create' as const, ResourceProperties: before },
      { RequestType: 'Update' as const, ResourceProperties: after, OldResourceProperties: before },
      { RequestType: 'Delete' as const, ResourceProperties: after },
    ];
    let physicalId: string | undefined;
    for (const e of events) {
      endpoint.calls.length = 0;
      const { response } = await cfn.request(handler, { ...e, PhysicalResourceId: physicalId });
      if (response.Status !== 'SUCCESS') throw new Error(`${side} ${e.RequestType}: ${response.Reason}`);
      physicalId = response.PhysicalResourceId;
      const mutating = endpoint.calls.filter((c) => !/^(Get|Describe|List)/.test(c.operation)).length;
      samples[e.RequestType].push({ calls: endpoint.calls.length, mutating, handlerMs });
    }
    if (endpoint.rejected.length > 0) throw new Error(`${side}: the endpoint refused ${JSON.stringify(endpoint.rejected)}`);
    await endpoint.close();
    await cfn.close();
  }
  return Object.fromEntries(Object.entries(samples).map(([k, xs]) => [k, { ...xs[0], handlerMs: median(xs.map((x) => x.handlerMs)) }]));
}

async function main() {
  const lines: string[] = [];
  const out = (s = '') => { console.log(s); lines.push(s); };
  const chart: SeriesPoint[] = [];

  for (const kind of KINDS) {
    out(`## ${kind.name}`);
    out();
    const one = { ours: synth(kind, 'ours', 1), theirs: synth(kind, 'theirs', 1) };
    const many = { ours: synth(kind, 'ours', 101), theirs: synth(kind, 'theirs', 101) };
    const per = (side: Side, key: 'resources' | 'bytes') => (many[side][key] - one[side][key]) / 100;
    const fixed = (side: Side, key: 'resources' | 'bytes') => one[side][key] - per(side, key);
    const ceiling = (side: Side) => Math.floor((500 - fixed(side, 'resources')) / per(side, 'resources'));
    out('| Template | ours | AwsCustomResource | ratio |');
    out('|---|---:|---:|---:|');
    out(`| CloudFormation resources per added instance | ${fmt(per('ours', 'resources'), 2)} | ${fmt(per('theirs', 'resources'), 2)} | ${ratio(per('ours', 'resources'), per('theirs', 'resources'))} |`);
    out(`| Template bytes per added instance | ${fmt(per('ours', 'bytes'))} | ${fmt(per('theirs', 'bytes'))} | ${ratio(per('ours', 'bytes'), per('theirs', 'bytes'))} |`);
    out(`| Fixed resources per stack | ${fmt(fixed('ours', 'resources'))} | ${fmt(fixed('theirs', 'resources'))} | ${ratio(fixed('ours', 'resources'), fixed('theirs', 'resources'))} |`);
    out(`| Fixed template bytes per stack | ${fmt(fixed('ours', 'bytes'))} | ${fmt(fixed('theirs', 'bytes'))} | ${ratio(fixed('ours', 'bytes'), fixed('theirs', 'bytes'))} |`);
    out(`| Instances per stack before the 500-resource limit | ${fmt(ceiling('ours'))} | ${fmt(ceiling('theirs'))} | ${ratio(ceiling('ours'), ceiling('theirs'))} |`);
    out();

    out('| Synth | ours resources | theirs resources | ours bytes | theirs bytes | ours ms | theirs ms | time ratio |');
    out('|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const n of SYNTH_COUNTS) {
      const s = Object.fromEntries(SIDES.map((side) => {
        const runs = [0, 1, 2].map(() => synth(kind, side, n));
        return [side, { ...runs[0], ms: median(runs.map((r) => r.ms)) }];
      })) as Record<Side, Synth>;
      out(`| ${n} | ${fmt(s.ours.resources)} | ${fmt(s.theirs.resources)}${s.theirs.resources > 500 ? ' (over 500)' : ''} | ${fmt(s.ours.bytes)} | ${fmt(s.theirs.bytes)} | ${fmt(s.ours.ms)} | ${fmt(s.theirs.ms)} | ${ratio(s.ours.ms, s.theirs.ms)} |`);
      for (const side of SIDES) chart.push({ kind: kind.name, side: side === 'ours' ? 'ours' : 'AwsCustomResource', instances: n, bytes: s[side].bytes, resources: s[side].resources });
    }
    out();

    const cold = coldStart(kind);
    out('| Handler | ours | AwsCustomResource | ratio |');
    out('|---|---:|---:|---:|');
    out(`| Asset size (bytes; theirs without the SDK, which the runtime provides) | ${fmt(cold.ourBytes)} | ${fmt(cold.theirBytes)} | ${ratio(cold.ourBytes, cold.theirBytes)} |`);
    out(`| Cold start, new process to handler ready with its client (median of ${COLD_RUNS}, ms) | ${fmt(cold.ours, 1)} | ${fmt(cold.theirs, 1)} | ${ratio(cold.ours, cold.theirs)} |`);
    out(`| The same, minus an empty Node.js process (${fmt(cold.node, 1)} ms) | ${fmt(cold.ours - cold.node, 1)} | ${fmt(cold.theirs - cold.node, 1)} | ${ratio(cold.ours - cold.node, cold.theirs - cold.node)} |`);
    out();

    const figures = { ours: await lifecycle(kind, 'ours'), theirs: await lifecycle(kind, 'theirs') };
    out('| Lifecycle event | ours API calls (mutating) | theirs API calls (mutating) | ours handler ms | theirs handler ms | time ratio |');
    out('|---|---:|---:|---:|---:|---:|');
    for (const e of ['Create', 'Update', 'Delete']) {
      const [o, t] = [figures.ours[e], figures.theirs[e]];
      out(`| ${e} | ${o.calls} (${o.mutating}) | ${t.calls} (${t.mutating}) | ${fmt(o.handlerMs, 1)} | ${fmt(t.handlerMs, 1)} | ${ratio(o.handlerMs, t.handlerMs)} |`);
    }
    out();
  }

  const docs = path.join(ROOT, 'docs');
  fs.mkdirSync(docs, { recursive: true });
  fs.writeFileSync(path.join(docs, 'benchmarks.svg'), await renderChart(chart));
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const header = [
    '# Benchmarks',
    '',
    `Measured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}, Node.js ${process.version}, aws-cdk-lib ${JSON.parse(fs.readFileSync(path.join(CDK_LIB, 'package.json'), 'utf-8')).version}.`,
    'Each figure is ours next to an equivalent app built from aws-cdk-lib\'s `AwsCustomResource` doing the same job, and their ratio (ours ÷ theirs).',
    'Template bytes are the compact JSON of the synthesized template; per-instance figures are (101 instances − 1 instance) ÷ 100.',
    'API calls are counted at the local model-checking endpoint; handler times run each event in a new Node.js process against it (median of ' + LIFECYCLE_RUNS + ' runs).',
    '',
    '![Template bytes and resources against instances](benchmarks.svg)',
    '',
  ];
  fs.writeFileSync(path.join(docs, 'benchmarks.md'), [...header, ...lines].join('\n'));
  console.log(`\nwrote docs/benchmarks.md and docs/benchmarks.svg (${execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT }).toString().trim()})`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

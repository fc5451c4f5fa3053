/**
 * `npm run bench`: every figure side by side with an equivalent app built from AwsCustomResource,
 * printed as ours, theirs and the ratio, and written to docs/benchmarks.md with a chart.
 * `npm run bench -- --quick` measures every figure with fewer repetitions (about a minute on 2 cores) and
 * writes bench-out/benchmarks.md instead, for a check while working; the docs keep the full run's figures.
 * Not a test: nothing here passes or fails on a timing.
 */
import { execFile, execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { BytePart, bytesPerInstance } from './bytes';
import { renderChart, SeriesPoint } from './chart';
import { assetOf, coldStart, composition, loadProfile, median, THEIR_HANDLER } from './cold-start';
import { Job, jobsOf } from './jobs';
import { Kind, KINDS } from './kinds';
import { CloudFormation } from '../test/support/cloudformation';

const ROOT = path.join(__dirname, '..');
const CDK_LIB = path.dirname(require.resolve('aws-cdk-lib/package.json'));
const QUICK = process.argv.includes('--quick');
const SYNTH_COUNTS = [1, 10, 100, 400];
const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? (QUICK ? 5 : 15));
const LIFECYCLE_RUNS = Number(process.env.BENCH_LIFECYCLE_RUNS ?? (QUICK ? 1 : 5));
const SYNTH_RUNS = QUICK ? 1 : 3;
const PROFILE_RUNS = QUICK ? 3 : 9;
/** Few enough instances that each one's ARN is in the shared policy (past about 60, the policy goes type-wide). */
const SMALL_STACK = 10;
type Side = 'ours' | 'theirs';
const SIDES: Side[] = ['ours', 'theirs'];

interface Synth { resources: number; bytes: number; ms: number; template: any }

function synthWith(add: (stack: Stack, i: number) => void, n: number): Synth {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-'));
  // The 500-resource check is lifted so that AwsCustomResource can be measured past its ceiling.
  const app = new App({ outdir, context: { '@aws-cdk/core:stackResourceLimit': 0 } });
  const started = performance.now();
  const stack = new Stack(app, 'Bench', { env: { account: '123456789012', region: 'us-east-1' } });
  for (let i = 0; i < n; i++) add(stack, i);
  const template = app.synth().getStackByName('Bench').template;
  const ms = performance.now() - started;
  fs.rmSync(outdir, { recursive: true, force: true });
  return { resources: Object.keys(template.Resources).length, bytes: JSON.stringify(template).length, ms, template };
}

const synth = (kind: Kind, side: Side, n: number, variant: 0 | 1 = 0) => synthWith((stack, i) => kind[side](stack, i, variant), n);
const ratio = (ours: number, theirs: number) => (theirs === 0 ? 'n/a' : `${(ours / theirs).toFixed(2)}×`);
const fmt = (x: number, digits = 0) => x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** Template figures of one job: per added instance in a large stack and in a small one, fixed, ceiling. */
function jobFigures(job: Job) {
  const figures = (side: Side) => {
    const add = job[side].bind(job);
    const [one, small, many] = [synthWith(add, 1), synthWith(add, SMALL_STACK + 1), synthWith(add, 101)];
    const per = (key: 'resources' | 'bytes') => (many[key] - one[key]) / 100;
    return {
      per: { resources: per('resources'), bytes: per('bytes') },
      perSmall: (small.bytes - one.bytes) / SMALL_STACK,
      fixed: { resources: one.resources - per('resources'), bytes: one.bytes - per('bytes') },
      parts: { many: bytesPerInstance(one.template, many.template, 100), small: bytesPerInstance(one.template, small.template, SMALL_STACK) },
    };
  };
  return { ours: figures('ours'), theirs: figures('theirs') };
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
          BENCH_HANDLER: side === 'ours' ? assetOf(kind) : THEIR_HANDLER,
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

/** Runs one part of the bench and says on stderr how long it took, to keep the quick mode quick. */
async function timed<T>(label: string, work: () => T | Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await work();
  console.error(`  (${label}: ${((performance.now() - started) / 1000).toFixed(1)} s)`);
  return result;
}

async function main() {
  const started = performance.now();
  const lines: string[] = [];
  const out = (s = '') => { console.log(s); lines.push(s); };
  const chart: SeriesPoint[] = [];
  const jobs = jobsOf(KINDS);
  const summary: string[] = [];

  for (const kind of KINDS) {
    const kindJobs = jobs[kind.name];
    if (!kindJobs) throw new Error(`bench/jobs.ts has no simplest and complete job for ${kind.name}`);
    out(`## ${kind.name}`);
    out();
    const [simplest, complete] = await timed('template figures of both jobs', () => [jobFigures(kindJobs.simplest), jobFigures(kindJobs.complete)]);
    out(`Simplest job: ${kindJobs.simplest.setup}; theirs calls onCreate and onUpdate. Complete job: ${kindJobs.complete.setup}; theirs calls onCreate, onUpdate and onDelete.`);
    out();
    out('| Template | simplest: ours | theirs | ratio | complete: ours | theirs | ratio |');
    out('|---|---:|---:|---:|---:|---:|---:|');
    const row = (label: string, value: (f: ReturnType<typeof jobFigures>['ours']) => number, digits = 0) => {
      const cells = [simplest, complete].map((f) => `${fmt(value(f.ours), digits)} | ${fmt(value(f.theirs), digits)} | ${ratio(value(f.ours), value(f.theirs))}`);
      out(`| ${label} | ${cells.join(' | ')} |`);
    };
    row('Template bytes per added instance (101 − 1 instances) ÷ 100', (f) => f.per.bytes);
    row(`Template bytes per added instance in a small stack (${SMALL_STACK + 1} − 1) ÷ ${SMALL_STACK}, every ARN in the policy`, (f) => f.perSmall);
    row('CloudFormation resources per added instance', (f) => f.per.resources, 2);
    row('Fixed resources per stack', (f) => f.fixed.resources);
    row('Fixed template bytes per stack', (f) => f.fixed.bytes);
    row('Instances per stack before the 500-resource limit', (f) => Math.floor((500 - f.fixed.resources) / f.per.resources));
    out();
    out(`Where our bytes per added instance go (small stack of ${SMALL_STACK}, and the 100 added to 1):`);
    out();
    out('| Part | simplest, small | simplest, 100 | complete, small | complete, 100 |');
    out('|---|---:|---:|---:|---:|');
    const columns: BytePart[][] = [simplest.ours.parts.small, simplest.ours.parts.many, complete.ours.parts.small, complete.ours.parts.many];
    const names = [...new Set(columns.flatMap((c) => c.map((p) => p.part)))];
    const valueOf = (c: BytePart[], part: string) => c.find((p) => p.part === part)?.bytes ?? 0;
    names.sort((a, b) => valueOf(columns[0], b) - valueOf(columns[0], a));
    for (const part of names) out(`| ${part} | ${columns.map((c) => fmt(valueOf(c, part))).join(' | ')} |`);
    out(`| **total** | ${columns.map((c) => `**${fmt(c.reduce((n, p) => n + p.bytes, 0))}**`).join(' | ')} |`);
    out();
    summary.push(`| ${kind.name} | ${ratio(simplest.ours.per.bytes, simplest.theirs.per.bytes)} | ${ratio(simplest.ours.perSmall, simplest.theirs.perSmall)} `
      + `| ${ratio(complete.ours.per.bytes, complete.theirs.per.bytes)} | ${ratio(complete.ours.perSmall, complete.theirs.perSmall)} |`);

    out('| Synth (the lifecycle configuration below) | ours resources | theirs resources | ours bytes | theirs bytes | ours ms | theirs ms | time ratio |');
    out('|---:|---:|---:|---:|---:|---:|---:|---:|');
    const synthStarted = performance.now();
    for (const n of SYNTH_COUNTS) {
      const s = Object.fromEntries(SIDES.map((side) => {
        const runs = Array.from({ length: SYNTH_RUNS }, () => synth(kind, side, n));
        return [side, { ...runs[0], ms: median(runs.map((r) => r.ms)) }];
      })) as Record<Side, Synth>;
      out(`| ${n} | ${fmt(s.ours.resources)} | ${fmt(s.theirs.resources)}${s.theirs.resources > 500 ? ' (over 500)' : ''} | ${fmt(s.ours.bytes)} | ${fmt(s.theirs.bytes)} | ${fmt(s.ours.ms)} | ${fmt(s.theirs.ms)} | ${ratio(s.ours.ms, s.theirs.ms)} |`);
      for (const side of SIDES) chart.push({ kind: kind.name, side: side === 'ours' ? 'ours' : 'AwsCustomResource', instances: n, bytes: s[side].bytes, resources: s[side].resources });
    }
    console.error(`  (synth: ${((performance.now() - synthStarted) / 1000).toFixed(1)} s)`);
    out();

    const cold = await timed('cold start', () => coldStart(kind, COLD_RUNS));
    const c = cold.median;
    out(`| Handler (cold start: new process to handler ready to call, with its client built; median of ${cold.runs} rounds, ms) | ours | AwsCustomResource | ratio |`);
    out('|---|---:|---:|---:|');
    out(`| Asset size (bytes; theirs without the SDK, which the runtime provides) | ${fmt(cold.ourBytes)} | ${fmt(cold.theirBytes)} | ${ratio(cold.ourBytes, cold.theirBytes)} |`);
    out(`| **Cold start** | ${fmt(c.ours, 1)} | ${fmt(c.theirs, 1)} | **${ratio(c.ours, c.theirs)}** |`);
    out(`| Cold start, fastest of the ${cold.runs} (least disturbed by other load) | ${fmt(cold.fastest.ours, 1)} | ${fmt(cold.fastest.theirs, 1)} | ${ratio(cold.fastest.ours, cold.fastest.theirs)} |`);
    out(`| CPU time of the process until ready (median) | ${fmt(cold.cpu.ours, 1)} | ${fmt(cold.cpu.theirs, 1)} | ${ratio(cold.cpu.ours, cold.cpu.theirs)} |`);
    out(`| The same, minus an empty Node.js process (${fmt(c.node, 1)} ms) | ${fmt(c.ours - c.node, 1)} | ${fmt(c.theirs - c.node, 1)} | ${ratio(c.ours - c.node, c.theirs - c.node)} |`);
    out(`| Theirs without building its client (the definition of earlier runs of this bench) | | ${fmt(c.theirsLoadOnly, 1)} | ${ratio(c.ours, c.theirsLoadOnly)} |`);
    out(`| Floor: an empty Node.js process | ${fmt(c.node, 1)} | | ${ratio(c.node, c.theirs)} |`);
    out(`| Floor: Node.js loading only the SDK's core (\`@smithy/smithy-client\`, bundled as ours) | ${fmt(c.smithy, 1)} | | ${ratio(c.smithy, c.theirs)} |`);
    out(`| Floor: Node.js building only a \`${cold.clientClass}\` (bundled as ours, no command) | ${fmt(c.client, 1)} | | ${ratio(c.client, c.theirs)} |`);
    out();
    summary[summary.length - 1] += ` ${ratio(c.ours, c.theirs)} | ${ratio(cold.fastest.ours, cold.fastest.theirs)} | ${ratio(cold.cpu.ours, cold.cpu.theirs)} | ${ratio(c.client, c.theirs)} |`;

    const [parts, profile] = await timed('bundle parts and load profile', async () => [await composition(kind), loadProfile(kind, PROFILE_RUNS)] as const);
    out(`Where our cold start goes: the bundle's bytes by package (esbuild metafile), and a CPU profile of its load (median of ${PROFILE_RUNS}, ms).`);
    out();
    out('| Bundle part | bytes | | Load profile | ms |');
    out('|---|---:|---|---|---:|');
    for (let i = 0; i < Math.max(parts.length, profile.length); i++) {
      const [p, q] = [parts[i], profile[i]];
      out(`| ${p ? p.part : ''} | ${p ? fmt(p.value) : ''} | | ${q ? q.part : ''} | ${q ? fmt(q.value, 1) : ''} |`);
    }
    out();

    const figures = await timed('lifecycle', async () => ({ ours: await lifecycle(kind, 'ours'), theirs: await lifecycle(kind, 'theirs') }));
    out(`| Lifecycle event (median of ${LIFECYCLE_RUNS}) | ours API calls (mutating) | theirs API calls (mutating) | ours handler ms | theirs handler ms | time ratio |`);
    out('|---|---:|---:|---:|---:|---:|');
    for (const e of ['Create', 'Update', 'Delete']) {
      const [o, t] = [figures.ours[e], figures.theirs[e]];
      out(`| ${e} | ${o.calls} (${o.mutating}) | ${t.calls} (${t.mutating}) | ${fmt(o.handlerMs, 1)} | ${fmt(t.handlerMs, 1)} | ${ratio(o.handlerMs, t.handlerMs)} |`);
    }
    out();
  }

  const seconds = (performance.now() - started) / 1000;
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const load = os.loadavg().map((x) => x.toFixed(1)).join(', ');
  const header = [
    '# Benchmarks',
    '',
    `Measured by \`npm run bench${QUICK ? ' -- --quick' : ''}\` on ${new Date().toISOString().slice(0, 10)} in ${fmt(seconds)} s: ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, `
      + `${os.platform()} ${os.release()}, Node.js ${process.version}, aws-cdk-lib ${JSON.parse(fs.readFileSync(path.join(CDK_LIB, 'package.json'), 'utf-8')).version}; `
      + `load average at the end ${load} (the machine is shared: timings are medians, and noisy).`,
    'Each figure is ours next to an equivalent app built from aws-cdk-lib\'s `AwsCustomResource` doing the same job, and their ratio (ours ÷ theirs).',
    'Template bytes are the compact JSON of the synthesized template. Theirs names ARNs as literal strings, the fewest bytes an ARN can take.',
    `Cold starts are medians of ${COLD_RUNS} rounds, each running every process once; handler times run each event in a new Node.js process against the local model-checking endpoint (median of ${LIFECYCLE_RUNS}).`,
    '`npm run bench -- --quick` measures every figure with fewer repetitions, in about a minute, and writes bench-out/benchmarks.md instead of this file.',
    '',
    '| Ratio, ours ÷ theirs | simplest job: bytes per added instance | the same, small stack | complete job: bytes per added instance | the same, small stack | cold start (median) | cold start (fastest) | cold start (CPU time) | its floor: the SDK client alone |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...summary,
    '',
    '![Template bytes and resources against instances](benchmarks.svg)',
    '',
  ];
  const analysis = fs.readFileSync(path.join(__dirname, 'analysis.md'), 'utf-8');
  const target = QUICK ? path.join(ROOT, 'bench-out') : path.join(ROOT, 'docs');
  fs.mkdirSync(target, { recursive: true });
  fs.writeFileSync(path.join(target, 'benchmarks.svg'), await renderChart(chart));
  fs.writeFileSync(path.join(target, 'benchmarks.md'), [...header, ...lines, analysis].join('\n'));
  const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT }).toString().trim();
  console.log(`\nwrote ${path.relative(ROOT, target)}/benchmarks.md and benchmarks.svg (${commit}) in ${fmt(seconds)} s`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

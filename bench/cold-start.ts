/**
 * Cold start: from a new Node.js process to the handler being ready (its module loaded, its SDK client built),
 * ours against AwsCustomResource's handler with the client it loads, next to the floor under both: an empty
 * Node.js process, and Node.js loading only the SDK's core, bundled as our handlers are. Then where our time
 * goes: what the bundle is made of (esbuild's metafile) and a CPU profile of its load (`node --cpu-prof`).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { Kind } from './kinds';

// A plain CommonJS build script, shared with the bundle task.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { bundle, bundleSource } = require('../build-tools/bundle') as {
  bundle(kinds: string[], options: { outdir: string; metafileDir: string }): Promise<unknown>;
  bundleSource(contents: string, outfile: string): Promise<unknown>;
};

const ROOT = path.join(__dirname, '..');
const CDK_LIB = path.dirname(require.resolve('aws-cdk-lib/package.json'));
// Not exported by aws-cdk-lib's package.json: the file that AwsCustomResource's Lambda function runs.
export const THEIR_HANDLER = path.join(CDK_LIB, 'custom-resource-handlers', 'dist', 'custom-resources', 'aws-custom-resource-handler', 'index.js');

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
export const assetOf = (kind: Kind) => path.join(ROOT, 'assets', 'lambda', kind.asset, 'index', 'index.js');

/**
 * Runs `script` in a new Node.js process: the wall time from spawn to exit, and the CPU time (user and system, all
 * threads) the process used until the script's end, which other load on a shared machine disturbs much less.
 */
function run(script: string, nodeArgs: string[] = []): { wall: number; cpu: number } {
  const started = performance.now();
  const r = spawnSync(process.execPath, [...nodeArgs, '-e', `${script};const u=process.cpuUsage();process.stdout.write(String((u.user+u.system)/1000))`], {
    env: { ...process.env, NODE_NO_WARNINGS: '1', AWS_REGION: 'us-east-1' },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  if (r.status !== 0) throw new Error(`node -e ${script} failed`);
  return { wall: performance.now() - started, cpu: Number(r.stdout.toString()) };
}

const req = (file: string) => `require(${JSON.stringify(file)})`;

/** The SDK's core and the kind's client alone, bundled like a handler: what any handler of ours loads at least. */
async function floorBundles(kind: Kind, dir: string) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const clientClass = Object.keys(require(kind.sdkPackage)).find((k) => /^[A-Z]\w*Client$/.test(k));
  const smithy = path.join(dir, 'smithy-client.js');
  const client = path.join(dir, `${kind.asset}-client.js`);
  await bundleSource("import { Client } from '@smithy/smithy-client';\nexport const client = new Client({} as any);\n", smithy);
  await bundleSource(`import { ${clientClass} } from '${kind.sdkPackage}';\nimport { sdkConfig } from './lambda/core/sdk-config';\n`
    + `export const client = new ${clientClass}(sdkConfig());\n`, client);
  return { smithy, client, clientClass: clientClass! };
}

export interface ColdStart {
  readonly runs: number;
  /** Median wall times (ms) of each process, the fastest of ours and theirs (least disturbed by other load), median CPU times. */
  readonly median: Record<Target, number>;
  readonly fastest: Record<'ours' | 'theirs', number>;
  readonly cpu: Record<Target, number>;
  readonly clientClass: string;
  readonly ourBytes: number;
  readonly theirBytes: number;
}

type Target = 'node' | 'ours' | 'theirs' | 'theirsLoadOnly' | 'smithy' | 'client';

/** Medians over `runs` rounds; each round runs every process once, so that load on the machine hits all alike. */
export async function coldStart(kind: Kind, runs: number): Promise<ColdStart> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-floor-'));
  try {
    const floor = await floorBundles(kind, dir);
    const targets: Record<Target, string> = {
      node: '',
      // Ours builds its client when its module loads.
      ours: req(assetOf(kind)),
      // AwsCustomResource's handler loads the client from the Lambda runtime's node_modules at its first event, and
      // builds it there: it is ready to call once it has done both.
      theirs: `${req(THEIR_HANDLER)}; new (${req(kind.sdkPackage)}.${floor.clientClass})({})`,
      theirsLoadOnly: `${req(THEIR_HANDLER)}; ${req(kind.sdkPackage)}`,
      smithy: req(floor.smithy),
      client: req(floor.client),
    };
    type Sample = ReturnType<typeof run>;
    const samples = Object.fromEntries(Object.keys(targets).map((k) => [k, [] as Sample[]])) as Record<Target, Sample[]>;
    for (let i = 0; i < runs; i++) {
      for (const [k, script] of Object.entries(targets)) samples[k as Target].push(run(script));
    }
    const medians = (of: 'wall' | 'cpu') => Object.fromEntries(Object.entries(samples).map(([k, xs]) => [k, median(xs.map((x) => x[of]))])) as Record<Target, number>;
    const fastest = (k: Target) => Math.min(...samples[k].map((x) => x.wall));
    return {
      runs,
      median: medians('wall'),
      fastest: { ours: fastest('ours'), theirs: fastest('theirs') },
      cpu: medians('cpu'),
      clientClass: floor.clientClass,
      ourBytes: fs.statSync(assetOf(kind)).size,
      theirBytes: fs.statSync(THEIR_HANDLER).size,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export interface Share {
  readonly part: string;
  readonly value: number;
}

/** What the bundle is made of, from esbuild's metafile: bytes of output per package group. */
export async function composition(kind: Kind): Promise<Share[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-meta-'));
  try {
    // The same build as the asset's, into a temporary folder: esbuild's metafile never lands in assets/.
    await bundle([kind.asset], { outdir: dir, metafileDir: dir });
    const meta = JSON.parse(fs.readFileSync(path.join(dir, `${kind.asset}.json`), 'utf-8'));
    const inputs = (Object.values(meta.outputs)[0] as any).inputs as Record<string, { bytesInOutput: number }>;
    const groups = new Map<string, number>();
    for (const [file, { bytesInOutput }] of Object.entries(inputs)) {
      const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1];
      const group = !pkg ? 'our code (lambda/, src/private/rules/)'
        : pkg === kind.sdkPackage ? `${pkg} (the client, its used schemas and errors)`
          : ['@smithy/core', '@aws-sdk/core'].includes(pkg) ? pkg : 'other SDK packages';
      groups.set(group, (groups.get(group) ?? 0) + bytesInOutput);
    }
    return [...groups].map(([part, value]) => ({ part, value })).sort((a, b) => b.value - a.value);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A CPU profile of loading the bundle (`node --cpu-prof`, 100 µs samples), self time summed by what ran: V8
 * compiling the bundle, the bundle's own code (the SDK's module setup and the client's constructor), the Node.js
 * built-in modules it requires, the garbage collector, and the rest (Node.js starting up and its module loader,
 * which an empty process runs too). Median of `runs` profiles for each part; the profile starts after bootstrap.
 */
export function loadProfile(kind: Kind, runs: number): Share[] {
  const asset = assetOf(kind);
  const bundleUrl = pathToFileURL(asset).href;
  const COMPILE = new Set(['wrapSafe', 'compileFunctionForCJSLoader', 'compileFunction']);
  const perRun: Record<string, number>[] = [];
  for (let i = 0; i < runs; i++) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-prof-'));
    try {
      run(req(asset), ['--cpu-prof', '--cpu-prof-interval', '100', '--cpu-prof-dir', dir]);
      const profile = JSON.parse(fs.readFileSync(path.join(dir, fs.readdirSync(dir)[0]), 'utf-8'));
      const selfUs = new Map<number, number>();
      profile.samples.forEach((id: number, j: number) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[j] ?? 0)));
      const byId = new Map<number, any>(profile.nodes.map((n: any) => [n.id, n]));
      const parent = new Map<number, number>();
      for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
      const ofBundle = (n: any) => n.callFrame.url === bundleUrl || COMPILE.has(n.callFrame.functionName);
      const insideBundle = (id: number): boolean => {
        for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) if (ofBundle(byId.get(at))) return true;
        return false;
      };
      const parts: Record<string, number> = {};
      for (const node of profile.nodes) {
        const { url, functionName } = node.callFrame;
        const part = url === bundleUrl ? 'the bundle\'s code (SDK module setup, the client\'s constructor)'
          : COMPILE.has(functionName) ? 'V8 compiling the bundle'
            : functionName === '(garbage collector)' ? 'garbage collector'
              : insideBundle(node.id) ? 'Node.js built-in modules the bundle requires'
                : 'the rest (Node.js startup and module loader, V8, idle)';
        parts[part] = (parts[part] ?? 0) + (selfUs.get(node.id) ?? 0) / 1000;
      }
      perRun.push(parts);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  const names = [...new Set(perRun.flatMap((p) => Object.keys(p)))];
  return names.map((part) => ({ part, value: median(perRun.map((p) => p[part] ?? 0)) })).sort((a, b) => b.value - a.value);
}

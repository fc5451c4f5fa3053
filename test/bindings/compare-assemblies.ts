/**
 * Compares the cloud assembly an app in another jsii language synthesized with the TypeScript example's
 * (example/cdk.out), and lists every difference. Run as a script, it exits 1 on any difference:
 *
 *   ts-node test/bindings/compare-assemblies.ts example/cdk.out example/python/cdk.out python
 *
 * Compared byte for byte: every template, every asset manifest, every file of every asset (the handler bundles),
 * and every other file of the assembly. A template or manifest that differs is then parsed to name the JSON paths
 * that differ, key order included. Two things legitimately differ and are left out:
 * - `tree.json`: the TypeScript example loads the library from `src/`, so its constructs carry no jsii type
 *   information (`constructs.Construct`), where a jsii language sees `cdk-contact-center-resources.<Class>`.
 * - `minimumCliVersion` in `manifest.json`: it comes from @aws-cdk/cloud-assembly-schema, which each package
 *   manager resolves on its own (npm's lockfile, pip's newest, the exact version in aws-cdk-lib's Maven pom).
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

/** Files of a cloud assembly that legitimately differ between languages (see above). */
const LEFT_OUT = new Set(['tree.json']);
/** Keys of manifest.json that legitimately differ between languages (see above). */
const MANIFEST_LEFT_OUT = ['minimumCliVersion'];
/** A template that differs everywhere would bury the first difference: report this many paths per file. */
const MAX_PATHS = 20;

export interface Comparison {
  /** One line per difference, empty when the assemblies are the same. */
  readonly differences: string[];
  readonly filesCompared: number;
  readonly assets: number;
  readonly resources: number;
}

export function compareAssemblies(expectedDir: string, actualDir: string): Comparison {
  const differences: string[] = [];
  const expected = listFiles(expectedDir);
  const actual = listFiles(actualDir);
  for (const file of expected.filter((f) => !actual.includes(f))) differences.push(`${file}: missing`);
  for (const file of actual.filter((f) => !expected.includes(f))) differences.push(`${file}: not in the TypeScript example's assembly`);

  const common = expected.filter((f) => actual.includes(f));
  for (const file of common) {
    const a = fs.readFileSync(path.join(expectedDir, file));
    const b = fs.readFileSync(path.join(actualDir, file));
    if (file === 'manifest.json') {
      differences.push(...jsonDifferences(file, withoutKeys(JSON.parse(a.toString('utf-8'))), withoutKeys(JSON.parse(b.toString('utf-8')))));
    } else if (!a.equals(b)) {
      differences.push(...(file.endsWith('.json') && !file.startsWith('asset.')
        ? jsonDifferences(file, JSON.parse(a.toString('utf-8')), JSON.parse(b.toString('utf-8')), true)
        : [`${file}: bytes differ (sha256 ${sha256(a)} in TypeScript, ${sha256(b)} here)`]));
    }
  }
  const assets = new Set(common.filter((f) => f.startsWith('asset.')).map((f) => f.split('/')[0])).size;
  const resources = common.filter((f) => f.endsWith('.template.json'))
    .reduce((n, f) => n + Object.keys(JSON.parse(fs.readFileSync(path.join(expectedDir, f), 'utf-8')).Resources ?? {}).length, 0);
  return { differences, filesCompared: common.length, assets, resources };
}

/** Every file of the assembly, relative to it, sorted, without those left out. */
function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) throw new Error(`${dir}: no cloud assembly there (was the app synthesized?)`);
  const walk = (rel: string): string[] => fs.readdirSync(path.join(dir, rel), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(path.join(rel, e.name)) : [path.join(rel, e.name)]));
  return walk('').filter((f) => !LEFT_OUT.has(f)).sort();
}

function withoutKeys(manifest: Record<string, unknown>): Record<string, unknown> {
  const copy = { ...manifest };
  for (const key of MANIFEST_LEFT_OUT) delete copy[key];
  return copy;
}

/**
 * The JSON paths at which two documents differ: a value, a type (such as `120` against `"120"`, or a token that
 * arrived as a string), a missing or extra key, or, when `keyOrder` is set, the order of an object's keys.
 */
export function jsonDifferences(file: string, expected: unknown, actual: unknown, keyOrder = false): string[] {
  const found: string[] = [];
  const visit = (at: string, a: unknown, b: unknown): void => {
    if (isObject(a) && isObject(b)) {
      const ka = Object.keys(a);
      const kb = Object.keys(b);
      for (const k of ka.filter((key) => !(key in b))) found.push(`${file}: ${at}${segment(k)}: missing (TypeScript has ${show(a[k])})`);
      for (const k of kb.filter((key) => !(key in a))) found.push(`${file}: ${at}${segment(k)}: not in TypeScript (here ${show(b[k])})`);
      for (const k of ka.filter((key) => key in b)) visit(`${at}${segment(k)}`, a[k], b[k]);
      const shared = (keys: string[], other: object) => keys.filter((k) => k in other);
      if (keyOrder && shared(ka, b).join('\0') !== shared(kb, a).join('\0')) {
        found.push(`${file}: ${at || '(top)'}: keys in another order: TypeScript ${show(shared(ka, b))}, here ${show(shared(kb, a))}`);
      }
    } else if (Array.isArray(a) && Array.isArray(b)) {
      if (a.length !== b.length) found.push(`${file}: ${at}: ${a.length} items in TypeScript, ${b.length} here: ${show(a)} against ${show(b)}`);
      else a.forEach((item, i) => visit(`${at}[${i}]`, item, b[i]));
    } else if (a !== b) {
      found.push(`${file}: ${at}: TypeScript has ${show(a)}, here ${show(b)}`);
    }
  };
  visit('', expected, actual);
  if (found.length === 0 && keyOrder) found.push(`${file}: bytes differ, but not its JSON (whitespace?)`);
  return found.length > MAX_PATHS ? [...found.slice(0, MAX_PATHS), `${file}: ... and ${found.length - MAX_PATHS} more differences`] : found;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const segment = (key: string) => (/^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`);
const sha256 = (data: Buffer) => crypto.createHash('sha256').update(data).digest('hex').slice(0, 16);
function show(value: unknown): string {
  const text = JSON.stringify(value);
  return text.length > 200 ? `${text.slice(0, 200)}...` : text;
}

if (require.main === module) {
  const [expectedDir, actualDir, label = path.basename(path.dirname(path.resolve(actualDir ?? '.')))] = process.argv.slice(2);
  if (!expectedDir || !actualDir) {
    console.error('usage: compare-assemblies.ts <TypeScript cdk.out> <other cdk.out> [label]');
    process.exit(2);
  }
  const result = compareAssemblies(expectedDir, actualDir);
  if (result.differences.length > 0) {
    console.error(`FAIL: ${label}: the cloud assembly in ${actualDir} differs from the TypeScript example's (${expectedDir}):`);
    for (const line of result.differences) console.error(`  ${line}`);
    process.exit(1);
  }
  console.log(`${label}: same cloud assembly as the TypeScript example: ${result.resources} resources, ${result.assets} handler assets, `
    + `${result.filesCompared} files byte for byte (tree.json and manifest.json's minimumCliVersion left out)`);
}

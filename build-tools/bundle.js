#!/usr/bin/env node
/**
 * Bundles the handler of each kind with esbuild, together with its pinned AWS SDK v3 client, into
 * assets/lambda/<kind>/index/index.js (what the npm package ships and the constructs deploy).
 *
 *   node build-tools/bundle.js <kind>...                        writes the assets
 *   node build-tools/bundle.js --outdir DIR --metafile DIR <kind>...  writes elsewhere, with esbuild's metafiles
 *   node build-tools/bundle.js --verify-schemas                  checks that the rewrite below changes no schema
 *
 * Two things keep the cold start short (docs/benchmarks.md, "Cold start"; measured, not assumed):
 * - Schema keys as literals. Each SDK client keeps the schema of every operation of its service in one
 *   module (schemas_0.js), as arrays whose trait objects use computed keys (`{ [_h]: ... }`, with
 *   `const _h = "http"`). esbuild cannot prove such a key free of side effects, so it keeps every schema:
 *   188 KB of Amazon Connect's 397 operations in a handler that calls two. Written as the same string
 *   literals, the unused schemas are tree-shaken. The objects are the same, key for key: `--verify-schemas`
 *   (run before every bundle) loads each installed client's schema modules both ways and compares them.
 * - Providers that Lambda never needs are replaced: the default credential chain by the environment
 *   provider (lambda/core/lambda-credentials.ts), and the event-stream codec, which no operation of ours
 *   uses, by a module that fails clearly if one ever did (lambda/core/no-event-streams.ts).
 */
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');

const ROOT = path.join(__dirname, '..');

/** esbuild's options for one kind; `outdir` holds `<kind>/index/index.js`. */
function buildOptions(kind, outdir) {
  return { ...commonOptions(), entryPoints: [path.join(ROOT, 'lambda', kind, 'index.ts')], outfile: path.join(outdir, kind, 'index', 'index.js') };
}

/** The options every handler bundle is built with (the bench builds its floor measurements with them too). */
function commonOptions() {
  return {
    bundle: true,
    platform: 'node',
    target: 'node22',
    minify: true,
    // Module-first resolution lets esbuild tree-shake the SDK's ES modules: smaller asset, faster cold start.
    mainFields: ['module', 'main'],
    tsconfig: path.join(ROOT, 'lambda', 'tsconfig.json'),
    alias: {
      '@aws-sdk/credential-provider-node': path.join(ROOT, 'lambda', 'core', 'lambda-credentials.ts'),
      '@smithy/core/event-streams': path.join(ROOT, 'lambda', 'core', 'no-event-streams.ts'),
    },
    plugins: [literalSchemaKeys],
    logLevel: 'warning',
  };
}

/** Bundles TypeScript source that is not a handler (imports resolve from the repository), as the handlers are bundled. */
async function bundleSource(contents, outfile) {
  await esbuild.build({ ...commonOptions(), stdin: { contents, resolveDir: ROOT, loader: 'ts', sourcefile: 'entry.ts' }, outfile });
}

const SCHEMA_MODULE = /[\\/]@aws-sdk[\\/]client-[^\\/]+[\\/]dist-es[\\/]schemas[\\/]schemas_\d+\.js$/;

/** Rewrites `{ [_h]: x }` as `{ "http": x }` in the SDK's schema modules, so that esbuild can drop unused schemas. */
const literalSchemaKeys = {
  name: 'literal-schema-keys',
  setup(build) {
    build.onLoad({ filter: SCHEMA_MODULE }, async (args) => {
      return { contents: literalKeys(await fs.promises.readFile(args.path, 'utf8'), args.path), loader: 'js' };
    });
  },
};

/** The rewrite itself: only keys that name a top-level string constant of the module, only in key position. */
function literalKeys(source, file) {
  const strings = new Map();
  for (const m of source.matchAll(/^const (_\w+) = ("(?:[^"\\\n]|\\.)*");$/gm)) strings.set(m[1], m[2]);
  const out = source.replace(/([{,]\s*)\[(_\w+)\]:/g, (all, before, name) => (strings.has(name) ? `${before}${strings.get(name)}:` : all));
  const left = [...out.matchAll(/[{,]\s*\[(_\w+)\]:/g)].map((m) => m[1]);
  if (left.length > 0) {
    // The SDK changed how it writes schemas: fail loudly rather than silently ship every schema again.
    throw new Error(`${file}: computed schema keys that are not string constants: ${[...new Set(left)].join(', ')}; update build-tools/bundle.js`);
  }
  return out;
}

/**
 * Proves the rewrite harmless for the installed clients: each schema module, loaded as published and as rewritten,
 * exports the same values, member for member and in the same order (schema references followed, error classes by
 * name). Returns what differs, if anything.
 */
async function verifySchemaKeys() {
  const clients = fs.readdirSync(path.join(ROOT, 'node_modules', '@aws-sdk')).filter((d) => d.startsWith('client-'));
  const problems = [];
  for (const client of clients) {
    const dir = path.join(ROOT, 'node_modules', '@aws-sdk', client, 'dist-es', 'schemas');
    if (!fs.existsSync(dir)) continue;
    for (const file of fs.readdirSync(dir).filter((f) => /^schemas_\d+\.js$/.test(f)).map((f) => path.join(dir, f))) {
      const [published, rewritten] = await Promise.all([false, true].map((rewrite) => loadModule(file, rewrite)));
      const difference = differs(published, rewritten, `${client}/${path.basename(file)}`, new Set());
      if (difference) problems.push(difference);
      else console.log(`  ${client}/${path.basename(file)}: ${Object.keys(published).length} schemas, the same with literal keys`);
    }
  }
  return problems;
}

async function loadModule(file, rewrite) {
  const result = await esbuild.build({
    entryPoints: [file], bundle: true, platform: 'node', format: 'cjs', write: false, mainFields: ['module', 'main'], logLevel: 'warning',
    plugins: rewrite ? [literalSchemaKeys] : [],
  });
  const module = { exports: {} };
  new Function('module', 'exports', 'require', result.outputFiles[0].text)(module, module.exports, require);
  return module.exports;
}

function differs(a, b, at, seen) {
  if (typeof a === 'function' && typeof b === 'function') {
    // Schemas refer to each other through thunks (`() => Other$`); error classes are compared by name.
    const thunk = a.length === 0 && !/^class\b/.test(Function.prototype.toString.call(a));
    return thunk ? differs(a(), b(), `${at}()`, seen) : a.name === b.name ? undefined : `${at}: ${a.name} against ${b.name}`;
  }
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return a === b ? undefined : `${at}: ${String(a)} against ${String(b)}`;
  if (seen.has(a)) return undefined;
  seen.add(a);
  const [ka, kb] = [Object.keys(a), Object.keys(b)];
  if (ka.join() !== kb.join()) return `${at}: members ${ka.join(',')} against ${kb.join(',')}`;
  for (const k of ka) {
    const d = differs(a[k], b[k], `${at}.${k}`, seen);
    if (d) return d;
  }
  return undefined;
}

async function bundle(kinds, { outdir = path.join(ROOT, 'assets', 'lambda'), metafileDir } = {}) {
  const results = await Promise.all(kinds.map(async (kind) => {
    const result = await esbuild.build({ ...buildOptions(kind, outdir), metafile: Boolean(metafileDir) });
    if (metafileDir) {
      fs.mkdirSync(metafileDir, { recursive: true });
      fs.writeFileSync(path.join(metafileDir, `${kind}.json`), JSON.stringify(result.metafile));
    }
    const file = buildOptions(kind, outdir).outfile;
    return { kind, file, bytes: fs.statSync(file).size };
  }));
  return results;
}

module.exports = { bundle, bundleSource };

if (require.main === module) {
  const args = process.argv.slice(2);
  const option = (name) => {
    const i = args.indexOf(name);
    return i < 0 ? undefined : args.splice(i, 2)[1];
  };
  if (args.includes('--verify-schemas')) {
    verifySchemaKeys().then((problems) => {
      for (const p of problems) console.error(`the literal-key rewrite changes a schema: ${p}`);
      process.exit(problems.length > 0 ? 1 : 0);
    });
    return;
  }
  const outdir = option('--outdir');
  const metafileDir = option('--metafile');
  if (args.length === 0) {
    console.error('usage: node build-tools/bundle.js [--outdir DIR] [--metafile DIR] <kind>...');
    process.exit(2);
  }
  bundle(args, { outdir: outdir && path.resolve(outdir), metafileDir: metafileDir && path.resolve(metafileDir) })
    .then((results) => {
      for (const r of results) console.log(`  ${path.relative(process.cwd(), r.file)}  ${(r.bytes / 1024).toFixed(1)} KB`);
    })
    .catch((err) => {
      console.error(err.message ?? err);
      process.exit(1);
    });
}

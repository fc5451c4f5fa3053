import * as fs from 'fs';
import { awscdk, javascript, JsonFile, ReleasableCommits } from 'projen';

/**
 * aws-cdk-lib 2.245.0 is the floor, chosen on purpose:
 * - 2.197+ is needed so that CDK's own provider Lambdas run on nodejs22.x (cfn-lint E2533 rejects nodejs20.x);
 * - 2.245.0 is the newest release with a matching `@aws-cdk/integ-tests-alpha` on the registry,
 *   and it offers `Runtime.NODEJS_24_X`, the newest runtime cfn-lint 1.51 accepts.
 */
const CDK_VERSION = '2.245.0';
const INTEG_TESTS_ALPHA = `${CDK_VERSION}-alpha.0`;
const INTEG_RUNNER = '2.197.10';
/** AWS SDK v3 clients are bundled into the handler assets at these exact versions. */
const SDK_CLIENTS = {
  'client-connect': '3.1136.0',
  'client-customer-profiles': '3.1019.0',
  'client-chime-sdk-voice': '3.1136.0',
  // The long-wait engine's continuation (lambda/core/self-invoke.ts): bundled only into handlers that wait.
  'client-lambda': '3.1136.0',
  // The core checks each request against CloudFormation's record of its own stack (lambda/core/stack-record.ts).
  'client-cloudformation': '3.1136.0',
  // OutboundVoiceContact reads its destination number from a parameter at deploy time.
  'client-ssm': '3.1136.0',
};

const project = new awscdk.AwsCdkConstructLibrary({
  name: 'cdk-contact-center-resources',
  description: 'AWS CDK constructs for the Amazon Connect, Customer Profiles and Chime SDK Voice settings that CloudFormation does not cover: typed, validated at synth time, least-privilege, and safe to update and delete.',
  author: 'cdk-contact-center-resources maintainers',
  authorAddress: 'maintainers@example.com',
  repositoryUrl: 'https://github.com/cdk-contact-center-resources/cdk-contact-center-resources.git',
  keywords: ['cdk', 'aws-cdk', 'amazon-connect', 'customer-profiles', 'chime-sdk-voice', 'custom-resource'],
  defaultReleaseBranch: 'main',
  cdkVersion: CDK_VERSION,
  constructsVersion: '10.5.1',
  jsiiVersion: '~6.0.0',
  typescriptVersion: '~6.0.0',
  minNodeVersion: '20.0.0',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  releasableCommits: ReleasableCommits.featuresAndFixes(),

  publishToPypi: {
    distName: 'cdk-contact-center-resources',
    module: 'cdk_contact_center_resources',
  },
  publishToMaven: {
    javaPackage: 'io.github.cdkcontactcenterresources',
    mavenGroupId: 'io.github.cdk-contact-center-resources',
    mavenArtifactId: 'cdk-contact-center-resources',
  },
  publishToNuget: {
    dotNetNamespace: 'CdkContactCenterResources',
    packageId: 'CdkContactCenterResources',
  },
  publishToGo: {
    moduleName: 'github.com/cdk-contact-center-resources/cdk-contact-center-resources-go',
  },

  devDeps: [
    `@aws-cdk/integ-tests-alpha@${INTEG_TESTS_ALPHA}`,
    `@aws-cdk/integ-runner@${INTEG_RUNNER}`,
    ...Object.entries(SDK_CLIENTS).map(([client, version]) => `@aws-sdk/${client}@${version}`),
    // Replaces the SDK's default credential chain in the bundles (see lambda/core/lambda-credentials.ts).
    '@aws-sdk/credential-provider-env@3.972.84',
    '@types/aws-lambda@^8.10.145',
    // The security tests run AwsSolutionsChecks. 2.38.2 is the newest cdk-nag whose peer range (^2.176) accepts our
    // aws-cdk-lib floor; cdk-nag 3.x needs aws-cdk-lib ^2.257.
    'cdk-nag@2.38.2',
    'esbuild@^0.28.0',
    // The bench suite's chart (bench/chart.ts).
    'vega@^6.4.0',
    'vega-lite@^6.5.0',
  ],

  jestOptions: {
    // Snapshots, if any, must fail on drift rather than being rewritten by the test run.
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    jestConfig: {
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      // test/nag3 is its own project (cdk-nag 3 with a current aws-cdk-lib): `npx projen test:nag3`.
      testPathIgnorePatterns: ['/node_modules/', '/cdk.out/', '\\.snapshot/', '/test/nag3/'],
      modulePathIgnorePatterns: ['<rootDir>/test/nag3/'],
      coveragePathIgnorePatterns: ['/node_modules/', '/test/'],
    },
  },
  gitignore: ['cdk.out/', 'example/cdk.out/', '*.d.ts.map', '/.tmp/', 'test/integ/cdk-integ.out.*', '/bench-out/', '/.ci-out/', '.jsii.tabl.json'],
});

// The registry here is a partial mirror: unrs-resolver 1.13 lacks its non-Linux bindings, so `npm ci` would fail.
project.package.addPackageResolutions('unrs-resolver@1.12.2');

/* ---------------------------------------------------------------------------------------------
 * Handlers: every folder under lambda/ (except the shared core) is one handler kind, bundled by
 * esbuild with its pinned SDK client into assets/lambda/<kind>/index.js, which ships in the npm package.
 * ------------------------------------------------------------------------------------------- */
new JsonFile(project, 'lambda/tsconfig.json', {
  obj: {
    extends: '../tsconfig.json',
    compilerOptions: { rootDir: '..', noEmit: true, types: ['node'] },
    include: ['./**/*.ts', '../src/private/rules/**/*.ts'],
  },
});
// Example and bench apps are type-checked (and linted) against the sources, like the tests.
for (const dir of ['example', 'bench']) {
  new JsonFile(project, `${dir}/tsconfig.json`, {
    obj: { extends: '../tsconfig.json', compilerOptions: { rootDir: '..', noEmit: true }, include: ['./**/*.ts', '../src/**/*.ts'] },
  });
}
const handlerKinds = fs.readdirSync('lambda', { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name !== 'core' && fs.existsSync(`lambda/${d.name}/index.ts`))
  .map((d) => d.name)
  .sort();
project.preCompileTask.exec('tsc --noEmit -p lambda/tsconfig.json', { name: 'type-check handlers' });
// esbuild runs through build-tools/bundle.js (its options and why are there): its plugin makes the SDK's
// schema modules tree-shakeable, which the esbuild command line cannot do. Every bundle run first proves that
// this rewrite changes no schema of the installed clients (about a second).
project.bundler.bundleTask.exec('node build-tools/bundle.js --verify-schemas', { name: 'the literal-key rewrite changes no SDK schema' });
for (const kind of handlerKinds) {
  project.bundler.bundleTask.spawn(project.addTask(`bundle:lambda/${kind}/index`, {
    description: `Bundle the ${kind} handler into assets/lambda/${kind}/index/index.js`,
    exec: `node build-tools/bundle.js ${kind}`,
  }));
}
project.eslint?.addLintPattern('lambda');
// Handler code bundles its SDK clients, which are dev dependencies of the library on purpose.
project.eslint?.addOverride({ files: ['lambda/**/*.ts', 'example/**/*.ts', 'bench/**/*.ts'], rules: { 'import/no-extraneous-dependencies': ['error', { devDependencies: true }] } });
// The rules are bundled into the handlers and run at deploy: they must not pull in aws-cdk-lib or constructs.
project.eslint?.addOverride({
  files: ['src/private/rules/**/*.ts', 'lambda/**/*.ts'],
  rules: {
    'no-restricted-imports': ['error', {
      patterns: [{ group: ['aws-cdk-lib', 'aws-cdk-lib/*', 'constructs'], message: 'The rules and handlers are bundled into the Lambda assets: they must not import aws-cdk-lib or constructs.' }],
    }],
  },
});
project.eslint?.addLintPattern('example');
project.eslint?.addLintPattern('bench');
project.eslint?.addIgnorePattern('test/integ/*.snapshot/');
project.eslint?.addIgnorePattern('test/nag3/');
for (const p of ['/lambda/', '/example/', '/.ci/', '/bench/', '/build-tools/', '/docs/', '/rosetta/', 'cdk.out/']) project.npmignore?.exclude(p);
project.npmignore?.include('/assets/');

// The test suite builds the handler assets first, so that it works on a fresh clone.
project.testTask.prependSpawn(project.bundler.bundleTask);

/* ---------------------------------------------------------------------------------------------
 * integ-runner snapshots, made and verified offline (--dry-run never deploys).
 * ------------------------------------------------------------------------------------------- */
const integEnv = { TS_NODE_TRANSPILE_ONLY: 'true', TS_NODE_PROJECT: 'test/tsconfig.json' };
const integ = project.addTask('integ', {
  description: 'Verify the integ-runner snapshots under test/integ (offline)',
  env: integEnv,
  exec: 'integ-runner --directory test/integ --language typescript --parallel-regions us-east-1',
  receiveArgs: true,
});
project.addTask('integ:update', {
  description: 'Rewrite the integ-runner snapshots under test/integ (offline, never deploys)',
  env: integEnv,
  exec: 'integ-runner --directory test/integ --language typescript --parallel-regions us-east-1 --update-on-failed --dry-run --force',
  receiveArgs: true,
});
project.testTask.spawn(integ);

/* ---------------------------------------------------------------------------------------------
 * The main job for a new user: synthesize the example app and describe the template.
 * ------------------------------------------------------------------------------------------- */
const example = project.addTask('example', {
  description: 'Synthesize the example contact-center app to CloudFormation and summarize the template',
  env: { TS_NODE_TRANSPILE_ONLY: 'true' },
});
example.spawn(project.bundler.bundleTask);
example.exec('ts-node --project example/tsconfig.json example/synth.ts');

/* ---------------------------------------------------------------------------------------------
 * Benchmarks, side by side with AwsCustomResource. Never part of the test run.
 * ------------------------------------------------------------------------------------------- */
const bench = project.addTask('bench', {
  description: 'Measure template size, synth time, cold start and API calls against AwsCustomResource; writes docs/benchmarks.md '
    + '(with --quick: fewer repetitions, about a minute, writes bench-out/benchmarks.md)',
  env: { TS_NODE_TRANSPILE_ONLY: 'true' },
});
bench.spawn(project.bundler.bundleTask);
bench.exec('ts-node --project bench/tsconfig.json bench/run.ts', { receiveArgs: true });
// Global Resiliency: 10,000 agents in one traffic distribution group (calls, time under Connect's rate, resources).
const benchUsers = project.addTask('bench:users', {
  description: 'Deploy 10,000 agents through TrafficDistributionGroupUsers at Connect\'s documented rate (time compressed); writes docs/scale-users.md',
  env: { TS_NODE_TRANSPILE_ONLY: 'true' },
});
benchUsers.spawn(project.bundler.bundleTask);
benchUsers.exec('ts-node --project bench/tsconfig.json bench/users-scale.ts');
project.addTask('bench:engine', {
  description: 'Count the fixed resources of the long-wait engine next to custom_resources.Provider with isCompleteHandler',
  env: { TS_NODE_TRANSPILE_ONLY: 'true' },
  exec: 'ts-node --project bench/tsconfig.json bench/engine-cost.ts',
});

/* ---------------------------------------------------------------------------------------------
 * The README's examples compile (jsii-rosetta --fail) and are rendered in Python for the docs.
 * ------------------------------------------------------------------------------------------- */
const pythonReadme = project.addTask('docs:python', {
  description: 'Compile the README examples with jsii-rosetta and render the README in Python (docs/README.python.md)',
  env: { JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION: '20' },
});
pythonReadme.exec('jsii-rosetta extract --compile --fail');
pythonReadme.exec('jsii-rosetta transliterate --language python --tablet .jsii.tabl.json --strict .');
pythonReadme.exec('node build-tools/python-readme.js');
project.postCompileTask.spawn(pythonReadme);

/* ---------------------------------------------------------------------------------------------
 * cdk-nag 3 needs aws-cdk-lib ^2.257, above the library's floor (cdk-nag 2 runs in the jest suite). test/nag3 is
 * its own project, pinned by its own lockfile, and tests the packed library (dist/js), so that one aws-cdk-lib is
 * loaded. The library is packed again first when dist/js is missing or older than the sources.
 * ------------------------------------------------------------------------------------------- */
const nag3 = project.addTask('test:nag3', {
  description: 'Run cdk-nag 3 (AwsSolutions, HIPAA, PCI DSS 3.2.1, NIST 800-53 R5, Serverless) over the packed library with a current aws-cdk-lib',
  env: { JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION: '20' },
});
const stale = 'node build-tools/packed-library-stale.js';
for (const step of ['pre-compile', 'compile', 'package:js']) nag3.spawn(project.tasks.tryFind(step)!, { condition: stale });
nag3.exec('npm ci --no-audit --no-fund', { cwd: 'test/nag3' });
nag3.exec('npm install --no-save --no-audit --no-fund ../../dist/js/*.tgz', { cwd: 'test/nag3' });
// The installed copy goes again, pass or fail: jsii-docgen would otherwise document it instead of the sources.
nag3.exec('npm test -- --ci || (rm -rf node_modules/cdk-contact-center-resources && exit 1)', { cwd: 'test/nag3' });
nag3.exec('rm -rf node_modules/cdk-contact-center-resources', { cwd: 'test/nag3' });
project.buildWorkflow?.addPostBuildSteps({ name: 'cdk-nag 3 over the packed library', run: 'npx projen test:nag3' });

project.addTask('models:update', {
  description: 'Regenerate the API model extracts under test/support/models from the installed botocore',
  exec: 'python3 test/support/extract-models.py',
});

/* ---------------------------------------------------------------------------------------------
 * Real bindings (docs/languages.md): jsii-pacmak builds the Python wheel, the Java jar and the Go module;
 * the apps under example/{python,java,go} synthesize with them against aws-cdk-lib at the floor from their
 * own registries and must give the TypeScript example's cloud assembly byte for byte; the README's examples
 * compile and run in each language. Not part of `npm test`: they need Python, Java with Maven, Go and the
 * registries. .ci/run runs `bindings`.
 * ------------------------------------------------------------------------------------------- */
project.gitignore.addPatterns('/.bindings-out/', '/example/python/.venv/', '/example/java/target/', '__pycache__/');
const bindingSteps: Record<string, string> = {
  'bindings': 'Build the Python, Java and Go packages, prove each with its example app, and run the README examples in each language',
  'bindings:python': 'Build the Python wheel and compare example/python\'s template with the TypeScript example\'s',
  'bindings:java': 'Build the Java jar and compare example/java\'s template with the TypeScript example\'s',
  'bindings:go': 'Generate the Go module, build and vet it, and compare example/go\'s template with the TypeScript example\'s',
  'bindings:readme': 'Compile and run the README examples in Python, Java and Go (after bindings:python, :java and :go)',
};
for (const [name, description] of Object.entries(bindingSteps)) {
  const task = project.addTask(name, { description, env: { JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION: '20' } });
  task.spawn(project.bundler.bundleTask);
  task.spawn(project.compileTask);
  task.exec(`bash build-tools/bindings.sh ${name === 'bindings' ? 'python java go readme' : name.split(':')[1]}`);
}

project.synth();

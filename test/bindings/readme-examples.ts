/**
 * Turns the README's examples, as jsii-rosetta translated them (`jsii-rosetta extract --compile` writes them to
 * .jsii.tabl.json), into one program per language that declares every example in a stack of its own and
 * synthesizes them all, so that each language's own toolchain compiles and runs them against the built packages:
 *
 *   ts-node test/bindings/readme-examples.ts <outdir>
 *
 * writes <outdir>/python/readme_examples.py and <outdir>/java/readme/ReadmeExamples.java. The Python program also
 * runs the README's hand-written Python examples. The harness around the examples is what rosetta/default.ts-fixture
 * is to the TypeScript ones: the translated import example, the imports rosetta leaves out (App, Construct, Java's
 * List and Map), and a stack class per example. The examples themselves are rosetta's output, unchanged.
 *
 * Go is not generated here: jsii-rosetta 6.0's Go translations of these examples do not compile (see docs/languages.md),
 * so example/go/readme/main.go holds them written in Go by hand; this script fails when a README section with an
 * example has no Go version there, or the other way round.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

export interface ReadmeExample {
  /** The line of the README where the example starts. */
  readonly line: number;
  /** The TypeScript source, as it is in the README. */
  readonly typescript: string;
  /** Translations by rosetta language name: python, java, csharp, go. */
  readonly translations: { [language: string]: string };
}

/**
 * The README's examples from a rosetta tablet, in README order. Each is found in the README by its source (rosetta
 * keeps the line of a cached example from an earlier README), so a tablet of another README is an error.
 */
export function readmeExamples(tablet: any, readme: string): ReadmeExample[] {
  const examples: ReadmeExample[] = Object.values<any>(tablet.snippets)
    .filter((s) => s.location?.api?.api === 'moduleReadme')
    .map((s) => {
      const typescript: string = s.translations.$.source;
      const at = readme.indexOf(typescript);
      if (at < 0) throw new Error(`an example of the tablet is not in the README: run 'jsii' and 'jsii-rosetta extract --compile' again\n${typescript}`);
      return {
        line: readme.slice(0, at).split('\n').length,
        typescript,
        translations: Object.fromEntries(Object.entries<any>(s.translations).filter(([lang]) => lang !== '$').map(([lang, t]) => [lang, t.source])),
      };
    })
    .sort((a, b) => a.line - b.line);
  const blocks = [...readme.matchAll(/^```ts[^\n]*\n/gm)].length;
  if (examples.length !== blocks) {
    throw new Error(`the tablet holds ${examples.length} README examples, the README ${blocks}: run 'jsii' and 'jsii-rosetta extract --compile' again`);
  }
  return examples;
}

/** The README's hand-written ```python blocks. */
export function handWrittenPython(readme: string): string[] {
  return [...readme.matchAll(/^```python\n([\s\S]*?)^```/gm)].map((m) => m[1]);
}

/** The README section (its `## ` heading) of every ```ts example that declares something, not only imports. */
export function sectionsWithExamples(readme: string): string[] {
  const sections: string[] = [];
  let section = '(none)';
  let block: string[] | undefined;
  for (const line of readme.split('\n')) {
    if (block) {
      if (line.startsWith('```')) {
        if (!isImportsOnly(block.join('\n')) && !sections.includes(section)) sections.push(section);
        block = undefined;
      } else {
        block.push(line);
      }
    } else if (line.startsWith('## ')) {
      section = line.slice(3).trim();
    } else if (/^```ts\b/.test(line)) {
      block = [];
    }
  }
  return sections;
}

/** The sections example/go/readme/main.go declares examples for (its `section: "..."` entries). */
export function goSections(goSource: string): string[] {
  return [...goSource.matchAll(/\bsection:\s*"([^"]+)"/g)].map((m) => m[1]);
}

/** An example that only imports, such as the README's list of imports: it becomes the program's import header. */
function isImportsOnly(typescript: string): boolean {
  return ts.createSourceFile('example.ts', typescript, ts.ScriptTarget.Latest).statements.every(ts.isImportDeclaration);
}

const indent = (code: string, by: string) => code.split('\n').map((l) => (l.trim() ? by + l : l)).join('\n');

/** The Python program: every translated example and every hand-written one, each in its own stack, then a synth that checks each made resources. */
export function pythonProgram(examples: ReadmeExample[], handWritten: string[]): string {
  const imports = examples.filter((e) => isImportsOnly(e.typescript)).map((e) => e.translations.python);
  const stacks = [
    ...examples.filter((e) => !isImportsOnly(e.typescript)).map((e) => ({ name: `Translated${e.line}`, what: `README line ${e.line}, translated by jsii-rosetta`, code: e.translations.python })),
    ...handWritten.map((code, i) => ({ name: `HandWritten${i + 1}`, what: `README Python example ${i + 1}, hand-written`, code })),
  ];
  return [
    '# Generated by test/bindings/readme-examples.ts from the README and jsii-rosetta\'s translations. Do not edit.',
    'from aws_cdk import App, Stack',
    'from constructs import Construct',
    ...imports,
    '',
    ...stacks.flatMap((s) => [
      '',
      `class ${s.name}(Stack):`,
      `    """${s.what}"""`,
      '    def __init__(self, scope: Construct, construct_id: str) -> None:',
      '        super().__init__(scope, construct_id)',
      indent(s.code, '        '),
      '',
    ]),
    '',
    'app = App()',
    ...stacks.map((s) => `${s.name}(app, "${s.name}")`),
    'assembly = app.synth()',
    'for stack in assembly.stacks:',
    '    types = sorted({r["Type"] for r in stack.template["Resources"].values() if r["Type"].startswith("Custom::")})',
    '    if not types:',
    '        raise SystemExit(f"{stack.stack_name}: no custom resource of this library was synthesized")',
    '    print(f"  {stack.stack_name}: {len(stack.template[\'Resources\'])} resources, {\', \'.join(types)}")',
    `print(f"python: {len(assembly.stacks)} README examples ran (${stacks.length - handWritten.length} translated by jsii-rosetta, ${handWritten.length} hand-written)")`,
    '',
  ].join('\n');
}

/** The Java program: every translated example in its own stack class, then a synth that checks each made resources. */
export function javaProgram(examples: ReadmeExample[]): string {
  const imports = examples.filter((e) => isImportsOnly(e.typescript)).map((e) => e.translations.java);
  const stacks = examples.filter((e) => !isImportsOnly(e.typescript)).map((e) => ({ name: `Translated${e.line}`, line: e.line, code: e.translations.java }));
  return [
    '// Generated by test/bindings/readme-examples.ts from the README and jsii-rosetta\'s translations. Do not edit.',
    'package readme;',
    '',
    'import java.util.List;',
    'import java.util.Map;',
    'import software.amazon.awscdk.App;',
    'import software.amazon.awscdk.cxapi.CloudFormationStackArtifact;',
    'import software.constructs.Construct;',
    ...imports,
    '',
    'public final class ReadmeExamples {',
    ...stacks.flatMap((s) => [
      `    /** README line ${s.line}, translated by jsii-rosetta. */`,
      `    static final class ${s.name} extends Stack {`,
      `        ${s.name}(final Construct scope, final String id) {`,
      '            super(scope, id);',
      indent(s.code, '            '),
      '        }',
      '    }',
      '',
    ]),
    '    public static void main(final String[] args) {',
    '        App app = new App();',
    ...stacks.map((s) => `        new ${s.name}(app, "${s.name}");`),
    '        int examples = 0;',
    '        for (CloudFormationStackArtifact stack : app.synth().getStacks()) {',
    '            @SuppressWarnings("unchecked")',
    '            Map<String, Map<String, Object>> resources = (Map<String, Map<String, Object>>) ((Map<String, Object>) stack.getTemplate()).get("Resources");',
    '            long custom = resources.values().stream().filter(r -> String.valueOf(r.get("Type")).startsWith("Custom::")).count();',
    '            if (custom == 0) throw new IllegalStateException(stack.getStackName() + ": no custom resource of this library was synthesized");',
    '            System.out.println("  " + stack.getStackName() + ": " + resources.size() + " resources, " + custom + " custom");',
    '            examples++;',
    '        }',
    '        System.out.println("java: " + examples + " README examples ran (translated by jsii-rosetta)");',
    '    }',
    '}',
    '',
  ].join('\n');
}

if (require.main === module) {
  const [outdir, tabletFile = '.jsii.tabl.json', readmeFile = 'README.md', goFile = 'example/go/readme/main.go'] = process.argv.slice(2);
  if (!outdir) {
    console.error('usage: readme-examples.ts <outdir> [tablet] [README] [Go examples]');
    process.exit(2);
  }
  const readme = fs.readFileSync(readmeFile, 'utf-8');
  const examples = readmeExamples(JSON.parse(fs.readFileSync(tabletFile, 'utf-8')), readme);
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(outdir, file)), { recursive: true });
    fs.writeFileSync(path.join(outdir, file), text);
    console.log(`wrote ${path.join(outdir, file)}`);
  };
  write('python/readme_examples.py', pythonProgram(examples, handWrittenPython(readme)));
  write('java/readme/ReadmeExamples.java', javaProgram(examples));

  const expected = sectionsWithExamples(readme);
  const inGo = goSections(fs.readFileSync(goFile, 'utf-8'));
  const missing = expected.filter((s) => !inGo.includes(s));
  const extra = inGo.filter((s) => !expected.includes(s));
  if (missing.length || extra.length) {
    console.error(`FAIL: ${goFile} must hold one Go version of every README section with an example:`
      + `${missing.map((s) => `\n  missing: ${s}`).join('')}${extra.map((s) => `\n  no such README section: ${s}`).join('')}`);
    process.exit(1);
  }
  console.log(`${goFile}: a Go version of each of the ${expected.length} README sections with examples`);
}

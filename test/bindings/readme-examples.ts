/**
 * Turns the README's examples, as jsii-rosetta translated them (`jsii-rosetta extract --compile` writes them to
 * .jsii.tabl.json), into one program per language that declares every example in a stack of its own and
 * synthesizes them all, so that each language's own toolchain compiles and runs them against the built packages:
 *
 *   ts-node test/bindings/readme-examples.ts <outdir>
 *
 * writes <outdir>/python/readme_examples.py and <outdir>/java/readme/ReadmeExamples.java. The Python program also
 * runs the README's hand-written Python examples. The minimal app of each language in the README's Install section
 * goes to <outdir>/install/{python/app.py,java/ContactCenterApp.java,go/main.go}, the Go one in a module with
 * example/go's requirements. The harness around the examples is what rosetta/default.ts-fixture
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

/** The README's fenced blocks of one language, with the section (its `## ` heading) each is in. */
export function codeBlocks(readme: string, language: string): { section: string; code: string }[] {
  const blocks: { section: string; code: string }[] = [];
  let section = '(none)';
  let block: string[] | undefined;
  for (const line of readme.split('\n')) {
    if (block) {
      if (line.startsWith('```')) {
        blocks.push({ section, code: block.join('\n') });
        block = undefined;
      } else {
        block.push(line);
      }
    } else if (line.startsWith('## ')) {
      section = line.slice(3).trim();
    } else if (new RegExp(`^\`\`\`${language}\\b`).test(line)) {
      block = [];
    }
  }
  return blocks;
}

/** The section whose blocks are whole apps (the minimal app of each language), not code inside a stack. */
export const INSTALL_SECTION = 'Install';

/** The README's hand-written Python examples: its ```python blocks, but the minimal app. */
export function handWrittenPython(readme: string): string[] {
  return codeBlocks(readme, 'python').filter((b) => b.section !== INSTALL_SECTION).map((b) => b.code);
}

/** The minimal app of a language, from the Install section. */
export function installApp(readme: string, language: string): string {
  const apps = codeBlocks(readme, language).filter((b) => b.section === INSTALL_SECTION);
  if (apps.length !== 1) throw new Error(`the README's ${INSTALL_SECTION} section must hold one ${language} app, it holds ${apps.length}`);
  return `${apps[0].code}\n`;
}

/** The README section of every ```ts example that declares something, not only imports. */
export function sectionsWithExamples(readme: string): string[] {
  const sections = codeBlocks(readme, 'ts').filter((b) => !isImportsOnly(b.code)).map((b) => b.section);
  return [...new Set(sections)];
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
    // An example synthesizes something: a construct's custom resource, or what an import or the handler settings make.
    '    if not stack.template.get("Resources"):',
    '        raise SystemExit(f"{stack.stack_name}: the example synthesized nothing")',
    '    types = sorted({r["Type"] for r in stack.template["Resources"].values() if r["Type"].startswith("Custom::")})',
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
    '            if (resources == null || resources.isEmpty()) throw new IllegalStateException(stack.getStackName() + ": the example synthesized nothing");',
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
  write('install/python/app.py', installApp(readme, 'python'));
  write('install/java/ContactCenterApp.java', installApp(readme, 'java'));
  write('install/go/main.go', installApp(readme, 'go'));
  // The same module graph as example/go (go.mod's replace of the library made absolute), so go.sum holds.
  const goMod = fs.readFileSync('example/go/go.mod', 'utf-8')
    .replace(/^module .*$/m, 'module example.com/readme-install')
    .replace(/=> \.\.\/\.\.\/dist\//g, `=> ${path.resolve('dist')}/`);
  write('install/go/go.mod', goMod);
  write('install/go/go.sum', fs.readFileSync('example/go/go.sum', 'utf-8'));

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

import * as fs from 'fs';
import * as path from 'path';
import { goSections, handWrittenPython, installApp, javaProgram, pythonProgram, readmeExamples, sectionsWithExamples } from './readme-examples';

const README = [
  '# Title',
  '## Install',
  '```python',
  'app = App()',
  '```',
  '## Constructs',
  '```ts nofixture',
  "import * as ccr from 'cdk-contact-center-resources';",
  '```',
  '## VoiceConnectorProxy',
  '```ts',
  "new ccr.VoiceConnectorProxy(this, 'Proxy', { voiceConnectorId: 'vc', defaultSessionExpiry: Duration.hours(1), phoneNumberPoolCountries: ['US'] });",
  '```',
  '```python',
  'ccr.VoiceConnectorProxy(self, "Proxy", voice_connector_id="vc", default_session_expiry=Duration.hours(1), phone_number_pool_countries=["US"])',
  '```',
  '',
].join('\n');

/** A tablet as `jsii-rosetta extract` writes it, with a line number that is out of date on purpose. */
const snippet = (typescript: string, python: string, java: string) => ({
  location: { api: { api: 'moduleReadme', moduleFqn: 'cdk-contact-center-resources' }, field: { field: 'markdown', line: 999 } },
  translations: { $: { source: typescript }, python: { source: python }, java: { source: java }, go: { source: '' } },
});
const tablet = {
  snippets: {
    b: snippet("new ccr.VoiceConnectorProxy(this, 'Proxy', { voiceConnectorId: 'vc', defaultSessionExpiry: Duration.hours(1), phoneNumberPoolCountries: ['US'] });",
      'ccr.VoiceConnectorProxy(self, "Proxy", voice_connector_id="vc")', 'VoiceConnectorProxy.Builder.create(this, "Proxy").build();'),
    a: snippet("import * as ccr from 'cdk-contact-center-resources';", 'import cdk_contact_center_resources as ccr', 'import io.github.cdkcontactcenterresources.*;'),
  },
};

test('the examples come in README order, with the README\'s line numbers, not the tablet\'s', () => {
  expect(readmeExamples(tablet, README).map((e) => e.line)).toEqual([8, 12]);
});

test('a tablet of another README is an error that says what to run', () => {
  expect(() => readmeExamples(tablet, README.replace("voiceConnectorId: 'vc'", "voiceConnectorId: 'other'")))
    .toThrow("an example of the tablet is not in the README: run 'jsii' and 'jsii-rosetta extract --compile' again");
  expect(() => readmeExamples(tablet, `${README}\`\`\`ts\nnew Stack();\n\`\`\`\n`)).toThrow('the tablet holds 2 README examples, the README 3');
});

test('the Python program imports what the import example imports, and runs every example in a stack of its own', () => {
  const program = pythonProgram(readmeExamples(tablet, README), handWrittenPython(README));
  expect(program).toContain('\nimport cdk_contact_center_resources as ccr\n');
  expect(program).toContain('class Translated12(Stack):');
  expect(program).toContain('        ccr.VoiceConnectorProxy(self, "Proxy", voice_connector_id="vc")\n');
  expect(program).toContain('class HandWritten1(Stack):');
  expect(program).toContain('        ccr.VoiceConnectorProxy(self, "Proxy", voice_connector_id="vc", default_session_expiry=Duration.hours(1)');
  expect(program).toContain('Translated12(app, "Translated12")\nHandWritten1(app, "HandWritten1")\n');
  expect(program).not.toContain('class Translated8');
});

test('the Java program puts the import example above the class, and every other example in a stack class', () => {
  const program = javaProgram(readmeExamples(tablet, README));
  expect(program.indexOf('import io.github.cdkcontactcenterresources.*;')).toBeLessThan(program.indexOf('public final class ReadmeExamples'));
  expect(program).toContain('static final class Translated12 extends Stack {');
  expect(program).toContain('            VoiceConnectorProxy.Builder.create(this, "Proxy").build();\n');
  expect(program).toContain('new Translated12(app, "Translated12");');
});

test('the minimal app is the Install section\'s block, and not a hand-written example', () => {
  expect(installApp(README, 'python')).toBe('app = App()\n');
  expect(handWrittenPython(README)).toEqual([expect.stringContaining('ccr.VoiceConnectorProxy(self')]);
  expect(() => installApp(README, 'go')).toThrow("the README's Install section must hold one go app, it holds 0");
});

test('sections with examples leave out the one that only imports', () => {
  expect(sectionsWithExamples(README)).toEqual(['VoiceConnectorProxy']);
});

test('example/go/readme/main.go has a Go version of every README section with an example, and no other', () => {
  const root = path.join(__dirname, '..', '..');
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf-8');
  const go = fs.readFileSync(path.join(root, 'example', 'go', 'readme', 'main.go'), 'utf-8');
  expect(goSections(go)).toEqual(sectionsWithExamples(readme));
  expect(goSections(go).length).toBeGreaterThanOrEqual(4);
  for (const language of ['python', 'java', 'go']) expect(installApp(readme, language)).toContain('VoiceConnectorProxy');
});

// Writes docs/README.python.md: the README with every TypeScript example rendered in Python by jsii-rosetta
// (from .jsii.python, which `jsii-rosetta transliterate --language python` writes).
const fs = require('fs');
const assembly = JSON.parse(fs.readFileSync('.jsii.python', 'utf-8'));
const note = '<!-- Generated from README.md by jsii-rosetta (npx projen docs:python). Do not edit. -->\n\n';
fs.mkdirSync('docs', { recursive: true });
fs.writeFileSync('docs/README.python.md', note + assembly.readme.markdown);
fs.rmSync('.jsii.python');
console.log('wrote docs/README.python.md');

#!/usr/bin/env node
/**
 * Counts the code lines of each construct kind's own files (its construct, its declaration and rules, its
 * handler): lines that are neither blank nor only a comment. `node build-tools/code-lines.js`.
 */
const fs = require('fs');
const path = require('path');

function codeLines(file) {
  let inBlock = false;
  let n = 0;
  for (let line of fs.readFileSync(file, 'utf8').split('\n')) {
    line = line.trim();
    if (inBlock) {
      if (!line.includes('*/')) continue;
      inBlock = false;
      line = line.slice(line.indexOf('*/') + 2).trim();
    }
    if (line.startsWith('/*')) {
      if (!line.includes('*/')) { inBlock = true; continue; }
      line = line.slice(line.indexOf('*/') + 2).trim();
    }
    if (line !== '' && !line.startsWith('//')) n++;
  }
  return n;
}

const root = path.join(__dirname, '..');
const kinds = fs.readdirSync(path.join(root, 'lambda')).filter((d) => d !== 'core' && fs.existsSync(path.join(root, 'lambda', d, 'index.ts')));
console.log('| kind | construct | declaration and rules | handler | total |');
console.log('|---|---|---|---|---|');
for (const kind of kinds.sort()) {
  const files = [`src/${kind}.ts`, `src/private/rules/${kind}.ts`, `lambda/${kind}/index.ts`].map((f) => path.join(root, f));
  const counts = files.map((f) => (fs.existsSync(f) ? codeLines(f) : 0));
  console.log(`| ${kind} | ${counts.join(' | ')} | ${counts.reduce((a, b) => a + b, 0)} |`);
}

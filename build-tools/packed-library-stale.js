// Exits 0 (stale) when dist/js holds no packed library, or one older than a source, handler asset or the jsii
// manifest: test:nag3 then packs the library again before testing it. Exits 1 when the tarball is current.
const fs = require('fs');
const path = require('path');

const dir = 'dist/js';
const tarball = fs.existsSync(dir) && fs.readdirSync(dir).find((f) => f.endsWith('.tgz'));
if (!tarball) process.exit(0);
const packedAt = fs.statSync(path.join(dir, tarball)).mtimeMs;
const newer = (p) => {
  if (!fs.existsSync(p)) return false;
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs > packedAt;
  return fs.readdirSync(p).some((f) => newer(path.join(p, f)));
};
process.exit(['src', 'assets', 'package.json'].some(newer) ? 0 : 1);

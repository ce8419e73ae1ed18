// Copies the non-TypeScript files the compiled tree needs (Node-RED editor .html, node
// package.json, icons, static pages) from the source folders into dist/.
// Usage: node scripts/copy-assets.js [--out <dir>] [folder...]   (defaults: dist/, every folder)
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const outAt = args.indexOf('--out');
const outRoot = outAt >= 0 ? path.resolve(args[outAt + 1]) : path.join(root, 'dist');
const named = args.filter((_arg, i) => outAt < 0 || (i !== outAt && i !== outAt + 1));
const folders = named.length > 0 ? named : ['nodes', 'runtime', 'editor', 'store-app', 'box'];
const copyable = /\.(html|css|svg|png|ico|md|json|yaml|js)$/;
const skipped = new Set(['node_modules', 'dist']);

function walk(rel) {
  const abs = path.join(root, rel);
  if (!fs.existsSync(abs)) return;
  for (const entry of fs.readdirSync(abs, { withFileTypes: true })) {
    if (skipped.has(entry.name)) continue;
    const childRel = path.join(rel, entry.name);
    if (entry.isDirectory()) walk(childRel);
    else if (copyable.test(entry.name) && !entry.name.endsWith('.d.ts')) {
      const target = path.join(outRoot, childRel);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.copyFileSync(path.join(root, childRel), target);
    }
  }
}
for (const folder of folders) walk(folder);

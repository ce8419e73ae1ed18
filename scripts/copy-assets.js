// Copies the non-TypeScript files the compiled tree needs (Node-RED editor .html, node
// package.json, icons, static pages) from the source folders into dist/.
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const folders = ['nodes', 'runtime', 'editor', 'store-app', 'box'];
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
      const target = path.join(root, 'dist', childRel);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.copyFileSync(path.join(root, childRel), target);
    }
  }
}
for (const folder of folders) walk(folder);

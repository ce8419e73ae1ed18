// Copies the non-TypeScript files the compiled tree needs (Node-RED editor .html, node
// package.json, icons, static pages) from the source folders into dist/. A Databox node's
// editor .html is rendered on the way (nodes/editor/editor-html.render.ts): its palette fields
// and defaults come from the node's compiled description, never copied by hand.
// Usage: node scripts/copy-assets.js [--out <dir>] [folder...]   (defaults: dist/, every folder)
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const outAt = args.indexOf('--out');
const outRoot = outAt >= 0 ? path.resolve(args[outAt + 1]) : path.join(root, 'dist');
const named = args.filter((_arg, i) => outAt < 0 || (i !== outAt && i !== outAt + 1));
const folders = named.length > 0 ? named : ['nodes', 'runtime', 'editor', 'store-app', 'box', 'collector'];
const copyable = /\.(html|css|svg|png|ico|md|json|yaml|js)$/;
const skipped = new Set(['node_modules', 'dist']);

/** Renders a node's editor .html with its description, from the compiled tree (tsc runs first). */
function renderNodeHtml(source, type) {
  const { renderEditorHtml } = require(path.join(outRoot, 'nodes', 'editor', 'editor-html.render.js'));
  const { findNodeDescription } = require(path.join(outRoot, 'nodes', 'descriptions.js'));
  const description = findNodeDescription(type);
  if (!description) throw new Error(`copy-assets: no description for ${type} (nodes/descriptions.ts)`);
  return renderEditorHtml(source, description);
}

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
      const editorHtml = /^nodes\/.*\/(databox-[a-z-]+)\.html$/.exec(childRel.split(path.sep).join('/'));
      if (editorHtml) fs.writeFileSync(target, renderNodeHtml(fs.readFileSync(path.join(root, childRel), 'utf8'), editorHtml[1]));
      else fs.copyFileSync(path.join(root, childRel), target);
    }
  }
}
for (const folder of folders) walk(folder);
// A whole build leaves a stamp: `npm start` builds again only when a source is newer.
if (named.length === 0 && outAt < 0) fs.writeFileSync(path.join(outRoot, '.built'), `${new Date().toISOString()}\n`);

// Each node's editor .html as the build renders it (nodes/editor/editor-html.render.ts) against
// its static description, the single source of defaults: the registerType call is run in a
// sandbox with a stub RED and compared field by field; the hand-written file holds none of them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { DATASOURCE_TYPES } from '../core/catalogue/catalogue';
import { findNodeDescription, NODE_DESCRIPTIONS } from './descriptions';
import { renderEditorHtml } from './editor/editor-html.render';

interface Registered { type: string; def: Record<string, unknown> }

const NODE_FILES: Record<string, string> = JSON.parse(readFileSync(path.join(__dirname, 'package.json'), 'utf8'))['node-red'].nodes;

function sourceOf(type: string): string {
  return readFileSync(path.join(__dirname, (NODE_FILES[type] ?? '').replace(/\.js$/, '.html')), 'utf8');
}

/** The .html as Node-RED gets it. */
function htmlOf(type: string): string {
  return renderEditorHtml(sourceOf(type), findNodeDescription(type) ?? assert.fail(type));
}

function register(html: string): Registered[] {
  const registered: Registered[] = [];
  const scripts = [...html.matchAll(/<script type="text\/javascript">([\s\S]*?)<\/script>/g)].map((m) => m[1]);
  const RED = { nodes: { registerType: (type: string, def: Record<string, unknown>) => registered.push({ type, def }) }, validators: {} };
  for (const script of scripts) vm.runInNewContext(script, { RED, $: () => ({}) });
  return registered;
}

for (const description of NODE_DESCRIPTIONS) {
  test(`${description.type}: the .html registers the type with the description's defaults and ports`, () => {
    const html = htmlOf(description.type);
    const registered = register(html);
    assert.equal(registered.length, 1);
    const [{ type, def }] = registered;
    assert.equal(type, description.type);
    for (const key of ['category', 'color', 'paletteLabel', 'icon', 'inputs', 'outputs'] as const) {
      assert.equal(def[key], description[key], `${key} differs`);
    }
    const defaults = def.defaults as Record<string, { value: unknown; required?: boolean }>;
    assert.deepEqual(Object.keys(defaults).sort(), Object.keys(description.defaults).sort());
    for (const [key, expected] of Object.entries(description.defaults)) {
      assert.deepEqual(defaults[key].value, expected.value, `default ${key}`);
      assert.equal(defaults[key].required ?? false, expected.required ?? false, `required ${key}`);
      assert.match(html, new RegExp(`id="node-input-${key}"`), `an edit field for ${key}`);
    }
  });

  test(`${description.type}: the hand-written .html copies no defaults; the built one in dist/ is the rendered one`, () => {
    const source = sourceOf(description.type);
    assert.doesNotMatch(source, /defaults:|paletteLabel:|category:/);
    assert.doesNotMatch(source, /<option value="(loadavg1|set-light-on)">/);
    const built = path.join(__dirname, '..', 'dist', 'nodes', (NODE_FILES[description.type] ?? '').replace(/\.js$/, '.html'));
    assert.equal(readFileSync(built, 'utf8'), htmlOf(description.type), 'npm run build renders it (run the build first)');
  });

  test(`${description.type}: has an edit form, Node-RED help text and its icon`, () => {
    const html = htmlOf(description.type);
    assert.match(html, new RegExp(`<script type="text/html" data-template-name="${description.type}">`));
    const help = new RegExp(`<script type="text/html" data-help-name="${description.type}">([\\s\\S]*?)</script>`).exec(html);
    assert.ok(help, 'help script');
    assert.match(help[1], /<p>.+<\/p>/);
    assert.match(help[1], /<h3>(Inputs|Outputs|Details)<\/h3>/);
    const svg = readFileSync(path.join(__dirname, 'icons', description.icon), 'utf8');
    assert.match(svg, /^<svg [^>]*viewBox="0 0 40 60"/);
  });
}

test('the datasource and actuator type pickers list every catalogue type of their kind', () => {
  const datasource = htmlOf('databox-datasource');
  const actuator = htmlOf('databox-actuator');
  for (const type of DATASOURCE_TYPES) {
    const [has, hasNot] = type.actuator ? [actuator, datasource] : [datasource, actuator];
    assert.ok(has.includes(`<option value="${type.id}">`), `${type.id} offered`);
    assert.ok(!hasNot.includes(`<option value="${type.id}">`), `${type.id} not offered on the wrong node`);
  }
});

test('package.json lists every described node, at the compiled .js beside its .html', () => {
  const pkg = JSON.parse(readFileSync(path.join(__dirname, 'package.json'), 'utf8'));
  assert.equal(pkg.name, 'node-red-contrib-databox');
  assert.ok(pkg.keywords.includes('node-red'));
  assert.equal(pkg['node-red'].version, '>=4.0.0');
  const nodes = pkg['node-red'].nodes as Record<string, string>;
  assert.deepEqual(Object.keys(nodes).sort(), NODE_DESCRIPTIONS.map((d) => d.type).sort());
  for (const [type, file] of Object.entries(nodes)) {
    assert.match(file, new RegExp(`^[a-z-]+/${type}\\.js$`));
    readFileSync(path.join(__dirname, file.replace(/\.js$/, '.ts')));
    readFileSync(path.join(__dirname, file.replace(/\.js$/, '.html')));
  }
});

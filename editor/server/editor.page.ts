/**
 * Node-RED's editor page (`GET /workspace/`), rendered by the studio itself from Node-RED's own
 * template and theme code with the developer's theme (`editorTheme`, the one their workspace
 * has): the studio answers it at once, even before the workspace has started, so Chromium
 * loads the editor's files (which the studio serves too) while the workspace starts. Nothing a
 * workspace serves is reused for it: one developer's workspace never shapes another's page.
 *
 * The only difference from the page a workspace renders is `?v=` on the editor's files (Node-RED
 * hashes its instance id there; the studio hashes its Node-RED version, one for every developer).
 *
 * @example
 * res.type('html').send(editorPage('octocat'));
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { editorTheme } from '../workspace/workspace.settings';

interface NodeRedTheme {
  init(settings: object, runtimeApi: object): void;
  app(): unknown;
  context(): Promise<Record<string, unknown>>;
}
interface MustacheLib { render(template: string, view: object): string }

// Node-RED's own modules, as the workspace's node-red resolves them.
const fromNodeRed = createRequire(require.resolve('node-red/package.json'));
const fromEditorApi = createRequire(fromNodeRed.resolve('@node-red/editor-api/package.json'));
const theme = fromEditorApi('./lib/editor/theme') as NodeRedTheme;
const mustache = fromEditorApi('mustache') as MustacheLib;
const template = fs.readFileSync(path.join(path.dirname(fromEditorApi.resolve('@node-red/editor-client')), 'templates', 'index.mst'), 'utf8');
const version = (fromNodeRed('node-red/package.json') as { version: string }).version;
const cacheBuster = createHash('sha1').update(`${version}-databox-studio`).digest('hex').slice(0, 12);

/** Pages by title (a developer's login): a few KB each, one per developer who opened an editor. */
const rendered = new Map<string, string>();

/** The editor page for the developer `login`, as Node-RED would render it in their workspace. */
export function editorPage(login: string): Promise<string> {
  const kept = rendered.get(login);
  if (kept !== undefined) return Promise.resolve(kept);
  // Node-RED's theme module holds one theme at a time: one page is rendered after the other.
  const page = queue.then(() => render(login));
  queue = page.catch(() => '');
  return page;
}

let queue: Promise<unknown> = Promise.resolve();

async function render(login: string): Promise<string> {
  const kept = rendered.get(login);
  if (kept !== undefined) return kept;
  theme.init({ editorTheme: editorTheme(login) }, {});
  theme.app();
  const page = mustache.render(template, { cacheBuster, ...await theme.context() });
  if (rendered.size >= 10_000) rendered.clear();
  rendered.set(login, page);
  return page;
}
